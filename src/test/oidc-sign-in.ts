// What the ProConnect and FranceConnect tests share: a browser's trip from
// Relais to the test provider and back, and the answers every OpenID Connect
// sign-in must refuse (altered signature, another nonce, another state, a
// replayed code), written once and run for each provider.
import type { CustomFetch } from "openid-client";
import { expect, it } from "vitest";
import type { Db } from "../db/database.ts";
import type { TestClient } from "./app.ts";
import { followProvider, type TestOpenIdProvider } from "./openid-provider.ts";

/** Relais's public address in the tests (testConfig's). */
export const RELAIS = "http://localhost:3000";

/**
 * A network on the way that flips one character of the ID token's signature
 * in the token endpoint's answer.
 */
export const tamperingFetch: CustomFetch = async (input, init) => {
  const response = await fetch(input, init as RequestInit);
  if (!String(input).endsWith("/token")) return response;
  const body = (await response.json()) as { id_token: string };
  const [header, payload, signature = ""] = body.id_token.split(".");
  const flipped = `${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
  return Response.json({ ...body, id_token: `${header}.${payload}.${flipped}` });
};

/** The sign-in steps against one provider. */
export function oidcSteps(provider: () => TestOpenIdProvider, startPath: string) {
  return {
    /** Starts the sign-in in Relais; returns the provider's authorization address. */
    async start(browser: TestClient, retour?: string): Promise<URL> {
      const query = retour === undefined ? "" : `?retour=${encodeURIComponent(retour)}`;
      const response = await browser.get(`${startPath}${query}`);
      expect(response.status).toBe(303);
      return new URL(response.headers.get("location") ?? "");
    },
    /** Plays the person at the provider; returns the callback path into Relais. */
    async atProvider(authorization: URL, subject: string, jar?: Map<string, string>) {
      provider().signInAs(subject);
      const callback = await followProvider(authorization.href, RELAIS, jar);
      return callback.slice(RELAIS.length);
    },
  };
}

/** The audit events of one action, oldest first. */
export async function auditEventsOf(db: Db, action: string) {
  return db
    .selectFrom("audit_event")
    .select(["action", "subject_id", "person_id", "details"])
    .where("action", "=", action)
    .orderBy("seq")
    .execute();
}

export interface RefusedAnswersSetup {
  readonly db: () => Db;
  /** A new browser on the app. */
  readonly browser: () => TestClient;
  /** A new browser on the same app, its provider's client talking through `fetch`. */
  readonly browserThrough: (fetch: CustomFetch) => TestClient;
  readonly steps: ReturnType<typeof oidcSteps>;
  readonly subject: string;
  readonly flowCookie: string;
  /** The session cookie a sign-in sets (never set by a refused one). */
  readonly sessionCookie: string;
  /** The audit action of a refused answer. */
  readonly failedAction: string;
}

/** The tests every provider's callback must pass; call inside a describe. */
export function itRefusesForgedAnswers(setup: RefusedAnswersSetup) {
  const { steps, subject } = setup;
  const lastFailure = async () =>
    (await auditEventsOf(setup.db(), setup.failedAction)).slice(-1)[0];

  it("refuses an ID token whose signature was altered on its way (400, no session, audited)", async () => {
    const browser = setup.browserThrough(tamperingFetch);
    const response = await browser.get(await steps.atProvider(await steps.start(browser), subject));
    expect(response.status).toBe(400);
    expect(browser.lastHtml).toContain("n&#39;a pas pu être vérifiée");
    expect(browser.cookie(setup.sessionCookie)).toBeUndefined();
    const event = await lastFailure();
    expect(event?.details).toMatchObject({ reason: "invalid_response" });
    expect(String(event?.details.detail)).toMatch(/signature/i);
  });

  it("refuses an ID token carrying another nonce than the one sent", async () => {
    const browser = setup.browser();
    const authorization = await steps.start(browser);
    authorization.searchParams.set("nonce", "un-autre-nonce-choisi-par-un-attaquant-0123");
    const response = await browser.get(await steps.atProvider(authorization, subject));
    expect(response.status).toBe(400);
    expect(browser.cookie(setup.sessionCookie)).toBeUndefined();
    expect(String((await lastFailure())?.details.detail)).toMatch(/nonce/i);
  });

  it("refuses a callback whose state is not the one sent", async () => {
    const browser = setup.browser();
    const callback = new URL(await steps.atProvider(await steps.start(browser), subject), RELAIS);
    callback.searchParams.set("state", "un-etat-qui-ne-vient-pas-de-ce-navigateur");
    const response = await browser.get(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(400);
    expect(browser.lastHtml).toContain("ne correspond pas à votre demande");
    expect(browser.cookie(setup.sessionCookie)).toBeUndefined();
    expect((await lastFailure())?.details).toMatchObject({ reason: "state_mismatch" });
  });

  it("refuses a replayed authorization code, even with the flow cookie put back", async () => {
    const browser = setup.browser();
    const authorization = await steps.start(browser);
    const flowCookie = browser.cookie(setup.flowCookie) ?? "";
    const callback = await steps.atProvider(authorization, subject);
    expect((await browser.get(callback)).status).toBe(303);

    const attacker = setup.browser();
    const failuresBefore = (await auditEventsOf(setup.db(), setup.failedAction)).length;
    expect((await attacker.get(callback)).status).toBe(400); // no flow cookie: refused, not audited
    expect(await auditEventsOf(setup.db(), setup.failedAction)).toHaveLength(failuresBefore);
    (attacker as unknown as { cookies: Map<string, string> }).cookies.set(
      setup.flowCookie,
      flowCookie,
    );
    const replayed = await attacker.get(callback);
    expect(replayed.status).toBe(400);
    expect(attacker.cookie(setup.sessionCookie)).toBeUndefined();
    expect(String((await lastFailure())?.details.detail)).toMatch(/invalid_grant/);
  });
}
