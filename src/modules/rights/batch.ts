import { BATCH_COLUMNS, BatchHeaderError, C, readHeader } from "./batch-columns.ts";
import { CsvSyntaxError, csvField, readLineBatches, splitFields } from "./batch-csv.ts";
import { toHousehold } from "./batch-household.ts";
import { Row, RowError } from "./batch-row.ts";
import { NonTakeUpSummary } from "./batch-summary.ts";
import {
  BENEFIT_LABELS,
  InvalidMonth,
  isReceived,
  PERIODICITY,
  type Periodicity,
  simulateOutcomes,
} from "./engine.ts";
import { BENEFITS, type BenefitId, type Household } from "./household.ts";
import type { Outcome } from "./outcome.ts";
import { FIRST_MONTH } from "./parameters/resolve.ts";
import { monthKey, parseMonth, yearOf } from "./period.ts";

export type { BatchColumn } from "./batch-columns.ts";
export type { CellSummary } from "./batch-summary.ts";
export { BATCH_COLUMNS, BatchHeaderError, NonTakeUpSummary };

/**
 * Non-take-up in batch: reads a population CSV (format in BATCH.md) as a
 * stream, simulates every household for a month without explanations, and
 * yields the households probably entitled to a benefit they do not receive,
 * with the estimated amount. A malformed row is reported with its line number
 * and skipped; only a malformed header stops the run (nothing could be read).
 */

export interface Finding {
  readonly benefit: BenefitId;
  readonly label: string;
  readonly amountCents: number;
  readonly periodicity: Periodicity;
}

export type BatchItem =
  | {
      readonly kind: "household";
      readonly line: number;
      readonly id: string;
      readonly depcom: string;
      readonly findings: readonly Finding[];
    }
  | { readonly kind: "error"; readonly line: number; readonly message: string };

export interface BatchOptions {
  /** The month simulated, "YYYY-MM". */
  readonly month: string;
  /** Benefits to look for (default: all of BENEFITS). */
  readonly benefits?: readonly BenefitId[];
  /** Also yield households with no finding (default false). */
  readonly yieldAll?: boolean;
}

/**
 * The synchronous core of the batch: give it the header line, then each row.
 * `findNonTakeUp` and `runNonTakeUp` feed it from a stream.
 */
export class NonTakeUpScanner {
  private columns: Int32Array | undefined;
  private separator = ";";
  /** The row reader, reused for every line. */
  private reader: Row | undefined;
  private readonly keys: readonly [string, string, string, string];
  private readonly yearN2: string;
  /** Wanted benefits, by their index in BENEFITS. */
  private readonly wanted: readonly boolean[];
  /**
   * The household and the outcomes (in BENEFITS order) of the last row read: the job that
   * also looks for the Département's own aids reads them (non-take-up-runs.ts).
   */
  lastHousehold: Household | undefined;
  lastOutcomes: readonly Outcome[] | undefined;

  constructor(private readonly options: BatchOptions) {
    const month = parseMonth(options.month);
    if (month === undefined || month < (parseMonth(FIRST_MONTH) as number))
      throw new InvalidMonth(options.month);
    this.keys = [monthKey(month - 3), monthKey(month - 2), monthKey(month - 1), monthKey(month)];
    this.yearN2 = String(yearOf(month) - 2);
    const wanted = new Set(options.benefits ?? BENEFITS);
    this.wanted = BENEFITS.map((b) => wanted.has(b));
  }

  get hasHeader(): boolean {
    return this.columns !== undefined;
  }

  /** Reads the header; throws `BatchHeaderError`. */
  header(text: string): void {
    this.separator = text.includes(";") ? ";" : ",";
    this.columns = readHeader(splitFields(text, this.separator));
    this.reader = new Row(this.separator, this.columns);
  }

  /** Parses one row into a household, or an error item naming the line. */
  parse(
    line: number,
    text: string,
  ): { household: Household; id: string } | Extract<BatchItem, { kind: "error" }> {
    const reader = this.reader;
    if (reader === undefined) throw new BatchHeaderError("La ligne d'en-tête manque.");
    try {
      const row = reader.reset(text);
      const id = row.required(C.id, "id");
      return { household: toHousehold(row, this.keys, this.yearN2), id };
    } catch (error) {
      if (error instanceof RowError || error instanceof CsvSyntaxError) {
        return { kind: "error", line, message: `Ligne ${line} ignorée : ${error.message}` };
      }
      throw error;
    }
  }

