import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { NOW } from "../../test/fixtures.ts";
import { SESSION_COOKIE } from "./routes.tsx";

let database: TestDatabase;
let clock = NOW;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
});
afterAll(() => database.close());

async function countSessions() {
  const row = await database.db
    .selectFrom("user_session")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe("login", () => {
  it("opens a session, shows the pro space, and rotates the session id at each login", async () => {
    const user = await makeUser(database.db, { role: "travailleur_social" });
    const client = new TestClient(app);
    const response = await client.login(user.email, user.password);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/pro");
    const firstToken = client.cookie(SESSION_COOKIE);
    expect(firstToken).toBeDefined();
    expect(response.headers.getSetCookie().join()).toMatch(/HttpOnly/);

    const pro = await client.get("/pro");
    expect(pro.status).toBe(200);
    expect(await pro.text()).toContain("Travailleur social");

    await client.login(user.email, user.password);
    const secondToken = client.cookie(SESSION_COOKIE);
    expect(secondToken).not.toBe(firstToken);
    // The first session is gone: an old cookie cannot be replayed.
    const replay = new TestClient(app);
    await replay.get("/");
    (replay as unknown as { cookies: Map<string, string> }).cookies.set(
      SESSION_COOKIE,
      firstToken ?? "",
    );
    const replayed = await replay.get("/pro");
    expect(replayed.status).toBe(302);
    expect(replayed.headers.get("location")).toBe("/connexion?retour=%2Fpro");
  });

  it("shows a French error for a wrong password, writes the failure to the audit trail and opens no session", async () => {
    const user = await makeUser(database.db);
    const before = await countSessions();
    const client = new TestClient(app);
    const response = await client.login(user.email, "pas-le-bon-mot-de-passe");
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Adresse électronique ou mot de passe incorrect");
    expect(await countSessions()).toBe(before);
    const failures = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("subject_id", "=", user.userId)
      .execute();
    expect(failures.map((event) => event.action)).toEqual(["session.login_failed"]);
  });

  it("gives the same answer for an unknown address", async () => {
    const response = await new TestClient(app).login("personne@exemple.fr", "un-mot-de-passe");
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Adresse électronique ou mot de passe incorrect");
  });

  it("re-renders the form with field errors and the typed address when fields are missing", async () => {
    const client = new TestClient(app);
    const response = await client.post(
      "/connexion",
      { email: "quelquun@exemple.fr", password: "" },
      { tokenFrom: "/connexion" },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Indiquez votre mot de passe");
    expect(html).toContain('value="quelquun@exemple.fr"');
    expect(html).toContain('aria-invalid="true"');
  });

  it("limits attempts on one account with a French message, even with the right password", async () => {
    const user = await makeUser(database.db);
    const client = new TestClient(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await client.login(user.email, "mauvais-mot-de-passe")).status).toBe(401);
    }
    const limited = await client.login(user.email, user.password);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.text()).toContain("Trop de tentatives de connexion");
  });

  it("counts only failures: an office behind one address signs in 40 times in a quarter of an hour", async () => {
    // Every in-process request comes from the same address, as an office behind one NAT.
    for (let person = 0; person < 40; person++) {
      const user = await makeUser(database.db);
      expect((await new TestClient(app).login(user.email, user.password)).status).toBe(303);
    }
  });

  it("never locks an account for good: once the window has passed, the right password works", async () => {
    const user = await makeUser(database.db);
    const client = new TestClient(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await client.login(user.email, "mauvais-mot-de-passe")).status).toBe(401);
    }
    expect((await client.login(user.email, user.password)).status).toBe(429);
    const before = clock;
    clock = new Date(clock.getTime() + 15 * 60_000);
    try {
      expect((await client.login(user.email, user.password)).status).toBe(303);
    } finally {
      clock = before;
    }
  });

  it("stops an address that fails on many accounts after 100 failures, and only that address", async () => {
    const attempt = async (address: string, email: string, password: string) => {
      const page = await app.request("/connexion");
      const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
      return app.request("/connexion", {
        method: "POST",
        headers: {
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": address,
        },
        body: new URLSearchParams({ _csrf: token, email, password }).toString(),
      });
    };
    for (let index = 0; index < 100; index++) {
      const answer = await attempt("203.0.113.66", `inconnu${index}@exemple.fr`, "au-hasard-123");
      expect(answer.status).toBe(401);
    }
    const user = await makeUser(database.db);
    expect((await attempt("203.0.113.66", user.email, user.password)).status).toBe(429);
    expect((await attempt("203.0.113.67", user.email, user.password)).status).toBe(303);
  });

  it("never redirects to another site after login", async () => {
    const user = await makeUser(database.db);
    const client = new TestClient(app);
    const response = await client.post(
      "/connexion",
      { email: user.email, password: user.password, retour: "//evil.example/" },
      { tokenFrom: "/connexion" },
    );
    expect(response.headers.get("location")).toBe("/pro");
  });
});

describe("sessions", () => {
  it("expires a session left idle for longer than the idle limit", async () => {
    const user = await makeUser(database.db);
    const client = new TestClient(app);
    await client.login(user.email, user.password);
    expect((await client.get("/pro")).status).toBe(200);
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect((await client.get("/pro")).status).toBe(302);
  });

  it("expires a session past its absolute limit even when it is used", async () => {
    const user = await makeUser(database.db);
    const client = new TestClient(app);
    await client.login(user.email, user.password);
    for (let hour = 0; hour < 12 * 4; hour++) {
      clock = new Date(clock.getTime() + 15 * 60_000);
      const response = await client.get("/pro");
      if (hour < 12 * 4 - 1) expect(response.status).toBe(200);
      else expect(response.status).toBe(302);
    }
  });

  it("logs out: the session is destroyed", async () => {
    const user = await makeUser(database.db);
    const client = new TestClient(app);
    await client.login(user.email, user.password);
    const response = await client.post("/deconnexion", {}, { tokenFrom: "/pro" });
    expect(response.status).toBe(303);
    expect((await client.get("/pro")).status).toBe(302);
  });
});

describe("CSRF", () => {
  it("refuses a form without its token, with a French page, and writes nothing", async () => {
    const user = await makeUser(database.db);
    const before = await countSessions();
    const client = new TestClient(app);
    const response = await client.post(
      "/connexion",
      { email: user.email, password: user.password },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Ce formulaire a expiré");
    expect(await countSessions()).toBe(before);
  });

  it("refuses a token made for another browser", async () => {
    const user = await makeUser(database.db);
    const other = new TestClient(app);
    await other.get("/connexion");
    const stolenToken = other.csrfToken();
    const client = new TestClient(app);
    await client.get("/connexion");
    const response = await client.post(
      "/connexion",
      { email: user.email, password: user.password, _csrf: stolenToken },
      { csrf: false },
    );
    expect(response.status).toBe(403);
  });

  it("refuses a form posted from another origin", async () => {
    const client = new TestClient(app);
    await client.get("/connexion");
    const response = await app.request("/connexion", {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
        cookie: `relais_csrf=${client.cookie("relais_csrf")}`,
      },
      body: new URLSearchParams({
        _csrf: client.csrfToken(),
        email: "a@b.fr",
        password: "x",
      }).toString(),
    });
    expect(response.status).toBe(403);
  });
});
