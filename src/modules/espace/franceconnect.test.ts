// FranceConnect for residents, against a real OpenID provider on loopback
// (oidc-provider, src/test/openid-provider.ts) with its own client: the space
// found by the subject or created, the verified identity, the logout at the
// provider, and the answers that must be refused.
import { sql } from "kysely";
import type { CustomFetch } from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOidcClient } from "../../platform/auth/oidc.ts";
import { createTestApp, TestClient, testConfig } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import {
  followProvider,
  startTestOpenIdProvider,
  type TestOpenIdProvider,
} from "../../test/openid-provider.ts";
import { franceConnectProvider } from "./franceconnect.ts";
import { RESIDENT_COOKIE } from "./session.ts";
import { signInResident } from "./test-helpers.ts";

const RELAIS = "http://localhost:3000";
const FLOW_COOKIE = "relais_oidc_franceconnect";
const clock = new Date("2026-04-01T08:00:00Z");

const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

let database: TestDatabase;
let provider: TestOpenIdProvider;
let config: Record<string, string>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  provider = await startTestOpenIdProvider({
    clientId: "relais-franceconnect-test",
    redirectUri: `${RELAIS}/mon-espace/franceconnect/retour`,
    postLogoutRedirectUri: `${RELAIS}/mon-espace/franceconnect/deconnecte`,
    accounts: {
      "fc-awa": {
        given_name: "Awa Fatou",
        family_name: "Diallo",
        birthdate: "1984-03-12",
        email: "awa.diallo@exemple.fr",
        email_verified: true,
      },
      "fc-paul": {
        given_name: "Paul",
        family_name: "Martin",
        birthdate: "1990-07-01",
        email: "famille.martin@exemple.fr",
        email_verified: true,
      },
    },
  });
  config = {
    RELAIS_FRANCECONNECT_ISSUER: provider.issuer,
    RELAIS_FRANCECONNECT_CLIENT_ID: provider.clientId,
    RELAIS_FRANCECONNECT_CLIENT_SECRET: provider.clientSecret,
  };
  app = createTestApp(database.db, { kind: database.kind, now: () => clock, config });
});
afterAll(async () => {
  await provider?.close();
  await database?.close();
});
beforeEach(async () => {
  await database.db.deleteFrom("rate_limit").execute();
});

async function start(browser: TestClient, retour = "/mon-espace"): Promise<URL> {
  const response = await browser.get(
    `/mon-espace/franceconnect?retour=${encodeURIComponent(retour)}`,
  );
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "");
}

async function atProvider(authorization: URL, subject: string, jar?: Map<string, string>) {
  provider.signInAs(subject);
  const callback = await followProvider(authorization.href, RELAIS, jar);
  return callback.slice(RELAIS.length);
}

async function auditEvents(action: string) {
  return database.db
    .selectFrom("audit_event")
    .select(["action", "subject_id", "person_id", "details"])
    .where("action", "=", action)
    .orderBy("seq")
    .execute();
}

async function spaceOfSubject(subject: string) {
  return database.db
    .selectFrom("espace_identifier")
    .innerJoin("espace", "espace.id", "espace_identifier.espace_id")
    .select([
      "espace.id",
      "espace.verified_given_name",
      "espace.verified_family_name",
      sql<string>`espace.verified_birthdate::text`.as("verified_birthdate"),
      "espace.identity_verified_at",
    ])
    .where("espace_identifier.kind", "=", "franceconnect")
    .where("espace_identifier.value", "=", subject)
    .executeTakeFirst();
}

