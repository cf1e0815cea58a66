import { Hono } from "hono";
import { type AppEnv, pageContext } from "../../platform/http/context.ts";
import { actionBudgetTotals, listActionBudgetLines } from "./action-budget.ts";
import { BudgetPage } from "./budget-views.tsx";
import { toOpenDataCsv } from "./open-data-csv.ts";
import { listBudget } from "./service.ts";

export const budgetRoutes = new Hono<AppEnv>();

budgetRoutes.get("/budget", async (c) => {
  const [lines, actionTotals] = await Promise.all([
    listBudget(c.var.db),
    actionBudgetTotals(c.var.db),
  ]);
  return c.html(<BudgetPage page={pageContext(c)} lines={lines} actionTotals={actionTotals} />);
});

budgetRoutes.get("/budget.csv", async (c) => {
  const lines = await listBudget(c.var.db);
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="budget-social.csv"');
  return c.body(
    toOpenDataCsv(
      [
        "annee",
        "ligne",
        "public",
        "section",
        "total_annee",
        "prevu_euros",
        "realise_euros",
        "source",
        "demonstration",
      ],
      lines.map((line) => [
        line.year,
        line.label,
        line.public,
        line.section,
        line.isTotal ? "oui" : "non",
        line.plannedCents === null ? null : line.plannedCents / 100,
        line.executedCents === null ? null : line.executedCents / 100,
        line.source,
        line.isDemo ? "oui" : "non",
      ]),
    ),
  );
});

budgetRoutes.get("/budget-actions.csv", async (c) => {
  const lines = await listActionBudgetLines(c.var.db);
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="budget-actions-du-plan.csv"');
  return c.body(
    toOpenDataCsv(
      [
        "annee",
        "action",
        "titre",
        "section",
        "prevu_euros",
        "realise_euros",
        "source",
        "demonstration",
      ],
      lines.map((line) => [
        line.year,
        line.actionNumber,
        line.actionTitle,
        line.section,
        line.plannedCents === null ? null : line.plannedCents / 100,
        line.executedCents === null ? null : line.executedCents / 100,
        line.source,
        line.isDemo ? "oui" : "non",
      ]),
    ),
  );
});
