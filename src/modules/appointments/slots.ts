// Free slots: the pure core of online booking.
//
// A pipeline of small steps, each testable on its own (as Cal.com and RDV
// Service Public do it):
//   occurrences of the openings that offer the motif, in the window
//   → minus public holidays (closed unless the opening says otherwise)
//   → minus the agent's absences and existing appointments
//   → cut by the motif's duration on the agenda's own grid (the free time's
//     start + k × duration)
//   → one agent never gets two overlapping slots (openings may overlap)
//   → keep starts after now + notice, inside the window and the horizon:
//     these only remove slots, so a slot listed a minute ago keeps its time.
// The clock, the holidays and every setting come in as arguments; nothing is
// read from the environment and no input is mutated.

import { type LocalDate, MS_PER_DAY, MS_PER_MINUTE } from "../../platform/time/paris.ts";
import {
  type Absence,
  absenceIntervals,
  type Booking,
  daysAround,
  type Motif,
  type OpeningOccurrence,
  openingOccurrences,
  type PlageOuverture,
} from "./agenda.ts";
import { type Interval, mergeIntervals, subtractIntervals } from "./intervals.ts";

export interface SlotWindow {
  from: Date;
  to: Date;
}

export interface SlotQuery {
  openings: readonly PlageOuverture[];
  absences: readonly Absence[];
  bookings: readonly Booking[];
  /** Public holidays (see `publicHolidaysBetween`), as Paris local dates. */
  holidays: readonly LocalDate[];
  motif: Motif;
  /** Slots whose start lies in [from, to). */
  window: SlotWindow;
  now: Date;
}

export interface Slot {
  start: Date;
  end: Date;
  agentId: string;
  lieuId: string | null;
  openingId: string;
}

interface Candidate extends Interval {
  opening: PlageOuverture;
}

/**
 * Allowed starts: from `earliest` (now + notice) and `from` (the window) to
 * `latest` (window end, excluded, or horizon). All three only filter: neither
 * the clock nor a window ever shifts the slots off the agenda's grid.
 */
export function bookableStarts(
  motif: Motif,
  window: SlotWindow,
  now: Date,
): { earliest: number; from: number; latest: number } {
  const earliest = now.getTime() + motif.minNoticeMinutes * MS_PER_MINUTE;
  const horizon = now.getTime() + motif.maxHorizonDays * MS_PER_DAY;
  return {
    earliest,
    from: Math.max(window.from.getTime(), earliest),
    latest: Math.min(window.to.getTime() - 1, horizon),
  };
}

/** Step 1: occurrences of the openings offering the motif around the range. */
export function occurrencesOffering(
  openings: readonly PlageOuverture[],
  motifId: string,
  from: number,
  to: number,
): OpeningOccurrence[] {
  const { fromDay, toDay } = daysAround(from, to);
  return openings
    .filter((opening) => opening.motifIds.includes(motifId))
    .flatMap((opening) => openingOccurrences(opening, fromDay, toDay))
    .filter((occurrence) => occurrence.end > from && occurrence.start < to);
}

/** Step 2: drop occurrences on public holidays, unless the opening works them. */
export function withoutHolidays(
  occurrences: readonly OpeningOccurrence[],
  holidays: readonly LocalDate[],
): OpeningOccurrence[] {
  const closed = new Set(holidays);
  return occurrences.filter((o) => o.opening.openOnHolidays === true || !closed.has(o.date));
}

/** The time each agent is not available: absences and bookings, merged. */
export function blockedTimeByAgent(
  absences: readonly Absence[],
  bookings: readonly Booking[],
  from: number,
  to: number,
): Map<string, Interval[]> {
  const { fromDay, toDay } = daysAround(from, to);
  const raw = new Map<string, Interval[]>();
  const add = (agentId: string, intervals: Interval[]) => {
    const list = raw.get(agentId) ?? [];
    list.push(...intervals);
    raw.set(agentId, list);
  };
  for (const absence of absences) add(absence.agentId, absenceIntervals(absence, fromDay, toDay));
  for (const booking of bookings) {
    add(booking.agentId, [{ start: booking.start.getTime(), end: booking.end.getTime() }]);
  }
  const merged = new Map<string, Interval[]>();
  for (const [agentId, intervals] of raw) merged.set(agentId, mergeIntervals(intervals));
  return merged;
}

