import { parisDate, parisToDate } from "../../platform/time/paris.ts";

/**
 * Calendar months in Paris, for the indicators Relais computes each day: a
 * month is counted from Paris midnight on its first day. Pure.
 */
export type Month = {
  /** The first day, YYYY-MM-01: the period of the values. */
  period: string;
  from: Date;
  /** The start of the next month. */
  to: Date;
};

/** The Paris month of an instant, and the `count - 1` months before it, oldest first. */
export function monthsUpTo(now: Date, count: number): Month[] {
  const today = new Date(`${parisDate(now)}T00:00:00Z`);
  const months: Month[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const first = firstOfMonth(today, -back);
    months.push({
      period: first,
      from: parisToDate(first, "00:00"),
      to: parisToDate(firstOfMonth(today, 1 - back), "00:00"),
    });
  }
  return months;
}

/** The first day (YYYY-MM-01) of the month `shift` months from the day's. */
function firstOfMonth(day: Date, shift: number): string {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + shift, 1))
    .toISOString()
    .slice(0, 10);
}
