// French public holidays ("jours fériés"), computed for any year.
//
// Source: art. L3133-1 Code du travail lists the eleven holidays of
// métropole: 1er janvier, lundi de Pâques, 1er mai, 8 mai, Ascension, lundi
// de Pentecôte, 14 juillet, Assomption, Toussaint, 11 novembre, 25 décembre.
// Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) adds Vendredi saint and
// 26 décembre (art. L3134-13 Code du travail).
// Whit Monday is often the "journée de solidarité" (art. L3133-7): services
// that work that day say so on their openings (`openOnHolidays`).

import { addDays, dayNumber, type LocalDate } from "../../platform/time/paris.ts";

export interface PublicHoliday {
  date: LocalDate;
  /** French name, as shown to users. */
  name: string;
}

export interface HolidayOptions {
  /** Add the two local holidays of Bas-Rhin, Haut-Rhin and Moselle. */
  alsaceMoselle?: boolean;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * Easter Sunday of a Gregorian year: the anonymous Gregorian computus
 * ("Meeus/Jones/Butcher" algorithm), exact for every year from 1583.
 */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year out of range for the Gregorian computus: ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The public holidays of one year, sorted by date, without duplicates. */
export function frenchPublicHolidays(year: number, options: HolidayOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
  const holidays: PublicHoliday[] = [
    { date: fixed(1, 1), name: "Jour de l'an" },
    { date: addDays(easter, 1), name: "Lundi de Pâques" },
    { date: fixed(5, 1), name: "Fête du travail" },
    { date: fixed(5, 8), name: "Victoire 1945" },
    { date: addDays(easter, 39), name: "Ascension" },
    { date: addDays(easter, 50), name: "Lundi de Pentecôte" },
    { date: fixed(7, 14), name: "Fête nationale" },
    { date: fixed(8, 15), name: "Assomption" },
    { date: fixed(11, 1), name: "Toussaint" },
    { date: fixed(11, 11), name: "Armistice 1918" },
    { date: fixed(12, 25), name: "Noël" },
  ];
  if (options.alsaceMoselle) {
    holidays.push({ date: addDays(easter, -2), name: "Vendredi saint" });
    holidays.push({ date: fixed(12, 26), name: "Saint-Étienne" });
  }
  // Ascension can fall on 1 May (as in 2008) or on 8 May: one entry per date.
  const byDate = new Map<LocalDate, PublicHoliday>();
  for (const holiday of holidays) {
    const existing = byDate.get(holiday.date);
    byDate.set(
      holiday.date,
      existing ? { date: holiday.date, name: `${existing.name}, ${holiday.name}` } : holiday,
    );
  }
  return [...byDate.values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Dates of the public holidays between two dates, both included. */
export function publicHolidaysBetween(
  from: LocalDate,
  to: LocalDate,
  options: HolidayOptions = {},
): LocalDate[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  const dates: LocalDate[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const { date } of frenchPublicHolidays(year, options)) {
      const day = dayNumber(date);
      if (day >= first && day <= last) dates.push(date);
    }
  }
  return dates;
}

export function isPublicHoliday(date: LocalDate, options: HolidayOptions = {}): boolean {
  const year = Number(date.slice(0, 4));
  return frenchPublicHolidays(year, options).some((holiday) => holiday.date === date);
}