describe("FranceConnect sign-in for residents", () => {
  it("shows « S'identifier avec FranceConnect » only when it is configured", async () => {
    const browser = new TestClient(app);
    await browser.get("/mon-espace/connexion");
    expect(readable(browser.lastHtml)).toContain("S'identifier avec");
    expect(browser.lastHtml).toContain('href="/mon-espace/franceconnect?retour=%2Fmon-espace"');
    const without = new TestClient(
      createTestApp(database.db, { kind: database.kind, now: () => clock }),
    );
    await without.get("/mon-espace/connexion");
    expect(without.lastHtml).not.toContain("FranceConnect");
    expect((await without.get("/mon-espace/franceconnect")).status).toBe(404);
  });

  it("asks the FranceConnect scopes with PKCE, state and nonce, creates the space by the subject and shows the identity as verified", async () => {
    const browser = new TestClient(app);
    const authorization = await start(browser);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get("scope")).toBe(
      "openid given_name family_name birthdate email",
    );
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorization.searchParams.get("state")?.length).toBeGreaterThan(20);
    expect(authorization.searchParams.get("nonce")?.length).toBeGreaterThan(20);
    expect(browser.cookie(FLOW_COOKIE)).toBeDefined();

    const signedIn = await browser.get(await atProvider(authorization, "fc-awa"));
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/mon-espace?bienvenue=1");
    expect(browser.cookie(FLOW_COOKIE)).toBeUndefined();
    expect(browser.cookie(RESIDENT_COOKIE)).toBeDefined();

    const space = await spaceOfSubject("fc-awa");
    expect(space).toMatchObject({
      verified_given_name: "Awa Fatou",
      verified_family_name: "Diallo",
      verified_birthdate: "1984-03-12",
    });
    expect(space?.identity_verified_at?.toISOString()).toBe(clock.toISOString());
    const session = await database.db
      .selectFrom("espace_session")
      .select(["method", "id_token", "reverified_at"])
      .where("espace_id", "=", space?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(session.method).toBe("franceconnect");
    expect(session.id_token).toMatch(/^ey/);

    const home = await browser.get("/mon-espace");
    expect(home.status).toBe(200);
    const html = readable(browser.lastHtml);
    expect(html).toContain("Awa Fatou Diallo");
    expect(html).toContain("12 mars 1984");
    expect(html).toContain("Vérifié par FranceConnect");
    expect(html).toContain("Connecté avec FranceConnect");

    const [event] = (await auditEvents("espace.franceconnect.signedIn")).slice(-1);
    expect(event).toMatchObject({ person_id: space?.id, subject_id: space?.id });
    expect(event?.details).toMatchObject({ by: "resident", created: true });
  });

  it("finds the same space by the subject next time", async () => {
    const before = await spaceOfSubject("fc-awa");
    const browser = new TestClient(app);
    const signedIn = await browser.get(await atProvider(await start(browser), "fc-awa"));
    expect(signedIn.headers.get("location")).toBe("/mon-espace");
    expect((await spaceOfSubject("fc-awa"))?.id).toBe(before?.id);
    const [event] = (await auditEvents("espace.franceconnect.signedIn")).slice(-1);
    expect(event?.details).toMatchObject({ created: false });
    // No contact to send a code to: a fresh proof goes through FranceConnect again.
    await browser.get("/mon-espace/verifier?retour=/mon-espace/mes-donnees");
    expect(browser.lastHtml).toContain(
      'href="/mon-espace/franceconnect?retour=%2Fmon-espace%2Fmes-donnees"',
    );
    expect(browser.lastHtml).not.toContain("Recevoir un code");
  });

  it("never joins a space by the e-mail FranceConnect gives, even verified and equal", async () => {
    const byCode = new TestClient(app);
    await signInResident(
      byCode,
      database.db,
      "famille.martin@exemple.fr",
      "famille.martin@exemple.fr",
    );
    const emailSpace = await database.db
      .selectFrom("espace_identifier")
      .select("espace_id")
      .where("kind", "=", "email")
      .where("value", "=", "famille.martin@exemple.fr")
      .executeTakeFirstOrThrow();

    const browser = new TestClient(app);
    await browser.get(await atProvider(await start(browser), "fc-paul"));
    const fcSpace = await spaceOfSubject("fc-paul");
    expect(fcSpace?.id).toBeDefined();
    expect(fcSpace?.id).not.toBe(emailSpace.espace_id);
    const identifiersOfEmailSpace = await database.db
      .selectFrom("espace_identifier")
      .select("kind")
      .where("espace_id", "=", emailSpace.espace_id)
      .execute();
    expect(identifiersOfEmailSpace.map((row) => row.kind)).toEqual(["email"]);
  });

  it("ends the FranceConnect session at logout (id_token_hint, post_logout_redirect_uri)", async () => {
    const browser = new TestClient(app);
    await browser.get(await atProvider(await start(browser), "fc-awa"));
    const page = await browser.get("/mon-espace");
    expect(page.headers.get("content-security-policy")).toContain(provider.issuer);
    const logout = await browser.post("/mon-espace/deconnexion", {}, { tokenFrom: "/mon-espace" });
    expect(logout.status).toBe(303);
    const endSession = new URL(logout.headers.get("location") ?? "");
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(
      `${RELAIS}/mon-espace/franceconnect/deconnecte`,
    );
    expect(browser.cookie(RESIDENT_COOKIE)).toBeUndefined();
    const back = await browser.get("/mon-espace/franceconnect/deconnecte");
    expect(back.headers.get("location")).toBe("/mon-espace?deconnecte=1");
  });

  it("a code session still logs out locally only", async () => {
    const browser = new TestClient(app);
    await signInResident(
      browser,
      database.db,
      "autre.personne@exemple.fr",
      "autre.personne@exemple.fr",
    );
    const logout = await browser.post("/mon-espace/deconnexion", {}, { tokenFrom: "/mon-espace" });
    expect(logout.headers.get("location")).toBe("/mon-espace?deconnecte=1");
  });
});

