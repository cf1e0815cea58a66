/**
 * Calendar months in Paris, for the indicators Relais computes each day: a
 * month is counted from Paris midnight on its first day. Pure.
 */
const PARIS = "Europe/Paris";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: PARIS,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The wall-clock time in Paris of an instant, read as if it were UTC (ms). */
function parisWallTime(at: Date): number {
  const parts = Object.fromEntries(partsFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** The instant of Paris midnight starting a day (year, month 1-12, day). */
export function parisMidnight(year: number, month: number, day = 1): Date {
  const guess = Date.UTC(year, month - 1, day);
  const offset = parisWallTime(new Date(guess)) - guess;
  const candidate = guess - offset;
  // Across a change of offset the first guess can be an hour off: correct once.
  const corrected = parisWallTime(new Date(candidate)) - candidate;
  return new Date(guess - corrected);
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
  const wall = new Date(parisWallTime(now));
  const months: Month[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const first = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() - back, 1));
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
