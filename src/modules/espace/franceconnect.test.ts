// FranceConnect for residents, against a real OpenID provider on loopback
// (oidc-provider, src/test/openid-provider.ts) with its own client: the space
// found by the subject or created, the verified identity, the logout at the
// provider, and the answers that must be refused.
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOidcClient } from "../../platform/auth/oidc.ts";
import { createTestApp, TestClient, testConfig } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { readable } from "../../test/fixtures.ts";
import {
  auditEventsOf,
  itRefusesForgedAnswers,
  oidcSteps,
  RELAIS,
} from "../../test/oidc-sign-in.ts";
import { startTestOpenIdProvider, type TestOpenIdProvider } from "../../test/openid-provider.ts";
import { franceConnectProvider } from "./franceconnect.ts";
import { RESIDENT_COOKIE } from "./session.ts";
import { signInResident } from "./test-fixtures.ts";

const FLOW_COOKIE = "relais_oidc_franceconnect";
const clock = new Date("2026-04-01T08:00:00Z");

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

const steps = oidcSteps(() => provider, "/mon-espace/franceconnect");
const start = (browser: TestClient) => steps.start(browser, "/mon-espace");
const { atProvider } = steps;
const auditEvents = (action: string) => auditEventsOf(database.db, action);

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
  itRefusesForgedAnswers({
    db: () => database.db,
    browser: () => new TestClient(app),
    browserThrough: (fetch) => {
      const settings = franceConnectProvider(testConfig(config), fetch);
      if (!settings) throw new Error("FranceConnect devrait être configuré");
      const franceConnect = createOidcClient(settings);
      return new TestClient(
        createTestApp(database.db, {
          kind: database.kind,
          now: () => clock,
          config,
          franceConnect,
        }),
      );
    },
    steps,
    subject: "fc-awa",
    flowCookie: FLOW_COOKIE,
    sessionCookie: RESIDENT_COOKIE,
    failedAction: "espace.franceconnect.refused",
  });
});
