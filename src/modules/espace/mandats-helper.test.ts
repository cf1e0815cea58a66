// What a helper does under a mandate, over HTTP: download the person's
// documents, share one with the structure that follows her (the part
// « partage », with the helper's own fresh code), move an appointment
// through the link's page; each written in her history as the helper's,
// for her. « Démarches » is not offered: Relais has none online yet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type UserActor } from "../../platform/access/actor.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { bookAppointment } from "../appointments/service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "../appointments/test-agenda.ts";
import { createPersonWithParcours } from "../records/service.ts";
import { contextFor, makeActor } from "../records/test-fixtures.ts";
import { exportSpace, spacePdfSections } from "./data-rights.ts";
import { linkRecordToSpace } from "./links.ts";
import { NO_PROCEDURES_YET, SHARE_NEEDS_DOCUMENTS } from "./mandates.ts";
import { pdfOf, postFile, signInResident } from "./test-helpers.ts";

const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

const HELPER = "karim.aidant@exemple.fr";
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let person: TestClient;
let helper: TestClient;
let worker: UserActor;
let mandateId = "";
let linkId = "";

async function grant(parts: string[]) {
  return person.post(
    "/mon-espace/mandats",
    { prenom: "Camille", aidant: "Karim", contact: HELPER, parties: parts, duree: "30" },
    { tokenFrom: "/mon-espace/mandats" },
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => TEST_NOW });
  const agenda = await setUpAgenda(database.db);
  await bookAppointment(contextAt(database.db, TEST_NOW), ANONYMOUS, {
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
    fields: { titre: "Avis d'imposition 2026", categorie: "ressources", expiration: "" },
    fileName: "avis.pdf",
    bytes: pdfOf(20_000),
  });
  expect(upload.status).toBe(303);
  const sst = await makeOrganisation(database.db, { kind: "sst", name: "SST de Nanterre" });
  worker = await makeActor(database.db, { role: "travailleur_social", organisationId: sst });
  const { parcoursId } = await createPersonWithParcours(contextFor(database.db, worker, TEST_NOW), {
    lastName: "Martin",
    firstName: "Camille",
    birthDate: "1990-01-01",
    inCareAse: false,
    consentScope: "suivi",
    organisationId: sst,
  });
  linkId = await linkRecordToSpace(
    database.db,
    worker,
    parcoursId,
    { contact: { kind: "email", value: PERSON.email }, identityChecked: true },
    { now: TEST_NOW },
  );
});
afterAll(() => database?.close());

describe("giving a mandate", () => {
  it("offers no « démarches » (none online yet) and says so", async () => {
    await person.get("/mon-espace/mandats");
    const html = readable(person.lastHtml);
    expect(html).toContain(NO_PROCEDURES_YET);
    expect(html).not.toContain('value="demarches"');
    const refused = await grant(["rendez_vous", "demarches"]);
    expect(refused.status).toBe(400);
  });

  it("refuses sharing without seeing the documents, then grants all three parts", async () => {
    const refused = await grant(["partage"]);
    expect(refused.status).toBe(400);
    expect(readable(person.lastHtml)).toContain(SHARE_NEEDS_DOCUMENTS);
    expect(await database.db.selectFrom("espace_mandate").select("id").execute()).toEqual([]);
    expect((await grant(["rendez_vous", "documents", "partage"])).status).toBe(303);
    mandateId = (
      await database.db.selectFrom("espace_mandate").select("id").executeTakeFirstOrThrow()
    ).id;
  });
});

describe("the helper, for the person", () => {
  it("downloads her document", async () => {
    helper = new TestClient(app);
    await signInResident(helper, database.db, HELPER, HELPER);
    await helper.get(`/mon-espace/pour/${mandateId}/documents`);
    const documentId = new RegExp(
      `/mon-espace/pour/${mandateId}/documents/([0-9a-f-]{36})/fichier`,
    ).exec(helper.lastHtml)?.[1];
    expect(documentId).toBeDefined();
    const download = await helper.get(
      `/mon-espace/pour/${mandateId}/documents/${documentId}/fichier`,
    );
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(20_000);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("shares it with the structure that follows her, for a purpose and 30 days", async () => {
    await helper.get(`/mon-espace/pour/${mandateId}/documents`);
    const documentId = /name="document"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(
      helper.lastHtml,
    )?.[1];
    const shared = await helper.post(
      `/mon-espace/pour/${mandateId}/partager`,
      { document: documentId ?? "", lien: linkId, but: "rendez_vous", duree: "30" },
      { tokenFrom: `/mon-espace/pour/${mandateId}/documents` },
    );
    expect(shared.status).toBe(303);
    const share = await database.db
      .selectFrom("espace_share")
      .select(["document_id", "link_id", "expires_at"])
      .executeTakeFirstOrThrow();
    expect(share).toMatchObject({ document_id: documentId, link_id: linkId });
    expect(share.expires_at.getTime()).toBe(TEST_NOW.getTime() + 30 * 86_400_000);
  });

  it("opens the move page of her appointment, under the link's rules", async () => {
    await helper.get(`/mon-espace/pour/${mandateId}/rendez-vous`);
    const rdv = new RegExp(
      `/mon-espace/pour/${mandateId}/rendez-vous/([0-9a-f-]{36})/deplacer`,
    ).exec(helper.lastHtml)?.[1];
    expect(rdv).toBeDefined();
    const move = await helper.get(`/mon-espace/pour/${mandateId}/rendez-vous/${rdv}/deplacer`);
    expect(move.status).toBe(303);
    expect(move.headers.get("location")).toMatch(/^\/rendez-vous\/.*\/deplacer/);
  });

  it("is written in her history as the helper's, for her", async () => {
    await person.get("/mon-espace/historique");
    const html = readable(person.lastHtml);
    expect(html).toContain("Karim (personne aidante, par votre mandat)");
    expect(html).toContain("téléchargement d'un de vos documents, pour vous (mandat)");
    expect(html).toContain("partage accordé");
    expect(html).toContain("déplacement d'un de vos rendez-vous, pour vous (mandat)");
    await person.get("/mon-espace/partages");
    expect(readable(person.lastHtml)).toContain("Avis d'imposition 2026");
  });
});

describe("the readable export (PDF)", () => {
  it("has her accompagnement and the mandates she gave, not only the JSON", async () => {
    const { espace_id: espaceId } = await database.db
      .selectFrom("espace_identifier")
      .select("espace_id")
      .where("value", "=", PERSON.email)
      .executeTakeFirstOrThrow();
    const data = await exportSpace(
      database.db,
      {
        kind: "resident",
        espaceId,
        verifiedAt: TEST_NOW,
        method: "code_email",
        contact: { kind: "email", value: PERSON.email },
      },
      { now: TEST_NOW, requestId: null, secret: "s".repeat(40) },
    );
    const sections = spacePdfSections(data);
    const accompagnement = sections.find(
      (s) => s.title === "Mon accompagnement par SST de Nanterre",
    );
    expect(accompagnement?.intro).toBeDefined();
    expect(accompagnement?.lines).toContain(
      "Structure : SST de Nanterre, depuis le 23 novembre 2026",
    );
    const mandates = sections.find((s) => s.title === "Les mandats que j'ai donnés");
    expect(mandates?.lines).toEqual([
      expect.stringContaining("Karim (karim.aidant@exemple.fr) : voir, annuler ou déplacer"),
    ]);
    const pdf = await person.get("/mon-espace/mes-donnees/export.pdf");
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
