import type { Db } from "../../db/database.ts";
import type { BudgetSection } from "./tables.ts";

/** The published budget lines of the published actions of the published plan. */
function publishedLines(db: Db) {
  return db
    .selectFrom("steering_action_budget")
    .innerJoin("steering_action", "steering_action.id", "steering_action_budget.action_id")
    .innerJoin("steering_plan", "steering_plan.id", "steering_action.plan_id")
    .where("steering_action_budget.published", "=", true)
    .where("steering_action.published", "=", true)
    .where("steering_plan.published", "=", true);
}

export type ActionBudgetLine = {
  year: number;
  actionNumber: number;
  actionTitle: string;
  section: BudgetSection;
  plannedCents: number | null;
  executedCents: number | null;
  source: string;
  isDemo: boolean;
};

/** Every published line, for the CSV download. */
export async function listActionBudgetLines(db: Db): Promise<ActionBudgetLine[]> {
  const rows = await publishedLines(db)
    .select([
      "steering_action_budget.year",
      "steering_action.number",
      "steering_action.title",
      "steering_action_budget.section",
      "steering_action_budget.planned_cents",
      "steering_action_budget.executed_cents",
      "steering_action_budget.source",
      "steering_action_budget.is_demo",
    ])
    .orderBy("steering_action_budget.year")
    .orderBy("steering_action.number")
    .orderBy("steering_action_budget.section")
    .execute();
  return rows.map((row) => ({
    year: row.year,
    actionNumber: row.number,
    actionTitle: row.title,
    section: row.section,
    plannedCents: row.planned_cents === null ? null : Number(row.planned_cents),
    executedCents: row.executed_cents === null ? null : Number(row.executed_cents),
    source: row.source,
    isDemo: row.is_demo,
  }));
}

export type ActionBudgetTotal = {
  year: number;
  section: BudgetSection;
  plannedCents: number | null;
  executedCents: number | null;
  actions: number;
  /** False when some lines have no executed figure yet: the sum is of those known. */
  executedComplete: boolean;
  isDemo: boolean;
};

/**
 * The plan's actions' budget summed per year and section, published lines of
 * published actions only: what /budget shows beside the social budget (never
 * added to it: an action's money is part of those lines, not on top).
 */
export async function actionBudgetTotals(db: Db): Promise<ActionBudgetTotal[]> {
  const rows = await publishedLines(db)
    .select((eb) => [
      "steering_action_budget.year",
      "steering_action_budget.section",
      eb.fn.sum<string | null>("steering_action_budget.planned_cents").as("planned"),
      eb.fn.sum<string | null>("steering_action_budget.executed_cents").as("executed"),
      eb.fn.count<string>("steering_action_budget.action_id").distinct().as("actions"),
      eb.fn.count<string>("steering_action_budget.executed_cents").as("executed_lines"),
      eb.fn.countAll<string>().as("lines"),
      eb.fn<boolean>("bool_or", ["steering_action_budget.is_demo"]).as("is_demo"),
    ])
    .groupBy(["steering_action_budget.year", "steering_action_budget.section"])
    .orderBy("steering_action_budget.year")
    .orderBy("steering_action_budget.section")
    .execute();
  return rows.map((row) => ({
    year: row.year,
    section: row.section,
    plannedCents: row.planned === null ? null : Number(row.planned),
    executedCents: row.executed === null ? null : Number(row.executed),
    actions: Number(row.actions),
    executedComplete: Number(row.executed_lines) === Number(row.lines),
    isDemo: Boolean(row.is_demo),
  }));
}
