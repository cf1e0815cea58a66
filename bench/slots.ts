// Slot computation for a whole service: 50 agents over 3 months, with
// realistic weekly openings, absences and a well-filled agenda. Prints JSON
// figures when run directly (`npx tsx bench/slots.ts`); `benchSlots()` is
// for the bench runner. No timed assertion anywhere: figures only.

import { pathToFileURL } from "node:url";
import type {
  Absence,
  Booking,
  Motif,
  PlageOuverture,
} from "../src/modules/appointments/agenda.ts";
import { publicHolidaysBetween } from "../src/modules/appointments/holidays.ts";
import { computeSlots, type SlotQuery } from "../src/modules/appointments/slots.ts";
import { addDays, type IsoWeekday, parisToDate } from "../src/platform/time/paris.ts";

const AGENTS = 50;
const FIRST_DAY = "2026-11-02"; // a Monday; the window holds 11 November and 25 December
const WEEKS = 13;
const RUNS = 9;

/** Small deterministic generator (mulberry32): the same agenda on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weekly(weekdays: IsoWeekday[], everyWeeks = 1) {
  return { everyWeeks, weekdays, until: null };
}

export function makeBenchAgenda(): SlotQuery {
  const next = random(2026);
  const openings: PlageOuverture[] = [];
  const absences: Absence[] = [];
  const bookings: Booking[] = [];
  const motif: Motif = {
    id: "premier-accueil",
    durationMinutes: 30,
    minNoticeMinutes: 120,
    maxHorizonDays: 92,
    bookableBy: "everyone",
  };
  for (let index = 0; index < AGENTS; index++) {
    const agentId = `agent-${index}`;
    const lieu = `lieu-${index % 12}`;
    const base = { agentId, motifIds: [motif.id, "accès-aux-droits"], firstDay: FIRST_DAY };
    // Mornings at the main site, two afternoons elsewhere, a fortnightly phone permanence.
    openings.push(
      {
        ...base,
        id: `${agentId}-am`,
        lieuId: lieu,
        startTime: "09:00",
        endTime: "12:30",
        recurrence: weekly([1, 2, 3, 4, 5]),
      },
      {
        ...base,
        id: `${agentId}-pm`,
        lieuId: `lieu-${(index + 5) % 12}`,
        startTime: "13:30",
        endTime: "17:00",
        recurrence: weekly([2, 4]),
      },
      {
        ...base,
        id: `${agentId}-tel`,
        lieuId: null,
        startTime: "14:00",
        endTime: "16:30",
        recurrence: weekly([3], 2),
      },
    );
    // A weekly team meeting, a week of leave, a training day.
    const leave = addDays(FIRST_DAY, 7 * Math.floor(next() * WEEKS));
    absences.push(
      {
        id: `${agentId}-team`,
        agentId,
        firstDay: FIRST_DAY,
        startTime: "09:00",
        endTime: "10:00",
        recurrence: weekly([1]),
      },
      {
        id: `${agentId}-leave`,
        agentId,
        firstDay: leave,
        startTime: "00:00",
        endDay: addDays(leave, 5),
        endTime: "00:00",
      },
      {
        id: `${agentId}-training`,
        agentId,
        firstDay: addDays(FIRST_DAY, Math.floor(next() * 90)),
        startTime: "09:00",
        endTime: "17:00",
      },
    );
    // About 12 appointments a week, of 30 or 45 minutes, on the quarter hour.
    for (let booking = 0; booking < 12 * WEEKS; booking++) {
      const date = addDays(FIRST_DAY, Math.floor(next() * 7 * WEEKS));
      const quarter = 36 + Math.floor(next() * 30); // 09:00 to 16:15
      const time = `${String(Math.floor(quarter / 4)).padStart(2, "0")}:${String((quarter % 4) * 15).padStart(2, "0")}`;
      const start = parisToDate(date, time);
      const minutes = next() < 0.7 ? 30 : 45;
      bookings.push({ agentId, start, end: new Date(start.getTime() + minutes * 60_000) });
    }
  }
  const now = parisToDate(FIRST_DAY, "08:12");
  return {
    openings,
    absences,
    bookings,
    holidays: publicHolidaysBetween(FIRST_DAY, addDays(FIRST_DAY, 7 * WEEKS)),
    motif,
    window: { from: now, to: parisToDate(addDays(FIRST_DAY, 7 * WEEKS), "00:00") },
    now,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function benchSlots() {
  const query = makeBenchAgenda();
  computeSlots(query); // warm-up: JIT and the time-zone offset cache
  const durations: number[] = [];
  let slots = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    slots = computeSlots(query).length;
    durations.push(performance.now() - started);
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    name: "slots: 50 agents over 3 months",
    agents: AGENTS,
    weeks: WEEKS,
    openings: query.openings.length,
    absences: query.absences.length,
    bookings: query.bookings.length,
    slots,
    runs: RUNS,
    medianMs: round(median(durations)),
    minMs: round(Math.min(...durations)),
    maxMs: round(Math.max(...durations)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(benchSlots(), null, 2));
}
