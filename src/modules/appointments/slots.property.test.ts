// Properties of computeSlots over random agendas spanning the spring
// daylight-saving change and a holiday (Easter Monday, 6 April 2026).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayNumber,
  fromDayNumber,
  type IsoWeekday,
  parisToDate,
} from "../../platform/time/paris.ts";
import {
  type Absence,
  absenceIntervals,
  type Booking,
  openingOccurrences,
  type PlageOuverture,
} from "./agenda.ts";
import { publicHolidaysBetween } from "./holidays.ts";
import { contains, overlaps } from "./intervals.ts";
import { computeSlots, type Slot, type SlotQuery } from "./slots.ts";
import { makeMotif } from "./test-fixtures.ts";

const FIRST_DAY = dayNumber("2026-03-23");
const LAST_DAY = dayNumber("2026-04-12");
const HOLIDAYS = publicHolidaysBetween("2026-03-20", "2026-04-15");
const AGENTS = ["agent-a", "agent-b", "agent-c"];
const MOTIF = makeMotif({ id: "motif-x" });

const time = (quarter: number) =>
  `${String(Math.floor(quarter / 4)).padStart(2, "0")}:${String((quarter % 4) * 15).padStart(2, "0")}`;

const day = fc.integer({ min: FIRST_DAY - 3, max: LAST_DAY + 3 }).map(fromDayNumber);
const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }) as fc.Arbitrary<
  IsoWeekday[]
>;
const recurrence = fc.option(
  fc.record({
    everyWeeks: fc.integer({ min: 1, max: 3 }),
    weekdays,
    until: fc.option(day, { nil: null }),
  }),
  { nil: null },
);
const timeRange = fc
  .tuple(fc.integer({ min: 0, max: 94 }), fc.integer({ min: 1, max: 40 }))
  .map(([start, length]) => ({
    startTime: time(start),
    endTime: time(Math.min(95, start + length)),
  }));

const opening = fc.record({
  agentId: fc.constantFrom(...AGENTS),
  lieuId: fc.option(fc.constantFrom("lieu-1", "lieu-2"), { nil: null }),
  motifIds: fc.subarray(["motif-x", "motif-y"], { minLength: 1 }),
  firstDay: day,
  times: timeRange,
  recurrence,
  openOnHolidays: fc.boolean(),
});

const absence = fc.record({
  agentId: fc.constantFrom(...AGENTS),
  firstDay: day,
  times: fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 0, max: 95 })),
  span: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  recurrence,
});

const booking = fc.record({
  agentId: fc.constantFrom(...AGENTS),
  day,
  start: fc.integer({ min: 0, max: 95 }),
  minutes: fc.integer({ min: 5, max: 180 }),
});

const agenda = fc
  .record({
    openings: fc.array(opening, { minLength: 1, maxLength: 6 }),
    absences: fc.array(absence, { maxLength: 4 }),
    bookings: fc.array(booking, { maxLength: 8 }),
    duration: fc.constantFrom(10, 15, 20, 30, 45, 60),
    notice: fc.integer({ min: 0, max: 24 * 60 }),
    horizonDays: fc.integer({ min: 1, max: 30 }),
    nowOffsetMinutes: fc.integer({ min: 0, max: 10 * 24 * 60 }),
  })
  .map((input): SlotQuery => {
    const openings: PlageOuverture[] = input.openings.map((o, index) => ({
      id: `opening-${index}`,
      agentId: o.agentId,
      lieuId: o.lieuId,
      motifIds: o.motifIds,
      firstDay: o.firstDay,
      ...o.times,
      recurrence: o.recurrence,
      openOnHolidays: o.openOnHolidays,
    }));
    const absences: Absence[] = input.absences.map((a, index) => ({
      id: `absence-${index}`,
      agentId: a.agentId,
      firstDay: a.firstDay,
      startTime: time(a.times[0]),
      endTime: time(a.times[1]),
      ...(a.span === null
        ? { recurrence: a.recurrence }
        : { endDay: fromDayNumber(dayNumber(a.firstDay) + a.span) }),
    }));
    const bookings: Booking[] = input.bookings.map((b) => {
      const start = parisToDate(b.day, time(b.start));
      return { agentId: b.agentId, start, end: new Date(start.getTime() + b.minutes * 60_000) };
    });
    const windowStart = parisToDate(fromDayNumber(FIRST_DAY), "00:00");
    return {
      openings,
      absences,
      bookings,
      holidays: HOLIDAYS,
      motif: {
        ...MOTIF,
        durationMinutes: input.duration,
        minNoticeMinutes: input.notice,
        maxHorizonDays: input.horizonDays,
      },
      window: { from: windowStart, to: parisToDate(fromDayNumber(LAST_DAY), "00:00") },
      now: new Date(windowStart.getTime() - 86_400_000 + input.nowOffsetMinutes * 60_000),
    };
  });

