// The inputs of slot computation, as plain data (what the service loads from
// the database), and their expansion into concrete time intervals.

import {
  dayNumber,
  fromDayNumber,
  type LocalDate,
  type LocalTime,
  minutesOfDay,
  parisDate,
  parisToUtc,
} from "../../platform/time/paris.ts";
import type { Interval } from "./intervals.ts";
import { occurrenceDays, type Recurring } from "./recurrence.ts";

/** A recurring period when an agent can be booked, at a lieu, for some motifs. */
export interface PlageOuverture extends Recurring {
  id: string;
  agentId: string;
  /** Absent for openings with no place (phone, video, home visits). */
  lieuId: string | null;
  motifIds: readonly string[];
  /** Local times of day in Paris, start < end, on the same day. */
  startTime: LocalTime;
  endTime: LocalTime;
  /** Public holidays are closed by default; true keeps the opening on those days. */
  openOnHolidays?: boolean | undefined;
}

/**
 * A period when an agent cannot be booked, in every organisation. Either
 * recurring (each occurrence from startTime to endTime), or one span from
 * (firstDay, startTime) to (endDay, endTime) over several days.
 */
export interface Absence extends Recurring {
  id: string;
  agentId: string;
  startTime: LocalTime;
  endTime: LocalTime;
  /** Last day of a multi-day span (then without recurrence). */
  endDay?: LocalDate | null | undefined;
}

/** An existing appointment taking an agent's time (revoked ones are left out by the caller). */
export interface Booking {
  agentId: string;
  start: Date;
  end: Date;
}

/** Who may book a motif, from the narrowest to the widest audience. */
export type BookableBy = "agents" | "agents_and_prescripteurs" | "invited_users" | "everyone";

export interface Motif {
  id: string;
  durationMinutes: number;
  /** Public booking window: earliest start after now… */
  minNoticeMinutes: number;
  /** …and latest start, in days after now. */
  maxHorizonDays: number;
  bookableBy: BookableBy;
}

export interface OpeningOccurrence extends Interval {
  opening: PlageOuverture;
  date: LocalDate;
}

/**
 * The occurrences of an opening whose local date lies between two day
 * numbers (both included), as UTC intervals. On a daylight-saving day an
 * occurrence is one hour shorter or longer than its times of day say.
 */
export function openingOccurrences(
  opening: PlageOuverture,
  fromDay: number,
  toDay: number,
): OpeningOccurrence[] {
  return occurrenceDays(opening, fromDay, toDay).map((day) => {
    const date = fromDayNumber(day);
    return {
      opening,
      date,
      start: parisToUtc(date, opening.startTime),
      end: parisToUtc(date, opening.endTime),
    };
  });
}

/** The time an absence blocks between two day numbers, as UTC intervals. */
export function absenceIntervals(absence: Absence, fromDay: number, toDay: number): Interval[] {
  if (absence.endDay) {
    const start = parisToUtc(absence.firstDay, absence.startTime);
    const end = parisToUtc(absence.endDay, absence.endTime);
    const overlapsDays =
      dayNumber(absence.firstDay) <= toDay && dayNumber(absence.endDay) >= fromDay;
    return overlapsDays && end > start ? [{ start, end }] : [];
  }
  const overnight = minutesOfDay(absence.endTime) <= minutesOfDay(absence.startTime);
  return occurrenceDays(absence, fromDay, toDay).map((day) => {
    const date = fromDayNumber(day);
    // "22:00–06:00" or "00:00–00:00" (whole day) end on the next day.
    const endDate = overnight ? fromDayNumber(day + 1) : date;
    return {
      start: parisToUtc(date, absence.startTime),
      end: parisToUtc(endDate, absence.endTime),
    };
  });
}

/** Day numbers covering an instant window, with a day of margin each side. */
export function daysAround(from: number, to: number): { fromDay: number; toDay: number } {
  return {
    fromDay: dayNumber(parisDate(from)) - 1,
    toDay: dayNumber(parisDate(Math.max(from, to))) + 1,
  };
}
