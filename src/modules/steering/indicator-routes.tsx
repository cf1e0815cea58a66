import { Hono } from "hono";
import { can } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import type { ChartRow } from "./bar-chart-views.tsx";
import type { DatasetDescription } from "./dataset-metadata-views.tsx";
import { IMPORT_PATH } from "./indicator-import-routes.tsx";
import type { IndicatorView } from "./indicator-store.ts";
import { indicatorSummary } from "./indicator-summary.ts";
import { IndicatorListPage, IndicatorPage, type IndicatorPageModel } from "./indicator-views.tsx";
import { steeringRules } from "./policy.ts";
import { findIndicator, indicatorPageValues, listIndicators } from "./service.ts";

export const indicatorRoutes = new Hono<AppEnv>();

indicatorRoutes.get("/indicateurs", async (c) => {
  const indicators = await listIndicators(c.var.db);
  const importPath = can(c.var.actor, steeringRules.editPlan, undefined) ? IMPORT_PATH : undefined;
  return c.html(
    <IndicatorListPage page={pageContext(c)} indicators={indicators} importPath={importPath} />,
  );
});

indicatorRoutes.get("/indicateurs/:code", async (c) => {
  const indicator = await findIndicator(c.var.db, c.req.param("code"));
  if (!indicator) throw new NotFound();
  const model = await indicatorPageModel(c, indicator, c.req.query("date"));
  return c.html(<IndicatorPage page={pageContext(c)} model={model} />);
});

/** The indicator's values at the date asked (the latest when none), and what the page draws of them. */
async function indicatorPageModel(
  c: AppContext,
  indicator: IndicatorView,
  date: string | undefined,
): Promise<IndicatorPageModel> {
  const page = await indicatorPageValues(
    c.var.db,
    indicator.code,
    c.var.deps.config.departementCode,
    date,
  );
  const values = page.values;
  const summary = indicatorSummary(indicator, values, page.period || undefined);
  const byCommune = indicator.geographicLevel === "commune";
  const chartRows: ChartRow[] = summary.chartValues.map((value) => ({
    label: byCommune ? value.territoryName : value.period.slice(0, 7),
    figure: value.figure,
    target: value.target,
  }));
  return {
    indicator,
    dataset: indicatorDataset(c, indicator),
    values,
    summary,
    // The dates a commune-level indicator may be shown at (all of them are in the CSV).
    periods: byCommune ? page.periods : [],
    chartRows,
    // A commune-level table shows one date (36 rows, not 36 × 120): every date is in the CSV.
    tableValues: byCommune ? summary.chartValues : values,
    // The indicators Relais computes also have a value per structure, at the same date.
    structureValues: values.filter(
      (value) => value.territoryKind === "structure" && value.period === summary.period,
    ),
  };
}

/** The page's schema.org Dataset: where the same figures are, as open data. */
function indicatorDataset(c: AppContext, indicator: IndicatorView): DatasetDescription {
  const { publicUrl } = c.var.deps.config;
  const title = `${indicator.code} : ${indicator.name}`;
  return {
    name: `${title} (${c.var.deps.territoryName})`,
    description: indicator.definition || `Indicateur ${indicator.code} : ${indicator.name}.`,
    url: new URL(`/indicateurs/${indicator.code}`, publicUrl).href,
    publisher: `Relais ${c.var.deps.territoryName}`,
    distributions: [
      {
        url: new URL(`/api/v1/indicateurs/${indicator.code}/valeurs`, publicUrl).href,
        format: "application/json",
      },
      {
        url: new URL(`/indicateurs/${indicator.code}/valeurs.csv`, publicUrl).href,
        format: "text/csv",
      },
    ],
  };
}
