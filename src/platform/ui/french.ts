// French typography for what the pages, e-mails and SMS say (dates are in
// src/platform/time/french-dates.ts): the preposition « de »
// before a place name (« d'Antony », « du Plessis-Robinson », « des Lilas »),
// sorting with accents (Châtenay-Malabry before Chaville), and the
// non-breaking spaces before « : ; ? ! ». Pure functions, no clock read.

/** « Lundi 7 décembre »: the first letter up, for the start of a heading or a line. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}

const ELIDING = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

/**
 * « de » before a name, with elision and contraction: « d'Antony »,
 * « du Plessis-Robinson » (Le), « des Lilas » (Les), « de La
 * Garenne-Colombes », « de Nanterre ». A leading h is treated as aspirated
 * (« de Hautefort »), the safe choice for a name we do not know.
 */
export function ofName(name: string): string {
  const trimmed = name.trim();
  const article = /^(Le|Les)\s+(.*)$/.exec(trimmed);
  if (article) return `${article[1] === "Le" ? "du" : "des"} ${article[2]}`;
  if (ELIDING.test(trimmed)) return `d'${trimmed}`;
  return `de ${trimmed}`;
}

/** French order: accents after the plain letter only when all else is equal, numbers as numbers. */
export const frenchCollator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** A copy of `items` in French alphabetical order of `key`. */
export function sortFrench<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => frenchCollator.compare(key(a), key(b)));
}

const NARROW_NBSP = "\u202f";
const NBSP = "\u00a0";

/**
 * The non-breaking spaces French puts before « : » (a normal one) and
 * « ; ? ! » (a narrow one), where a template wrote a plain space or none.
 * Leaves URLs (« https://… ») alone: a colon there has no space before it.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]+:(?=\s|$)/g, `${NBSP}:`)
    .replace(/[ \u00a0\u202f]+([;?!])/g, `${NARROW_NBSP}$1`);
}

/** « 750 m », « 4,8 km », « moins de 100 m »: a distance as people read it. */
export function frenchDistance(kilometres: number): string {
  if (kilometres < 0.1) return `moins de 100${NBSP}m`;
  if (kilometres < 1) return `${Math.max(50, Math.round((kilometres * 1000) / 50) * 50)}${NBSP}m`;
  const rounded = kilometres < 10 ? Math.round(kilometres * 10) / 10 : Math.round(kilometres);
  return `${rounded.toLocaleString("fr-FR")}${NBSP}km`;
}

/** « à » before a place name, with contraction: « à Antony », « au Plessis-Robinson », « aux Lilas ». */
export function atName(name: string): string {
  const trimmed = name.trim();
  const article = /^(Le|Les)\s+(.*)$/.exec(trimmed);
  if (article) return `${article[1] === "Le" ? "au" : "aux"} ${article[2]}`;
  return `à ${trimmed}`;
}

/** "tel:+33199000092" from a French number as written ("01 99 00 00 92"). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return `tel:${digits.startsWith("0") ? `+33${digits.slice(1)}` : digits}`;
}