/** Step 3: what is left of each occurrence once its agent's blocked time is removed. */
export function freeTime(
  occurrences: readonly OpeningOccurrence[],
  blocked: ReadonlyMap<string, readonly Interval[]>,
): Candidate[] {
  return occurrences.flatMap((occurrence) =>
    subtractIntervals(occurrence, blocked.get(occurrence.opening.agentId) ?? []).map((free) => ({
      ...free,
      opening: occurrence.opening,
    })),
  );
}

/**
 * Step 4: consecutive slots of `durationMinutes` in a free interval, on its
 * grid (free.start + k × duration). The notice is applied later, after step 6,
 * as a filter: moving the first start to "now + notice" (as this did until
 * issue 20) made every later slot of the day drift with the clock, and a slot
 * listed minutes earlier was then refused as "pas proposé".
 */
export function cutByDuration(free: Interval, durationMinutes: number): Interval[] {
  const duration = durationMinutes * MS_PER_MINUTE;
  const slots: Interval[] = [];
  for (let start = free.start; start + duration <= free.end; start += duration) {
    slots.push({ start, end: start + duration });
  }
  return slots;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    compareText(a.opening.agentId, b.opening.agentId) ||
    compareText(a.opening.lieuId ?? "", b.opening.lieuId ?? "") ||
    compareText(a.opening.id, b.opening.id)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Step 6: an agent's openings may overlap (a warning, not an error, when
 * they are entered), but the agent can only be in one place at a time: keep
 * the earliest slot, then the next one that starts after it ends.
 */
export function withoutOverlapsPerAgent(sorted: readonly Candidate[]): Candidate[] {
  const busyUntil = new Map<string, number>();
  return sorted.filter((candidate) => {
    const agentId = candidate.opening.agentId;
    if ((busyUntil.get(agentId) ?? Number.NEGATIVE_INFINITY) > candidate.start) return false;
    busyUntil.set(agentId, candidate.end);
    return true;
  });
}

/** The free slots for a motif in a window, sorted by start, agent, lieu. */
export function computeSlots(query: SlotQuery): Slot[] {
  const { motif } = query;
  if (!Number.isInteger(motif.durationMinutes) || motif.durationMinutes <= 0) {
    throw new RangeError(`Motif duration must be a positive number of minutes: ${motif.id}`);
  }
  const { from, latest } = bookableStarts(motif, query.window, query.now);
  if (latest < from) return [];
  const to = latest + motif.durationMinutes * MS_PER_MINUTE;
  const occurrences = withoutHolidays(
    occurrencesOffering(query.openings, motif.id, from, to),
    query.holidays,
  );
  const blocked = blockedTimeByAgent(query.absences, query.bookings, from, to);
  const candidates = freeTime(occurrences, blocked).flatMap((free) =>
    cutByDuration(free, motif.durationMinutes).map((slot) => ({
      ...slot,
      opening: free.opening,
    })),
  );
  // The notice and the window filter only after step 6: a slot too close to
  // now still holds its agent's time, so that the next slot of an overlapping
  // opening does not appear when the clock passes it.
  return withoutOverlapsPerAgent(candidates.sort(compareCandidates))
    .filter((candidate) => candidate.start >= from && candidate.start <= latest)
    .map((candidate) => ({
      start: new Date(candidate.start),
      end: new Date(candidate.end),
      agentId: candidate.opening.agentId,
      lieuId: candidate.opening.lieuId,
      openingId: candidate.opening.id,
    }));
}
