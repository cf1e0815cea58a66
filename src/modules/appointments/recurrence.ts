// Which calendar days a plage d'ouverture or an absence happens on.
// The model is RDV Service Public's: a first day, and optionally a weekly
// recurrence "every N weeks on these weekdays", until an end date.

import {
  dayNumber,
  fromDayNumber,
  type IsoWeekday,
  type LocalDate,
} from "../../platform/time/paris.ts";

export interface WeeklyRecurrence {
  /** 1 = every week, 2 = every other week… counted from the week of the first day. */
  everyWeeks: number;
  /** ISO weekdays (Monday = 1). Empty means the first day's weekday. */
  weekdays: readonly IsoWeekday[];
  /** Last day that may hold an occurrence, included; absent = no end. */
  until?: LocalDate | null | undefined;
}

export interface Recurring {
  firstDay: LocalDate;
  recurrence?: WeeklyRecurrence | null | undefined;
}

/** Monday-based week number of a day number (1970-01-01 was a Thursday). */
function weekIndex(day: number): number {
  return Math.floor((day + 3) / 7);
}

function weekdayOf(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/**
 * Days (as day numbers) on which `item` occurs between `from` and `to`
 * (day numbers, both included), in increasing order.
 */
export function occurrenceDays(item: Recurring, from: number, to: number): number[] {
  const first = dayNumber(item.firstDay);
  const recurrence = item.recurrence;
  if (!recurrence) return first >= from && first <= to ? [first] : [];
  const until = recurrence.until ? dayNumber(recurrence.until) : Number.POSITIVE_INFINITY;
  const everyWeeks = Math.max(1, Math.floor(recurrence.everyWeeks));
  const weekdays = new Set<IsoWeekday>(
    recurrence.weekdays.length > 0 ? recurrence.weekdays : [weekdayOf(first)],
  );
  const firstWeek = weekIndex(first);
  const days: number[] = [];
  const last = Math.min(to, until);
  for (let day = Math.max(from, first); day <= last; day++) {
    if (!weekdays.has(weekdayOf(day))) continue;
    if ((weekIndex(day) - firstWeek) % everyWeeks !== 0) continue;
    days.push(day);
  }
  return days;
}

/** Same as `occurrenceDays`, as local dates. */
export function occurrenceDates(item: Recurring, from: LocalDate, to: LocalDate): LocalDate[] {
  return occurrenceDays(item, dayNumber(from), dayNumber(to)).map(fromDayNumber);
}
