import type { Db, Tx } from "../../db/database.ts";
import type { BudgetLineInput } from "./demo-budget.ts";

export type BudgetLine = {
  year: number;
  label: string;
  public: string;
  section: "fonctionnement" | "investissement" | "total";
  plannedCents: number | null;
  executedCents: number | null;
  isTotal: boolean;
  source: string;
  isDemo: boolean;
};

export async function insertBudgetLines(
  tx: Tx,
  lines: BudgetLineInput[],
  now: Date,
  isDemo: boolean,
) {
  if (lines.length === 0) return;
  await tx
    .insertInto("steering_budget_line")
    .values(
      lines.map((line) => ({
        year: line.year,
        label: line.label,
        public: line.public,
        section: line.section,
        planned_cents: line.plannedEuros === null ? null : line.plannedEuros * 100,
        executed_cents: line.executedEuros === null ? null : line.executedEuros * 100,
        is_total: line.isTotal,
        source: line.source,
        is_demo: isDemo,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(["year", "label", "section"]).doNothing())
    .execute();
}

/** Every published budget line, by year, the year's total first. */
export async function listBudget(db: Db): Promise<BudgetLine[]> {
  const rows = await db
    .selectFrom("steering_budget_line")
    .selectAll()
    .orderBy("year")
    .orderBy("is_total", "desc")
    .orderBy("planned_cents", "desc")
    .execute();
  return rows.map((row) => ({
    year: row.year,
    label: row.label,
    public: row.public,
    section: row.section,
    plannedCents: row.planned_cents === null ? null : Number(row.planned_cents),
    executedCents: row.executed_cents === null ? null : Number(row.executed_cents),
    isTotal: row.is_total,
    source: row.source,
    isDemo: row.is_demo,
  }));
}

/** « 909 M€ » for a resident; null → « non publié ». */
export function formatMillions(cents: number | null): string {
  if (cents === null) return "non publié";
  const millions = cents / 100 / 1_000_000;
  return `${millions.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} M€`;
}
