import { toCsv } from "../../platform/csv/csv.ts";
import type { Finding as BatchFinding, BatchItem } from "./batch.ts";
import { PERIODICITY } from "./engine.ts";
import { BENEFITS, type BenefitId } from "./household.ts";

/** Summary of a non-take-up batch by commune × benefit, and the rows set aside. */

export interface CellSummary {
  households: number;
  totalCents: number;
}

export class NonTakeUpSummary {
  households = 0;
  householdsWithFindings = 0;
  readonly errors: { line: number; message: string }[] = [];
  /** Errors beyond this number are counted, not kept. */
  errorCount = 0;
  readonly byCommune = new Map<string, Map<BenefitId, CellSummary>>();

  /** The same cells by commune, indexed by the benefit's rank in BENEFITS (the hot path). */
  private readonly cells = new Map<
    string,
    { cells: Map<BenefitId, CellSummary>; byIndex: (CellSummary | undefined)[] }
  >();

  constructor(private readonly keepErrors = 1000) {}

  add(item: BatchItem): void {
    if (item.kind === "error") {
      this.errorCount++;
      if (this.errors.length < this.keepErrors)
        this.errors.push({ line: item.line, message: item.message });
      return;
    }
    const findings = item.findings;
    if (findings.length > 0) this.householdsWithFindings++;
    let commune = this.cells.get(item.depcom);
    if (commune === undefined) {
      const cells = new Map<BenefitId, CellSummary>();
      this.byCommune.set(item.depcom, cells);
      commune = { cells, byIndex: [] };
      this.cells.set(item.depcom, commune);
    }
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i] as BatchFinding;
      const k = BENEFITS.indexOf(f.benefit);
      let cell = commune.byIndex[k];
      if (cell === undefined) {
        cell = commune.cells.get(f.benefit) ?? { households: 0, totalCents: 0 };
        commune.cells.set(f.benefit, cell);
        commune.byIndex[k] = cell;
      }
      cell.households++;
      cell.totalCents += f.amountCents;
    }
  }

  toJSON(): object {
    const byCommune: Record<string, Record<string, CellSummary>> = {};
    for (const [depcom, m] of [...this.byCommune].sort(([a], [b]) => a.localeCompare(b)))
      byCommune[depcom] = Object.fromEntries(m);
    return {
      householdsWithFindings: this.householdsWithFindings,
      errors: this.errorCount,
      byCommune,
    };
  }

  /** The summary file (summaryCsv) of this run. */
  toCsv(): string {
    const byCommune: Record<string, Record<string, CellSummary>> = {};
    for (const [depcom, cells] of this.byCommune) byCommune[depcom] = Object.fromEntries(cells);
    return summaryCsv(byCommune);
  }
}

/**
 * The summary file: one line per commune and benefit found (communes in
 * order), then, when rows were set aside, a blank line and their messages.
 */
export function summaryCsv(
  byCommune: Readonly<Record<string, Readonly<Record<string, CellSummary>>>>,
  skipped: readonly string[] = [],
): string {
  const rows: string[][] = [];
  for (const depcom of Object.keys(byCommune).sort()) {
    for (const b of BENEFITS) {
      const cell = byCommune[depcom]?.[b];
      if (cell)
        rows.push([
          depcom,
          b,
          String(cell.households),
          (cell.totalCents / 100).toFixed(2),
          PERIODICITY[b],
        ]);
    }
  }
  const options = { delimiter: ";", recordDelimiter: "\n" } as const;
  const summary = toCsv(SUMMARY_HEADER, rows, options);
  if (skipped.length === 0) return summary;
  return `${summary}\n${toCsv(
    ["lignes ignorées"],
    skipped.map((message) => [message]),
    options,
  )}`;
}

const SUMMARY_HEADER = ["depcom", "prestation", "foyers", "montant_total_euros", "periodicite"];
