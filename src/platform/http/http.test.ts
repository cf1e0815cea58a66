import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.tsx";
import { createTestApp, TestClient, testConfig } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { createLogger } from "../log/logger.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind });
});
afterAll(() => database.close());

describe("HTTP shell", () => {
  it("answers /healthz after checking the database", async () => {
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: database.kind });
  });

  it("sends security headers with a CSP that allows no inline script, and a request id", async () => {
    const response = await app.request("/");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the home page in French with the four things a resident can do", async () => {
    const html = await (await app.request("/")).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Hauts-de-Seine");
    for (const link of ["/trouver-de-l-aide", "/mes-droits", "/rendez-vous", "/mon-espace"]) {
      expect(html).toContain(`href="${link}"`);
    }
    expect(html).not.toMatch(/<script>[^<]/);
  });

  it("serves the accessibility statement and the legal notice", async () => {
    expect(await (await app.request("/accessibilite")).text()).toContain("État de conformité");
    expect(await (await app.request("/mentions-legales")).text()).toContain("Mentions légales");
  });

  it("answers an unknown route with a French 404 page", async () => {
    const response = await app.request("/cette-page-n-existe-pas");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page introuvable");
  });

  it("answers JSON errors under /api/", async () => {
    const response = await app.request("/api/v1/inconnu");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("sets a CSRF cookie with a page, none with a public API answer", async () => {
    const page = await app.request("/");
    expect(page.headers.get("set-cookie")).toMatch(/^relais_csrf=/);
    const api = await app.request("/api/v1/services?q=manger&commune=Nanterre");
    expect(api.status).toBe(200);
    expect(api.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an oversized body with 413 and a French message", async () => {
    const client = new TestClient(app);
    const response = await client.post(
      "/connexion",
      { email: "a@b.fr", password: "x".repeat(2 * 1024 * 1024) },
      { tokenFrom: "/connexion" },
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("trop volumineux");
  });

  it("sends a signed-out visitor of the pro space to the login page", async () => {
    const response = await app.request("/pro");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/connexion?retour=%2Fpro");
  });

  it("forbids the outbox page to a non-admin with a French 403 page", async () => {
    const { makeUser } = await import("../../test/factories.ts");
    const user = await makeUser(database.db, { role: "agent_accueil" });
    const client = new TestClient(app);
    await client.login(user.email, user.password);
    const response = await client.get("/admin/courriels");
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Accès refusé");
  });
});

describe("unexpected errors", () => {
  it("show a French 500 page with a reference, log the stack, and never show it to the user", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", {}, (line) => lines.push(line));
    const failing = createApp({
      db: database.db,
      databaseKind: database.kind,
      config: testConfig(),
      logger,
      territoryName: "Hauts-de-Seine",
      now: () => new Date(),
    });
    const broken = new Hono();
    broken.get("/panne", () => {
      throw new Error("secret interne");
    });
    failing.route("/", broken as never);
    const response = await failing.request("/panne");
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain("Une erreur est survenue");
    expect(html).not.toContain("secret interne");
    const logged = lines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.message === "unhandled error");
    expect(logged).toMatchObject({ error: "secret interne", path: "/panne" });
    expect(html).toContain(logged.requestId);
  });
});
