import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import { recordKey, saveRecords } from "./directory-store.ts";
import { parserCalls } from "./opening-hours.ts";
import { makeService, makeStructure } from "./test-fixtures.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */
const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let ownServiceId: string;
let otherServiceId: string;
let responsable: { email: string; password: string; userId: string; organisationId: string };

const editPath = (id: string) => `/pro/annuaire/services/${id}`;
const VALID = {
  nom: "Épicerie solidaire du centre",
  description: "Produits à petit prix, sur orientation d'un travailleur social.",
  telephone: "01 47 00 00 00",
  horaires_accueil: "Mo-Fr 09:00-12:00; 2026 Dec 24-2027 Jan 1 off",
};

async function serviceRow(id: string) {
  return database.db
    .selectFrom("directory_service")
    .select(["nom", "telephone", "horaires_accueil", "checked_at", "search_text"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function auditFor(id: string) {
  return database.db
    .selectFrom("audit_event")
    .selectAll()
    .where("subject_id", "=", id)
    .where("action", "=", "directory.service.updated")
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const own = await makeOrganisation(database.db, {
    name: "Épicerie du centre",
    kind: "association",
  });
  const other = await makeOrganisation(database.db, { name: "CCAS voisin", kind: "ccas" });
  await database.db.transaction().execute((tx) =>
    saveRecords(
      tx,
      {
        structures: [makeStructure({ id: "own" }), makeStructure({ id: "other" })],
        services: [
          makeService({ structure_id: "own", id: "own-service", nom: "Épicerie solidaire" }),
          makeService({ structure_id: "other", id: "other-service", nom: "Aide aux factures" }),
        ],
      },
      {
        now: new Date("2026-01-15T09:00:00Z"),
        organisationIds: new Map([
          [recordKey("test", "own"), own],
          [recordKey("test", "other"), other],
        ]),
      },
    ),
  );
  const rows = await database.db
    .selectFrom("directory_service")
    .select(["id", "source_id"])
    .execute();
  ownServiceId = rows.find((row) => row.source_id === "own-service")?.id ?? "";
  otherServiceId = rows.find((row) => row.source_id === "other-service")?.id ?? "";
  responsable = await makeUser(database.db, { role: "responsable_structure", organisationId: own });
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

async function signedIn() {
  const client = new TestClient(app);
  await client.login(responsable.email, responsable.password);
  return client;
}

describe("a responsable de structure edits their services", () => {
  it("opens the edit page of their own service, flagged as not checked for six months", async () => {
    const client = await signedIn();
    const response = await client.get(editPath(ownServiceId));
    expect(response.status).toBe(200);
    expect(client.lastHtml).toContain("Modifier « Épicerie solidaire »");
    expect(client.lastHtml).toContain("pas été vérifié depuis plus de 6 mois");
  });

  it("saves their own service, marks it checked now, and writes an audit event", async () => {
    const client = await signedIn();
    const response = await client.post(editPath(ownServiceId), VALID, {
      tokenFrom: editPath(ownServiceId),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${editPath(ownServiceId)}?enregistre=1`);
    const row = await serviceRow(ownServiceId);
    expect(row.nom).toBe(VALID.nom);
    expect(row.horaires_accueil).toBe(VALID.horaires_accueil);
    expect(row.checked_at.toISOString()).toBe(NOW.toISOString());
    expect(row.search_text).toContain("epicerie solidaire du centre");
    const events = await auditFor(ownServiceId);
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_user_id).toBe(responsable.userId);
    expect(events[0]?.actor_organisation_id).toBe(responsable.organisationId);
    expect(events[0]?.details).toEqual({
      fields: ["nom", "description", "telephone", "horaires_accueil"],
    });
    await client.get(`${editPath(ownServiceId)}?enregistre=1`);
    expect(client.lastHtml).toContain("Le service est à jour.");
  });

  it("refuses 403 on another organisation's service, and changes nothing", async () => {
    const client = await signedIn();
    expect((await client.get(editPath(otherServiceId))).status).toBe(403);
    const before = await serviceRow(otherServiceId);
    const response = await client.post(editPath(otherServiceId), VALID, {
      tokenFrom: editPath(ownServiceId),
    });
    expect(response.status).toBe(403);
    expect(client.lastHtml).toContain("Accès refusé");
    expect(await serviceRow(otherServiceId)).toEqual(before);
    expect(await auditFor(otherServiceId)).toEqual([]);
  });

  it("answers 404 for an unknown service or an identifier that is not one", async () => {
    const client = await signedIn();
    expect((await client.get(editPath("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
    expect((await client.get(editPath("1' OR '1'='1"))).status).toBe(404);
  });

  it("refuses a post without the CSRF token (403) and changes nothing", async () => {
    const client = await signedIn();
    const before = await serviceRow(ownServiceId);
    const audits = (await auditFor(ownServiceId)).length;
    const response = await client.post(
      editPath(ownServiceId),
      { ...VALID, nom: "Nom changé sans jeton" },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(client.lastHtml).toContain("Ce formulaire a expiré");
    expect(await serviceRow(ownServiceId)).toEqual(before);
    expect(await auditFor(ownServiceId)).toHaveLength(audits);
  });

  it("re-renders the form with French errors for unreadable hours, and writes nothing", async () => {
    const client = await signedIn();
    const before = await serviceRow(ownServiceId);
    const response = await client.post(
      editPath(ownServiceId),
      { ...VALID, nom: "X", horaires_accueil: "lundi matin" },
      { tokenFrom: editPath(ownServiceId) },
    );
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Le nom doit faire 3 caractères au moins.");
    expect(readable(client.lastHtml)).toContain("n'est pas au format OpenStreetMap");
    expect(await serviceRow(ownServiceId)).toEqual(before);
  });

  it("refuses over-long hours with a French message before parsing them, and keeps answering others", async () => {
    const client = await signedIn();
    const before = await serviceRow(ownServiceId);
    const parsedBefore = parserCalls.count;
    const long = "Mo-Fr 09:00-12:00; ".repeat(2_000);
    const [response, health] = await Promise.all([
      client.post(
        editPath(ownServiceId),
        { ...VALID, horaires_accueil: long },
        { tokenFrom: editPath(ownServiceId) },
      ),
      app.request("/healthz"),
    ]);
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("1 000 caractères au plus (ici 37 999).");
    expect(parserCalls.count).toBe(parsedBefore);
    expect(health.status).toBe(200);
    expect(await serviceRow(ownServiceId)).toEqual(before);
  });

  it("sends an anonymous visitor to the sign-in page, and refuses a social worker 403", async () => {
    const anonymous = new TestClient(app);
    const response = await anonymous.get(editPath(ownServiceId));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/connexion");
    const worker = await makeUser(database.db, {
      role: "travailleur_social",
      organisationId: responsable.organisationId,
    });
    const client = new TestClient(app);
    await client.login(worker.email, worker.password);
    expect((await client.get(editPath(ownServiceId))).status).toBe(403);
  });
});

describe("the opening-hours editor", () => {
  const hoursFields = (fields: Record<string, string>) => ({
    nom: VALID.nom,
    description: "Une description\nsur deux lignes.",
    telephone: VALID.telephone,
    horaires_accueil: "Mo-Fr 09:00-12:00",
    horaires_origine: "Mo-Fr 09:00-12:00",
    ...fields,
  });

  it("shows the current hours as days and times, the raw value folded for experts", async () => {
    const client = await signedIn();
    await client.post(
      editPath(ownServiceId),
      {
        ...VALID,
        horaires_accueil: "Mo-Fr 09:00-12:00,14:00-17:00; PH off; 2026 Dec 24-2027 Jan 01 off",
      },
      { tokenFrom: editPath(ownServiceId) },
    );
    await client.get(editPath(ownServiceId));
    const html = client.lastHtml;
    expect(html).toMatch(/name="horaires_Mo_1_debut" type="time" value="09:00"/);
    expect(html).toMatch(/name="horaires_Fr_2_fin" type="time" value="17:00"/);
    expect(html).toMatch(/name="horaires_Sa_1_debut" type="time" value=""/);
    expect(html).toMatch(/id="champ-horaires_feries" name="horaires_feries" value="ferme" checked/);
    expect(html).toMatch(/name="fermeture_1_debut" type="date" value="2026-12-24"/);
    expect(html).toMatch(/name="fermeture_1_fin" type="date" value="2027-01-01"/);
    expect(html).toContain('<details class="hours-editor__raw">');
    expect(html).toContain("<textarea");
  });

  it("saves the days and times as OpenStreetMap hours, and a multi-line description", async () => {
    const client = await signedIn();
    const response = await client.post(
      editPath(ownServiceId),
      hoursFields({
        horaires_Mo_1_debut: "09:00",
        horaires_Mo_1_fin: "12:00",
        horaires_Tu_1_debut: "09:00",
        horaires_Tu_1_fin: "12:00",
        horaires_Tu_2_debut: "14:00",
        horaires_Tu_2_fin: "17:30",
        horaires_feries: "ferme",
        fermeture_1_debut: "2026-12-24",
        fermeture_1_fin: "2027-01-02",
      }),
      { tokenFrom: editPath(ownServiceId) },
    );
    expect(response.status).toBe(303);
    const row = await serviceRow(ownServiceId);
    expect(row.horaires_accueil).toBe(
      "Mo 09:00-12:00; Tu 09:00-12:00,14:00-17:30; PH off; 2026 Dec 24-2027 Jan 02 off",
    );
    const description = await database.db
      .selectFrom("directory_service")
      .select("description")
      .where("id", "=", ownServiceId)
      .executeTakeFirstOrThrow();
    expect(description.description).toBe("Une description\nsur deux lignes.");
  });

  it("accepts plain French in the experts' field", async () => {
    const client = await signedIn();
    const response = await client.post(
      editPath(ownServiceId),
      hoursFields({ horaires_accueil: "du lundi au vendredi de 9h à 12h et de 14h à 17h" }),
      { tokenFrom: editPath(ownServiceId) },
    );
    expect(response.status).toBe(303);
    expect((await serviceRow(ownServiceId)).horaires_accueil).toBe("Mo-Fr 09:00-12:00,14:00-17:00");
  });

  it("says which time is wrong, in French, and writes nothing", async () => {
    const client = await signedIn();
    const before = await serviceRow(ownServiceId);
    const response = await client.post(
      editPath(ownServiceId),
      hoursFields({ horaires_Mo_1_debut: "14:00", horaires_Mo_1_fin: "09:00" }),
      { tokenFrom: editPath(ownServiceId) },
    );
    expect(response.status).toBe(400);
    expect(readable(client.lastHtml)).toContain("Le lundi, la fermeture doit suivre l'ouverture.");
    expect(client.lastHtml).toContain('href="#champ-horaires_Mo_1_fin"');
    expect(await serviceRow(ownServiceId)).toEqual(before);
  });
});
