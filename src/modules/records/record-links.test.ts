import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import { setUpAgenda, TEST_NOW } from "../appointments/test-agenda.ts";
import { loadTerritory, readTerritory } from "../territory/service.ts";
import { addNote, attachSimulation, createPersonWithParcours, openRecord } from "./service.ts";
import { contextFor, makeActor } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;
const context = { now: TEST_NOW };

beforeAll(async () => {
  database = await createTestDatabase();
  await loadTerritory(database.db, readTerritory("92"));
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => TEST_NOW });
});
afterAll(async () => {
  await database?.close();
});

/** A person followed by the agenda's structure, with a note only record readers may see. */
async function followedPerson(lastName: string) {
  const { db } = database;
  const worker = await makeActor(db, {
    role: "travailleur_social",
    organisationId: agenda.organisationId,
  });
  const created = await createPersonWithParcours(contextFor(db, worker, context.now), {
    lastName,
    firstName: "Inès",
    birthDate: "1988-04-12",
    inCareAse: false,
    consentScope: "suivi",
    organisationId: agenda.organisationId,
  });
  await addNote(contextFor(db, worker, context.now), created.parcoursId, {
    contactDate: "2026-11-20",
    body: "Note réservée aux travailleurs sociaux",
    isSensitive: false,
  });
  return { worker, ...created };
}

async function signIn(user: { email: string; password: string }) {
  const client = new TestClient(app);
  await client.login(user.email, user.password);
  return client;
}

async function auditCount(personId: string): Promise<number> {
  const row = await database.db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("person_id", "=", personId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [
      m[1] ?? "",
      (m[2] ?? "").replace(/&amp;/g, "&"),
    ]),
  );
}

describe("appointments in the record", () => {
  it("books from the record: the desk's booking keeps the person's id and the record lists it, without the notes", async () => {
    const person = await followedPerson("Benali");
    const desk = await signIn(agenda.accueil);
    await desk.get(`/pro/dossiers/${person.parcoursId}`);
    expect(desk.lastHtml).toContain(`/pro/rendez-vous/prendre?dossier=${person.parcoursId}`);
    expect(desk.lastHtml).not.toContain("Note réservée");

    const start = parisToDate("2026-11-24", "10:00");
    const form = await desk.get(
      `/pro/rendez-vous/prendre/coordonnees?motif=${agenda.motifId}&lieu=${agenda.lieuId}&agent=${agenda.agent.userId}&debut=${start.toISOString()}&dossier=${person.parcoursId}`,
    );
    expect(form.status).toBe(200);
    expect(desk.lastHtml).toContain('value="Inès Benali"');
    const booked = await desk.post("/pro/rendez-vous/prendre", {
      ...hiddenFields(desk.lastHtml),
      nom: "Inès Benali",
      telephone: "06 12 34 56 78",
    });
    expect(booked.status).toBe(303);
    expect(booked.headers.get("location")).toBe(`/pro/dossiers/${person.parcoursId}#rendez-vous`);
    const stored = await database.db
      .selectFrom("rdv")
      .select(["person_id"])
      .where("starts_at", "=", start)
      .executeTakeFirstOrThrow();
    expect(stored.person_id).toBe(person.personId);

    const before = await auditCount(person.personId);
    await desk.get(`/pro/dossiers/${person.parcoursId}`);
    expect(desk.lastHtml).toContain("Premier accueil social");
    expect(desk.lastHtml).toContain("mardi 24 novembre 2026 à 10:00");
    expect(desk.lastHtml).not.toContain("Note réservée");
    // One read, one audit event: the appointments are part of it.
    expect(await auditCount(person.personId)).toBe(before + 1);

    const view = await openRecord(
      contextFor(database.db, person.worker, context.now),
      person.parcoursId,
    );
    expect(view.appointments.map((a) => a.motifName)).toEqual(["Premier accueil social"]);
    expect(view.record?.notes.map((n) => n.body)).toEqual([
      "Note réservée aux travailleurs sociaux",
    ]);
  });

  it("answers 404 to a desk agent of another structure, or for a forged record id, and books nothing", async () => {
    const person = await followedPerson("Morel");
    const elsewhere = await makeUser(database.db, {
      role: "agent_accueil",
      organisationId: await makeOrganisation(database.db),
    });
    const other = await signIn(elsewhere);
    expect((await other.get(`/pro/rendez-vous/prendre?dossier=${person.parcoursId}`)).status).toBe(
      404,
    );
    const desk = await signIn(agenda.accueil);
    const forged = "00000000-0000-4000-8000-000000000000";
    expect((await desk.get(`/pro/rendez-vous/prendre?dossier=${forged}`)).status).toBe(404);
    const start = parisToDate("2026-11-25", "10:00");
    await desk.get(
      `/pro/rendez-vous/prendre/coordonnees?motif=${agenda.motifId}&lieu=${agenda.lieuId}&agent=${agenda.agent.userId}&debut=${start.toISOString()}`,
    );
    const refused = await desk.post("/pro/rendez-vous/prendre", {
      ...hiddenFields(desk.lastHtml),
      dossier: forged,
      nom: "Quelqu'un",
      telephone: "06 12 34 56 78",
    });
    expect(refused.status).toBe(404);
    const rows = await database.db
      .selectFrom("rdv")
      .select("id")
      .where("starts_at", "=", start)
      .execute();
    expect(rows).toEqual([]);
  });
});

