import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { createLieu } from "./agenda-admin.ts";
import { appointmentFigures } from "./appointment-figures.ts";
import type { RdvStatus } from "./tables.ts";
import { setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let other: Awaited<ReturnType<typeof setUpAgenda>>;
let antony: string;

const DAY = 86_400_000;
const NOVEMBER = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };

/** An appointment as it stands in the table, booked `waitDays` before it starts. */
async function appointment(input: {
  agenda: typeof agenda;
  lieuId: string | null;
  startsAt: string;
  waitDays: number;
  status: RdvStatus;
  person: string;
}) {
  const startsAt = new Date(input.startsAt);
  await database.db
    .insertInto("rdv")
    .values({
      organisation_id: input.agenda.organisationId,
      motif_id: input.agenda.motifId,
      lieu_id: input.lieuId,
      agent_id: input.agenda.agent.userId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 30 * 60_000),
      status: input.status,
      person_name: `Personne ${input.person}`,
      // One phone per person: how the figures tell two persons apart without a record.
      phone: `0600${String(input.person.charCodeAt(0)).padStart(6, "0")}`,
      email: null,
      channel: "agent",
      booked_by_user_id: null,
      person_id: null,
      idempotency_key: null,
      cancel_token_hash: null,
      created_at: new Date(startsAt.getTime() - input.waitDays * DAY),
      updated_at: TEST_NOW,
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  other = await setUpAgenda(database.db);
  antony = await createLieu(
    database.db,
    {
      organisationId: other.organisationId,
      name: "Antenne d'Antony",
      address: "1 place de l'Hôtel de Ville, 92160 Antony",
      communeCode: "92002",
    },
    TEST_NOW,
  );
  // Nanterre (the first agenda's place): 4 seen, 1 absent, 1 cancelled; the same person twice.
  const nanterre = agenda.lieuId;
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-11-03T09:00:00Z",
    waitDays: 2,
    status: "seen",
    person: "A",
  });
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-11-04T09:00:00Z",
    waitDays: 4,
    status: "seen",
    person: "A",
  });
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-11-05T09:00:00Z",
    waitDays: 6,
    status: "seen",
    person: "B",
  });
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-11-06T09:00:00Z",
    waitDays: 8,
    status: "seen",
    person: "C",
  });
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-11-09T09:00:00Z",
    waitDays: 10,
    status: "noshow",
    person: "D",
  });
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-11-10T09:00:00Z",
    waitDays: 30,
    status: "revoked",
    person: "E",
  });
  // Outside the window: October, December.
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-10-30T09:00:00Z",
    waitDays: 1,
    status: "seen",
    person: "F",
  });
  await appointment({
    agenda,
    lieuId: nanterre,
    startsAt: "2026-12-01T09:00:00Z",
    waitDays: 1,
    status: "seen",
    person: "G",
  });
  // By phone (no place): counted for the structure, not for a commune.
  await appointment({
    agenda,
    lieuId: null,
    startsAt: "2026-11-12T14:00:00Z",
    waitDays: 5,
    status: "noshow",
    person: "H",
  });
  // Antony, the other structure.
  await appointment({
    agenda: other,
    lieuId: antony,
    startsAt: "2026-11-12T09:00:00Z",
    waitDays: 3,
    status: "seen",
    person: "I",
  });
  await appointment({
    agenda: other,
    lieuId: antony,
    startsAt: "2026-11-26T09:00:00Z",
    waitDays: 3,
    status: "unknown",
    person: "J",
  });
});
afterAll(async () => {
  await database.close();
});

describe("appointment figures for the plan's indicators", () => {
  it("counts per structure: appointments, persons, mean wait, seen and absent, cancelled left out", async () => {
    const rows = await appointmentFigures(database.db, { ...NOVEMBER, by: "organisation" });
    const first = rows.find((row) => row.key === agenda.organisationId);
    expect(first).toEqual({
      key: agenda.organisationId,
      appointments: 6,
      persons: 5,
      meanWaitDays: 35 / 6,
      seen: 4,
      noShow: 2,
      attendedPersons: 5,
    });
    const second = rows.find((row) => row.key === other.organisationId);
    expect(second).toMatchObject({
      appointments: 2,
      persons: 2,
      seen: 1,
      noShow: 0,
      attendedPersons: 1,
    });
  });

  it("counts per commune of the place, leaving out appointments without a place", async () => {
    const rows = await appointmentFigures(database.db, { ...NOVEMBER, by: "commune" });
    expect(rows.map((row) => [row.key, row.appointments, row.noShow]).sort()).toEqual([
      ["92002", 2, 0],
      ["92050", 5, 1],
    ]);
  });

  it("counts the whole territory in one row, and nothing for an empty window", async () => {
    const [all] = await appointmentFigures(database.db, { ...NOVEMBER, by: "all" });
    expect(all).toMatchObject({ key: "all", appointments: 8, persons: 7, seen: 5, noShow: 2 });
    const empty = await appointmentFigures(database.db, {
      from: new Date("2030-01-01T00:00:00Z"),
      to: new Date("2030-02-01T00:00:00Z"),
      by: "all",
    });
    expect(empty).toEqual([]);
  });
});
