import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  SECOND_FACTOR_DEFAULT_CONFIG,
  TestClient,
  testConfig,
} from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import {
  auditEventsOf,
  itRefusesForgedAnswers,
  oidcSteps,
  RELAIS,
} from "../../test/oidc-sign-in.ts";
import { startTestOpenIdProvider, type TestOpenIdProvider } from "../../test/openid-provider.ts";
import { inviteIntoOrganisation } from "./invitations.ts";
import { createOidcClient } from "./oidc.ts";
import { proConnectProvider } from "./proconnect.ts";
import { SESSION_COOKIE } from "./sessions.ts";

const INVITED_EMAIL = "paul.invite@exemple.fr";
const FLOW_COOKIE = "relais_oidc_proconnect";

let database: TestDatabase;
let provider: TestOpenIdProvider;
let config: Record<string, string>;
const clock = new Date("2026-04-01T08:00:00Z");
let app: ReturnType<typeof createTestApp>;
let worker: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  database = await createTestDatabase();
  worker = await makeUser(database.db, { role: "travailleur_social", now: clock });
  provider = await startTestOpenIdProvider({
    redirectUri: `${RELAIS}/connexion/proconnect/retour`,
    postLogoutRedirectUri: `${RELAIS}/connexion/proconnect/deconnecte`,
    accounts: {
      // The same person as `worker`, her address written in other capitals.
      "sub-worker": {
        email: worker.email.toUpperCase(),
        email_verified: true,
        given_name: "Awa",
        usual_name: "Diallo",
        siret: "22920001600013",
        uid: "1",
      },
      "sub-unknown": { email: "personne@exemple.fr", email_verified: true },
      "sub-invited": { email: INVITED_EMAIL, email_verified: true },
      "sub-unverified": { email: "", email_verified: false },
    },
  });
  config = {
    ...SECOND_FACTOR_DEFAULT_CONFIG,
    RELAIS_PROCONNECT_ISSUER: provider.issuer,
    RELAIS_PROCONNECT_CLIENT_ID: provider.clientId,
    RELAIS_PROCONNECT_CLIENT_SECRET: provider.clientSecret,
    RELAIS_PROCONNECT_ACR_VALUES: "eidas1",
  };
  app = createTestApp(database.db, { kind: database.kind, now: () => clock, config });
});
afterAll(async () => {
  await provider.close();
  await database.close();
});

const steps = oidcSteps(() => provider, "/connexion/proconnect");
const { start, atProvider } = steps;
const auditEvents = (action: string) => auditEventsOf(database.db, action);

