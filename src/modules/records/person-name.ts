/**
 * The form under which names are compared: no accents, lower case, one space
 * between words ("Éloïse  D'ARCY-Martin" → "eloise d arcy martin"). The
 * database's trigram index is built on it, so the app computes it, the same
 * way on every database.
 */
export function normaliseName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/œ/gi, "oe")
    .replace(/æ/gi, "ae")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function searchName(lastName: string, firstName: string): string {
  return `${normaliseName(lastName)} ${normaliseName(firstName)}`.trim();
}

/** Age in whole years on `on` (both "YYYY-MM-DD"). */
export function ageOn(birthDate: string, on: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split("-").map(Number);
  const [y = 0, m = 0, d = 0] = on.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The day a person born on `birthDate` turns `years` ("YYYY-MM-DD"); 29 February → 1 March. */
export function anniversary(birthDate: string, years: number): string {
  const [by = 0, bm = 1, bd = 1] = birthDate.split("-").map(Number);
  const date = new Date(Date.UTC(by + years, bm - 1, bd));
  return date.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" shifted by whole months (end of month clamps). */
export function addMonths(isoDate: string, months: number): string {
  const [y = 0, m = 1, d = 1] = isoDate.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0),
  ).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}
