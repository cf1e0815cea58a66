import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { LIEU_IN_USE_MESSAGE } from "./lieux.ts";
import { setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;
let structureId: string;

const PATH = "/pro/rendez-vous/configuration/lieux";
const escaped = (text: string) => text.replaceAll("'", "&#39;");

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => TEST_NOW });
  const row = await database.db
    .insertInto("directory_structure")
    .values({
      source: "test",
      source_id: `structure-${Date.now()}`,
      organisation_id: agenda.organisationId,
      nom: "Espace départemental des solidarités du Parc",
      description: null,
      siret: null,
      telephone: null,
      courriel: null,
      site_web: null,
      lien_source: null,
      accessibilite_lieu: null,
      horaires_accueil: null,
      reseaux_porteurs: [],
      date_maj: "2026-01-15",
      checked_at: TEST_NOW,
      updated_at: TEST_NOW,
      adresse: "5 rue du Parc",
      complement_adresse: null,
      code_postal: "92000",
      commune: "Nanterre",
      code_insee: "92050",
      latitude: 48.8924,
      longitude: 2.2071,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  structureId = row.id;
});
afterAll(async () => {
  await database.close();
});

async function responsableClient(organisationId = agenda.organisationId) {
  const responsable = await makeUser(database.db, {
    role: "responsable_structure",
    organisationId,
  });
  const client = new TestClient(app);
  await client.login(responsable.email, responsable.password);
  return { client, responsable };
}

const lieuNamed = (name: string) =>
  database.db.selectFrom("rdv_lieu").selectAll().where("name", "=", name).executeTakeFirst();

