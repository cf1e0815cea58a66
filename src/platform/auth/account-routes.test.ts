import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastLinkTo } from "../../modules/administration/test-fixtures.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { NOW } from "../../test/fixtures.ts";
import { RESET_REQUESTED } from "./password-reset.ts";
import { createSession } from "./sessions.ts";

let database: TestDatabase;
let clock = NOW;
let app: ReturnType<typeof createTestApp>;

const NEW_PASSWORD = "le chat dort sur la commode bleue";
const POLICY = { idleMinutes: 30, absoluteHours: 12 };

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
});
afterAll(() => database.close());

/** Each test in its own hour: the reset limits count per hour. */
let hour = 0;
function nextHour() {
  hour += 2;
  clock = new Date(Date.UTC(2026, 2, 2, 9 + hour, 0, 0));
}

async function requestReset(email: string, client = new TestClient(app)) {
  return client.post("/mot-de-passe-oublie", { email }, { tokenFrom: "/mot-de-passe-oublie" });
}

async function mailsTo(email: string) {
  return database.db
    .selectFrom("outbox_message")
    .select("id")
    .where("recipient", "=", email)
    .execute();
}

async function auditFor(userId: string) {
  const rows = await database.db
    .selectFrom("audit_event")
    .select("action")
    .where("subject_id", "=", userId)
    .orderBy("seq")
    .execute();
  return rows.map((row) => row.action);
}

describe("password reset", () => {
  it("gives the same answer whether or not the address has an account, and mails only the account", async () => {
    nextHour();
    const user = await makeUser(database.db);
    const known = await requestReset(user.email);
    const unknown = await requestReset("personne@exemple.fr");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "");
    const knownHtml = await known.text();
    expect(strip(knownHtml)).toBe(strip(await unknown.text()));
    expect(knownHtml).toContain(RESET_REQUESTED.replaceAll("'", "&#39;"));
    expect(await mailsTo(user.email)).toHaveLength(1);
    expect(await mailsTo("personne@exemple.fr")).toHaveLength(0);
  });

  it("sets a new password from the link, ends every session, and refuses the link a second time (410)", async () => {
    nextHour();
    const user = await makeUser(database.db);
    const signedIn = new TestClient(app);
    await signedIn.login(user.email, user.password);
    await requestReset(user.email);
    const link = await lastLinkTo(database.db, user.email);
    const token = new URL(link, "http://x").searchParams.get("jeton") ?? "";
    const browser = new TestClient(app);
    expect((await browser.get(link)).status).toBe(200);
    const weak = await browser.post(
      "/mot-de-passe/nouveau",
      { jeton: token, password: "azerty123456", confirmation: "azerty123456" },
      { tokenFrom: link },
    );
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("trop courant");
    const mismatch = await browser.post(
      "/mot-de-passe/nouveau",
      { jeton: token, password: NEW_PASSWORD, confirmation: "autre chose encore" },
      { tokenFrom: link },
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("Les deux mots de passe ne sont pas les mêmes.");
    const done = await browser.post(
      "/mot-de-passe/nouveau",
      { jeton: token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
      { tokenFrom: link },
    );
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/connexion?motdepasse=change");
    expect((await signedIn.get("/pro")).status).toBe(302);
    expect((await new TestClient(app).login(user.email, user.password)).status).toBe(401);
    expect((await new TestClient(app).login(user.email, NEW_PASSWORD)).status).toBe(303);
    const reused = await new TestClient(app).get(link);
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain("déjà servi");
    expect(await auditFor(user.userId)).toEqual(
      expect.arrayContaining([
        "auth.password.reset_requested",
        "auth.password.reset",
        "auth.password.reset_refused",
      ]),
    );
  });

  it("refuses a link past its hour (410) and a forged one (404), and changes nothing", async () => {
    nextHour();
    const user = await makeUser(database.db);
    await requestReset(user.email);
    const link = await lastLinkTo(database.db, user.email);
    const token = new URL(link, "http://x").searchParams.get("jeton") ?? "";
    clock = new Date(clock.getTime() + 61 * 60_000);
    const browser = new TestClient(app);
    const expired = await browser.post(
      "/mot-de-passe/nouveau",
      { jeton: token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
      { tokenFrom: "/mot-de-passe-oublie" },
    );
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("a expiré");
    const forged = await browser.get("/mot-de-passe/nouveau?jeton=faux-jeton");
    expect(forged.status).toBe(404);
    expect((await new TestClient(app).login(user.email, user.password)).status).toBe(303);
  });

  it("limits requests per address (429 from the fourth in an hour), with or without an account", async () => {
    nextHour();
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await requestReset("limite@exemple.fr")).status).toBe(200);
    }
    const refused = await requestReset("limite@exemple.fr");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    expect(await refused.text()).toContain("Trop de demandes de réinitialisation");
  });

  it("limits requests per client address across many addresses (429 past 20 an hour)", async () => {
    nextHour();
    const client = new TestClient(app);
    for (let n = 1; n <= 20; n++) {
      expect((await requestReset(`sonde${n}@exemple.fr`, client)).status).toBe(200);
    }
    expect((await requestReset("sonde21@exemple.fr", client)).status).toBe(429);
  });

  it("refuses a malformed address in French with 400", async () => {
    nextHour();
    const response = await requestReset("pas-une-adresse");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Indiquez une adresse électronique valide");
  });
});

