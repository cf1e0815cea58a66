// « Mon accompagnement » over HTTP: an unlinked space sees nothing of the
// record; once the référent links it, the person sees the plan, the
// structures and the notes marked shareable, never the others (nor health
// notes, which cannot be marked); the JSON export follows the same line; the
// read is audited as done by the person; ending the link stops it all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { readable } from "../../test/fixtures.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { setUpAgenda, TEST_NOW } from "../appointments/test-fixtures.ts";
import { postNewRecord } from "../records/test-fixtures.ts";
import { signInResident } from "./test-fixtures.ts";

const SHARED = "Dossier FSL déposé ensemble, réponse attendue";
const PRIVATE = "Impression : conflit possible avec le bailleur";
const HEALTH = "Suivi médical en cours au CMP";
const OBJECTIVE = "Trouver un logement stable";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
const now = TEST_NOW;
let resident: TestClient;
let worker: TestClient;
let parcoursId: string;
let organisationName: string;

async function note(body: string, extra: Record<string, string> = {}) {
  return worker.post(
    `/pro/dossiers/${parcoursId}/notes`,
    { contactDate: "2026-11-20", body, ...extra },
    { tokenFrom: `/pro/dossiers/${parcoursId}` },
  );
}

async function exportJson(): Promise<string> {
  const response = await resident.get("/mon-espace/mes-donnees/export.json");
  expect(response.status).toBe(200);
  return JSON.stringify(await response.json());
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => now });
  const agenda = await setUpAgenda(database.db);
  organisationName = (
    await database.db
      .selectFrom("organisation")
      .select("name")
      .where("id", "=", agenda.organisationId)
      .executeTakeFirstOrThrow()
  ).name;
  worker = await signInNewUser(app, database.db, "travailleur_social", agenda.organisationId);
  ({ parcoursId } = await postNewRecord(worker, {
    lastName: "Lefèvre",
    firstName: "Nadia",
    birthDate: "1985-06-01",
    consentScope: "suivi_sante",
    organisationId: agenda.organisationId,
  }));
  expect(
    (
      await worker.post(
        `/pro/dossiers/${parcoursId}/objectifs`,
        { theme: "logement", title: OBJECTIVE },
        { tokenFrom: `/pro/dossiers/${parcoursId}` },
      )
    ).status,
  ).toBe(303);
  expect((await note(SHARED, { sharedWithPerson: "1" })).status).toBe(303);
  expect((await note(PRIVATE)).status).toBe(303);
  expect((await note(HEALTH, { sensitive: "1" })).status).toBe(303);
  resident = new TestClient(app);
  await signInResident(resident, database.db, "nadia@exemple.fr", "nadia@exemple.fr");
});
afterAll(() => database?.close());

describe("Mon accompagnement", () => {
  it("refuses a health note marked shareable, in French, and writes nothing", async () => {
    const before = await database.db
      .selectFrom("parcours_note")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const refused = await note("Note de santé à partager", {
      sensitive: "1",
      sharedWithPerson: "1",
    });
    expect(refused.status).toBe(400);
    expect(readable(worker.lastHtml)).toContain("Une note de santé ne peut pas être partagée");
    const after = await database.db
      .selectFrom("parcours_note")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("shows the checkbox in the note form and marks the shared note on the record", async () => {
    await worker.get(`/pro/dossiers/${parcoursId}`);
    const html = readable(worker.lastHtml);
    expect(html).toContain('name="sharedWithPerson"');
    expect(html).toContain("Partagée avec la personne");
  });

  it("shows nothing of the record to a space not linked to it", async () => {
    const page = await resident.get("/mon-espace/accompagnement");
    expect(page.status).toBe(200);
    const html = readable(resident.lastHtml);
    expect(html).toContain("Aucun suivi n'est relié à votre espace");
    for (const text of [SHARED, PRIVATE, HEALTH, OBJECTIVE]) expect(html).not.toContain(text);
    const data = await exportJson();
    for (const text of [SHARED, PRIVATE, HEALTH, OBJECTIVE]) expect(data).not.toContain(text);
  });

  it("after the référent links the record: the plan, the structure and only the shared note", async () => {
    const linked = await worker.post(
      `/pro/dossiers/${parcoursId}/espace`,
      { contact: "nadia@exemple.fr", verifie: "oui" },
      { tokenFrom: `/pro/dossiers/${parcoursId}/espace` },
    );
    expect(linked.status).toBe(303);
    await resident.get("/mon-espace/accompagnement");
    const html = readable(resident.lastHtml);
    expect(html).toContain(OBJECTIVE);
    expect(html).toContain(organisationName);
    expect(html).toContain(SHARED);
    expect(html).not.toContain(PRIVATE);
    expect(html).not.toContain(HEALTH);

    const data = await exportJson();
    expect(data).toContain(SHARED);
    expect(data).toContain(OBJECTIVE);
    expect(data).not.toContain(PRIVATE);
    expect(data).not.toContain(HEALTH);

    const reads = await database.db
      .selectFrom("audit_event")
      .select(["actor_user_id", "details", "subject_id"])
      .where("action", "=", "parcours.read_by_person")
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((r) => r.actor_user_id === null && r.subject_id === parcoursId)).toBe(true);
    expect(reads[0]?.details).toMatchObject({ by: "resident", notes: 1 });
  });

  it("stops at once when the person ends the link", async () => {
    await resident.get("/mon-espace");
    const linkId = /\/mon-espace\/suivi\/([0-9a-f-]{36})\/retirer/.exec(resident.lastHtml)?.[1];
    expect(linkId).toBeDefined();
    const ended = await resident.post(
      `/mon-espace/suivi/${linkId}/retirer`,
      {},
      { tokenFrom: "/mon-espace" },
    );
    expect(ended.status).toBe(303);
    await resident.get("/mon-espace/accompagnement");
    const html = readable(resident.lastHtml);
    expect(html).toContain("Aucun suivi n'est relié à votre espace");
    expect(html).not.toContain(SHARED);
    expect(await exportJson()).not.toContain(SHARED);
  });

  it("is for a signed-in person only", async () => {
    const stranger = new TestClient(app);
    const response = await stranger.get("/mon-espace/accompagnement");
    expect(response.status).not.toBe(200);
  });
});
