import { describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { type BookingChannel, findSlotRefusal, type SlotCheck } from "./booking-checks.ts";
import { publicHolidaysBetween } from "./holidays.ts";
import { BookingRefused } from "./refusals.ts";
import { computeSlots } from "./slots.ts";
import { makeAbsence, makeBooking, makeMotif, makeOpening } from "./test-fixtures.ts";

const opening = makeOpening({
  firstDay: "2026-05-11",
  startTime: "09:00",
  endTime: "12:00",
  recurrence: { everyWeeks: 1, weekdays: [1, 2, 3, 4, 5] },
});

function check(
  date: string,
  time: string,
  overrides: Partial<SlotCheck> = {},
): BookingRefused | undefined {
  return findSlotRefusal({
    request: { agentId: "agent-1", lieuId: "lieu-1", start: parisToDate(date, time) },
    channel: "public",
    motif: makeMotif({ minNoticeMinutes: 120, maxHorizonDays: 30 }),
    openings: [opening],
    absences: [],
    bookings: [],
    holidays: publicHolidaysBetween("2026-05-01", "2026-06-30"),
    now: parisToDate("2026-05-11", "08:00"),
    ...overrides,
  });
}

describe("findSlotRefusal", () => {
  it("accepts a slot that computeSlots offers", () => {
    expect(check("2026-05-12", "09:30")).toBeUndefined();
  });

  it("refuses a slot in the past", () => {
    const refusal = check("2026-05-08", "09:30");
    expect(refusal).toBeInstanceOf(BookingRefused);
    expect(refusal?.reason).toBe("slot-in-past");
    expect(refusal?.message).toBe("Ce créneau est déjà passé. Choisissez un autre horaire.");
  });

  it("refuses a slot outside the openings, or at another lieu", () => {
    expect(check("2026-05-12", "14:00")?.reason).toBe("outside-openings");
    expect(check("2026-05-12", "11:45")?.reason).toBe("outside-openings");
    const elsewhere = check("2026-05-12", "09:30", {
      request: { agentId: "agent-1", lieuId: "lieu-2", start: parisToDate("2026-05-12", "09:30") },
    });
    expect(elsewhere?.reason).toBe("outside-openings");
  });

  it("refuses a public holiday with its date in French", () => {
    const refusal = check("2026-05-14", "09:30");
    expect(refusal?.reason).toBe("on-holiday");
    expect(refusal?.message).toBe("Le jeudi 14 mai 2026 est un jour férié : le service est fermé.");
  });

  it("refuses online booking of a motif reserved to agents, but lets an agent book it", () => {
    const motif = makeMotif({ bookableBy: "agents" });
    const refusal = check("2026-05-12", "09:30", { motif });
    expect(refusal?.reason).toBe("motif-not-bookable");
    expect(refusal?.message).toContain("ne se réserve pas en ligne");
    expect(check("2026-05-12", "09:30", { motif, channel: "agent" })).toBeUndefined();
  });

  it.each<[BookingChannel, string]>([
    ["agent", "agents_and_prescripteurs"],
    ["prescripteur", "agents_and_prescripteurs"],
    ["invited", "invited_users"],
  ])("lets a %s book a motif open to %s", (channel, bookableBy) => {
    const motif = makeMotif({ bookableBy: bookableBy as never });
    expect(check("2026-05-12", "09:30", { motif, channel })).toBeUndefined();
  });

  it("refuses a slot during the agent's absence", () => {
    const absences = [
      makeAbsence({ firstDay: "2026-05-12", startTime: "09:00", endTime: "10:00" }),
    ];
    expect(check("2026-05-12", "09:30", { absences })?.reason).toBe("agent-absent");
  });

  it("refuses a slot that overlaps an existing appointment", () => {
    const bookings = [makeBooking("2026-05-12", "09:45", "10:15")];
    const refusal = check("2026-05-12", "09:30", { bookings });
    expect(refusal?.reason).toBe("slot-taken");
    expect(refusal?.message).toBe("Ce créneau vient d'être pris. Choisissez-en un autre.");
  });

  it("refuses online a slot closer than the notice, which an agent may still book", () => {
    const refusal = check("2026-05-11", "09:30");
    expect(refusal?.reason).toBe("too-soon");
    expect(refusal?.message).toContain("au moins 2 heures à l'avance");
    expect(check("2026-05-11", "09:30", { channel: "agent" })).toBeUndefined();
  });

  it("refuses online a slot beyond the horizon", () => {
    const refusal = check("2026-06-16", "09:30");
    expect(refusal?.reason).toBe("too-far");
    expect(refusal?.message).toContain("au plus 30 jours à l'avance");
  });

  it("refuses online a start that is free but not one of the offered slots", () => {
    expect(check("2026-05-12", "09:10")?.reason).toBe("slot-not-offered");
    expect(check("2026-05-12", "09:10", { channel: "agent" })).toBeUndefined();
  });

  it("accepts every slot computeSlots offers for the same data", () => {
    const motif = makeMotif({ minNoticeMinutes: 120, maxHorizonDays: 30 });
    const bookings = [makeBooking("2026-05-12", "09:45", "10:15")];
    const holidays = publicHolidaysBetween("2026-05-01", "2026-06-30");
    const now = parisToDate("2026-05-11", "08:00");
    const slots = computeSlots({
      openings: [opening],
      absences: [],
      bookings,
      holidays,
      motif,
      window: { from: now, to: parisToDate("2026-05-20", "00:00") },
      now,
    });
    expect(slots.length).toBeGreaterThan(20);
    for (const slot of slots) {
      const refusal = findSlotRefusal({
        request: { agentId: slot.agentId, lieuId: slot.lieuId, start: slot.start },
        channel: "public",
        motif,
        openings: [opening],
        absences: [],
        bookings,
        holidays,
        now,
      });
      expect(refusal).toBeUndefined();
    }
  });
});