describe("ProConnect sign-in", () => {
  it("shows « Se connecter avec ProConnect » on the login page when configured, not otherwise", async () => {
    const browser = new TestClient(app);
    await browser.get("/connexion");
    expect(browser.lastHtml).toContain("Se connecter avec");
    expect(browser.lastHtml).toContain('href="/connexion/proconnect?retour=%2Fpro"');
    const without = new TestClient(
      createTestApp(database.db, { kind: database.kind, now: () => clock }),
    );
    await without.get("/connexion");
    expect(without.lastHtml).not.toContain("ProConnect");
    expect((await without.get("/connexion/proconnect")).status).toBe(404);
  });

  it("asks with PKCE S256, state and nonce, keeps them in a sealed HttpOnly cookie, then links the account by its e-mail and signs in without a second factor", async () => {
    const browser = new TestClient(app);
    const authorization = await start(browser);
    const params = authorization.searchParams;
    expect(authorization.origin).toBe(provider.issuer);
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(params.get("scope")).toBe("openid email given_name usual_name siret uid");
    expect(params.get("acr_values")).toBe("eidas1");
    const state = params.get("state") ?? "";
    const nonce = params.get("nonce") ?? "";
    expect(state.length).toBeGreaterThan(20);
    expect(nonce.length).toBeGreaterThan(20);
    const flowCookie = browser.cookie(FLOW_COOKIE) ?? "";
    expect(flowCookie).not.toContain(state);
    expect(Buffer.from(flowCookie, "base64url").toString("latin1")).not.toContain(nonce);

    const callback = await atProvider(authorization, "sub-worker");
    const signedIn = await browser.get(callback);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/pro");
    expect(browser.cookie(FLOW_COOKIE)).toBeUndefined();
    expect((await browser.get("/pro")).status).toBe(200);

    const identity = await database.db
      .selectFrom("user_identity")
      .selectAll()
      .where("provider", "=", "proconnect")
      .executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ subject: "sub-worker", user_id: worker.userId });
    const session = await database.db
      .selectFrom("user_session")
      .select(["method", "acr", "stage", "id_token"])
      .where("user_id", "=", worker.userId)
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ method: "proconnect", acr: "eidas1", stage: "complete" });
    expect(session.id_token).toMatch(/^ey/);
    const [event] = await auditEvents("auth.proconnect.signedIn");
    expect(event).toMatchObject({
      subject_id: worker.userId,
      details: { acr: "eidas1", linkedNow: true },
    });
  });

  it("finds the account by the provider's subject next time, even after its e-mail changed in Relais", async () => {
    await database.db
      .updateTable("app_user")
      .set({ email: `renamed-${worker.email}` })
      .where("id", "=", worker.userId)
      .execute();
    try {
      const browser = new TestClient(app);
      const callback = await atProvider(await start(browser), "sub-worker");
      expect((await browser.get(callback)).status).toBe(303);
      const events = await auditEvents("auth.proconnect.signedIn");
      expect(events.at(-1)?.details).toMatchObject({ linkedNow: false });
    } finally {
      await database.db
        .updateTable("app_user")
        .set({ email: worker.email })
        .where("id", "=", worker.userId)
        .execute();
    }
  });

  it("ends both sessions at logout: Relais's at once, then the provider's (id_token_hint, post_logout_redirect_uri)", async () => {
    const browser = new TestClient(app);
    const jar = new Map<string, string>();
    const callback = await atProvider(await start(browser), "sub-worker", jar);
    await browser.get(callback);
    const page = await browser.get("/pro");
    expect(page.headers.get("content-security-policy")).toContain(
      `form-action 'self' ${provider.issuer}`,
    );

    const logout = await browser.post("/deconnexion", {}, { tokenFrom: "/pro" });
    expect(logout.status).toBe(303);
    const endSession = new URL(logout.headers.get("location") ?? "");
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(
      `${RELAIS}/connexion/proconnect/deconnecte`,
    );
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect((await browser.get("/pro")).status).toBe(302);

    // At the provider: its logout page, confirmed, sends the browser back to Relais.
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const confirm = await fetch(endSession, { headers: { cookie } });
    const html = await confirm.text();
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? "";
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const confirmed = await fetch(action, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
    });
    const back = confirmed.headers.get("location") ?? "";
    expect(back.startsWith(`${RELAIS}/connexion/proconnect/deconnecte`)).toBe(true);
    const home = await browser.get(back.slice(RELAIS.length));
    expect(home.headers.get("location")).toBe("/?deconnecte=1");
  });
});

