import { Alert, Button, SelectField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import type { PageContext } from "../../platform/ui/page-context.ts";
import { BarChart, type ChartRow } from "./bar-chart-views.tsx";
import { type DatasetDescription, DatasetJsonLd } from "./dataset-metadata-views.tsx";
import type { IndicatorView, PublicValue } from "./indicator-store.ts";
import { formatFigure, SECRECY_THRESHOLD } from "./secrecy.ts";

export const TITLE = "Les chiffres du plan";
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

/** The list of the plan's indicators, by family. */
export function IndicatorListPage({
  page,
  indicators,
  importPath,
}: {
  page: PageContext;
  indicators: IndicatorView[];
  /** The pilotes' import page, for those who may import. */
  importPath: string | undefined;
}) {
  const families = [...new Set(indicators.map((indicator) => indicator.family))];
  return (
    <Layout page={page} title={TITLE} breadcrumb={[{ label: TITLE }]}>
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
      {importPath && (
        <p>
          <a href={importPath}>Importer des chiffres (pilotes)</a>
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
    </Layout>
  );
}

/** What one indicator's page shows, computed by its handler. */
export type IndicatorPageModel = {
  indicator: IndicatorView;
  dataset: DatasetDescription;
  values: PublicValue[];
  summary: { chartTitle: string; text: string; period: string };
  /** The dates a commune-level indicator may be shown at. */
  periods: string[];
  chartRows: ChartRow[];
  tableValues: PublicValue[];
  structureValues: PublicValue[];
};

/** One indicator: its definition, its chart, its tables and its open data links. */
export function IndicatorPage({ page, model }: { page: PageContext; model: IndicatorPageModel }) {
  const { indicator, values, summary, periods, chartRows } = model;
  const title = `${indicator.code} : ${indicator.name}`;
  return (
    <Layout
      page={page}
      title={`${title} — ${TITLE}`}
      breadcrumb={[{ label: TITLE, href: "/indicateurs" }, { label: indicator.code }]}
    >
      <h1>{title}</h1>
      <DatasetJsonLd dataset={model.dataset} />
      {values.some((value) => value.isDemo) && (
        <Alert kind="warning" title="Données de démonstration">
          <p>
            Certains chiffres de cette page sont inventés pour la démonstration : le tableau le dit
            ligne par ligne.
          </p>
        </Alert>
      )}
      <IndicatorFacts indicator={indicator} />
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
          <ValuesTable indicator={indicator} period={summary.period} values={model.tableValues} />
          <StructureValuesTable
            indicator={indicator}
            period={summary.period}
            values={model.structureValues}
          />
        </>
      )}
      <p>
        <a href={`/indicateurs/${indicator.code}/valeurs.csv`}>Télécharger les chiffres (CSV)</a> ·{" "}
        <a href={`/api/v1/indicateurs/${indicator.code}/valeurs`}>Les chiffres en JSON</a> · Licence
        Ouverte 2.0 (Etalab).
      </p>
    </Layout>
  );
}

function IndicatorFacts({ indicator }: { indicator: IndicatorView }) {
  return (
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
  );
}

function ValuesTable({
  indicator,
  period,
  values,
}: {
  indicator: IndicatorView;
  period: string;
  values: PublicValue[];
}) {
  // Focusable so that a keyboard can scroll a table wider than a phone (axe scrollable-region-focusable).
  return (
    <section
      class="table-wrapper"
      tabindex={0}
      aria-label={`Tableau des chiffres de ${indicator.code}`}
    >
      <table>
        <caption>
          {indicator.geographicLevel === "commune"
            ? `Les chiffres de l'indicateur ${indicator.code} par commune, au ${period}`
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
          {values.map((value) => (
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
  );
}

function StructureValuesTable({
  indicator,
  period,
  values,
}: {
  indicator: IndicatorView;
  period: string;
  values: PublicValue[];
}) {
  if (values.length === 0) return null;
  return (
    <section
      class="table-wrapper"
      tabindex={0}
      aria-label={`Tableau des chiffres de ${indicator.code} par structure`}
    >
      <table>
        <caption>
          Les chiffres de l'indicateur {indicator.code} par structure, au {period}
        </caption>
        <thead>
          <tr>
            <th scope="col">Structure</th>
            <th scope="col">Valeur</th>
            <th scope="col">Remarque</th>
          </tr>
        </thead>
        <tbody>
          {values.map((value) => (
            <tr>
              <th scope="row">{value.territoryName}</th>
              <td>{formatFigure(value.figure, indicator.unit)}</td>
              <td>{value.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
