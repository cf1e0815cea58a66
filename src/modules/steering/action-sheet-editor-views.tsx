import {
  Alert,
  Button,
  DateField,
  SelectField,
  TextAreaField,
  TextField,
} from "../../platform/ui/components.tsx";
import type { SheetFollowUp, StepView } from "./action-sheet.ts";
import { formatEuros, SECTION_LABELS, STEP_LABELS, TEXT_LABELS } from "./action-sheet-views.tsx";
import { bind, EditorForm, type FormState } from "./editor-views.tsx";
import type { ActionSheet } from "./plan-store.ts";
import { PUBLICATION_OPTIONS } from "./steering-schemas.ts";
import { BUDGET_SECTIONS, STEP_STATUSES } from "./tables.ts";

export function TextsEditor({
  sheet,
  followUp,
  csrfToken,
  form,
}: {
  sheet: ActionSheet;
  followUp: SheetFollowUp;
  csrfToken: string;
  form: FormState | undefined;
}) {
  const source = followUp.draft ?? sheet;
  return (
    <section aria-labelledby="textes">
      <h2 id="textes">Les textes de la fiche</h2>
      {followUp.draft ? (
        <Alert kind="info" title="Un brouillon attend sa publication">
          <p>
            Les champs ci-dessous montrent le brouillon. La page publique garde le texte publié tant
            que vous ne publiez pas.
          </p>
        </Alert>
      ) : (
        <p>
          Enregistrez un brouillon (les pilotes seuls le voient), puis publiez-le : la version
          publiée rejoint l'historique public de la fiche.
        </p>
      )}
      <EditorForm action={`/plan/actions/${sheet.number}/texte`} csrfToken={csrfToken} form={form}>
        {(Object.keys(TEXT_LABELS) as (keyof typeof TEXT_LABELS)[]).map((field) => (
          <TextAreaField
            {...bind(form, field, source[field])}
            label={TEXT_LABELS[field]}
            rows={6}
          />
        ))}
        <Button name="envoi" value="brouillon" kind="secondary">
          Enregistrer le brouillon
        </Button>{" "}
        <Button name="envoi" value="publier">
          Publier le texte
        </Button>
      </EditorForm>
    </section>
  );
}

export function StepEditor({
  action,
  heading,
  csrfToken,
  form,
  step,
}: {
  action: string;
  heading: string;
  csrfToken: string;
  form: FormState | undefined;
  step?: StepView;
}) {
  return (
    <>
      <h3>{heading}</h3>
      <EditorForm action={action} csrfToken={csrfToken} form={form} submit="Enregistrer l'étape">
        <TextField {...bind(form, "libelle", step?.label)} label="L'étape" required />
        <DateField
          {...bind(form, "prevue_le", step?.plannedOn)}
          label="Prévue le"
          hint="Au format AAAA-MM-JJ."
          required
        />
        <DateField
          {...bind(form, "faite_le", step?.doneOn ?? "")}
          label="Faite le"
          hint="Au format AAAA-MM-JJ ; vide tant qu'elle n'est pas faite."
        />
        <SelectField
          {...bind(form, "etat", step?.status ?? "prevue")}
          label="État"
          required
          options={STEP_STATUSES.map((status) => ({ value: status, label: STEP_LABELS[status] }))}
        />
        <SelectField
          {...bind(form, "publication", step?.published ? "publiee" : "brouillon")}
          label="Publication de l'étape"
          options={PUBLICATION_OPTIONS}
        />
      </EditorForm>
    </>
  );
}

export function NoteEditor({
  number,
  csrfToken,
  form,
}: {
  number: number;
  csrfToken: string;
  form: FormState | undefined;
}) {
  return (
    <section aria-labelledby="notes">
      <h2 id="notes">Ajouter une note de suivi</h2>
      <EditorForm
        action={`/plan/actions/${number}/notes`}
        csrfToken={csrfToken}
        form={form}
        submit="Ajouter la note"
      >
        <DateField {...bind(form, "date")} label="Date" hint="Au format AAAA-MM-JJ." required />
        <TextAreaField {...bind(form, "texte")} label="La note" required />
        <SelectField
          {...bind(form, "publication_note", "brouillon")}
          label="Publication de la note"
          options={PUBLICATION_OPTIONS}
        />
      </EditorForm>
    </section>
  );
}

export function BudgetEditor({
  number,
  followUp,
  csrfToken,
  form,
}: {
  number: number;
  followUp: SheetFollowUp;
  csrfToken: string;
  form: FormState | undefined;
}) {
  return (
    <section aria-labelledby="budget">
      <h2 id="budget">Le budget de l'action</h2>
      {followUp.budget.length > 0 && (
        <ul>
          {followUp.budget.map((line) => (
            <li>
              {line.year}, {SECTION_LABELS[line.section].toLowerCase()} : prévu{" "}
              {formatEuros(line.plannedCents)}, réalisé {formatEuros(line.executedCents)}
              {!line.published && " (brouillon)"}
            </li>
          ))}
        </ul>
      )}
      <p>Une année et une section déjà écrites sont remplacées par les nouveaux montants.</p>
      <EditorForm
        action={`/plan/actions/${number}/budget`}
        csrfToken={csrfToken}
        form={form}
        submit="Enregistrer le budget"
      >
        <TextField
          {...bind(form, "annee")}
          label="Année"
          inputmode="numeric"
          width="short"
          required
        />
        <SelectField
          {...bind(form, "section", "fonctionnement")}
          label="Section"
          required
          options={BUDGET_SECTIONS.map((section) => ({
            value: section,
            label: SECTION_LABELS[section],
          }))}
        />
        <TextField
          {...bind(form, "prevu")}
          label="Prévu, en euros"
          hint="Par exemple 12 000 ou 12 000,50 ; vide si le montant n'est pas connu."
          inputmode="decimal"
          width="medium"
        />
        <TextField
          {...bind(form, "realise")}
          label="Réalisé, en euros"
          hint="Vide tant que le montant n'est pas connu."
          inputmode="decimal"
          width="medium"
        />
        <TextField
          {...bind(form, "source")}
          label="Source des chiffres"
          hint="Par exemple : budget primitif 2026, compte administratif 2025."
          required
        />
        <SelectField
          {...bind(form, "publication_budget", "brouillon")}
          label="Publication des montants"
          options={PUBLICATION_OPTIONS}
        />
      </EditorForm>
    </section>
  );
}