const SINGLE_PARENT = {
  mois: "2025-06",
  naissance: "1990-04-12",
  enfant1: "2016-09-01",
  enfant3: "2019-02-15",
  isole_recent: "non",
  activite: "salarie",
  handicap: "non",
  salaire: "500",
  statut: "locataire",
  loyer: "650",
  aide_logement: "300",
  commune: "92050",
};

const SIMULATION = {
  month: "2025-06",
  inputs: { mois: "2025-06", salaire: "500" },
  results: [
    {
      benefit: "ppa",
      label: "Prime d'activité",
      eligible: true,
      amountCents: 30117,
      periodicity: "mensuelle",
    },
  ],
};

describe("simulations in the record", () => {
  it("attaches a simulation with an audit event, shows it on the record, refuses the desk (403) and a forged id (404)", async () => {
    const { db } = database;
    const person = await followedPerson("Garnier");
    const before = await auditCount(person.personId);
    await attachSimulation(
      contextFor(db, person.worker, context.now),
      person.parcoursId,
      SIMULATION,
    );
    const events = await db
      .selectFrom("audit_event")
      .select(["action", "actor_user_id"])
      .where("person_id", "=", person.personId)
      .where("action", "=", "parcours.simulation.attach")
      .execute();
    expect(events).toEqual([
      { action: "parcours.simulation.attach", actor_user_id: person.worker.userId },
    ]);
    expect(await auditCount(person.personId)).toBe(before + 1);
    const view = await openRecord(contextFor(db, person.worker, context.now), person.parcoursId);
    expect(view.record?.simulations.map((s) => [s.month, s.results[0]?.amountCents])).toEqual([
      ["2025-06", 30117],
    ]);

    const desk = await makeActor(db, {
      role: "agent_accueil",
      organisationId: agenda.organisationId,
    });
    await expect(
      attachSimulation(contextFor(db, desk, context.now), person.parcoursId, SIMULATION),
    ).rejects.toBeInstanceOf(Forbidden);
    const stranger = await makeActor(db, {
      role: "travailleur_social",
      organisationId: await makeOrganisation(db),
    });
    await expect(
      attachSimulation(contextFor(db, stranger, context.now), person.parcoursId, SIMULATION),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      attachSimulation(
        contextFor(db, person.worker, context.now),
        "00000000-0000-4000-8000-000000000000",
        SIMULATION,
      ),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it("lets a worker attach the simulator's result to a record they follow, then shows it there", async () => {
    const person = await followedPerson("Roux");
    const client = await signIn(person.worker);
    await client.post("/pro/simulateur", SINGLE_PARENT, { tokenFrom: "/pro/simulateur" });
    expect(client.lastHtml).toContain("Rattacher au dossier");
    expect(client.lastHtml).toContain("Roux Inès, né·e le 12/04/1988");
    const fields = hiddenFields(client.lastHtml);
    const attached = await client.post("/pro/simulateur/rattacher", {
      ...fields,
      dossier: person.parcoursId,
    });
    expect(attached.status).toBe(303);
    expect(attached.headers.get("location")).toBe(`/pro/dossiers/${person.parcoursId}#simulations`);
    await client.get(`/pro/dossiers/${person.parcoursId}`);
    expect(client.lastHtml).toContain("Simulations de droits");
    expect(client.lastHtml).toContain("juin 2025");
    expect(client.lastHtml).toContain("301,17");

    const forged = await client.post(
      "/pro/simulateur/rattacher",
      {
        ...fields,
        dossier: "00000000-0000-4000-8000-000000000000",
      },
      { tokenFrom: "/pro/simulateur" },
    );
    expect(forged.status).toBe(404);
  });

  it("says a one-off amount (the prime à la naissance) is paid once, not every month", async () => {
    const person = await followedPerson("Lambert");
    const oneOff = {
      ...SIMULATION,
      results: [
        ...SIMULATION.results,
        {
          benefit: "paje_naissance",
          label: "Prime à la naissance",
          eligible: true,
          amountCents: 108443,
          periodicity: "ponctuelle",
        },
      ],
    };
    await attachSimulation(
      contextFor(database.db, person.worker, context.now),
      person.parcoursId,
      oneOff,
    );
    const client = await signIn(person.worker);
    await client.get(`/pro/dossiers/${person.parcoursId}`);
    expect(client.lastHtml).toMatch(/301,17\s€ par mois/);
    expect(client.lastHtml).toMatch(/1\s084,43\s€ en une fois/);
  });
});
