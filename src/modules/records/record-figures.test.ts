import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import {
  careLeaverFigures,
  caseloadFigures,
  orientationFigures,
  recordFigures,
} from "./record-figures.ts";

let database: TestDatabase;
let nanterre: { organisationId: string; workers: string[] };
let antony: { organisationId: string; workers: string[] };

const NOW = new Date("2026-12-06T09:00:00Z");
/** November in Paris: from 1 November 00:00 (UTC+1) to 1 December 00:00. */
const NOVEMBER_PARIS = {
  from: new Date("2026-10-31T23:00:00Z"),
  to: new Date("2026-11-30T23:00:00Z"),
};
const NOVEMBER = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };

async function structure(communeCode: string | null) {
  const organisationId = await makeOrganisation(database.db, {
    kind: "sst",
    communeCode,
    now: NOW,
  });
  const workers = [
    (await makeUser(database.db, { role: "travailleur_social", organisationId, now: NOW })).userId,
    (await makeUser(database.db, { role: "travailleur_social", organisationId, now: NOW })).userId,
  ];
  return { organisationId, workers };
}

/** A person and one parcours, written as they stand in the tables. */
async function parcours(input: {
  at: { organisationId: string; workers: string[] };
  worker: number | null;
  openedAt: string;
  closedAt?: string;
}): Promise<{ parcoursId: string; personId: string }> {
  const person = await database.db
    .insertInto("person")
    .values({
      last_name: "Martin",
      first_name: "Sam",
      birth_date: "1980-01-01",
      search_name: "martin sam",
      created_by_organisation_id: input.at.organisationId,
      created_at: new Date(input.openedAt),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const row = await database.db
    .insertInto("parcours")
    .values({
      person_id: person.id,
      referent_user_id: input.worker === null ? null : (input.at.workers[input.worker] ?? null),
      referent_organisation_id: input.at.organisationId,
      status: input.closedAt ? "clos" : "ouvert",
      opened_at: new Date(input.openedAt),
      last_contact_at: new Date(input.openedAt),
      closed_at: input.closedAt ? new Date(input.closedAt) : null,
      archived_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { parcoursId: row.id, personId: person.id };
}

async function orientation(
  parcoursId: string,
  from: { organisationId: string },
  to: { organisationId: string },
  createdAt: string,
  status: "proposee" | "acceptee" | "refusee",
) {
  await database.db
    .insertInto("orientation")
    .values({
      parcours_id: parcoursId,
      from_organisation_id: from.organisationId,
      from_user_id: null,
      to_organisation_id: to.organisationId,
      to_service_ref: null,
      to_service_name: null,
      status,
      decision_reason: status === "refusee" ? "Pas de place" : null,
      decided_by_user_id: null,
      created_at: new Date(createdAt),
      decided_at: status === "proposee" ? null : new Date(createdAt),
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  nanterre = await structure("92050");
  antony = await structure("92002");
  const noCommune = await structure(null);
  // Nanterre: 3 opened in November (one closed in November), 1 opened in October, closed in November.
  const a = await parcours({ at: nanterre, worker: 0, openedAt: "2026-11-02T10:00:00Z" });
  await parcours({
    at: nanterre,
    worker: 0,
    openedAt: "2026-11-03T10:00:00Z",
    closedAt: "2026-11-20T10:00:00Z",
  });
  const c = await parcours({ at: nanterre, worker: 1, openedAt: "2026-11-30T23:00:00Z" });
  await parcours({
    at: nanterre,
    worker: 1,
    openedAt: "2026-10-01T10:00:00Z",
    closedAt: "2026-11-05T10:00:00Z",
  });
  // Antony: one opened in December (outside), one without référent opened in November.
  await parcours({ at: antony, worker: 0, openedAt: "2026-12-02T10:00:00Z" });
  await parcours({ at: antony, worker: null, openedAt: "2026-11-15T10:00:00Z" });
  // A structure without a commune: counted for itself and the territory, not for a commune.
  await parcours({ at: noCommune, worker: 0, openedAt: "2026-11-10T10:00:00Z" });
  await orientation(a.parcoursId, nanterre, antony, "2026-11-04T10:00:00Z", "acceptee");
  await orientation(a.parcoursId, nanterre, antony, "2026-11-05T10:00:00Z", "refusee");
  await orientation(c.parcoursId, nanterre, antony, "2026-11-30T23:30:00Z", "proposee");
  await orientation(c.parcoursId, nanterre, antony, "2026-12-01T00:00:00Z", "acceptee");
});
afterAll(async () => {
  await database.close();
});

describe("record figures for the plan's indicators", () => {
  it("counts the records opened and closed in the window, per structure", async () => {
    const rows = await recordFigures(database.db, { ...NOVEMBER, by: "organisation" });
    expect(rows.find((row) => row.key === nanterre.organisationId)).toEqual({
      key: nanterre.organisationId,
      opened: 3,
      closed: 2,
      openedPersons: 3,
      closedPersons: 2,
    });
    expect(rows.find((row) => row.key === antony.organisationId)).toMatchObject({
      opened: 1,
      closed: 0,
    });
  });

  it("groups per commune of the structure, and for the whole territory", async () => {
    const communes = await recordFigures(database.db, { ...NOVEMBER, by: "commune" });
    expect(communes.map((row) => [row.key, row.opened, row.closed]).sort()).toEqual([
      ["92002", 1, 0],
      ["92050", 3, 2],
    ]);
    const [all] = await recordFigures(database.db, { ...NOVEMBER, by: "all" });
    expect(all).toMatchObject({ key: "all", opened: 5, closed: 2 });
  });

  it("counts the orientations made in the window and those accepted, per orienting structure", async () => {
    const rows = await orientationFigures(database.db, { ...NOVEMBER, by: "organisation" });
    expect(rows).toEqual([{ key: nanterre.organisationId, made: 3, accepted: 1, persons: 2 }]);
    const communes = await orientationFigures(database.db, { ...NOVEMBER, by: "commune" });
    expect(communes).toEqual([{ key: "92050", made: 3, accepted: 1, persons: 2 }]);
  });

  it("counts the parcours followed and their référents at an instant", async () => {
    const endOfNovember = new Date("2026-12-01T00:00:00Z");
    const rows = await caseloadFigures(database.db, { at: endOfNovember, by: "organisation" });
    // Nanterre: a and c open (b and the October one closed); worker 0 and 1.
    expect(rows.find((row) => row.key === nanterre.organisationId)).toEqual({
      key: nanterre.organisationId,
      parcours: 2,
      workers: 2,
    });
    // Antony: the December one is not open yet, the other has no référent.
    expect(rows.find((row) => row.key === antony.organisationId)).toBeUndefined();
    const early = await caseloadFigures(database.db, {
      at: new Date("2026-11-04T00:00:00Z"),
      by: "all",
    });
    expect(early).toEqual([{ key: "all", parcours: 3, workers: 2 }]);
  });
});

describe("young people in care who turned 18, and their project for afterwards", () => {
  /** A young person, their parcours without référent (outside the other counts) and maybe an objective « après 18 ans ». */
  async function young(input: {
    at: { organisationId: string };
    birthDate: string;
    inCare?: boolean;
    objective?: { createdAt: string; status: "en_cours" | "abandonne" };
  }) {
    const person = await database.db
      .insertInto("person")
      .values({
        last_name: "Jeune",
        first_name: "Camille",
        birth_date: input.birthDate,
        in_care_ase: input.inCare ?? true,
        search_name: "jeune camille",
        created_by_organisation_id: input.at.organisationId,
        created_at: new Date("2025-01-10T10:00:00Z"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const row = await database.db
      .insertInto("parcours")
      .values({
        person_id: person.id,
        referent_user_id: null,
        referent_organisation_id: input.at.organisationId,
        status: "ouvert",
        opened_at: new Date("2025-01-10T10:00:00Z"),
        last_contact_at: new Date("2025-01-10T10:00:00Z"),
        closed_at: null,
        archived_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.objective) {
      await database.db
        .insertInto("plan_objective")
        .values({
          parcours_id: row.id,
          theme: "apres_18_ans",
          title: "Un logement et une formation après 18 ans",
          status: input.objective.status,
          created_at: new Date(input.objective.createdAt),
          updated_at: new Date(input.objective.createdAt),
        })
        .execute();
    }
  }

  beforeAll(async () => {
    // 18 on 15 November, with a project set in September: counted, with a project.
    await young({
      at: nanterre,
      birthDate: "2008-11-15",
      objective: { createdAt: "2026-09-01T10:00:00Z", status: "en_cours" },
    });
    // 18 on 30 November, the project written the day after: counted, without.
    await young({
      at: nanterre,
      birthDate: "2008-11-30",
      objective: { createdAt: "2026-12-01T10:00:00Z", status: "en_cours" },
    });
    // 18 on 1 November, the project abandoned: counted, without.
    await young({
      at: antony,
      birthDate: "2008-11-01",
      objective: { createdAt: "2026-06-01T10:00:00Z", status: "abandonne" },
    });
    // 18 on 1 December or 31 October: outside November.
    await young({
      at: nanterre,
      birthDate: "2008-12-01",
      objective: { createdAt: "2026-06-01T10:00:00Z", status: "en_cours" },
    });
    await young({ at: antony, birthDate: "2008-10-31" });
    // Not in care: not counted.
    await young({ at: nanterre, birthDate: "2008-11-10", inCare: false });
  });

  it("counts them per structure of the référent, by their Paris birthday", async () => {
    const rows = await careLeaverFigures(database.db, { ...NOVEMBER_PARIS, by: "organisation" });
    expect(rows.find((row) => row.key === nanterre.organisationId)).toEqual({
      key: nanterre.organisationId,
      turned18: 2,
      withProject: 1,
    });
    expect(rows.find((row) => row.key === antony.organisationId)).toEqual({
      key: antony.organisationId,
      turned18: 1,
      withProject: 0,
    });
    expect(await careLeaverFigures(database.db, { ...NOVEMBER_PARIS, by: "all" })).toEqual([
      { key: "all", turned18: 3, withProject: 1 },
    ]);
  });
});