const interval = (slot: Slot) => ({ start: slot.start.getTime(), end: slot.end.getTime() });
const WIDE = { fromDay: FIRST_DAY - 10, toDay: LAST_DAY + 10 };

describe("computeSlots properties", () => {
  it("never overlaps a booking or an absence of the same agent", () => {
    fc.assert(
      fc.property(agenda, (query) => {
        for (const slot of computeSlots(query)) {
          for (const b of query.bookings.filter((b) => b.agentId === slot.agentId)) {
            expect(
              overlaps(interval(slot), { start: b.start.getTime(), end: b.end.getTime() }),
            ).toBe(false);
          }
          for (const a of query.absences.filter((a) => a.agentId === slot.agentId)) {
            for (const blocked of absenceIntervals(a, WIDE.fromDay, WIDE.toDay)) {
              expect(overlaps(interval(slot), blocked)).toBe(false);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("puts every slot inside an occurrence of an opening offering the motif, off holidays", () => {
    fc.assert(
      fc.property(agenda, (query) => {
        for (const slot of computeSlots(query)) {
          const opening = query.openings.find((o) => o.id === slot.openingId);
          expect(opening?.motifIds).toContain(query.motif.id);
          expect(opening?.agentId).toBe(slot.agentId);
          const inside = openingOccurrences(opening!, WIDE.fromDay, WIDE.toDay).filter((o) =>
            contains(o, interval(slot)),
          );
          expect(inside).toHaveLength(1);
          if (!opening!.openOnHolidays) expect(query.holidays).not.toContain(inside[0]!.date);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives one agent no two overlapping slots", () => {
    fc.assert(
      fc.property(agenda, (query) => {
        const slots = computeSlots(query);
        for (const [i, a] of slots.entries()) {
          for (const b of slots.slice(i + 1)) {
            if (a.agentId === b.agentId) expect(overlaps(interval(a), interval(b))).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("respects the duration, the notice, the horizon and the window", () => {
    fc.assert(
      fc.property(agenda, (query) => {
        const { motif, now, window } = query;
        for (const slot of computeSlots(query)) {
          const start = slot.start.getTime();
          expect(slot.end.getTime() - start).toBe(motif.durationMinutes * 60_000);
          expect(start).toBeGreaterThanOrEqual(now.getTime() + motif.minNoticeMinutes * 60_000);
          expect(start).toBeLessThanOrEqual(now.getTime() + motif.maxHorizonDays * 86_400_000);
          expect(start).toBeGreaterThanOrEqual(window.from.getTime());
          expect(start).toBeLessThan(window.to.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every slot's time as the clock advances: the notice only removes slots", () => {
    fc.assert(
      fc.property(agenda, fc.integer({ min: 1, max: 12 * 60 }), (query, minutes) => {
        const later = new Date(query.now.getTime() + minutes * 60_000);
        const key = (slot: Slot) => `${slot.agentId} ${slot.lieuId} ${slot.start.toISOString()}`;
        const before = new Set(computeSlots(query).map(key));
        const horizon = query.now.getTime() + query.motif.maxHorizonDays * 86_400_000;
        for (const slot of computeSlots({ ...query, now: later })) {
          if (slot.start.getTime() <= horizon) expect(before.has(key(slot))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of its inputs", () => {
    const shuffled = <T>(items: readonly T[]) =>
      fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
    fc.assert(
      fc.property(
        agenda.chain((query) =>
          fc.tuple(
            fc.constant(query),
            fc.record({
              openings: shuffled(query.openings),
              absences: shuffled(query.absences),
              bookings: shuffled(query.bookings),
              holidays: shuffled(query.holidays),
            }),
          ),
        ),
        ([query, reordered]) => {
          expect(computeSlots({ ...query, ...reordered })).toEqual(computeSlots(query));
        },
      ),
      { numRuns: 200 },
    );
  });
});
