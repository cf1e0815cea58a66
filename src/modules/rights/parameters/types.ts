/**
 * Dated legal parameters: every value carries the date it applies from, its
 * unit and the legal text that sets it. Values are written as the text
 * publishes them (euros with cents, rates as fractions); the engine converts
 * euros to cents when it resolves a month (see `resolve.ts`).
 */

export interface LegalReference {
  /** Name of the text: "Décret n° 2025-293 du 29 mars 2025, art. 1". */
  readonly text: string;
  /** Date of the text (YYYY-MM-DD) when it is known. */
  readonly date?: string;
  /** Code article(s) the value lives in: "Art. R262-1 CASF". */
  readonly article?: string;
  readonly url?: string;
}

export type Unit =
  | "EUR/mois"
  | "EUR/an"
  | "EUR"
  | "taux"
  | "BMAF"
  | "SMIC horaire brut"
  | "ans"
  | "personnes";

export interface DatedValue<T = number> {
  /** First day the value applies (YYYY-MM-DD). */
  readonly from: string;
  readonly value: T;
  readonly ref: LegalReference;
  /** Where the reference engine (OpenFisca-France) is stale or differs. */
  readonly note?: string;
}

export interface Parameter<T = number> {
  readonly name: string;
  readonly label: string;
  readonly unit: Unit;
  /** Sorted by `from`, oldest first. */
  readonly values: readonly DatedValue<T>[];
}

export function parameter<T = number>(
  name: string,
  label: string,
  unit: Unit,
  values: readonly DatedValue<T>[],
): Parameter<T> {
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1];
    const current = values[i];
    if (previous && current && previous.from >= current.from) {
      throw new Error(`Parameter ${name}: values not sorted at ${current.from}`);
    }
  }
  return { name, label, unit, values };
}

/** A day on which several parameters change together, and the text that changes them. */
export interface Revaluation {
  readonly from: string;
  readonly ref: LegalReference;
}

/**
 * Parameters revalued together (the same days, the same texts): the calendar
 * is written once, and each parameter gives its values in the calendar's
 * order, one for each revaluation (the type counts them).
 */
export function revaluations<const C extends readonly Revaluation[]>(calendar: C) {
  return <T = number>(values: { readonly [K in keyof C]: T }): DatedValue<T>[] =>
    calendar.map((revaluation, i) => ({
      from: revaluation.from,
      value: (values as readonly T[])[i] as T,
      ref: revaluation.ref,
    }));
}

/** The value in force on a day (YYYY-MM-DD), or undefined before the first. */
export function valueOn<T>(p: Parameter<T>, day: string): DatedValue<T> | undefined {
  let found: DatedValue<T> | undefined;
  for (const v of p.values) {
    if (v.from <= day) found = v;
    else break;
  }
  return found;
}
