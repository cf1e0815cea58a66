// Calendar arithmetic and Europe/Paris wall-clock time, independent of the
// process time zone (TZ may be UTC on a server and Europe/Paris in tests:
// results must be the same).
//
// A local date is "YYYY-MM-DD" and a local time "HH:MM" (24 h), the shapes
// PostgreSQL gives for `date` and `time` columns. Instants are epoch
// milliseconds inside the domain code; the public API speaks `Date`.

/** A calendar date in Europe/Paris, "YYYY-MM-DD". */
export type LocalDate = string;
/** A time of day in Europe/Paris, "HH:MM", 24-hour clock. */
export type LocalTime = string;
/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const PARIS_TIME_ZONE = "Europe/Paris";
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseLocalDate(date: LocalDate): number | undefined {
  const match = LOCAL_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Rejects 2026-02-30 and friends, which Date.UTC would roll over.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1) return undefined;
  if (back.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

/** Years a date from a form, a link or the API may name: a person's birth or an agenda's day. */
export const FIRST_PLAUSIBLE_YEAR = 1900;
export const LAST_PLAUSIBLE_YEAR = 2199;

/**
 * A real calendar date within the plausible years: what the boundary accepts.
 * Year 0 or 9999 would reach PostgreSQL or overflow the calendar arithmetic.
 */
export function isLocalDate(value: string): boolean {
  if (parseLocalDate(value) === undefined) return false;
  const year = Number(value.slice(0, 4));
  return year >= FIRST_PLAUSIBLE_YEAR && year <= LAST_PLAUSIBLE_YEAR;
}

export function isLocalTime(value: string): boolean {
  return LOCAL_TIME.test(value);
}

/** Days since 1970-01-01 (a plain calendar count, no time zone involved). */
export function dayNumber(date: LocalDate): number {
  const days = parseLocalDate(date);
  if (days === undefined) throw new RangeError(`Invalid local date: ${date}`);
  return days;
}

export function fromDayNumber(days: number): LocalDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** Minutes since midnight of a local time of day. */
export function minutesOfDay(time: LocalTime): number {
  const match = LOCAL_TIME.exec(time);
  if (!match) throw new RangeError(`Invalid local time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const partsFormatter = new Intl.DateTimeFormat("en-US", {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

// Paris changes offset on whole UTC hours, so the offset is constant within
// each UTC hour: memoise per hour. The cache only saves work, it never
// changes a result.
const offsetByHour = new Map<number, number>();

/** Offset of Europe/Paris from UTC at an instant, in minutes (+60 or +120). */
export function parisOffsetMinutes(instant: number): number {
  const hour = Math.floor(instant / MS_PER_HOUR);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const fields: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 0,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  const floorSecond = instant - (((instant % 1000) + 1000) % 1000);
  const offset = Math.round((wall - floorSecond) / MS_PER_MINUTE);
  if (offsetByHour.size > 50_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

/**
 * The UTC instant (epoch ms) of a wall-clock time in Paris.
 *
 * Daylight-saving days are resolved like Temporal's "compatible" option, so
 * that every local time has exactly one answer:
 * - spring forward (last Sunday of March, 02:00 → 03:00): a time in the gap
 *   does not exist and is moved forward by the gap, 02:30 → 03:30 CEST;
 * - fall back (last Sunday of October, 03:00 → 02:00): a time in the overlap
 *   happens twice and the earlier one (CEST, +02:00) is taken.
 */
export function parisToUtc(date: LocalDate, time: LocalTime): number {
  const wall = dayNumber(date) * MS_PER_DAY + minutesOfDay(time) * MS_PER_MINUTE;
  return wallToUtc(wall);
}

/** Same as `parisToUtc` for a wall-clock time given as "UTC-like" epoch ms. */
export function wallToUtc(wall: number): number {
  // Offsets a day before and after bracket any transition (they are months apart).
  const before = parisOffsetMinutes(wall - MS_PER_DAY) * MS_PER_MINUTE;
  const after = parisOffsetMinutes(wall + MS_PER_DAY) * MS_PER_MINUTE;
  const earlier = wall - Math.max(before, after);
  const later = wall - Math.min(before, after);
  const earlierValid = parisOffsetMinutes(earlier) * MS_PER_MINUTE === wall - earlier;
  if (earlierValid) return earlier; // normal time, or the first of two in the overlap
  const laterValid = parisOffsetMinutes(later) * MS_PER_MINUTE === wall - later;
  if (laterValid) return later;
  // In the gap: read the wall time with the offset in force before it.
  return wall - before;
}

export function parisToDate(date: LocalDate, time: LocalTime): Date {
  return new Date(parisToUtc(date, time));
}

export interface ParisWallClock {
  date: LocalDate;
  time: LocalTime;
  weekday: IsoWeekday;
  offsetMinutes: number;
}

/** The Paris calendar date, time of day and offset at an instant. */
export function toParis(instant: number | Date): ParisWallClock {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const offsetMinutes = parisOffsetMinutes(ms);
  const wall = new Date(ms + offsetMinutes * MS_PER_MINUTE).toISOString();
  const date = wall.slice(0, 10);
  return { date, time: wall.slice(11, 16), weekday: isoWeekday(date), offsetMinutes };
}

/** The Paris calendar date of an instant. */
export function parisDate(instant: number | Date): LocalDate {
  return toParis(instant).date;
}

/**
 * « 2026-12-01 10:05:07 »: the Paris wall clock to the second, sortable as
 * text (a CSV column a spreadsheet reads as a date and time).
 */
export function parisTimestamp(instant: number | Date): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const wall = new Date(ms + parisOffsetMinutes(ms) * MS_PER_MINUTE).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)}`;
}
