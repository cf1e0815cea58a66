// Small factories for the appointments tests: each test states only what it
// cares about. Imported by *.test.ts files only.

import { type LocalDate, type LocalTime, parisToDate, toParis } from "../../platform/time/paris.ts";
import type { Absence, Booking, Motif, PlageOuverture } from "./agenda.ts";
import type { Slot } from "./slots.ts";

export function makeMotif(overrides: Partial<Motif> = {}): Motif {
  return {
    id: "motif-accueil",
    durationMinutes: 30,
    minNoticeMinutes: 0,
    maxHorizonDays: 365,
    bookableBy: "everyone",
    ...overrides,
  };
}

export function makeOpening(overrides: Partial<PlageOuverture> = {}): PlageOuverture {
  return {
    id: "opening-1",
    agentId: "agent-1",
    lieuId: "lieu-1",
    motifIds: ["motif-accueil"],
    firstDay: "2026-03-23",
    startTime: "09:00",
    endTime: "12:00",
    recurrence: null,
    ...overrides,
  };
}

export function makeAbsence(overrides: Partial<Absence> = {}): Absence {
  return {
    id: "absence-1",
    agentId: "agent-1",
    firstDay: "2026-03-23",
    startTime: "09:00",
    endTime: "10:00",
    recurrence: null,
    ...overrides,
  };
}

export function makeBooking(
  date: LocalDate,
  start: LocalTime,
  end: LocalTime,
  agentId = "agent-1",
): Booking {
  return { agentId, start: parisToDate(date, start), end: parisToDate(date, end) };
}

/** Slots as "YYYY-MM-DD HH:MM" in Paris local time, for exact-list assertions. */
export function localStarts(slots: readonly Slot[]): string[] {
  return slots.map((slot) => {
    const { date, time } = toParis(slot.start);
    return `${date} ${time}`;
  });
}

/** Slots as "HH:MM" in Paris local time. */
export function localTimes(slots: readonly Slot[]): string[] {
  return slots.map((slot) => toParis(slot.start).time);
}
