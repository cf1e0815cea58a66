/**
 * Reading the fields of one row of a population file, in place.
 * Written for speed: a million-row file goes through here.
 */

import { BATCH_COLUMNS } from "./batch-columns.ts";
import { splitFields } from "./batch-csv.ts";
import { BENEFITS } from "./household.ts";

export class RowError extends Error {}

/**
 * One row, read in place: the separators' positions are found once, and a
 * field becomes a string only when asked for (most are empty or numbers,
 * parsed straight from the line). Quoted lines go through `splitFields`.
 * One Row serves every line of a file (`reset`): nothing is allocated per line.
 */
export class Row {
  private readonly starts = new Int32Array(256);
  private readonly ends = new Int32Array(256);
  private text = "";
  private fields: readonly string[] | undefined;
  private count = 0;

  constructor(
    private readonly separator: string,
    private readonly columns: Int32Array,
  ) {}

  /** Reads a new line into this row. */
  reset(text: string): this {
    this.text = text;
    if (text.indexOf('"') !== -1) {
      this.fields = splitFields(text, this.separator);
      this.count = this.fields.length;
      return this;
    }
    this.fields = undefined;
    const sep = this.separator;
    const starts = this.starts;
    const ends = this.ends;
    let n = 0;
    let start = 0;
    while (n < 256) {
      const k = text.indexOf(sep, start);
      starts[n] = start;
      if (k === -1) {
        ends[n] = text.length;
        n++;
        break;
      }
      ends[n] = k;
      n++;
      start = k + 1;
    }
    this.count = n;
    return this;
  }

  /** Field bounds set by `locate`: -1 when absent or empty, -2 for a quoted line (then `b` is the field index). */
  private a = -1;
  private b = -1;

  private locate(column: number | undefined): void {
    this.a = -1;
    if (column === undefined) return;
    const i = this.columns[column] as number;
    if (i === -1 || i >= this.count) return;
    if (this.fields !== undefined) {
      this.a = -2;
      this.b = i;
      return;
    }
    let a = this.starts[i] as number;
    let b = this.ends[i] as number;
    while (a < b && this.text.charCodeAt(a) === 32) a++;
    while (b > a && this.text.charCodeAt(b - 1) === 32) b--;
    if (a === b) return;
    this.a = a;
    this.b = b;
  }

  get(column: number | undefined): string {
    this.locate(column);
    if (this.a === -1) return "";
    if (this.a === -2) return (this.fields?.[this.b] ?? "").trim();
    return this.text.slice(this.a, this.b);
  }

  /**
   * A list of benefit ids ("af|rsa"), read in place, as a bit mask over
   * BENEFITS: 0 when empty, −1 when the cell is quoted or holds anything else
   * (the caller then reads it as a string, and reports what is wrong).
   */
  benefitMask(column: number | undefined): number {
    this.locate(column);
    if (this.a === -1) return 0;
    if (this.a === -2) return -1;
    const text = this.text;
    const end = this.b;
    let mask = 0;
    let from = this.a;
    for (;;) {
      let to = text.indexOf("|", from);
      const next = to === -1 || to > end ? end : to;
      to = next;
      let a = from;
      while (a < to && text.charCodeAt(a) === 32) a++;
      while (to > a && text.charCodeAt(to - 1) === 32) to--;
      const k = benefitAt(text, a, to - a);
      if (k === -1) return -1;
      mask |= 1 << k;
      if (next === end) return mask;
      from = next + 1;
    }
  }

  required(column: number | undefined, name: string): string {
    const v = this.get(column);
    if (v === "") throw new RowError(`la colonne « ${name} » est vide`);
    return v;
  }

  /** Euros ("1234,56" or "1234.56") to cents; empty is undefined. */
  cents(column: number | undefined): number | undefined {
    this.locate(column);
    if (this.a === -1) return undefined;
    if (this.a >= 0) {
      const fast = parseEuros(this.text, this.a, this.b);
      if (fast >= 0) return fast;
    }
    const v = this.get(column);
    if (v === "") return undefined;
    const n = Number(v.includes(",") ? v.replace(",", ".") : v);
    if (!Number.isFinite(n) || n < 0)
      throw new RowError(`montant invalide « ${v} » dans « ${BATCH_COLUMNS[column as number]} »`);
    return Math.round(n * 100);
  }
}

/**
 * "1234", "1234,5", "1234.56" → cents, by hand (most amounts of a file look
 * like this); −1 when the text has another shape, left to Number().
 */
function parseEuros(v: string, from: number, n: number): number {
  let units = 0;
  let i = from;
  if (n === from || n - from > 12) return -1;
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) units = units * 10 + (c - 48);
    else break;
  }
  if (i === from) return -1;
  if (i === n) return units * 100;
  const sep = v.charCodeAt(i);
  if ((sep !== 44 && sep !== 46) || i + 1 === n || n - i - 1 > 2) return -1;
  let cents = 0;
  let digits = 0;
  for (i++; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    cents = cents * 10 + (c - 48);
    digits++;
  }
  return units * 100 + (digits === 1 ? cents * 10 : cents);
}

/** Rank in BENEFITS of the benefit id written at text[from, from + length), or −1. */
function benefitAt(text: string, from: number, length: number): number {
  for (let k = 0; k < BENEFITS.length; k++) {
    const b = BENEFITS[k] as string;
    if (b.length === length && text.startsWith(b, from)) return k;
  }
  return -1;
}
