// The two daylight-saving days of 2026, with exact lists of times: the one
// place where "09:00" and "09:00 UTC+1" stop being the same thing.

import { describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { computeSlots } from "./slots.ts";
import { localStarts, makeMotif, makeOpening } from "./test-fixtures.ts";

const motif = makeMotif({ durationMinutes: 30 });
const utcStarts = (slots: ReturnType<typeof computeSlots>) =>
  slots.map((slot) => slot.start.toISOString().slice(0, 16));

type SlotsInput = Parameters<typeof computeSlots>[0];

/**
 * The free slots with nothing in the way (no absence, booking or holiday),
 * for the 30-minute motif unless another is given.
 */
const freeSlots = (input: Pick<SlotsInput, "openings" | "window" | "now"> & Partial<SlotsInput>) =>
  computeSlots({ absences: [], bookings: [], holidays: [], motif, ...input });

describe("computeSlots in the spring-forward week (Sunday 29 March 2026)", () => {
  // Friday, Sunday and Monday mornings around the change.
  const mornings = makeOpening({
    id: "mornings",
    firstDay: "2026-03-27",
    startTime: "09:00",
    endTime: "10:30",
    recurrence: { everyWeeks: 1, weekdays: [5, 7, 1] },
  });
  const window = {
    from: parisToDate("2026-03-27", "00:00"),
    to: parisToDate("2026-03-31", "00:00"),
  };
  const now = parisToDate("2026-03-20", "12:00");

  it("keeps local 09:00 while the UTC instant moves by an hour", () => {
    const slots = freeSlots({ openings: [mornings], window, now });
    expect(localStarts(slots)).toEqual([
      "2026-03-27 09:00",
      "2026-03-27 09:30",
      "2026-03-27 10:00",
      "2026-03-29 09:00",
      "2026-03-29 09:30",
      "2026-03-29 10:00",
      "2026-03-30 09:00",
      "2026-03-30 09:30",
      "2026-03-30 10:00",
    ]);
    expect(utcStarts(slots)).toEqual([
      "2026-03-27T08:00",
      "2026-03-27T08:30",
      "2026-03-27T09:00",
      "2026-03-29T07:00",
      "2026-03-29T07:30",
      "2026-03-29T08:00",
      "2026-03-30T07:00",
      "2026-03-30T07:30",
      "2026-03-30T08:00",
    ]);
  });

  it("gives no slot in the missing hour of a night opening 01:00–04:00", () => {
    const night = makeOpening({
      id: "night",
      firstDay: "2026-03-29",
      startTime: "01:00",
      endTime: "04:00",
    });
    const slots = freeSlots({ openings: [night], window, now });
    // Two real hours: 01:00–02:00 CET then 03:00–04:00 CEST.
    expect(localStarts(slots)).toEqual([
      "2026-03-29 01:00",
      "2026-03-29 01:30",
      "2026-03-29 03:00",
      "2026-03-29 03:30",
    ]);
    expect(utcStarts(slots)).toEqual([
      "2026-03-29T00:00",
      "2026-03-29T00:30",
      "2026-03-29T01:00",
      "2026-03-29T01:30",
    ]);
  });

  it("keeps the opening's grid after now on the change day (no slot moved to now)", () => {
    const slots = freeSlots({
      openings: [mornings],
      motif: makeMotif({ minNoticeMinutes: 0 }),
      window,
      now: parisToDate("2026-03-29", "09:07"),
    });
    expect(localStarts(slots)).toEqual([
      "2026-03-29 09:30",
      "2026-03-29 10:00",
      "2026-03-30 09:00",
      "2026-03-30 09:30",
      "2026-03-30 10:00",
    ]);
  });
});

describe("computeSlots in the fall-back week (Sunday 25 October 2026)", () => {
  const window = {
    from: parisToDate("2026-10-23", "00:00"),
    to: parisToDate("2026-10-27", "00:00"),
  };
  const now = parisToDate("2026-10-16", "12:00");

  it("keeps local 09:00 on Friday and Monday across the change", () => {
    const mornings = makeOpening({
      firstDay: "2026-10-23",
      startTime: "09:00",
      endTime: "10:00",
      recurrence: { everyWeeks: 1, weekdays: [1, 5] },
    });
    const slots = freeSlots({ openings: [mornings], window, now });
    expect(localStarts(slots)).toEqual([
      "2026-10-23 09:00",
      "2026-10-23 09:30",
      "2026-10-26 09:00",
      "2026-10-26 09:30",
    ]);
    expect(utcStarts(slots)).toEqual([
      "2026-10-23T07:00",
      "2026-10-23T07:30",
      "2026-10-26T08:00",
      "2026-10-26T08:30",
    ]);
  });

  it("offers the repeated hour twice in a night opening 01:00–04:00", () => {
    const night = makeOpening({ firstDay: "2026-10-25", startTime: "01:00", endTime: "04:00" });
    const slots = freeSlots({ openings: [night], window, now });
    // Four real hours: 02:00–03:00 happens first in CEST, then in CET.
    expect(localStarts(slots).map((start) => start.slice(11))).toEqual([
      "01:00",
      "01:30",
      "02:00",
      "02:30",
      "02:00",
      "02:30",
      "03:00",
      "03:30",
    ]);
    expect(utcStarts(slots)).toEqual([
      "2026-10-24T23:00",
      "2026-10-24T23:30",
      "2026-10-25T00:00",
      "2026-10-25T00:30",
      "2026-10-25T01:00",
      "2026-10-25T01:30",
      "2026-10-25T02:00",
      "2026-10-25T02:30",
    ]);
  });
});

describe("computeSlots and the process time zone", () => {
  it("gives the same instants whatever TZ the process runs in", () => {
    const night = makeOpening({ firstDay: "2026-10-25", startTime: "01:00", endTime: "04:00" });
    const run = () =>
      utcStarts(
        freeSlots({
          openings: [night],
          window: {
            from: parisToDate("2026-10-24", "00:00"),
            to: parisToDate("2026-10-26", "00:00"),
          },
          now: parisToDate("2026-10-16", "12:00"),
        }),
      );
    const original = process.env.TZ;
    const results = ["UTC", "America/New_York", "Asia/Tokyo", "Europe/Paris"].map((zone) => {
      process.env.TZ = zone;
      return run();
    });
    process.env.TZ = original;
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]).toHaveLength(8);
  });
});
