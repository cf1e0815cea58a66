import { Hono } from "hono";
import { can } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import { type AppEnv, pageContext } from "../../platform/http/context.ts";
import { Alert, Button, SelectField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { BarChart, type ChartRow } from "./bar-chart-views.tsx";
import { DatasetJsonLd } from "./dataset-metadata-views.tsx";
import { IMPORT_PATH } from "./indicator-import-routes.tsx";
import { indicatorSummary } from "./indicator-summary.ts";
import { steeringRules } from "./policy.ts";
import { formatFigure, SECRECY_THRESHOLD } from "./secrecy.ts";
import { findIndicator, indicatorPageValues, listIndicators } from "./service.ts";

export const indicatorRoutes = new Hono<AppEnv>();

const TITLE = "Les chiffres du plan";
const BETTER: Record<"up" | "down" | "neutral", string> = {
  up: "Mieux quand le chiffre monte",
  down: "Mieux quand le chiffre baisse",
  neutral: "Ni mieux ni moins bien : un chiffre de contexte",
};
const LEVEL = {
  departement: "le département",
  commune: "chaque commune",
  structure: "chaque structure",
} as const;

indicatorRoutes.get("/indicateurs", async (c) => {
  const indicators = await listIndicators(c.var.db);
  const families = [...new Set(indicators.map((indicator) => indicator.family))];
  return c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={[{ label: TITLE }]}>
      <h1>{TITLE}</h1>
      <p class="lead">
        Les indicateurs qui suivent la pauvreté dans le département et ce que fait le plan. Certains
        sont calculés par Relais lui-même.
      </p>
      <p>
        Secret statistique : un chiffre calculé sur moins de {SECRECY_THRESHOLD} personnes n'est
        jamais affiché, pour que personne ne puisse être reconnu.
      </p>
      <p>
        <a href="/api/v1/indicateurs">Liste des indicateurs (données ouvertes, JSON)</a> ·{" "}
        <a href="/indicateurs.csv">Liste des indicateurs (CSV)</a> · <a href="/plan">Le plan</a>
      </p>
      {can(c.var.actor, steeringRules.editPlan, undefined) && (
        <p>
          <a href={IMPORT_PATH}>Importer des chiffres (pilotes)</a>
        </p>
      )}
      {families.map((family) => (
        <section>
          <h2>{family}</h2>
          <ul>
            {indicators
              .filter((indicator) => indicator.family === family)
              .map((indicator) => (
                <li>
                  <a href={`/indicateurs/${indicator.code}`}>
                    {indicator.code} : {indicator.name}
                  </a>{" "}
                  {indicator.valueCount === 0
                    ? "(pas encore de chiffre)"
                    : `(${indicator.valueCount} chiffre${indicator.valueCount > 1 ? "s" : ""})`}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>,
  );
});

indicatorRoutes.get("/indicateurs/:code", async (c) => {
  const indicator = await findIndicator(c.var.db, c.req.param("code"));
  if (!indicator) throw new NotFound();
  const page = await indicatorPageValues(
    c.var.db,
    indicator.code,
    c.var.deps.config.departementCode,
    c.req.query("date"),
  );
  const values = page.values;
  const summary = indicatorSummary(indicator, values, page.period || undefined);
  // The dates a commune-level indicator may be shown at (all of them are in the CSV).
  const periods = indicator.geographicLevel === "commune" ? page.periods : [];
  // A commune-level table shows one date (36 rows, not 36 × 120): every date is in the CSV.
  const tableValues = indicator.geographicLevel === "commune" ? summary.chartValues : values;
  // The indicators Relais computes also have a value per structure, at the same date.
  const structureValues = values.filter(
    (value) => value.territoryKind === "structure" && value.period === summary.period,
  );
  const chartRows: ChartRow[] = summary.chartValues.map((value) => ({
    label: indicator.geographicLevel === "commune" ? value.territoryName : value.period.slice(0, 7),
    figure: value.figure,
    target: value.target,
  }));
  const title = `${indicator.code} : ${indicator.name}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${title} — ${TITLE}`}
      breadcrumb={[{ label: TITLE, href: "/indicateurs" }, { label: indicator.code }]}
    >
      <h1>{title}</h1>
      <DatasetJsonLd
        dataset={{
          name: `${title} (${c.var.deps.territoryName})`,
          description: indicator.definition || `Indicateur ${indicator.code} : ${indicator.name}.`,
          url: new URL(`/indicateurs/${indicator.code}`, c.var.deps.config.publicUrl).href,
          publisher: `Relais ${c.var.deps.territoryName}`,
          distributions: [
            {
              url: new URL(
                `/api/v1/indicateurs/${indicator.code}/valeurs`,
                c.var.deps.config.publicUrl,
              ).href,
              format: "application/json",
            },
            {
              url: new URL(
                `/indicateurs/${indicator.code}/valeurs.csv`,
                c.var.deps.config.publicUrl,
              ).href,
              format: "text/csv",
            },
          ],
        }}
      />
      {values.some((value) => value.isDemo) && (
        <Alert kind="warning" title="Données de démonstration">
          <p>
            Certains chiffres de cette page sont inventés pour la démonstration : le tableau le dit
            ligne par ligne.
          </p>
        </Alert>
      )}
      <dl>
        <dt>Ce que c'est</dt>
        <dd>{indicator.definition || "Définition à compléter à partir de la source."}</dd>
        <dt>Unité</dt>
        <dd>{indicator.unit || "nombre"}</dd>
        <dt>Source</dt>
        <dd>{indicator.source}</dd>
        <dt>Produit par</dt>
        <dd>{indicator.producer}</dd>
        {indicator.method && (
          <>
            <dt>Comment il est calculé</dt>
            <dd>{indicator.method}</dd>
          </>
        )}
        <dt>Territoire</dt>
        <dd>Un chiffre pour {LEVEL[indicator.geographicLevel]}</dd>
        <dt>Sens</dt>
        <dd>{BETTER[indicator.betterWhen]}</dd>
      </dl>
      {values.length === 0 ? (
        <p>Pas encore de chiffre pour cet indicateur.</p>
      ) : (
        <>
          {periods.length > 1 && (
            <form method="get" action={`/indicateurs/${indicator.code}`} class="inline-form">
              <SelectField
                inline
                name="date"
                label="Date affichée"
                options={periods.map((period) => ({ value: period, label: period }))}
                value={summary.period}
              />{" "}
              <Button kind="secondary">Afficher</Button>
            </form>
          )}
          <h2 id="graphique">{summary.chartTitle}</h2>
          <p id="resume">{summary.text}</p>
          <BarChart
            rows={chartRows}
            unit={indicator.unit}
            title={summary.chartTitle}
            describedBy="resume"
          />
          {chartRows.some((row) => row.target !== null) && (
            <p>Le trait en pointillés montre l'objectif.</p>
          )}
          {/* Focusable so that a keyboard can scroll a table wider than a phone (axe scrollable-region-focusable). */}
          <section
            class="table-wrapper"
            tabindex={0}
            aria-label={`Tableau des chiffres de ${indicator.code}`}
          >
            <table>
              <caption>
                {indicator.geographicLevel === "commune"
                  ? `Les chiffres de l'indicateur ${indicator.code} par commune, au ${summary.period}`
                  : `Tous les chiffres de l'indicateur ${indicator.code}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Territoire</th>
                  <th scope="col">Date</th>
                  <th scope="col">Valeur</th>
                  <th scope="col">Objectif</th>
                  <th scope="col">Remarque</th>
                </tr>
              </thead>
              <tbody>
                {tableValues.map((value) => (
                  <tr>
                    <th scope="row">
                      {value.territoryKind === "commune" ? (
                        <a href={`/territoire/${value.territoryCode}`}>{value.territoryName}</a>
                      ) : (
                        value.territoryName
                      )}
                    </th>
                    <td>{value.period}</td>
                    <td>{formatFigure(value.figure, indicator.unit)}</td>
                    <td>
                      {value.target === null
                        ? "—"
                        : formatFigure({ kind: "value", value: value.target }, indicator.unit)}
                    </td>
                    <td>{value.isDemo ? `Démonstration. ${value.comment}` : value.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {structureValues.length > 0 && (
            <section
              class="table-wrapper"
              tabindex={0}
              aria-label={`Tableau des chiffres de ${indicator.code} par structure`}
            >
              <table>
                <caption>
                  Les chiffres de l'indicateur {indicator.code} par structure, au {summary.period}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Structure</th>
                    <th scope="col">Valeur</th>
                    <th scope="col">Remarque</th>
                  </tr>
                </thead>
                <tbody>
                  {structureValues.map((value) => (
                    <tr>
                      <th scope="row">{value.territoryName}</th>
                      <td>{formatFigure(value.figure, indicator.unit)}</td>
                      <td>{value.comment}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
      <p>
        <a href={`/indicateurs/${indicator.code}/valeurs.csv`}>Télécharger les chiffres (CSV)</a> ·{" "}
        <a href={`/api/v1/indicateurs/${indicator.code}/valeurs`}>Les chiffres en JSON</a> · Licence
        Ouverte 2.0 (Etalab).
      </p>
    </Layout>,
  );
});
