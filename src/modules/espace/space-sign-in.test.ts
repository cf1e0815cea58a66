// Signing in with a code: the same answer whether or not a space exists,
// SMS to a mobile, limits per destination and per address, 5 tries, 10
// minutes, and a session of its own (never a professional's).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { readable } from "../../test/fixtures.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { bookAppointment } from "../appointments/service.ts";
import { contextAt, setUpAgenda, TEST_NOW } from "../appointments/test-fixtures.ts";
import { CODE_MAX_ATTEMPTS } from "./codes.ts";
import { CODES_PER_ADDRESS, CODES_PER_DESTINATION } from "./space-sign-in.ts";
import { lastCodeSentTo, signInResident } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let now = TEST_NOW;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => now });
  agenda = await setUpAgenda(database.db);
});
afterAll(() => database?.close());
beforeEach(async () => {
  await database.db.deleteFrom("rate_limit").execute();
});

async function askCode(browser: TestClient, contact: string) {
  return browser.post("/mon-espace/connexion", { contact }, { tokenFrom: "/mon-espace/connexion" });
}

describe("asking for a code", () => {
  it("answers the same whether or not a space exists for the contact", async () => {
    await signInResident(new TestClient(app), database.db, "deja@exemple.fr", "deja@exemple.fr");
    const known = await askCode(new TestClient(app), "deja@exemple.fr");
    const unknown = await askCode(new TestClient(app), "jamais@exemple.fr");
    expect([known.status, unknown.status]).toEqual([303, 303]);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    const spaces = await database.db.selectFrom("espace").select("id").execute();
    // No space is created before the code is entered.
    expect(spaces).toHaveLength(1);
  });

  it("sends an SMS to a mobile, in E.164, and refuses a landline with a French message", async () => {
    const browser = new TestClient(app);
    expect((await askCode(browser, "06.11.22.33.44")).status).toBe(303);
    const sms = await database.db
      .selectFrom("outbox_message")
      .select(["channel", "text_body"])
      .where("recipient", "=", "+33611223344")
      .executeTakeFirstOrThrow();
    expect(sms.channel).toBe("sms");
    expect(sms.text_body).toMatch(/votre code est \d{6}/);
    const landline = await askCode(browser, "01 40 00 00 00");
    expect(landline.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("n'est pas un portable");
  });

  it(`stops after ${CODES_PER_DESTINATION.limit} codes an hour to one contact`, async () => {
    for (let i = 0; i < CODES_PER_DESTINATION.limit; i++) {
      expect((await askCode(new TestClient(app), "souvent@exemple.fr")).status).toBe(303);
    }
    const browser = new TestClient(app);
    const refused = await askCode(browser, "souvent@exemple.fr");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(readable(browser.lastHtml)).toContain("Trop de codes ont été demandés");
  });

  it(`stops after ${CODES_PER_ADDRESS.limit} codes an hour from one address`, async () => {
    const browser = new TestClient(app);
    for (let i = 0; i < CODES_PER_ADDRESS.limit; i++) {
      expect((await askCode(browser, `personne${i}@exemple.fr`)).status).toBe(303);
    }
    expect((await askCode(browser, "une-de-plus@exemple.fr")).status).toBe(429);
  });
});

describe("entering the code", () => {
  it(`refuses even the right code after ${CODE_MAX_ATTEMPTS} wrong ones`, async () => {
    const browser = new TestClient(app);
    await askCode(browser, "essais@exemple.fr");
    const code = await lastCodeSentTo(database.db, "essais@exemple.fr");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = CODE_MAX_ATTEMPTS - 1; i >= 1; i--) {
      await browser.post(
        "/mon-espace/connexion/code",
        { code: wrong },
        { tokenFrom: "/mon-espace/connexion/code" },
      );
      expect(readable(browser.lastHtml)).toContain(`Il vous reste ${i} essai`);
    }
    await browser.post(
      "/mon-espace/connexion/code",
      { code: wrong },
      { tokenFrom: "/mon-espace/connexion/code" },
    );
    const last = await browser.post(
      "/mon-espace/connexion/code",
      { code },
      { tokenFrom: "/mon-espace/connexion" },
    );
    expect(last.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("Ce code n'est plus valable");
  });

  it("refuses a code after 10 minutes", async () => {
    const browser = new TestClient(app);
    await askCode(browser, "lent@exemple.fr");
    const code = await lastCodeSentTo(database.db, "lent@exemple.fr");
    await browser.get("/mon-espace/connexion/code");
    now = new Date(now.getTime() + 10 * 60_000 + 1000);
    const late = await browser.post("/mon-espace/connexion/code", {
      code,
      _csrf: browser.csrfToken(),
    });
    expect(late.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("Ce code n'est plus valable");
  });
});

describe("the resident's session", () => {
  it("finds the appointment booked with the phone written another way", async () => {
    await bookAppointment(contextAt(database.db, TEST_NOW), {
      motifId: agenda.motifId,
      agentId: agenda.agent.userId,
      lieuId: agenda.lieuId,
      start: parisToDate("2026-11-27", "10:00"),
      person: { nom: "Léa Roux", telephone: "07 55 44 33 22", email: "", consentement: true },
    });
    now = TEST_NOW;
    const browser = new TestClient(app);
    await signInResident(browser, database.db, "+33 7 55 44 33 22", "+33755443322");
    await browser.get("/mon-espace/rendez-vous");
    expect(readable(browser.lastHtml)).toContain("vendredi 27 novembre 2026");
  });

  it("is not a professional's session, and a professional's session does not open a space", async () => {
    now = TEST_NOW;
    const browser = new TestClient(app);
    await signInResident(browser, database.db, "separe@exemple.fr", "separe@exemple.fr");
    const pro = await browser.get("/pro");
    expect(pro.status).toBe(302);
    expect(pro.headers.get("location")).toContain("/connexion");
    const worker = await signInNewUser(
      app,
      database.db,
      "travailleur_social",
      agenda.organisationId,
    );
    const space = await worker.get("/mon-espace/documents");
    expect(space.status).toBe(302);
    expect(space.headers.get("location")).toBe(
      "/mon-espace/connexion?retour=%2Fmon-espace%2Fdocuments",
    );
  });

  it("ends after 12 hours even when used every 20 minutes", async () => {
    now = TEST_NOW;
    const browser = new TestClient(app);
    await signInResident(browser, database.db, "longue@exemple.fr", "longue@exemple.fr");
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      now = new Date(TEST_NOW.getTime() + minutes * 60_000);
      expect((await browser.get("/mon-espace/documents")).status).toBe(200);
    }
    now = new Date(TEST_NOW.getTime() + 12 * 60 * 60_000);
    expect((await browser.get("/mon-espace/documents")).status).toBe(302);
  });
});
