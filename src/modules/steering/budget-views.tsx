import { Layout } from "../../platform/ui/layout.tsx";
import type { PageContext } from "../../platform/ui/page-context.ts";
import type { ActionBudgetTotal } from "./action-budget.ts";
import { formatEuros } from "./action-sheet-views.tsx";
import { BarChart } from "./bar-chart-views.tsx";
import { LICENCE } from "./licence.ts";
import { type BudgetLine, formatMillions } from "./service.ts";

const TITLE = "Le budget social";
const SECTION = {
  fonctionnement: "Fonctionnement",
  investissement: "Investissement",
  total: "Tout",
} as const;

/** The social budget by year, its totals as a chart, and the plan's actions' budget. */
export function BudgetPage({
  page,
  lines,
  actionTotals,
}: {
  page: PageContext;
  lines: BudgetLine[];
  actionTotals: ActionBudgetTotal[];
}) {
  const years = [...new Set(lines.map((line) => line.year))];
  const totals = lines.filter((line) => line.isTotal);
  return (
    <Layout page={page} title={TITLE} breadcrumb={[{ label: TITLE }]}>
      <h1>{TITLE}</h1>
      <p class="lead">
        Ce que le Département prévoit de dépenser pour l'action sociale, par année, par type d'aide
        et par public. Chaque chiffre dit d'où il vient.
      </p>
      {lines.length === 0 ? (
        <p>Aucun chiffre publié pour le moment.</p>
      ) : (
        <>
          {totals.length > 0 && <TotalsChart totals={totals} />}
          {years.map((year) => (
            <YearTable year={year} lines={lines.filter((line) => line.year === year)} />
          ))}
          <p>Les lignes ne s'additionnent pas : une aide peut faire partie du total de l'année.</p>
        </>
      )}
      <ActionBudget actionTotals={actionTotals} />
      <p>
        <a href="/budget.csv">Télécharger le budget (CSV)</a> ·{" "}
        <a href="/budget-actions.csv">Télécharger le budget des actions (CSV)</a> · {LICENCE.name}.
      </p>
    </Layout>
  );
}

function TotalsChart({ totals }: { totals: BudgetLine[] }) {
  return (
    <>
      <h2 id="total">Le budget de l'action sociale par année</h2>
      <p id="resume-budget">
        {totals
          .map((line) => `${line.year} : ${formatMillions(line.plannedCents)} prévus.`)
          .join(" ")}
      </p>
      <BarChart
        title="Budget de l'action sociale par année, en millions d'euros"
        describedBy="resume-budget"
        unit="M€"
        rows={totals.map((line) => ({
          label: String(line.year),
          figure:
            line.plannedCents === null
              ? { kind: "missing" as const }
              : { kind: "value" as const, value: line.plannedCents / 100 / 1_000_000 },
          target: null,
        }))}
      />
    </>
  );
}

function YearTable({ year, lines }: { year: number; lines: BudgetLine[] }) {
  return (
    <section class="table-wrapper" tabindex={0} aria-label={`Budget social ${year}`}>
      <table>
        <caption>Budget social {year} : prévu et réalisé</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Public</th>
            <th scope="col">Section</th>
            <th scope="col">Prévu</th>
            <th scope="col">Réalisé</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {lines
            .filter((line) => line.year === year)
            .map((line) => (
              <tr>
                <th scope="row">
                  {line.label}
                  {line.isTotal && " (total)"}
                </th>
                <td>{line.public}</td>
                <td>{SECTION[line.section]}</td>
                <td>{formatMillions(line.plannedCents)}</td>
                <td>{formatMillions(line.executedCents)}</td>
                <td>{line.isDemo ? `Démonstration. ${line.source}` : line.source}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

function ActionBudget({ actionTotals }: { actionTotals: ActionBudgetTotal[] }) {
  return (
    <section aria-labelledby="actions-du-plan">
      <h2 id="actions-du-plan">Le budget des actions du plan</h2>
      {actionTotals.length === 0 ? (
        <p>Aucun montant publié pour les actions du plan.</p>
      ) : (
        <>
          <p>
            La somme des montants publiés sur les fiches d'actions, par année. Ces montants font
            partie du budget social ci-dessus : ils ne s'y ajoutent pas.
            {actionTotals.some((total) => total.isDemo) &&
              " Démonstration : certains montants sont inventés (la fiche de l'action le dit)."}
          </p>
          <section class="table-wrapper" tabindex={0} aria-label="Budget des actions du plan">
            <table>
              <caption>Budget des actions du plan : prévu et réalisé, par année</caption>
              <thead>
                <tr>
                  <th scope="col">Année</th>
                  <th scope="col">Section</th>
                  <th scope="col">Actions</th>
                  <th scope="col">Prévu</th>
                  <th scope="col">Réalisé</th>
                </tr>
              </thead>
              <tbody>
                {actionTotals.map((total) => (
                  <tr>
                    <th scope="row">{total.year}</th>
                    <td>{SECTION[total.section]}</td>
                    <td>{total.actions}</td>
                    <td>{formatEuros(total.plannedCents)}</td>
                    <td>
                      {formatEuros(total.executedCents)}
                      {!total.executedComplete &&
                        total.executedCents !== null &&
                        " (montants connus seulement)"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
