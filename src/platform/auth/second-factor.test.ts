import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, SECOND_FACTOR_DEFAULT_CONFIG, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import { NOW } from "../../test/fixtures.ts";
import { createUser } from "./accounts.ts";
import { inviteIntoOrganisation } from "./invitations.ts";
import { SESSION_COOKIE } from "./routes.tsx";
import { PENDING_COOKIE } from "./second-factor-routes.tsx";
import { totpCode } from "./totp.ts";

let database: TestDatabase;
let clock = NOW;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, {
    kind: database.kind,
    now: () => clock,
    config: SECOND_FACTOR_DEFAULT_CONFIG,
  });
});
afterAll(() => database.close());

const ENROL = "/connexion/second-facteur/activation";
const CODE = "/connexion/second-facteur";

/** The secret as the enrolment page shows it, for the "application" of the test. */
function shownSecret(html: string): string {
  const match = /id="cle-secrete">([A-Z2-7 ]+)</.exec(html);
  if (!match?.[1]) throw new Error("Aucune clé sur la page d'activation");
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

/** Signs in with the password, enrols, and returns the browser, the secret and the recovery codes. */
async function enrolledWorker(role: "travailleur_social" | "agent_accueil" = "travailleur_social") {
  const user = await makeUser(database.db, { role, now: clock });
  const browser = new TestClient(app);
  await browser.login(user.email, user.password);
  await browser.get(ENROL);
  const secret = shownSecret(browser.lastHtml);
  const confirmed = await browser.post(
    ENROL,
    { code: totpCode(secret, clock) },
    { tokenFrom: ENROL },
  );
  expect(confirmed.status).toBe(200);
  return { user, browser, secret, codes: recoveryCodes(browser.lastHtml) };
}

describe("enrolment, for a password account that reads records", () => {
  it("asks for an enrolment after the password, and the half-signed session opens nothing else", async () => {
    clock = NOW;
    const user = await makeUser(database.db, { role: "travailleur_social", now: clock });
    const browser = new TestClient(app);
    const response = await browser.login(user.email, user.password);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${ENROL}?retour=%2Fpro`);
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const pendingToken = browser.cookie(PENDING_COOKIE);
    expect(pendingToken).toBeDefined();
    expect(response.headers.getSetCookie().join()).toMatch(
      /relais_pending=[^;]+;.*Path=\/connexion\/second-facteur/,
    );

    const pro = await browser.get("/pro");
    expect(pro.status).toBe(302);
    expect(pro.headers.get("location")).toBe("/connexion?retour=%2Fpro");
    // The half-signed token used as a session cookie opens nothing either.
    const forged = new TestClient(app);
    await forged.get("/");
    (forged as unknown as { cookies: Map<string, string> }).cookies.set(
      SESSION_COOKIE,
      pendingToken ?? "",
    );
    expect((await forged.get("/pro")).status).toBe(302);
    // Nor does the code page, before the enrolment.
    expect((await browser.get(CODE)).headers.get("location")).toBe(`${ENROL}?retour=%2Fpro`);
  });

  it("shows the secret as text and as an SVG QR code, refuses a wrong code, then signs in and shows 10 recovery codes once", async () => {
    clock = new Date("2026-03-02T10:00:00Z");
    const user = await makeUser(database.db, { role: "responsable_structure", now: clock });
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    const page = await browser.get(ENROL);
    expect(page.status).toBe(200);
    const html = browser.lastHtml;
    expect(html).toContain("<svg");
    expect(html).toContain('role="img"');
    const secret = shownSecret(html);
    // A reload shows the same secret: the QR code already scanned stays right.
    await browser.get(ENROL);
    expect(shownSecret(browser.lastHtml)).toBe(secret);
    // Kept encrypted: the stored bytes do not contain the secret.
    const stored = await database.db
      .selectFrom("user_second_factor")
      .select("secret_encrypted")
      .where("user_id", "=", user.userId)
      .executeTakeFirstOrThrow();
    expect(stored.secret_encrypted.toString("latin1")).not.toContain(secret);

    const code = totpCode(secret, clock);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const refused = await browser.post(ENROL, { code: wrong }, { tokenFrom: ENROL });
    expect(refused.status).toBe(400);
    expect(browser.lastHtml).toContain("Ce code n&#39;est pas le bon");
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const empty = await browser.post(ENROL, { code: "" }, { tokenFrom: ENROL });
    expect(empty.status).toBe(400);

    const confirmed = await browser.post(ENROL, { code }, { tokenFrom: ENROL });
    expect(confirmed.status).toBe(200);
    const codes = recoveryCodes(browser.lastHtml);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(browser.cookie(SESSION_COOKIE)).toBeDefined();
    expect(browser.cookie(PENDING_COOKIE)).toBeUndefined();
    expect((await browser.get("/pro")).status).toBe(200);
    // Only hashes are kept.
    const hashes = await database.db
      .selectFrom("user_recovery_code")
      .select("code_hash")
      .where("user_id", "=", user.userId)
      .execute();
    expect(hashes).toHaveLength(10);
    expect(hashes.map((row) => row.code_hash)).not.toContain(codes[0]);
    expect(await auditActions(user.userId)).toEqual([
      "session.password_accepted",
      "auth.secondFactor.enrolmentFailed",
      "auth.secondFactor.enrolled",
      "session.login",
    ]);
  });
});

describe("sign-in with the code", () => {
  it("asks for the code after the password, signs in with it, and refuses the same code again in its window", async () => {
    clock = new Date("2026-03-03T09:00:00Z");
    const { user, secret } = await enrolledWorker();
    clock = new Date("2026-03-03T09:05:00Z");
    const browser = new TestClient(app);
    const password = await browser.login(user.email, user.password);
    expect(password.headers.get("location")).toBe(`${CODE}?retour=%2Fpro`);
    expect((await browser.get(CODE)).status).toBe(200);
    const code = totpCode(secret, clock);
    const signedIn = await browser.post(CODE, { code, retour: "/pro" }, { tokenFrom: CODE });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/pro");
    expect((await browser.get("/pro")).status).toBe(200);

    // Replay: the same code, 10 seconds later, from another browser.
    clock = new Date("2026-03-03T09:05:10Z");
    const other = new TestClient(app);
    await other.login(user.email, user.password);
    const replayed = await other.post(CODE, { code }, { tokenFrom: CODE });
    expect(replayed.status).toBe(401);
    expect(other.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(other.lastHtml).toContain("déjà servi");
    // The next step's code is accepted.
    clock = new Date("2026-03-03T09:05:40Z");
    const next = await other.post(CODE, { code: totpCode(secret, clock) }, { tokenFrom: CODE });
    expect(next.status).toBe(303);
  });

  it("accepts each recovery code once", async () => {
    clock = new Date("2026-03-04T09:00:00Z");
    const { user, codes } = await enrolledWorker("agent_accueil");
    const [first = "", second = ""] = codes;
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    // Typed in capitals and without the dash: still the same code.
    const used = await browser.post(
      CODE,
      { code: first.toUpperCase().replace("-", "") },
      { tokenFrom: CODE },
    );
    expect(used.status).toBe(303);

    const again = new TestClient(app);
    await again.login(user.email, user.password);
    expect((await again.post(CODE, { code: first }, { tokenFrom: CODE })).status).toBe(401);
    expect((await again.post(CODE, { code: second }, { tokenFrom: CODE })).status).toBe(303);
    const remaining = await database.db
      .selectFrom("user_recovery_code")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("user_id", "=", user.userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(remaining.count)).toBe(8);
  });

  it("stops after 5 wrong codes, even the right one, until the 15-minute window ends", async () => {
    clock = new Date("2026-03-05T09:00:00Z");
    const { user, secret } = await enrolledWorker();
    clock = new Date("2026-03-05T09:01:00Z");
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await browser.post(CODE, { code: "000000" }, { tokenFrom: CODE })).status).toBe(401);
    }
    const limited = await browser.post(
      CODE,
      { code: totpCode(secret, clock) },
      { tokenFrom: CODE },
    );
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeDefined();
    expect(browser.lastHtml).toContain("Trop de codes incorrects");
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const failures = (await auditActions(user.userId)).filter(
      (action) => action === "auth.secondFactor.failed",
    );
    expect(failures).toHaveLength(5);

    // The next window: a new sign-in (the half-signed session lasts 10 minutes) and the code work.
    clock = new Date("2026-03-05T09:15:30Z");
    const later = new TestClient(app);
    await later.login(user.email, user.password);
    expect(
      (await later.post(CODE, { code: totpCode(secret, clock) }, { tokenFrom: CODE })).status,
    ).toBe(303);
  });

  it("lets a half-signed session lapse after 10 minutes", async () => {
    clock = new Date("2026-03-06T09:00:00Z");
    const { user, secret } = await enrolledWorker();
    clock = new Date("2026-03-06T09:01:00Z");
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    clock = new Date("2026-03-06T09:11:30Z");
    const late = await browser.post(
      CODE,
      { code: totpCode(secret, clock) },
      { tokenFrom: "/connexion" },
    );
    expect(late.status).toBe(303);
    expect(late.headers.get("location")).toBe("/connexion");
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
  });
});

describe("who needs a second factor", () => {
  it("signs a pilote and an admin in with the password alone (they read no record)", async () => {
    clock = new Date("2026-03-07T09:00:00Z");
    for (const role of ["pilote", "admin"] as const) {
      const user = await makeUser(database.db, { role, now: clock });
      const browser = new TestClient(app);
      const response = await browser.login(user.email, user.password);
      expect(response.headers.get("location")).toBe("/pro");
      expect(browser.cookie(SESSION_COOKIE)).toBeDefined();
    }
  });

  it("signs a demo account in with the password alone (its password is published)", async () => {
    clock = new Date("2026-03-07T09:00:00Z");
    const organisationId = await makeOrganisation(database.db, { now: clock });
    const email = `demo-ts-${Date.now()}@demo.relais.test`;
    await createUser(
      database.db,
      {
        email,
        displayName: "Démo",
        password: "Relais-demo-2026",
        memberships: [{ organisationId, role: "travailleur_social" }],
        isDemo: true,
      },
      clock,
    );
    const browser = new TestClient(app);
    expect((await browser.login(email, "Relais-demo-2026")).headers.get("location")).toBe("/pro");
  });

  it("asks nothing when RELAIS_SECOND_FACTOR_ROLES is « aucun »", async () => {
    clock = new Date("2026-03-07T09:00:00Z");
    const off = createTestApp(database.db, {
      kind: database.kind,
      now: () => clock,
      config: { RELAIS_SECOND_FACTOR_ROLES: "aucun" },
    });
    const user = await makeUser(database.db, { role: "travailleur_social", now: clock });
    const browser = new TestClient(off);
    expect((await browser.login(user.email, user.password)).headers.get("location")).toBe("/pro");
  });
});

describe("an invitation to a role that reads records", () => {
  it("asks for an enrolment once the password is chosen: the password alone opens nothing", async () => {
    clock = new Date("2026-03-07T10:00:00Z");
    const organisationId = await makeOrganisation(database.db, { kind: "ccas", now: clock });
    const email = "rose.invitee@exemple.fr";
    const { userId } = await inviteIntoOrganisation(
      {
        db: database.db,
        actor: { userId: null, organisationId: null },
        now: clock,
        publicUrl: "http://relais.test",
      },
      {
        email,
        displayName: "Rose Invitée",
        organisationId,
        roles: ["responsable_structure"],
      },
    );
    const mail = await database.db
      .selectFrom("outbox_message")
      .select("text_body")
      .where("recipient", "=", email)
      .executeTakeFirstOrThrow();
    const link =
      /http:\/\/relais\.test(\/invitation\?jeton=[\w-]+)/.exec(mail.text_body)?.[1] ?? "";
    const token = new URL(link, "http://x").searchParams.get("jeton") ?? "";
    const browser = new TestClient(app);
    await browser.get(link);
    const password = "une girafe boit du thé vert";
    const accepted = await browser.post(
      "/invitation",
      { jeton: token, password, confirmation: password },
      { tokenFrom: link },
    );
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`${ENROL}?retour=%2Fpro`);
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(browser.cookie(PENDING_COOKIE)).toBeDefined();
    expect((await browser.get("/pro")).status).toBe(302);

    await browser.get(ENROL);
    const secret = shownSecret(browser.lastHtml);
    const confirmed = await browser.post(
      ENROL,
      { code: totpCode(secret, clock) },
      { tokenFrom: ENROL },
    );
    expect(confirmed.status).toBe(200);
    expect(browser.cookie(SESSION_COOKIE)).toBeDefined();
    expect(await (await browser.get("/pro")).text()).toContain("Responsable de structure");
    expect(await auditActions(userId)).toEqual(
      expect.arrayContaining(["auth.invitation.accepted", "auth.secondFactor.enrolled"]),
    );
  });
});

describe("an administrator resets a second factor", () => {
  it("shows the state, resets it (audited), and the person enrols again at the next sign-in", async () => {
    clock = new Date("2026-03-08T09:00:00Z");
    const { user } = await enrolledWorker();
    const admin = await makeUser(database.db, { role: "admin", now: clock });
    const adminBrowser = new TestClient(app);
    await adminBrowser.login(admin.email, admin.password);
    const path = `/admin/comptes/${user.userId}/second-facteur`;
    const page = await adminBrowser.get(path);
    expect(page.status).toBe(200);
    expect(adminBrowser.lastHtml).toContain("10 codes de secours non utilisés");
    const reset = await adminBrowser.post(path, {}, { tokenFrom: path });
    expect(reset.status).toBe(303);
    expect(reset.headers.get("location")).toBe(`${path}?fait=1`);
    await adminBrowser.get(`${path}?fait=1`);
    expect(adminBrowser.lastHtml).toContain("Aucun second facteur n&#39;est activé");
    expect(await auditActions(user.userId)).toEqual(
      expect.arrayContaining(["auth.secondFactor.viewed", "auth.secondFactor.reset"]),
    );
    const browser = new TestClient(app);
    const again = await browser.login(user.email, user.password);
    expect(again.headers.get("location")).toBe(`${ENROL}?retour=%2Fpro`);
  });

  it("refuses a non-admin (403), an admin on their own account (403), and an unknown account (404)", async () => {
    clock = new Date("2026-03-08T10:00:00Z");
    const target = await makeUser(database.db, { role: "pilote", now: clock });
    const pilote = await makeUser(database.db, { role: "pilote", now: clock });
    const browser = new TestClient(app);
    await browser.login(pilote.email, pilote.password);
    expect((await browser.get(`/admin/comptes/${target.userId}/second-facteur`)).status).toBe(403);
    const posted = await browser.post(
      `/admin/comptes/${target.userId}/second-facteur`,
      {},
      { tokenFrom: "/pro" },
    );
    expect(posted.status).toBe(403);

    const admin = await makeUser(database.db, { role: "admin", now: clock });
    const adminBrowser = new TestClient(app);
    await adminBrowser.login(admin.email, admin.password);
    expect((await adminBrowser.get(`/admin/comptes/${admin.userId}/second-facteur`)).status).toBe(
      403,
    );
    expect(
      (await adminBrowser.get("/admin/comptes/00000000-0000-4000-8000-000000000000/second-facteur"))
        .status,
    ).toBe(404);
    expect((await adminBrowser.get("/admin/comptes/pas-un-id/second-facteur")).status).toBe(404);
    // A refused actor cannot tell an existing account from an unknown one.
    expect(
      (await browser.get("/admin/comptes/00000000-0000-4000-8000-000000000000/second-facteur"))
        .status,
    ).toBe(403);
    const anonymous = new TestClient(app);
    const signIn = await anonymous.get(`/admin/comptes/${target.userId}/second-facteur`);
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toMatch(/^\/connexion/);
    const before = await database.db
      .selectFrom("audit_event")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("subject_id", "=", target.userId)
      .executeTakeFirstOrThrow();
    expect(Number(before.count)).toBe(0);
  });
});