  /** One row: an error item, a household item, or undefined (blank line, or no finding without `yieldAll`). */
  row(line: number, text: string): BatchItem | undefined {
    if (text.length === 0 || text.trim() === "") return undefined;
    const parsed = this.parse(line, text);
    if ("kind" in parsed) return parsed;
    const { household, id } = parsed;
    const outcomes = simulateOutcomes(household, this.options.month);
    this.lastHousehold = household;
    this.lastOutcomes = outcomes;
    const received = household.benefitsReceived ?? NO_BENEFITS;
    let findings: Finding[] | undefined;
    for (let i = 0; i < BENEFITS.length; i++) {
      const o = outcomes[i] as Outcome;
      const b = BENEFITS[i] as BenefitId;
      if (
        !o.eligible ||
        !this.wanted[i] ||
        isReceived(b, received, household.housing.housingBenefit)
      )
        continue;
      findings ??= [];
      findings.push({
        benefit: b,
        label: LABELS[i] as string,
        amountCents: o.amount,
        periodicity: PERIODICITIES[i] as Periodicity,
      });
    }
    if (findings === undefined && !this.options.yieldAll) return undefined;
    return {
      kind: "household",
      line,
      id,
      depcom: household.depcom,
      findings: findings ?? NO_FINDINGS,
    };
  }
}

const NO_BENEFITS: readonly BenefitId[] = [];
/** Label and periodicity by rank in BENEFITS (read for every finding). */
const LABELS: readonly string[] = BENEFITS.map((b) => BENEFIT_LABELS[b]);
const PERIODICITIES: readonly Periodicity[] = BENEFITS.map((b) => PERIODICITY[b]);
const NO_FINDINGS: readonly Finding[] = [];

/**
 * Streams the probable non-take-up of a population file. A caller that passes its own scanner
 * reads, after each household item, its `lastHousehold` and `lastOutcomes` (the CLI looks for
 * the Département's own aids with them).
 */
export async function* findNonTakeUp(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: BatchOptions,
  scanner: NonTakeUpScanner = new NonTakeUpScanner(options),
): AsyncGenerator<BatchItem> {
  for await (const lines of readLineBatches(source)) {
    for (const { line, text } of lines) {
      if (!scanner.hasHeader) {
        scanner.header(text);
        continue;
      }
      const item = scanner.row(line, text);
      if (item !== undefined) yield item;
    }
  }
  if (!scanner.hasHeader) throw new BatchHeaderError("Fichier vide : la ligne d'en-tête manque.");
}

/** Runs a whole file: every finding or error goes to `onItem` (progress, output file), the summary is returned. */
export async function runNonTakeUp(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: BatchOptions,
  onItem?: (item: BatchItem) => void,
): Promise<NonTakeUpSummary> {
  const summary = new NonTakeUpSummary();
  const scanner = new NonTakeUpScanner({ ...options, yieldAll: true });
  // Lines come in batches (one per chunk read): the rows of a chunk are processed
  // synchronously, without a promise per row.
  for await (const lines of readLineBatches(source)) {
    for (const { line, text } of lines) {
      if (!scanner.hasHeader) {
        scanner.header(text);
        continue;
      }
      const item = scanner.row(line, text);
      if (item === undefined) continue;
      if (item.kind === "household") summary.households++;
      summary.add(item);
      if (onItem && (item.kind === "error" || item.findings.length > 0)) onItem(item);
    }
  }
  if (!scanner.hasHeader) throw new BatchHeaderError("Fichier vide : la ligne d'en-tête manque.");
  return summary;
}

/** The found.csv header and one line per finding. */
export const FINDINGS_HEADER =
  "ligne;id;depcom;prestation;libelle;montant_estime_euros;periodicite";
export function findingLines(item: Extract<BatchItem, { kind: "household" }>): string[] {
  return item.findings.map((f) =>
    [
      String(item.line),
      csvField(item.id),
      item.depcom,
      f.benefit,
      csvField(f.label),
      (f.amountCents / 100).toFixed(2),
      f.periodicity,
    ].join(";"),
  );
}
