// Mandates over HTTP, with a clock the test moves: the person gives a helper
// their appointments for a month; the helper, signed in with their own code,
// acts for the person on that part only; every act is in the person's
// history as the helper's, for them; a revoked or expired mandate stops
// every path; bad input is refused in French and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { readable } from "../../test/fixtures.ts";
import { bookAppointment } from "../appointments/service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "../appointments/test-fixtures.ts";
import { pdfOf, postFile, signInResident } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let now = TEST_NOW;
let person: TestClient;
let helper: TestClient;
let mandateId = "";

const HELPER_EMAIL = "karim.aidant@exemple.fr";
const days = (n: number) => {
  now = new Date(now.getTime() + n * 86_400_000);
};

async function countMandates(): Promise<number> {
  const row = await database.db
    .selectFrom("espace_mandate")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => now });
  const agenda = await setUpAgenda(database.db);
  await bookAppointment(contextAt(database.db, TEST_NOW), {
    motifId: agenda.motifId,
    agentId: agenda.agent.userId,
    lieuId: agenda.lieuId,
    start: parisToDate("2026-11-26", "10:00"),
    person: PERSON,
  });
  person = new TestClient(app);
  await signInResident(person, database.db, PERSON.email, PERSON.email);
  const upload = await postFile(app, person, "/mon-espace/documents", {
    tokenFrom: "/mon-espace/documents",
    fields: { titre: "Carte d'identité", categorie: "identite", expiration: "" },
    fileName: "carte.pdf",
    bytes: pdfOf(20_000),
  });
  expect(upload.status).toBe(303);
});
afterAll(() => database?.close());

