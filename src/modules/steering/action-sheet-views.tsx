import { frenchLocalDate, frenchLongDate } from "../../platform/time/french-dates.ts";
import type { SheetFollowUp, SheetTexts } from "./action-sheet.ts";
import type { BudgetSection, StepStatus } from "./tables.ts";

export const STEP_LABELS: Record<StepStatus, string> = {
  prevue: "Prévue",
  en_cours: "En cours",
  faite: "Faite",
  en_retard: "En retard",
  abandonnee: "Abandonnée",
};

export const SECTION_LABELS: Record<BudgetSection, string> = {
  fonctionnement: "Fonctionnement",
  investissement: "Investissement",
};

export const TEXT_LABELS: Record<keyof SheetTexts, string> = {
  findings: "Rappel des principaux constats",
  objectives: "Objectifs",
  measures: "Dispositions à mettre en œuvre",
  calendar: "Calendrier",
};

/** « 114 500 € »; « non publié » when the figure is not known. */
export function formatEuros(cents: number | null): string {
  if (cents === null) return "non publié";
  return `${(cents / 100).toLocaleString("fr-FR", { maximumFractionDigits: 2 })} €`;
}

function Draft({ published }: { published: boolean }) {
  return published ? null : <> (brouillon, non publié)</>;
}

/** The dated steps, the follow-up notes and the budget of an action. */
export function SheetFollowUpSections({ followUp }: { followUp: SheetFollowUp }) {
  const demo =
    followUp.steps.some((s) => s.isDemo) ||
    followUp.notes.some((n) => n.isDemo) ||
    followUp.budget.some((b) => b.isDemo);
  return (
    <>
      {demo && (
        <p>
          <strong>Démonstration :</strong> les jalons, notes et montants de cette action sont
          inventés pour la démonstration.
        </p>
      )}
      <section aria-labelledby="jalons">
        <h2 id="jalons">Les étapes (jalons)</h2>
        {followUp.steps.length === 0 ? (
          <p>Aucune étape datée pour le moment.</p>
        ) : (
          <section class="table-wrapper" tabindex={0} aria-label="Tableau des étapes">
            <table>
              <caption>Les étapes de l'action</caption>
              <thead>
                <tr>
                  <th scope="col">Étape</th>
                  <th scope="col">Prévue le</th>
                  <th scope="col">Faite le</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {followUp.steps.map((step) => (
                  <tr>
                    <th scope="row">
                      {step.label}
                      <Draft published={step.published} />
                    </th>
                    <td>{frenchLocalDate(step.plannedOn)}</td>
                    <td>{step.doneOn ? frenchLocalDate(step.doneOn) : "—"}</td>
                    <td>{STEP_LABELS[step.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      <section aria-labelledby="suivi">
        <h2 id="suivi">Notes de suivi</h2>
        {followUp.notes.length === 0 ? (
          <p>Aucune note de suivi pour le moment.</p>
        ) : (
          <ul>
            {followUp.notes.map((note) => (
              <li>
                {frenchLocalDate(note.notedOn)} : {note.text}
                <Draft published={note.published} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="budget-action">
        <h2 id="budget-action">Le budget de l'action</h2>
        {followUp.budget.length === 0 ? (
          <p>Aucun montant publié pour cette action.</p>
        ) : (
          <section class="table-wrapper" tabindex={0} aria-label="Tableau du budget de l'action">
            <table>
              <caption>Budget de l'action par année : prévu et réalisé</caption>
              <thead>
                <tr>
                  <th scope="col">Année</th>
                  <th scope="col">Section</th>
                  <th scope="col">Prévu</th>
                  <th scope="col">Réalisé</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {followUp.budget.map((line) => (
                  <tr>
                    <th scope="row">{line.year}</th>
                    <td>
                      {SECTION_LABELS[line.section]}
                      <Draft published={line.published} />
                    </td>
                    <td>{formatEuros(line.plannedCents)}</td>
                    <td>{formatEuros(line.executedCents)}</td>
                    <td>{line.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </>
  );
}

/** The published versions of the sheet's texts, with what each changed. */
export function TextHistory({ followUp }: { followUp: SheetFollowUp }) {
  const changes = followUp.textHistory.slice(1);
  if (changes.length === 0 && !followUp.draft) return null;
  return (
    <section aria-labelledby="historique-texte">
      <h2 id="historique-texte">Les versions publiées du texte de la fiche</h2>
      {followUp.draft && (
        <p>
          Un brouillon du texte, enregistré le {frenchLongDate(followUp.draft.savedAt)}, attend sa
          publication (visible des pilotes seulement).
        </p>
      )}
      {changes.length > 0 && (
        <ol>
          {followUp.textHistory.map((version, index) => (
            <li>
              {index === 0 ? (
                "Le texte d'origine du document"
              ) : (
                <>
                  Publié le {frenchLongDate(version.publishedAt)} :{" "}
                  {version.changed.length === 0
                    ? "aucun changement"
                    : version.changed.map((field) => TEXT_LABELS[field].toLowerCase()).join(", ")}
                </>
              )}
              <details>
                <summary>Lire cette version</summary>
                {(Object.keys(TEXT_LABELS) as (keyof SheetTexts)[]).map((field) => (
                  <>
                    <h3>{TEXT_LABELS[field]}</h3>
                    {version[field].trim() === "" ? (
                      <p>Non renseigné.</p>
                    ) : (
                      version[field].split("\n").map((line) => <p>{line}</p>)
                    )}
                  </>
                ))}
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
