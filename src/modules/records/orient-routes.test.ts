import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { DEMO_PASSWORD } from "../../seed/demo-organisations.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { readable } from "../../test/fixtures.ts";
import { searchDirectory } from "../directory/service.ts";
import { ORIENTATION_NEEDS_CONSENT, SERVICE_NOT_FOUND } from "./sharing.ts";
import { postNewRecord } from "./test-fixtures.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */
// Monday 16 November 2026, 10:30 in Paris.
const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database?.close());

async function signIn(email: string) {
  const client = new TestClient(app);
  expect((await client.login(email, DEMO_PASSWORD)).status).toBe(303);
  return client;
}

async function secoursCatholiqueService(name: string) {
  const result = await searchDirectory({ db: database.db, now: NOW }, "92", {
    text: `${name} Secours Catholique`,
    pageSize: 20,
  });
  const hit = result.hits.find(
    (h) => h.nom === name && /^secours catholique/i.test(h.structureNom),
  );
  if (!hit) throw new Error(`service ${name} absent de l'annuaire de démonstration`);
  return hit.id;
}

async function organisationId(name: string) {
  const row = await database.db
    .selectFrom("organisation")
    .select("id")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("demo records", () => {
  it("shows the responsable the young person in care turning 18 and the overdue action", async () => {
    const responsable = await signIn("responsable@demo.relais.test");
    await responsable.get("/pro/suivi-structure");
    const html = readable(responsable.lastHtml);
    expect(html).toMatch(/Inès Morel[^<]*<\/a> \(Julien Moreau\) :[^<]*aura 18 ans/);
    expect(html).toMatch(/Marc Petit[^<]*<\/a>[^<]*actions du plan sont en retard/);
  });

  it("gives the association its pending orientation and the accepted record, and the CCAS nothing", async () => {
    const association = await signIn("secours-catholique@demo.relais.test");
    await association.get("/pro/orientations");
    const incoming = readable(association.lastHtml);
    expect(incoming).toContain("Marc Petit");
    expect(incoming).toContain("Accueil de jour et écoute — Secours catholique — Nanterre");
    await association.get("/pro/dossiers");
    expect(association.lastHtml).toContain("Camara");
    expect(association.lastHtml).not.toContain("Morel");

    const ccas = await signIn("ccas-nanterre@demo.relais.test");
    await ccas.get("/pro/dossiers");
    expect(ccas.lastHtml).toContain("Aucun dossier trouvé");
    for (const name of ["Camara", "Petit", "Morel"]) expect(ccas.lastHtml).not.toContain(name);
  });

  it("keeps the sensitive health note from the association, which consented to the suivi only", async () => {
    const worker = await signIn("ts@demo.relais.test");
    await worker.get("/pro/dossiers?nom=Camara");
    const parcoursId = /href="\/pro\/dossiers\/([0-9a-f-]{36})"/.exec(worker.lastHtml)?.[1] ?? "";
    await worker.get(`/pro/dossiers/${parcoursId}`);
    expect(worker.lastHtml).toContain("dépression");
    const association = await signIn("secours-catholique@demo.relais.test");
    expect((await association.get(`/pro/dossiers/${parcoursId}`)).status).toBe(200);
    expect(association.lastHtml).toContain("Colis remis");
    expect(association.lastHtml).not.toContain("dépression");
  });
});

describe("orienting to a directory service", () => {
  it("picks the person from the service page, asks for consent first, then keeps the service's name", async () => {
    const serviceId = await secoursCatholiqueService("Accueil de jour et écoute");
    const worker = await signIn("ts@demo.relais.test");
    const { response: created, parcoursId } = await postNewRecord(worker, {
      lastName: "Rousseau",
      firstName: "Élise",
      birthDate: "1990-05-17",
      consentScope: "suivi",
      organisationId: await organisationId("SST de Nanterre"),
    });
    expect(created.status).toBe(303);

    expect(
      (await worker.get(`/pro/orientations/nouvelle?service=${serviceId}&nom=Rousseau`)).status,
    ).toBe(200);
    expect(worker.lastHtml).toContain(`/pro/dossiers/${parcoursId}/orienter?service=${serviceId}`);
    expect((await worker.get("/pro/orientations/nouvelle?service=pas-un-service")).status).toBe(
      404,
    );

    const page = `/pro/dossiers/${parcoursId}/orienter?service=${serviceId}`;
    expect((await worker.get(page)).status).toBe(200);
    expect(readable(worker.lastHtml)).toContain("Consentement manquant");

    const withoutConsent = await worker.post(
      `/pro/dossiers/${parcoursId}/orientations`,
      { serviceId, message: "Vêtements pour l'hiver" },
      { tokenFrom: page },
    );
    expect(withoutConsent.status).toBe(400);
    expect(readable(worker.lastHtml)).toContain(ORIENTATION_NEEDS_CONSENT);
    expect(readable(worker.lastHtml)).toContain("Vêtements pour l'hiver");

    const unknown = await worker.post(
      `/pro/dossiers/${parcoursId}/orientations`,
      { serviceId: "00000000-0000-4000-8000-000000000000", message: "" },
      { tokenFrom: page },
    );
    expect(unknown.status).toBe(400);
    expect(readable(worker.lastHtml)).toContain(SERVICE_NOT_FOUND);
    const none = await worker.post(
      `/pro/dossiers/${parcoursId}/orientations`,
      { message: "" },
      { tokenFrom: page },
    );
    expect(none.status).toBe(400);
    expect(readable(worker.lastHtml)).toContain("Choisissez un service de l'annuaire.");

    const associationId = await organisationId(
      "Secours Catholique — délégation des Hauts-de-Seine",
    );
    expect(
      (
        await worker.post(
          `/pro/dossiers/${parcoursId}/consentements`,
          {
            consentOrganisationId: associationId,
            scope: "suivi",
            how: "oral",
            givenOn: "2024-01-02",
          },
          { tokenFrom: `/pro/dossiers/${parcoursId}` },
        )
      ).status,
    ).toBe(303);
    const oriented = await worker.post(
      `/pro/dossiers/${parcoursId}/orientations`,
      { serviceId, message: "Vêtements pour l'hiver" },
      { tokenFrom: page },
    );
    expect(oriented.status).toBe(303);
    await worker.get(`/pro/dossiers/${parcoursId}`);
    expect(readable(worker.lastHtml)).toMatch(
      /→ Secours Catholique[^<]*\(Accueil de jour et écoute — Secours catholique/,
    );
  });

  it("finds services by text from the record and lists them as choices", async () => {
    const worker = await signIn("ts@demo.relais.test");
    await worker.get("/pro/dossiers?nom=Petit");
    const parcoursId = /href="\/pro\/dossiers\/([0-9a-f-]{36})"/.exec(worker.lastHtml)?.[1] ?? "";
    expect(
      (await worker.get(`/pro/dossiers/${parcoursId}/orienter?q=aide+alimentaire`)).status,
    ).toBe(200);
    expect(worker.lastHtml).toMatch(/type="radio"[^>]*name="serviceId"/);
    const accueil = await signIn("accueil@demo.relais.test");
    expect((await accueil.get(`/pro/dossiers/${parcoursId}/orienter?q=aide`)).status).toBe(403);
  });
});

describe("orienting near a place, with the consent recorded on the way", () => {
  it("filters and orders the services by the commune asked for, nearest first", async () => {
    const worker = await signIn("ts@demo.relais.test");
    await worker.get("/pro/dossiers?nom=Petit");
    const parcoursId = /href="\/pro\/dossiers\/([0-9a-f-]{36})"/.exec(worker.lastHtml)?.[1] ?? "";
    const page = `/pro/dossiers/${parcoursId}/orienter?q=aide+alimentaire&lieu=Colombes`;
    expect((await worker.get(page)).status).toBe(200);
    const html = readable(worker.lastHtml);
    expect(html).toContain("Les services autour de Colombes, les plus proches d'abord.");
    const distances = [...html.matchAll(/\(([^,()]+), à ([\d,]+) (m|km)\)/g)].map((match) => ({
      commune: match[1],
      km: Number((match[2] ?? "").replace(",", ".")) / (match[3] === "m" ? 1000 : 1),
    }));
    expect(distances.length).toBeGreaterThan(2);
    expect(distances[0]?.commune).toBe("Colombes");
    const unknown = await worker.get(
      `/pro/dossiers/${parcoursId}/orienter?q=aide+alimentaire&lieu=Marseille`,
    );
    expect(unknown.status).toBe(200);
    expect(readable(worker.lastHtml)).toContain("Nous ne trouvons pas « Marseille »");
  });

  it("records the missing consent from the orientation page, audited, and comes back to it", async () => {
    const serviceId = await secoursCatholiqueService("Aide alimentaire");
    const worker = await signIn("ts@demo.relais.test");
    const { parcoursId } = await postNewRecord(worker, {
      lastName: "Lemoine",
      firstName: "Paul",
      birthDate: "1985-03-02",
      consentScope: "suivi",
      organisationId: await organisationId("SST de Nanterre"),
    });
    const page = `/pro/dossiers/${parcoursId}/orienter?service=${serviceId}&q=colis&lieu=Nanterre`;
    const associationId = await organisationId(
      "Secours Catholique — délégation des Hauts-de-Seine",
    );
    const consentEvents = async () =>
      (
        await database.db
          .selectFrom("audit_event")
          .select("action")
          .where("action", "=", "consent.record")
          .where("subject_id", "=", associationId)
          .execute()
      ).length;
    const eventsBefore = await consentEvents();
    await worker.get(page);
    expect(worker.lastHtml).toContain(`action="/pro/dossiers/${parcoursId}/orienter/consentement"`);

    const bad = await worker.post(
      `/pro/dossiers/${parcoursId}/orienter/consentement`,
      { serviceId, givenOn: "2026-11-16", q: "colis", lieu: "Nanterre" },
      { tokenFrom: page },
    );
    expect(bad.status).toBe(400);
    expect(readable(worker.lastHtml)).toContain(
      "Dites si la personne a donné son accord par écrit ou oralement.",
    );

    const saved = await worker.post(
      `/pro/dossiers/${parcoursId}/orienter/consentement`,
      { serviceId, how: "oral", givenOn: "2026-11-16", q: "colis", lieu: "Nanterre" },
      { tokenFrom: page },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(
      `/pro/dossiers/${parcoursId}/orienter?service=${serviceId}&q=colis&lieu=Nanterre`,
    );
    expect(await consentEvents()).toBe(eventsBefore + 1);
    await worker.get(saved.headers.get("location") ?? "");
    expect(worker.lastHtml).not.toContain("/orienter/consentement");
    const oriented = await worker.post(
      `/pro/dossiers/${parcoursId}/orientations`,
      { serviceId, message: "Colis pour la semaine" },
      { tokenFrom: page },
    );
    expect(oriented.status).toBe(303);
  });
});

describe("orientations received", () => {
  it("audits each orientation shown, and asks in French for the reason of a refusal", async () => {
    const association = await signIn("secours-catholique@demo.relais.test");
    const before = await database.db
      .selectFrom("audit_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "orientation.list")
      .executeTakeFirstOrThrow();
    await association.get("/pro/orientations");
    const after = await database.db
      .selectFrom("audit_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "orientation.list")
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBeGreaterThan(Number(before.n));

    const orientationId =
      /action="\/pro\/orientations\/([0-9a-f-]{36})"/.exec(association.lastHtml)?.[1] ?? "";
    const refused = await association.post(
      `/pro/orientations/${orientationId}`,
      { decision: "refusee", reason: "  " },
      { tokenFrom: "/pro/orientations" },
    );
    expect(refused.status).toBe(400);
    const html = readable(association.lastHtml);
    expect(html).toContain("Indiquez la raison du refus");
    expect(html).toContain(`href="#champ-reason-${orientationId}"`);
    expect(html).toContain(`id="champ-reason-${orientationId}"`);
    expect(html).toMatch(/id="refuser-[^"]+"[^>]*checked/);

    const undecided = await association.post(
      `/pro/orientations/${orientationId}`,
      { reason: "" },
      { tokenFrom: "/pro/orientations" },
    );
    expect(undecided.status).toBe(400);
    expect(readable(association.lastHtml)).toContain("Choisissez « Accepter » ou « Refuser ».");
    const status = await database.db
      .selectFrom("orientation")
      .select("status")
      .where("id", "=", orientationId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("proposee");
  });
});
