import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { hasSecondFactor, remainingRecoveryCodes } from "./second-factor.ts";
import { totpCode } from "./totp.ts";

// The test configuration requires no second factor (RELAIS_SECOND_FACTOR_ROLES=aucun):
// what is enrolled here is enrolled of the person's own accord.
let database: TestDatabase;
let clock = new Date("2026-05-04T09:00:00Z");
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
});
afterAll(() => database.close());

const PAGE = "/pro/compte/second-facteur";
const ENROL = `${PAGE}/activation`;
const RENEW = `${PAGE}/codes-de-secours`;

function shownSecret(html: string): string {
  const match = /id="cle-secrete">([A-Z2-7 ]+)</.exec(html);
  if (!match?.[1]) throw new Error("Aucune clé sur la page");
  return match[1].replace(/ /g, "");
}

function recoveryCodes(html: string): string[] {
  return [...html.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((match) => match[1] ?? "");
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom("audit_event")
    .select("action")
    .where("subject_id", "=", userId)
    .orderBy("seq")
    .execute();
  return rows.map((row) => row.action);
}

describe("Mon compte › second factor", () => {
  it("lets a password user enrol of their own accord; the next sign-in asks for the code", async () => {
    clock = new Date("2026-05-04T09:00:00Z");
    const user = await makeUser(database.db, { role: "travailleur_social", now: clock });
    const browser = new TestClient(app);
    expect((await browser.login(user.email, user.password)).headers.get("location")).toBe("/pro");
    await browser.get("/pro/compte/sessions");
    expect(browser.lastHtml).toContain(`href="${PAGE}"`);
    expect((await browser.get(PAGE)).status).toBe(200);
    const secret = shownSecret(browser.lastHtml);

    const wrong = await browser.post(ENROL, { code: "000000" }, { tokenFrom: PAGE });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Ce code n&#39;est pas le bon");
    expect(await hasSecondFactor(database.db, user.userId)).toBe(false);
    const empty = await browser.post(ENROL, { code: "" }, { tokenFrom: PAGE });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Indiquez le code à 6 chiffres");

    const right = await browser.post(ENROL, { code: totpCode(secret, clock) }, { tokenFrom: PAGE });
    expect(right.status).toBe(200);
    expect(recoveryCodes(await right.text())).toHaveLength(10);
    expect(await hasSecondFactor(database.db, user.userId)).toBe(true);
    expect(await auditActions(user.userId)).toContain("auth.secondFactor.enrolled");

    const again = await new TestClient(app).login(user.email, user.password);
    expect(again.headers.get("location")).toBe("/connexion/second-facteur?retour=%2Fpro");
  });

  it("draws new recovery codes with a current code of the application, not with a recovery code", async () => {
    clock = new Date("2026-05-05T09:00:00Z");
    const user = await makeUser(database.db, { role: "agent_accueil", now: clock });
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    await browser.get(PAGE);
    const secret = shownSecret(browser.lastHtml);
    const enrolled = await browser.post(
      ENROL,
      { code: totpCode(secret, clock) },
      { tokenFrom: PAGE },
    );
    const oldCodes = recoveryCodes(await enrolled.text());
    await browser.get(PAGE);
    expect(browser.lastHtml).toContain("Il vous reste 10 codes de secours");

    clock = new Date("2026-05-05T09:01:00Z");
    const withRecovery = await browser.post(
      RENEW,
      { code: oldCodes[0] ?? "" },
      { tokenFrom: PAGE },
    );
    expect(withRecovery.status).toBe(400);
    const withWrong = await browser.post(RENEW, { code: "123456" }, { tokenFrom: PAGE });
    expect(withWrong.status).toBe(400);
    expect(await auditActions(user.userId)).not.toContain("auth.secondFactor.recoveryCodesRenewed");

    const renewed = await browser.post(
      RENEW,
      { code: totpCode(secret, clock) },
      { tokenFrom: PAGE },
    );
    expect(renewed.status).toBe(200);
    const newCodes = recoveryCodes(await renewed.text());
    expect(newCodes).toHaveLength(10);
    expect(newCodes).not.toContain(oldCodes[1]);
    expect(await remainingRecoveryCodes(database.db, user.userId)).toBe(10);
    expect(await auditActions(user.userId)).toContain("auth.secondFactor.recoveryCodesRenewed");

    // An old recovery code no longer signs in; a new one does.
    clock = new Date("2026-05-05T10:00:00Z");
    const signIn = new TestClient(app);
    await signIn.login(user.email, user.password);
    const code = "/connexion/second-facteur";
    const old = await signIn.post(code, { code: oldCodes[1] ?? "" }, { tokenFrom: code });
    expect(old.status).toBe(401);
    const fresh = await signIn.post(code, { code: newCodes[0] ?? "" }, { tokenFrom: code });
    expect(fresh.status).toBe(303);
  });

  it("is closed to anonymous visitors, and refuses a form without its CSRF token", async () => {
    const anonymous = await new TestClient(app).get(PAGE);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/connexion");
    const user = await makeUser(database.db, { role: "travailleur_social", now: clock });
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    await browser.get(PAGE);
    const forged = await browser.post(ENROL, { code: "123456" }, { csrf: false });
    expect(forged.status).toBe(403);
    expect(await hasSecondFactor(database.db, user.userId)).toBe(false);
  });
});