describe("an invitation answered with ProConnect", () => {
  it("offers ProConnect on the invitation page; the sign-in accepts the pending invitation (used, audited) but not an expired one", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas", now: clock });
    const other = await makeOrganisation(database.db, { kind: "association", now: clock });
    const invite = (organisationId: string, now: Date) =>
      inviteIntoOrganisation(
        { db: database.db, actor: { userId: null, organisationId: null }, now, publicUrl: RELAIS },
        {
          email: INVITED_EMAIL,
          displayName: "Paul Invité",
          organisationId,
          roles: ["travailleur_social"],
        },
      );
    // An invitation sent four days ago has expired (72 hours); today's is pending.
    await invite(other, new Date(clock.getTime() - 96 * 3_600_000));
    const { userId } = await invite(ccas, clock);
    const mail = await database.db
      .selectFrom("outbox_message")
      .select("text_body")
      .where("recipient", "=", INVITED_EMAIL)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const link = /\/invitation\?jeton=[\w-]+/.exec(mail.text_body)?.[0] ?? "";

    const browser = new TestClient(app);
    expect((await browser.get(link)).status).toBe(200);
    expect(browser.lastHtml).toContain('href="/connexion/proconnect?retour=%2Fpro"');
    expect(browser.lastHtml).toContain("Ou avec un mot de passe");
    const without = new TestClient(
      createTestApp(database.db, { kind: database.kind, now: () => clock }),
    );
    await without.get(link);
    expect(without.lastHtml).not.toContain("ProConnect");

    const callback = await atProvider(await start(browser), "sub-invited");
    const signedIn = await browser.get(callback);
    expect(signedIn.headers.get("location")).toBe("/pro");
    expect(await (await browser.get("/pro")).text()).toContain("Travailleur social");
    const memberships = await database.db
      .selectFrom("membership")
      .select("organisation_id")
      .where("user_id", "=", userId)
      .execute();
    expect(memberships.map((row) => row.organisation_id)).toEqual([ccas]);
    const tokens = await database.db
      .selectFrom("account_token")
      .select(["organisation_id", "used_at"])
      .where("user_id", "=", userId)
      .execute();
    expect(tokens.find((row) => row.organisation_id === ccas)?.used_at).toEqual(clock);
    expect(tokens.find((row) => row.organisation_id === other)?.used_at).toBeNull();
    const accepted = (await auditEvents("auth.invitation.accepted")).filter(
      (event) => event.subject_id === userId,
    );
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.details).toMatchObject({ organisationId: ccas, via: "proconnect" });
    // The link has served: opening it again answers 410.
    expect((await new TestClient(app).get(link)).status).toBe(410);
  });
});

describe("ProConnect answers that are refused", () => {
  itRefusesForgedAnswers({
    db: () => database.db,
    browser: () => new TestClient(app),
    browserThrough: (fetch) => {
      const settings = proConnectProvider(testConfig(config), fetch);
      if (!settings) throw new Error("ProConnect devrait être configuré");
      const proConnect = createOidcClient(settings);
      return new TestClient(
        createTestApp(database.db, { kind: database.kind, now: () => clock, config, proConnect }),
      );
    },
    steps,
    subject: "sub-worker",
    flowCookie: FLOW_COOKIE,
    sessionCookie: SESSION_COOKIE,
    failedAction: "auth.proconnect.failed",
  });

  it("refuses an unknown e-mail in French (403): nothing created, the attempt audited", async () => {
    const count = async (table: "app_user" | "user_identity" | "user_session") =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("count"))
            .executeTakeFirstOrThrow()
        ).count,
      );
    const before = [
      await count("app_user"),
      await count("user_identity"),
      await count("user_session"),
    ];
    const browser = new TestClient(app);
    const response = await browser.get(await atProvider(await start(browser), "sub-unknown"));
    expect(response.status).toBe(403);
    expect(browser.lastHtml).toContain(
      "Demandez à la personne qui gère les comptes de votre structure de vous inviter",
    );
    expect([
      await count("app_user"),
      await count("user_identity"),
      await count("user_session"),
    ]).toEqual(before);
    const [event] = (await auditEvents("auth.proconnect.refused")).slice(-1);
    expect(event?.details).toMatchObject({
      reason: "unknown_email",
      email: "personne@exemple.fr",
      subject: "sub-unknown",
    });
  });

  it("refuses an identity whose e-mail is not verified", async () => {
    const browser = new TestClient(app);
    const response = await browser.get(await atProvider(await start(browser), "sub-unverified"));
    expect(response.status).toBe(403);
    const [event] = (await auditEvents("auth.proconnect.refused")).slice(-1);
    expect(event?.details).toMatchObject({ reason: "email_unverified" });
  });

  it("refuses a deactivated account (403, audited against it)", async () => {
    await database.db
      .updateTable("app_user")
      .set({ is_active: false })
      .where("id", "=", worker.userId)
      .execute();
    try {
      const browser = new TestClient(app);
      const response = await browser.get(await atProvider(await start(browser), "sub-worker"));
      expect(response.status).toBe(403);
      expect(browser.lastHtml).toContain("désactivé");
      expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
      const [event] = (await auditEvents("auth.proconnect.refused")).slice(-1);
      expect(event).toMatchObject({ subject_id: worker.userId, details: { reason: "inactive" } });
    } finally {
      await database.db
        .updateTable("app_user")
        .set({ is_active: true })
        .where("id", "=", worker.userId)
        .execute();
    }
  });
});
