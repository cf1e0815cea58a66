// Dates and times as French pages, e-mails and documents write them, in
// Europe/Paris whatever the process time zone: « mardi 1er décembre 2026 »,
// « 1er décembre 2026 à 09:05 », lower case as in the middle of a sentence,
// the first of the month an ordinal (« 1er »). Pure, no clock read. The
// calendar arithmetic is in paris.ts.
import { type LocalDate, PARIS_TIME_ZONE } from "./paris.ts";

// Built once each: constructing an Intl.DateTimeFormat costs more than formatting.
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(weekday: boolean, year: boolean): Intl.DateTimeFormat {
  const key = `${weekday}-${year}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("fr-FR", {
      timeZone: PARIS_TIME_ZONE,
      ...(weekday ? { weekday: "long" } : {}),
      day: "numeric",
      month: "long",
      ...(year ? { year: "numeric" } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

const clockTime = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
});

export interface FrenchDateOptions {
  /** « mardi » before the day (default true for frenchDate, false for the others). */
  readonly weekday?: boolean;
  /** The year after the month (default true). */
  readonly year?: boolean;
}

/**
 * « jeudi 14 mai 2026 », « mardi 1er décembre 2026 » in Paris; without the
 * weekday or the year when asked.
 */
export function frenchDate(instant: Date, options: FrenchDateOptions = {}): string {
  return dateFormat(options.weekday ?? true, options.year ?? true)
    .formatToParts(instant)
    .map((part) => (part.type === "day" && part.value === "1" ? "1er" : part.value))
    .join("");
}

/** « 14 mai 2026 », « 1er décembre 2026 »: the day of an instant, in Paris, without the weekday. */
export function frenchLongDate(instant: Date): string {
  return frenchDate(instant, { weekday: false });
}

/** « 09:05 »: the time of day in Paris, 24-hour clock. */
export function frenchClockTime(instant: Date): string {
  return clockTime.format(instant);
}

/** « 1er décembre 2026 à 09:05 » (« mardi 1er décembre 2026 à 09:05 » with the weekday). */
export function frenchDateTime(instant: Date, options: { weekday?: boolean } = {}): string {
  return `${frenchDate(instant, { weekday: options.weekday ?? false })} à ${frenchClockTime(instant)}`;
}

/**
 * « 23 novembre 2026 » for a calendar date "YYYY-MM-DD" (a birth date, a due
 * date), which has no time zone: read at noon UTC, the same day in Paris.
 */
export function frenchLocalDate(date: LocalDate, options: FrenchDateOptions = {}): string {
  return frenchDate(new Date(`${date}T12:00:00Z`), { weekday: false, ...options });
}

/** « 09 h 00 »: the time of day in Paris as a sentence writes it (appointment pages and messages). */
export function frenchTextTime(instant: Date): string {
  return frenchClockTime(instant).replace(":", " h ");
}

/** « lundi 7 décembre 2026 à 09 h 00 »: an appointment's day and time, in the middle of a sentence. */
export function frenchTextDateTime(instant: Date): string {
  return `${frenchDate(instant)} à ${frenchTextTime(instant)}`;
}

const shortDay = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  weekday: "short",
  day: "numeric",
  month: "numeric",
});

/** « lun. 07/12 »: a day in Paris in a week's column, where space is short. */
export function frenchShortDay(instant: Date): string {
  return shortDay.format(instant);
}

const monthOfYear = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "UTC",
  month: "long",
  year: "numeric",
});

/** « mai 2026 » for a month "YYYY-MM" (a simulated month, a month of effect): no time zone. */
export function frenchMonth(month: string): string {
  return monthOfYear.format(new Date(`${month}-01T12:00:00Z`));
}

const fullDateTime = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  dateStyle: "full",
  timeStyle: "medium",
});

/**
 * « mardi 1 décembre 2026 à 10:05:07 »: the full date and the time to the
 * second, in Paris, as Intl writes it (no « 1er »): the audit journal's rows.
 */
export function frenchFullDateTime(instant: Date): string {
  return fullDateTime.format(instant);
}

const shortDateTime = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  dateStyle: "short",
  timeStyle: "short",
});

/** « 01/12/2026 10:05 »: the numeric date and time in Paris, for a dense list (the outbox). */
export function frenchShortDateTime(instant: Date): string {
  return shortDateTime.format(instant);
}

const spokenClock = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** « 10 h », « 14 h 30 »: the time of day in Paris as it is said (no « 00 » minutes). */
export function frenchSpokenTime(instant: Date): string {
  const [hours = "0", minutes = "00"] = spokenClock.format(instant).split(":");
  return `${Number(hours)}\u00a0h${minutes === "00" ? "" : `\u00a0${minutes}`}`;
}

/** « jeudi 26 novembre 2026 à 10 h », « mardi 1er décembre 2026 à 14 h 30 » (Paris). */
export function frenchSpokenDateTime(instant: Date): string {
  return `${frenchDate(instant)} à ${frenchSpokenTime(instant)}`;
}

const weekdayFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  weekday: "long",
});

/** « lundi »: the day of the week of an instant, in Paris, lower case. */
export function frenchWeekday(instant: Date): string {
  return weekdayFormat.format(instant);
}
