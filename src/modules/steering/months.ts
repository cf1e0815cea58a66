import { parisDate, parisToDate } from "../../platform/time/paris.ts";
/**
 * Calendar months in Paris, for the indicators Relais computes each day: a
 * month is counted from Paris midnight on its first day. Pure.
 */
/** The instant of Paris midnight starting a day (year, month 1-12, day). */
export function parisMidnight(year: number, month: number, day = 1): Date {
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return parisToDate(date, "00:00");
}

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
    const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
    const year = first.getUTCFullYear();
    const month = first.getUTCMonth() + 1;
    months.push({
      period: `${year}-${String(month).padStart(2, "0")}-01`,
      from: parisMidnight(year, month),
      to: parisMidnight(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1),
    });
  }
  return months;
}