describe("a mandate for the appointments", () => {
  it("refuses bad input in French and writes nothing", async () => {
    const noPart = await person.post(
      "/mon-espace/mandats",
      { prenom: "Camille", aidant: "Karim", contact: HELPER_EMAIL, duree: "30" },
      { tokenFrom: "/mon-espace/mandats" },
    );
    expect(noPart.status).toBe(400);
    expect(readable(person.lastHtml)).toContain("Cochez au moins");
    const tooLong = await person.post(
      "/mon-espace/mandats",
      {
        prenom: "Camille",
        aidant: "Karim",
        contact: HELPER_EMAIL,
        parties: "rendez_vous",
        duree: "730",
      },
      { tokenFrom: "/mon-espace/mandats" },
    );
    expect(tooLong.status).toBe(400);
    expect(readable(person.lastHtml)).toContain("Choisissez une durée");
    const badContact = await person.post(
      "/mon-espace/mandats",
      { prenom: "Camille", aidant: "Karim", contact: "karim", parties: "rendez_vous", duree: "30" },
      { tokenFrom: "/mon-espace/mandats" },
    );
    expect(badContact.status).toBe(400);
    expect(readable(person.lastHtml)).toContain("Indiquez un numéro de portable");
    const self = await person.post(
      "/mon-espace/mandats",
      {
        prenom: "Camille",
        aidant: "Moi",
        contact: PERSON.email,
        parties: "rendez_vous",
        duree: "30",
      },
      { tokenFrom: "/mon-espace/mandats" },
    );
    expect(self.status).toBe(400);
    expect(readable(person.lastHtml)).toContain("à vous-même");
    expect(await countMandates()).toBe(0);
  });

  it("gives the mandate for the appointments, for a month", async () => {
    const given = await person.post(
      "/mon-espace/mandats",
      {
        prenom: "Camille",
        aidant: "Karim, mon fils",
        contact: "Karim.Aidant@exemple.fr",
        parties: "rendez_vous",
        duree: "30",
      },
      { tokenFrom: "/mon-espace/mandats" },
    );
    expect(given.status).toBe(303);
    await person.get("/mon-espace/mandats");
    const html = readable(person.lastHtml);
    expect(html).toContain("Karim, mon fils");
    expect(html).toContain("mes rendez-vous");
    const row = await database.db
      .selectFrom("espace_mandate")
      .select(["id", "helper_value", "parts", "expires_at"])
      .executeTakeFirstOrThrow();
    expect(row.helper_value).toBe(HELPER_EMAIL);
    expect(row.parts).toEqual(["rendez_vous"]);
    expect(row.expires_at.getTime()).toBe(now.getTime() + 30 * 86_400_000);
    mandateId = row.id;
    const exported = await person.get("/mon-espace/mes-donnees/export.json");
    expect(JSON.stringify(await exported.json())).toContain("Karim, mon fils");
  });

  it("lets the helper, with their own code, see the appointments but not the documents", async () => {
    helper = new TestClient(app);
    await signInResident(helper, database.db, HELPER_EMAIL, HELPER_EMAIL);
    await helper.get("/mon-espace/mandats");
    expect(readable(helper.lastHtml)).toContain("Agir pour Camille");
    await helper.get(`/mon-espace/pour/${mandateId}`);
    expect(helper.lastHtml).toContain(`/mon-espace/pour/${mandateId}/rendez-vous`);
    expect(helper.lastHtml).not.toContain(`/mon-espace/pour/${mandateId}/documents`);
    const appointments = await helper.get(`/mon-espace/pour/${mandateId}/rendez-vous`);
    expect(appointments.status).toBe(200);
    expect(readable(helper.lastHtml)).toContain("Premier accueil social");
    const documents = await helper.get(`/mon-espace/pour/${mandateId}/documents`);
    expect(documents.status).toBe(403);
    expect(readable(helper.lastHtml)).not.toContain("Carte d'identité");
    // The helper's own space is not the person's: nothing of hers there.
    await helper.get("/mon-espace/rendez-vous");
    expect(readable(helper.lastHtml)).not.toContain("Premier accueil social");
  });

  it("lets the helper cancel the appointment for the person, under the link's rules", async () => {
    await helper.get(`/mon-espace/pour/${mandateId}/rendez-vous`);
    const rdv = new RegExp(
      `/mon-espace/pour/${mandateId}/rendez-vous/([0-9a-f-]{36})/annuler`,
    ).exec(helper.lastHtml)?.[1];
    expect(rdv).toBeDefined();
    const cancelled = await helper.post(
      `/mon-espace/pour/${mandateId}/rendez-vous/${rdv}/annuler`,
      {},
      { tokenFrom: `/mon-espace/pour/${mandateId}/rendez-vous` },
    );
    expect(cancelled.status).toBe(303);
    const again = await helper.post(
      `/mon-espace/pour/${mandateId}/rendez-vous/${rdv}/annuler`,
      {},
      { tokenFrom: `/mon-espace/pour/${mandateId}/rendez-vous` },
    );
    expect(again.status).toBe(400);
    expect(readable(helper.lastHtml)).toContain("Ce rendez-vous est déjà annulé");
    const stored = await database.db
      .selectFrom("rdv")
      .select("status")
      .where("id", "=", rdv ?? "")
      .executeTakeFirstOrThrow();
    expect(stored.status).not.toBe("unknown");
    await person.get("/mon-espace/historique");
    expect(readable(person.lastHtml)).toContain(
      "annulation d'un de vos rendez-vous, pour vous (mandat)",
    );
  });

  it("writes each act as the helper's, for the person, in her history", async () => {
    const events = await database.db
      .selectFrom("audit_event")
      .select(["action", "details", "actor_user_id"])
      .where("action", "like", "espace.mandate.%")
      .orderBy("seq")
      .execute();
    const read = events.find((e) => e.action === "espace.mandate.appointments.read");
    const mandate = await database.db
      .selectFrom("espace_mandate")
      .select("espace_id")
      .where("id", "=", mandateId)
      .executeTakeFirstOrThrow();
    expect(read?.details).toMatchObject({
      by: "helper",
      helperName: "Karim, mon fils",
      onBehalfOf: mandate.espace_id,
    });
    expect(events.some((e) => e.action === "espace.mandate.refused")).toBe(true);
    await person.get("/mon-espace/historique");
    const html = readable(person.lastHtml);
    expect(html).toContain("Karim, mon fils (personne aidante, par votre mandat)");
    expect(html).toContain("consultation de vos rendez-vous, pour vous (mandat)");
  });

  it("stops at once when the person revokes it", async () => {
    const revoked = await person.post(
      `/mon-espace/mandats/${mandateId}/retirer`,
      {},
      { tokenFrom: "/mon-espace/mandats" },
    );
    expect(revoked.status).toBe(303);
    const after = await helper.get(`/mon-espace/pour/${mandateId}/rendez-vous`);
    expect(after.status).toBe(403);
    expect(readable(helper.lastHtml)).not.toContain("Premier accueil social");
    const home = await helper.get(`/mon-espace/pour/${mandateId}`);
    expect(home.status).toBe(404);
    await helper.get("/mon-espace/mandats");
    expect(readable(helper.lastHtml)).not.toContain("Agir pour Camille");
  });

  it("stops when it expires", async () => {
    const given = await person.post(
      "/mon-espace/mandats",
      {
        prenom: "Camille",
        aidant: "Karim",
        contact: HELPER_EMAIL,
        parties: "documents",
        duree: "30",
      },
      { tokenFrom: "/mon-espace/mandats" },
    );
    expect(given.status).toBe(303);
    const second = await database.db
      .selectFrom("espace_mandate")
      .select("id")
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    expect((await helper.get(`/mon-espace/pour/${second.id}/documents`)).status).toBe(200);
    expect(readable(helper.lastHtml)).toContain("Carte d'identité");
    days(31);
    await signInResident(helper, database.db, HELPER_EMAIL, HELPER_EMAIL);
    expect((await helper.get(`/mon-espace/pour/${second.id}/documents`)).status).toBe(403);
    expect(readable(helper.lastHtml)).not.toContain("Carte d'identité");
  });

  it("is not reachable by someone else's helper, nor anonymously", async () => {
    const stranger = new TestClient(app);
    expect((await stranger.get(`/mon-espace/pour/${mandateId}/rendez-vous`)).status).not.toBe(200);
    await signInResident(stranger, database.db, "autre@exemple.fr", "autre@exemple.fr");
    expect((await stranger.get(`/mon-espace/pour/${mandateId}/rendez-vous`)).status).toBe(404);
  });
});