describe("my password", () => {
  it("changes the password after checking the current one; other sessions end, this one stays", async () => {
    nextHour();
    const user = await makeUser(database.db);
    const elsewhere = new TestClient(app);
    await elsewhere.login(user.email, user.password);
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    const form = "/pro/compte/mot-de-passe";
    const wrong = await browser.post(
      form,
      { currentPassword: "pas le bon du tout", password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
      { tokenFrom: form },
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Le mot de passe actuel n&#39;est pas le bon.");
    const own = await browser.post(
      form,
      { currentPassword: user.password, password: user.email, confirmation: user.email },
      { tokenFrom: form },
    );
    expect(own.status).toBe(400);
    expect(await own.text()).toContain("ne doit pas reprendre votre adresse");
    const done = await browser.post(
      form,
      { currentPassword: user.password, password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
      { tokenFrom: form },
    );
    expect(done.status).toBe(303);
    expect((await browser.get("/pro")).status).toBe(200);
    expect((await elsewhere.get("/pro")).status).toBe(302);
    expect(await auditFor(user.userId)).toContain("auth.password.changed");
  });
});

describe("my sessions", () => {
  it("lists the sessions with their device in French and ends another one, not someone else's", async () => {
    nextHour();
    const user = await makeUser(database.db);
    const stranger = await makeUser(database.db);
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    await createSession(database.db, user.userId, POLICY, clock, {
      userAgent:
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      clientAddress: "198.51.100.4",
    });
    await createSession(database.db, stranger.userId, POLICY, clock, {});
    const page = await browser.get("/pro/compte/sessions");
    const html = await page.text();
    expect(html).toContain("Chrome sur Android");
    expect(html).toContain("198.51.100.4");
    expect(html).toContain("cette session");
    const sessions = await database.db
      .selectFrom("user_session")
      .select(["id", "user_id", "user_agent"])
      .where("user_id", "in", [user.userId, stranger.userId])
      .execute();
    const phone = sessions.find((session) => session.user_agent?.includes("Android"));
    const theirs = sessions.find((session) => session.user_id === stranger.userId);
    const refused = await browser.post(
      `/pro/compte/sessions/${theirs?.id}/fin`,
      {},
      { tokenFrom: "/pro/compte/sessions" },
    );
    expect(refused.status).toBe(404);
    const ended = await browser.post(
      `/pro/compte/sessions/${phone?.id}/fin`,
      {},
      { tokenFrom: "/pro/compte/sessions" },
    );
    expect(ended.status).toBe(303);
    const left = await database.db
      .selectFrom("user_session")
      .select("id")
      .where("user_id", "in", [user.userId, stranger.userId])
      .execute();
    expect(left.map((row) => row.id).sort()).toEqual(
      sessions
        .filter((session) => session.id !== phone?.id)
        .map((session) => session.id)
        .sort(),
    );
    expect(await auditFor(user.userId)).toContain("auth.session.ended");
  });
});
