/**
 * Months and ages. A month is written "YYYY-MM" at the edges and handled as
 * an index (year × 12 + month − 1) inside, so that M-1, M-13 are subtractions.
 */

export type MonthKey = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: string): boolean {
  return MONTH.test(value);
}

/** Index of a "YYYY-MM" month, or undefined when malformed. */
export function parseMonth(value: string): number | undefined {
  const match = MONTH.exec(value);
  if (match === null) return undefined;
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/**
 * The engine's copy of a string used as a property key: the one V8 keeps in its
 * string table. Month keys index the resources of every member; a key that is
 * equal but not that very string makes the optimised formulas bail out again and
 * again (a deoptimisation loop seen in the batch profile).
 */
function internalized(s: string): string {
  for (const k in { [s]: 0 }) return k;
  return s;
}

const keys = new Map<number, MonthKey>();
/** Months 1900-01 to 2199-12 by index − KEYS_FROM: the hot path reads an array. */
const KEYS_FROM = 1900 * 12;
const keyTable: (MonthKey | undefined)[] = new Array(300 * 12).fill(undefined);
export function monthKey(index: number): MonthKey {
  const slot = index - KEYS_FROM;
  const tabled = keyTable[slot];
  if (tabled !== undefined) return tabled;
  let key = keys.get(index);
  if (key === undefined) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    key = internalized(`${year}-${month < 10 ? "0" : ""}${month}`);
    keys.set(index, key);
  }
  if (slot >= 0 && slot < keyTable.length && Number.isInteger(slot)) keyTable[slot] = key;
  return key;
}

const backKeys = new Map<number, readonly MonthKey[]>();
/** Keys of M, M-1, …, M-13 (memoised per month): the reference periods of every benefit. */
export function monthKeysBack(index: number): readonly MonthKey[] {
  let keys = backKeys.get(index);
  if (keys === undefined) {
    keys = Array.from({ length: 14 }, (_, i) => monthKey(index - i));
    backKeys.set(index, keys);
  }
  return keys;
}

export const yearOf = (index: number): number => Math.floor(index / 12);
export const monthOf = (index: number): number => (index % 12) + 1;

/** "YYYY-MM-DD" with a month 01–12 and a day 01–31 (checked by hand: it runs for every row of a batch). */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  for (const i of DIGIT_POSITIONS) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const month = (value.charCodeAt(5) - 48) * 10 + value.charCodeAt(6) - 48;
  const day = (value.charCodeAt(8) - 48) * 10 + value.charCodeAt(9) - 48;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9] as const;

/**
 * Age in whole years on a day given as (year, month, day), from a birth date
 * "YYYY-MM-DD". Parsed by hand: this runs millions of times in a batch.
 */
export function ageOn(birthDate: string, year: number, month: number, day: number): number {
  const by = digits(birthDate, 0, 4);
  const bm = digits(birthDate, 5, 7);
  const bd = digits(birthDate, 8, 10);
  let age = year - by;
  if (month < bm || (month === bm && day < bd)) age -= 1;
  return age;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Age on the first day of a month index (the convention of the reference engine). */
export function ageAtMonth(birthDate: string, monthIndex: number): number {
  return ageOn(birthDate, yearOf(monthIndex), monthOf(monthIndex), 1);
}

/** Format cents as French euros: 123456 → "1 234,56 €". */
export function euros(cents: number): string {
  const negative = cents < 0;
  const abs = Math.round(Math.abs(cents));
  const units = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${negative ? "−" : ""}${grouped},${rest < 10 ? "0" : ""}${rest} €`;
}