describe("FranceConnect answers that are refused", () => {
  it("refuses an ID token whose signature was altered (400, no session, audited)", async () => {
    const tamperingFetch: CustomFetch = async (input, init) => {
      const response = await fetch(input, init as RequestInit);
      if (!String(input).endsWith("/token")) return response;
      const body = (await response.json()) as { id_token: string };
      const [header, payload, signature = ""] = body.id_token.split(".");
      const flipped = `${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
      return Response.json({ ...body, id_token: `${header}.${payload}.${flipped}` });
    };
    const settings = franceConnectProvider(testConfig(config), tamperingFetch);
    if (!settings) throw new Error("FranceConnect devrait être configuré");
    const tampered = createTestApp(database.db, {
      kind: database.kind,
      now: () => clock,
      config,
      franceConnect: createOidcClient(settings),
    });
    const browser = new TestClient(tampered);
    const response = await browser.get(await atProvider(await start(browser), "fc-awa"));
    expect(response.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("n'a pas pu être vérifiée");
    expect(browser.cookie(RESIDENT_COOKIE)).toBeUndefined();
    const [event] = (await auditEvents("espace.franceconnect.refused")).slice(-1);
    expect(event?.details).toMatchObject({ reason: "invalid_response" });
    expect(String(event?.details.detail)).toMatch(/signature/i);
  });

  it("refuses an ID token carrying another nonce than the one sent", async () => {
    const browser = new TestClient(app);
    const authorization = await start(browser);
    authorization.searchParams.set("nonce", "un-autre-nonce-choisi-par-un-attaquant-0123");
    const response = await browser.get(await atProvider(authorization, "fc-awa"));
    expect(response.status).toBe(400);
    expect(browser.cookie(RESIDENT_COOKIE)).toBeUndefined();
    const [event] = (await auditEvents("espace.franceconnect.refused")).slice(-1);
    expect(String(event?.details.detail)).toMatch(/nonce/i);
  });

  it("refuses a callback whose state is not the one sent", async () => {
    const browser = new TestClient(app);
    const callback = new URL(await atProvider(await start(browser), "fc-awa"), RELAIS);
    callback.searchParams.set("state", "un-etat-qui-ne-vient-pas-de-ce-navigateur");
    const response = await browser.get(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("ne correspond pas à votre demande");
    expect(browser.cookie(RESIDENT_COOKIE)).toBeUndefined();
    const [event] = (await auditEvents("espace.franceconnect.refused")).slice(-1);
    expect(event?.details).toMatchObject({ reason: "state_mismatch" });
  });

  it("refuses a replayed authorization code, even with the flow cookie put back", async () => {
    const browser = new TestClient(app);
    const authorization = await start(browser);
    const flowCookie = browser.cookie(FLOW_COOKIE) ?? "";
    const callback = await atProvider(authorization, "fc-awa");
    expect((await browser.get(callback)).status).toBe(303);

    const attacker = new TestClient(app);
    const refusalsBefore = (await auditEvents("espace.franceconnect.refused")).length;
    expect((await attacker.get(callback)).status).toBe(400); // no flow cookie: not audited
    expect(await auditEvents("espace.franceconnect.refused")).toHaveLength(refusalsBefore);
    (attacker as unknown as { cookies: Map<string, string> }).cookies.set(FLOW_COOKIE, flowCookie);
    const replayed = await attacker.get(callback);
    expect(replayed.status).toBe(400);
    expect(attacker.cookie(RESIDENT_COOKIE)).toBeUndefined();
    const [event] = (await auditEvents("espace.franceconnect.refused")).slice(-1);
    expect(String(event?.details.detail)).toMatch(/invalid_grant/);
  });
});
