// « Mes coordonnées » over HTTP: a space adds a mobile number proved by a
// code, and the appointments booked with it then show; a space without any
// phone or e-mail says why no appointment shows; a contact is removed, but
// never the last way in nor the one signed in with; a contact of another
// space is not taken; adding needs a fresh code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { readable } from "../../test/fixtures.ts";
import { bookAppointment } from "../appointments/service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "../appointments/test-fixtures.ts";
import { lastCodeSentTo, signInResident } from "./test-fixtures.ts";

const MOTIF = "Premier accueil social";
const NO_CONTACT = "Vos rendez-vous ne peuvent pas s'afficher";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let now = TEST_NOW;
let browser: TestClient;

async function identifiersOf(email: string) {
  const owner = await database.db
    .selectFrom("espace_identifier")
    .select("espace_id")
    .where("value", "=", email)
    .executeTakeFirstOrThrow();
  return database.db
    .selectFrom("espace_identifier")
    .select(["id", "kind", "value"])
    .where("espace_id", "=", owner.espace_id)
    .orderBy("verified_at")
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => now });
  const agenda = await setUpAgenda(database.db);
  // Booked with a phone only: the space opened by e-mail does not find it.
  await bookAppointment(contextAt(database.db, TEST_NOW), {
    motifId: agenda.motifId,
    agentId: agenda.agent.userId,
    lieuId: agenda.lieuId,
    start: parisToDate("2026-11-26", "10:00"),
    person: { ...PERSON, email: "" },
  });
  browser = new TestClient(app);
  await signInResident(browser, database.db, "moi@exemple.fr", "moi@exemple.fr");
});
afterAll(() => database?.close());

describe("a space without a phone or an e-mail", () => {
  it("says plainly why no appointment shows, and where to add one", async () => {
    const fc = new TestClient(app);
    await signInResident(fc, database.db, "fc@exemple.fr", "fc@exemple.fr");
    // As a space opened with FranceConnect: its only identifier is the subject.
    const [row] = await identifiersOf("fc@exemple.fr");
    await database.db
      .insertInto("espace_identifier")
      .values({
        espace_id: (
          await database.db
            .selectFrom("espace_identifier")
            .select("espace_id")
            .where("id", "=", row?.id ?? "")
            .executeTakeFirstOrThrow()
        ).espace_id,
        kind: "franceconnect",
        value: "sub-123",
        verified_at: TEST_NOW,
      })
      .execute();
    await database.db
      .deleteFrom("espace_identifier")
      .where("id", "=", row?.id ?? "")
      .execute();
    await fc.get("/mon-espace");
    expect(readable(fc.lastHtml)).toContain(NO_CONTACT);
    expect(fc.lastHtml).toContain('href="/mon-espace/coordonnees"');
    await fc.get("/mon-espace/rendez-vous");
    expect(readable(fc.lastHtml)).toContain(NO_CONTACT);
  });
});

describe("adding a contact", () => {
  it("refuses what is neither a mobile nor an address, and sends nothing", async () => {
    const response = await browser.post(
      "/mon-espace/coordonnees",
      { contact: "01 23 45 67 89" },
      { tokenFrom: "/mon-espace/coordonnees" },
    );
    expect(response.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("pas un portable");
    expect(await identifiersOf("moi@exemple.fr")).toHaveLength(1);
  });

  it("proves a mobile number with a code; its appointments then show", async () => {
    await browser.get("/mon-espace/rendez-vous");
    expect(readable(browser.lastHtml)).not.toContain(MOTIF);
    const asked = await browser.post(
      "/mon-espace/coordonnees",
      { contact: PERSON.telephone },
      { tokenFrom: "/mon-espace/coordonnees" },
    );
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe("/mon-espace/coordonnees/code");
    const wrong = await browser.post(
      "/mon-espace/coordonnees/code",
      { code: "000000" },
      { tokenFrom: "/mon-espace/coordonnees/code" },
    );
    expect(wrong.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("Ce code n'est pas le bon");
    const code = await lastCodeSentTo(database.db, "+33612345678");
    const entered = await browser.post(
      "/mon-espace/coordonnees/code",
      { code },
      { tokenFrom: "/mon-espace/coordonnees/code" },
    );
    expect(entered.status).toBe(303);
    expect(entered.headers.get("location")).toBe("/mon-espace/coordonnees?ajoute=1");
    expect((await identifiersOf("moi@exemple.fr")).map((row) => row.kind)).toEqual([
      "email",
      "phone",
    ]);
    await browser.get("/mon-espace/rendez-vous");
    expect(readable(browser.lastHtml)).toContain(MOTIF);
    await browser.get("/mon-espace/historique");
    expect(readable(browser.lastHtml)).toContain("contact ajouté à votre espace");
  });

  it("does not take a contact that opens another space", async () => {
    const other = new TestClient(app);
    now = new Date(TEST_NOW.getTime() + 60_000);
    await signInResident(other, database.db, "autre@exemple.fr", "autre@exemple.fr");
    // A later code than the sign-in's (the outbox is read by time).
    now = new Date(TEST_NOW.getTime() + 2 * 60_000);
    await browser.post(
      "/mon-espace/coordonnees",
      { contact: "autre@exemple.fr" },
      { tokenFrom: "/mon-espace/coordonnees" },
    );
    const code = await lastCodeSentTo(database.db, "autre@exemple.fr");
    const entered = await browser.post(
      "/mon-espace/coordonnees/code",
      { code },
      { tokenFrom: "/mon-espace/coordonnees/code" },
    );
    expect(entered.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("ouvre déjà un autre espace");
    expect(await identifiersOf("moi@exemple.fr")).toHaveLength(2);
    expect(await identifiersOf("autre@exemple.fr")).toHaveLength(1);
    now = TEST_NOW;
  });

  it("asks for a fresh code when the last one is more than 10 minutes old", async () => {
    now = new Date(TEST_NOW.getTime() + 11 * 60_000);
    const response = await browser.post(
      "/mon-espace/coordonnees",
      { contact: "nouvelle@exemple.fr" },
      { tokenFrom: "/mon-espace/coordonnees" },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/mon-espace/verifier");
    now = TEST_NOW;
  });
});

describe("removing a contact", () => {
  it("never removes the one signed in with, removes another, never the last", async () => {
    const [email, phone] = await identifiersOf("moi@exemple.fr");
    const inUse = await browser.post(
      `/mon-espace/coordonnees/${email?.id}/retirer`,
      {},
      { tokenFrom: "/mon-espace/coordonnees" },
    );
    expect(inUse.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("Vous êtes connecté avec ce contact");
    const removed = await browser.post(
      `/mon-espace/coordonnees/${phone?.id}/retirer`,
      {},
      { tokenFrom: "/mon-espace/coordonnees" },
    );
    expect(removed.status).toBe(303);
    expect((await identifiersOf("moi@exemple.fr")).map((row) => row.kind)).toEqual(["email"]);
    await browser.get("/mon-espace/coordonnees");
    expect(readable(browser.lastHtml)).toContain("C'est votre seul moyen d'entrer");
    const last = await browser.post(
      `/mon-espace/coordonnees/${email?.id}/retirer`,
      {},
      { tokenFrom: "/mon-espace/coordonnees" },
    );
    expect(last.status).toBe(400);
    expect(readable(browser.lastHtml)).toContain("C'est le seul moyen d'entrer");
    await browser.get("/mon-espace/rendez-vous");
    expect(readable(browser.lastHtml)).not.toContain(MOTIF);
  });
});
