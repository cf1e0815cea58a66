// Far dates: the agenda set up in November 2026 keeps working years later —
// slots skip that year's public holidays, bookings are taken, statistics count
// them and the retention purges them two years after. Every instant comes from
// the clock these tests give (contextAt), whatever the real date is.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisDate, parisToDate } from "../../platform/time/paris.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { appointmentsRetentionHandler } from "./appointment-retention.ts";
import { bookAppointment, findSlots } from "./service.ts";
import { appointmentStatistics } from "./statistics.ts";
import { contextAt, PERSON, responsableOf, setUpAgenda } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;

beforeAll(async () => {
  database = await createTestDatabase();
  // Opening: Monday to Friday, 09:00–12:00, every week from 2 November 2026, no end.
  agenda = await setUpAgenda(database.db);
});
afterAll(async () => {
  await database.close();
});

const responsable = () => responsableOf(agenda.organisationId);

/** The days of a week that have free slots, each with its number of slots. */
async function slotsPerDay(now: Date, monday: string, sunday: string) {
  const slots = await findSlots(contextAt(database.db, now), {
    motifId: agenda.motifId,
    lieuId: agenda.lieuId,
    from: parisToDate(monday, "00:00"),
    to: parisToDate(sunday, "23:59"),
  });
  const days: Record<string, number> = {};
  for (const slot of slots) {
    const day = parisDate(slot.start);
    days[day] = (days[day] ?? 0) + 1;
  }
  return days;
}

// Public holidays: art. L3133-1 code du travail. Easter Sunday 2028 is
// 16 April, 2030 is 21 April (calendrier grégorien): Ascension is Easter + 39
// days, Whit Monday Easter + 50, Easter Monday Easter + 1.
describe("slots in later years", () => {
  it("offers six 30-minute slots a working day in the week of Ascension 2028, none on Thursday 25 May", async () => {
    const days = await slotsPerDay(parisToDate("2028-05-15", "09:00"), "2028-05-22", "2028-05-28");
    expect(days).toEqual({
      "2028-05-22": 6,
      "2028-05-23": 6,
      "2028-05-24": 6,
      "2028-05-26": 6,
    });
  });

  it("skips Easter Monday (22 April) and Labour Day in 2030", async () => {
    const easter = await slotsPerDay(
      parisToDate("2030-04-15", "09:00"),
      "2030-04-22",
      "2030-04-28",
    );
    expect(Object.keys(easter)).toEqual(["2030-04-23", "2030-04-24", "2030-04-25", "2030-04-26"]);
    const mayDay = await slotsPerDay(
      parisToDate("2030-04-25", "09:00"),
      "2030-04-29",
      "2030-05-05",
    );
    // 1 May 2030 is a Wednesday.
    expect(Object.keys(mayDay)).toEqual(["2030-04-29", "2030-04-30", "2030-05-02", "2030-05-03"]);
  });
});

describe("bookings, statistics and retention in later years", () => {
  it("books in 2028 and 2030, counts them in the statistics, and purges the 2028 one two years after", async () => {
    const booked2028 = await bookAppointment(
      contextAt(database.db, parisToDate("2028-03-01", "10:00")),
      {
        motifId: agenda.motifId,
        agentId: agenda.agent.userId,
        lieuId: agenda.lieuId,
        start: parisToDate("2028-03-06", "09:30"),
        person: PERSON,
      },
    );
    const booked2030 = await bookAppointment(
      contextAt(database.db, parisToDate("2030-06-03", "08:00")),
      {
        motifId: agenda.motifId,
        agentId: agenda.agent.userId,
        lieuId: agenda.lieuId,
        // Tuesday 11 June: Monday 10 June 2030 is Whit Monday (Easter + 50).
        start: parisToDate("2030-06-11", "11:00"),
        person: PERSON,
      },
    );
    expect(booked2028.replayed).toBe(false);
    expect(booked2030.replayed).toBe(false);

    // On 4 June 2030 the 2030 appointment is to come; the 2028 one is outside the 90 days.
    const june2030 = contextAt(database.db, parisToDate("2030-06-04", "12:00"), responsable());
    const [figures] = await appointmentStatistics(june2030, agenda.organisationId);
    expect(figures).toMatchObject({ past: 0, upcoming: 1 });
    // 5 June 2030 09:00 + 60 min of notice: the first free slot is the next morning.
    expect(figures?.daysToFirstSlot).toBeGreaterThan(0);
    expect(figures?.daysToFirstSlot).toBeLessThan(1);

    // Two years after 6 March 2028 (the retention, RETENTION_YEARS): the 2028 appointment goes.
    await appointmentsRetentionHandler()(
      {},
      { db: database.db, now: parisToDate("2030-06-04", "12:00") },
    );
    const left = await database.db.selectFrom("rdv").select("id").execute();
    expect(left.map((row) => row.id)).toEqual([booked2030.id]);
  });
});