describe("the responsable's places", () => {
  it("adds a place picked from the directory: fields copied, reference kept, change audited", async () => {
    const { client, responsable } = await responsableClient();
    expect((await client.get(PATH)).status).toBe(200);
    expect(client.lastHtml).toContain("Espace départemental des solidarités du Parc");
    expect(client.lastHtml).toContain(`value="structure:${structureId}"`);
    const response = await client.post(
      `${PATH}/annuaire`,
      { ref: `structure:${structureId}` },
      { tokenFrom: PATH },
    );
    expect(response.status).toBe(200);
    expect(client.lastHtml).toContain("Lieu ajouté depuis l");
    const lieu = await lieuNamed("Espace départemental des solidarités du Parc");
    expect(lieu).toMatchObject({
      organisation_id: agenda.organisationId,
      address: "5 rue du Parc, 92000 Nanterre",
      commune_code: "92050",
      directory_ref: `structure:${structureId}`,
      latitude: 48.8924,
      longitude: 2.2071,
      status: "enabled",
    });
    const audit = await database.db
      .selectFrom("audit_event")
      .selectAll()
      .where("subject_type", "=", "rdv_lieu")
      .where("subject_id", "=", lieu?.id ?? "")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["rdv.lieu.created"]);
    expect(audit[0]?.actor_user_id).toBe(responsable.userId);
    expect(client.lastHtml).toContain(`/trouver-de-l-aide/structures/${structureId}`);
  });

  it("refuses a directory reference that does not exist", async () => {
    const { client } = await responsableClient();
    const refused = await client.post(
      `${PATH}/annuaire`,
      { ref: "structure:00000000-0000-4000-8000-000000000000" },
      { tokenFrom: PATH },
    );
    expect(refused.status).toBe(400);
    expect(client.lastHtml).toContain("Ce lieu n&#39;existe pas ou plus dans l&#39;annuaire.");
  });

  it("adds a place typed by hand, with French messages for a missing field", async () => {
    const { client } = await responsableClient();
    const invalid = await client.post(
      PATH,
      { nom: "Mairie annexe", adresse: "", commune: "92050" },
      { tokenFrom: PATH },
    );
    expect(invalid.status).toBe(400);
    expect(client.lastHtml).toContain(escaped("Indiquez l'adresse du lieu"));
    expect(client.lastHtml).toContain('value="Mairie annexe"');
    const created = await client.post(
      PATH,
      { nom: "Mairie annexe", adresse: "1 place du Marché, 92000 Nanterre", commune: "92050" },
      { tokenFrom: PATH },
    );
    expect(created.status).toBe(200);
    const lieu = await lieuNamed("Mairie annexe");
    expect(lieu).toMatchObject({ commune_code: "92050", directory_ref: null, latitude: null });
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("subject_id", "=", lieu?.id ?? "")
      .execute();
    expect(audit).toEqual([{ action: "rdv.lieu.created" }]);
  });

  it("refuses another structure's responsable (403), and a travailleur social (403)", async () => {
    const other = await makeUser(database.db, { role: "responsable_structure" });
    const client = new TestClient(app);
    await client.login(other.email, other.password);
    expect((await client.get(`${PATH}/${agenda.lieuId}`)).status).toBe(403);
    const status = await client.post(
      `${PATH}/${agenda.lieuId}/statut`,
      { statut: "disabled" },
      { tokenFrom: PATH },
    );
    expect(status.status).toBe(403);
    const removed = await client.post(
      `${PATH}/${agenda.lieuId}/supprimer`,
      {},
      { tokenFrom: PATH },
    );
    expect(removed.status).toBe(403);

    const social = new TestClient(app);
    await social.login(agenda.agent.email, agenda.agent.password);
    expect((await social.get(PATH)).status).toBe(403);
    const created = await social.post(
      PATH,
      { nom: "Lieu refusé", adresse: "2 rue Refusée, 92000 Nanterre" },
      { tokenFrom: "/pro" },
    );
    expect(created.status).toBe(403);
    expect(await lieuNamed("Lieu refusé")).toBeUndefined();
    const lieu = await lieuNamed("Espace solidarité du Parc");
    expect(lieu?.status).toBe("enabled");
  });

  it("refuses to delete a place used by openings, which can be disabled instead", async () => {
    const { client } = await responsableClient();
    const refused = await client.post(
      `${PATH}/${agenda.lieuId}/supprimer`,
      {},
      { tokenFrom: PATH },
    );
    expect(refused.status).toBe(400);
    expect(client.lastHtml).toContain(escaped(LIEU_IN_USE_MESSAGE));
    expect(await lieuNamed("Espace solidarité du Parc")).toBeDefined();
    const disabled = await client.post(
      `${PATH}/${agenda.lieuId}/statut`,
      { statut: "disabled" },
      { tokenFrom: PATH },
    );
    expect(disabled.status).toBe(303);
    expect((await lieuNamed("Espace solidarité du Parc"))?.status).toBe("disabled");
    await client.post(
      `${PATH}/${agenda.lieuId}/statut`,
      { statut: "enabled" },
      { tokenFrom: PATH },
    );
    expect((await lieuNamed("Espace solidarité du Parc"))?.status).toBe("enabled");

    const unused = await lieuNamed("Mairie annexe");
    const deleted = await client.post(`${PATH}/${unused?.id}/supprimer`, {}, { tokenFrom: PATH });
    expect(deleted.status).toBe(200);
    expect(await lieuNamed("Mairie annexe")).toBeUndefined();
    const actions = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("subject_id", "=", agenda.lieuId)
      .orderBy("seq")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["rdv.lieu.disabled", "rdv.lieu.enabled"]);
  });

  it("requires the CSRF token on every form", async () => {
    const { client } = await responsableClient();
    const response = await client.post(
      PATH,
      { nom: "Sans jeton", adresse: "3 rue Sans Jeton, 92000 Nanterre" },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(await lieuNamed("Sans jeton")).toBeUndefined();
    const remove = await client.post(
      `${PATH}/${agenda.lieuId}/statut`,
      { statut: "disabled" },
      {
        csrf: false,
      },
    );
    expect(remove.status).toBe(403);
    expect((await lieuNamed("Espace solidarité du Parc"))?.status).toBe("enabled");
  });

  it("shows the place's address and its directory page on the public booking pages", async () => {
    await database.db
      .updateTable("rdv_lieu")
      .set({ directory_ref: `structure:${structureId}` })
      .where("id", "=", agenda.lieuId)
      .execute();
    const visitor = new TestClient(app);
    await visitor.get(`/rendez-vous/lieu?motif=${agenda.motifId}`);
    expect(visitor.lastHtml).toContain("12 rue des Fleurs, 92000 Nanterre");
    expect(visitor.lastHtml).toContain(`href="/trouver-de-l-aide/structures/${structureId}"`);
    await visitor.get(
      `/rendez-vous/creneaux?motif=${agenda.motifId}&lieu=${agenda.lieuId}&semaine=2026-11-30`,
    );
    expect(visitor.lastHtml).toContain("12 rue des Fleurs, 92000 Nanterre");
    expect(visitor.lastHtml).toContain(`href="/trouver-de-l-aide/structures/${structureId}"`);
  });
});
