import { describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { publicHolidaysBetween } from "./holidays.ts";
import { computeSlots, cutByDuration, type SlotQuery } from "./slots.ts";
import {
  localStarts,
  localTimes,
  makeAbsence,
  makeBooking,
  makeMotif,
  makeOpening,
} from "./test-fixtures.ts";

// Week of Monday 13 April 2026: no holiday, no daylight-saving change.
const weekdays = makeOpening({
  firstDay: "2026-04-13",
  startTime: "09:00",
  endTime: "12:00",
  recurrence: { everyWeeks: 1, weekdays: [1, 2, 3, 4, 5] },
});

function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return {
    openings: [weekdays],
    absences: [],
    bookings: [],
    holidays: [],
    motif: makeMotif(),
    window: { from: parisToDate("2026-04-13", "00:00"), to: parisToDate("2026-04-14", "00:00") },
    now: parisToDate("2026-04-01", "12:00"),
    ...overrides,
  };
}

const monday = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"];

describe("computeSlots", () => {
  it("cuts an opening into consecutive slots of the motif's duration", () => {
    const slots = computeSlots(query());
    expect(localTimes(slots)).toEqual(monday);
    expect(slots[0]).toEqual({
      start: new Date("2026-04-13T07:00:00Z"),
      end: new Date("2026-04-13T07:30:00Z"),
      agentId: "agent-1",
      lieuId: "lieu-1",
      openingId: "opening-1",
    });
  });

  it("drops the last piece when it is shorter than the duration", () => {
    const slots = computeSlots(query({ motif: makeMotif({ durationMinutes: 40 }) }));
    expect(localTimes(slots)).toEqual(["09:00", "09:40", "10:20", "11:00"]);
  });

  it("offers nothing for a motif the opening does not offer", () => {
    expect(computeSlots(query({ motif: makeMotif({ id: "motif-pmi" }) }))).toEqual([]);
  });

  it("starts after an existing appointment ends", () => {
    const bookings = [makeBooking("2026-04-13", "09:30", "10:15")];
    expect(localTimes(computeSlots(query({ bookings })))).toEqual([
      "09:00",
      "10:15",
      "10:45",
      "11:15",
    ]);
  });

  it("ignores appointments and absences of other agents", () => {
    const bookings = [makeBooking("2026-04-13", "09:00", "12:00", "agent-2")];
    const absences = [
      makeAbsence({
        agentId: "agent-2",
        firstDay: "2026-04-13",
        startTime: "00:00",
        endTime: "23:00",
      }),
    ];
    expect(localTimes(computeSlots(query({ bookings, absences })))).toEqual(monday);
  });

  it("removes a weekly recurring absence", () => {
    const absences = [
      makeAbsence({
        firstDay: "2026-04-06",
        startTime: "10:00",
        endTime: "11:00",
        recurrence: { everyWeeks: 1, weekdays: [1] },
      }),
    ];
    expect(localTimes(computeSlots(query({ absences })))).toEqual([
      "09:00",
      "09:30",
      "11:00",
      "11:30",
    ]);
  });

  it("removes every day of a multi-day absence", () => {
    const absences = [
      makeAbsence({
        firstDay: "2026-04-14",
        startTime: "10:00",
        endDay: "2026-04-16",
        endTime: "10:00",
      }),
    ];
    const window = {
      from: parisToDate("2026-04-13", "00:00"),
      to: parisToDate("2026-04-18", "00:00"),
    };
    const starts = localStarts(computeSlots(query({ absences, window })));
    expect(starts.filter((s) => s.startsWith("2026-04-14"))).toEqual([
      "2026-04-14 09:00",
      "2026-04-14 09:30",
    ]);
    expect(starts.filter((s) => s.startsWith("2026-04-15"))).toEqual([]);
    expect(starts.filter((s) => s.startsWith("2026-04-16"))[0]).toBe("2026-04-16 10:00");
    expect(starts.filter((s) => s.startsWith("2026-04-17"))).toHaveLength(6);
  });

  it("closes public holidays by default (Ascension, Thursday 14 May 2026)", () => {
    const window = {
      from: parisToDate("2026-05-11", "00:00"),
      to: parisToDate("2026-05-16", "00:00"),
    };
    const holidays = publicHolidaysBetween("2026-05-11", "2026-05-15");
    const days = (openOnHolidays: boolean) =>
      new Set(
        localStarts(
          computeSlots(query({ openings: [{ ...weekdays, openOnHolidays }], window, holidays })),
        ).map((start) => start.slice(0, 10)),
      );
    expect([...days(false)]).toEqual(["2026-05-11", "2026-05-12", "2026-05-13", "2026-05-15"]);
    expect(days(true).has("2026-05-14")).toBe(true);
  });

  it("keeps the opening's grid on the day the notice ends: the notice only removes slots", () => {
    const slots = computeSlots(
      query({
        motif: makeMotif({ minNoticeMinutes: 60 }),
        now: parisToDate("2026-04-13", "08:52"),
      }),
    );
    expect(localTimes(slots)).toEqual(["10:00", "10:30", "11:00", "11:30"]);
  });

  it("lists the same times as the clock advances, minus those now too close", () => {
    const at = (time: string) =>
      localTimes(
        computeSlots(
          query({
            motif: makeMotif({ minNoticeMinutes: 60 }),
            now: parisToDate("2026-04-13", time),
          }),
        ),
      );
    expect(at("08:52")).toEqual(["10:00", "10:30", "11:00", "11:30"]);
    expect(at("08:58")).toEqual(["10:00", "10:30", "11:00", "11:30"]);
    expect(at("09:01")).toEqual(["10:30", "11:00", "11:30"]);
    expect(at("09:29")).toEqual(["10:30", "11:00", "11:30"]);
    expect(at("09:31")).toEqual(["11:00", "11:30"]);
  });

  it("does not let an overlapping opening's slot appear when the clock passes a slot", () => {
    const late = makeOpening({
      ...weekdays,
      id: "opening-2",
      startTime: "09:15",
      endTime: "12:15",
    });
    const at = (time: string) =>
      localTimes(
        computeSlots(query({ openings: [weekdays, late], now: parisToDate("2026-04-13", time) })),
      ).slice(0, 3);
    expect(at("08:00")).toEqual(["09:00", "09:30", "10:00"]);
    expect(at("09:05")).toEqual(["09:30", "10:00", "10:30"]);
  });

  it("keeps a 45-minute motif on the opening's grid, not on now plus notice", () => {
    const slots = computeSlots(
      query({
        motif: makeMotif({ durationMinutes: 45, minNoticeMinutes: 30 }),
        now: parisToDate("2026-04-13", "09:07"),
      }),
    );
    // 09:00, 09:45, 10:30, 11:15 on the grid; 09:00 is before 09:37.
    expect(localTimes(slots)).toEqual(["09:45", "10:30", "11:15"]);
  });

  it("keeps a start exactly at now plus notice", () => {
    const slots = computeSlots(
      query({
        motif: makeMotif({ minNoticeMinutes: 30 }),
        now: parisToDate("2026-04-13", "10:00"),
      }),
    );
    expect(localTimes(slots)).toEqual(["10:30", "11:00", "11:30"]);
  });

  it("offers nothing past the motif's horizon", () => {
    const window = {
      from: parisToDate("2026-04-13", "00:00"),
      to: parisToDate("2026-04-20", "00:00"),
    };
    const slots = computeSlots(
      query({
        window,
        motif: makeMotif({ maxHorizonDays: 2 }),
        now: parisToDate("2026-04-13", "08:00"),
      }),
    );
    expect(new Set(localStarts(slots).map((s) => s.slice(0, 10)))).toEqual(
      new Set(["2026-04-13", "2026-04-14"]),
    );
  });

  it("filters by window without shifting the slots of an opening", () => {
    const window = {
      from: parisToDate("2026-04-13", "09:10"),
      to: parisToDate("2026-04-13", "11:00"),
    };
    expect(localTimes(computeSlots(query({ window })))).toEqual(["09:30", "10:00", "10:30"]);
  });

  it("follows a fortnightly recurrence until its end date", () => {
    const opening = makeOpening({
      firstDay: "2026-04-14",
      recurrence: { everyWeeks: 2, weekdays: [2, 4], until: "2026-05-07" },
    });
    const window = {
      from: parisToDate("2026-04-13", "00:00"),
      to: parisToDate("2026-05-31", "00:00"),
    };
    const days = new Set(
      localStarts(computeSlots(query({ openings: [opening], window }))).map((s) => s.slice(0, 10)),
    );
    expect([...days]).toEqual(["2026-04-14", "2026-04-16", "2026-04-28", "2026-04-30"]);
  });

  it("gives one agent with overlapping openings no overlapping slots", () => {
    const other = makeOpening({
      ...weekdays,
      id: "opening-2",
      lieuId: "lieu-2",
      startTime: "09:15",
      endTime: "10:15",
    });
    const slots = computeSlots(query({ openings: [other, weekdays] }));
    expect(localTimes(slots)).toEqual(monday);
    expect(new Set(slots.map((s) => s.lieuId))).toEqual(new Set(["lieu-1"]));
  });

  it("lists the slots of several agents sorted by start then agent", () => {
    const second = makeOpening({
      ...weekdays,
      id: "opening-b",
      agentId: "agent-0",
      startTime: "10:00",
    });
    const slots = computeSlots(query({ openings: [weekdays, second] }));
    expect(slots.slice(2, 5).map((s) => `${s.agentId} ${localTimes([s])[0]}`)).toEqual([
      "agent-0 10:00",
      "agent-1 10:00",
      "agent-0 10:30",
    ]);
  });

  it("never mutates its inputs", () => {
    const input = query({
      bookings: [makeBooking("2026-04-13", "09:30", "10:15")],
      absences: [makeAbsence({ firstDay: "2026-04-13" })],
      holidays: ["2026-04-14"],
    });
    const before = structuredClone(input);
    computeSlots(deepFreeze(input));
    expect(input).toEqual(before);
  });

  it("refuses a motif without a positive duration", () => {
    expect(() => computeSlots(query({ motif: makeMotif({ durationMinutes: 0 }) }))).toThrow(
      RangeError,
    );
  });
});

describe("cutByDuration", () => {
  it("returns nothing for a free interval shorter than the duration", () => {
    expect(cutByDuration({ start: 0, end: 29 * 60_000 }, 30)).toEqual([]);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
