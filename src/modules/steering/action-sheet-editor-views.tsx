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
import { EditorForm, type FormState } from "./editor-views.tsx";
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
  const values = form?.values ?? {};
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
            name={field}
            label={TEXT_LABELS[field]}
            rows={6}
            value={values[field] ?? source[field]}
            error={form?.errors[field]}
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
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  return (
    <>
      <h3>{heading}</h3>
      <EditorForm action={action} csrfToken={csrfToken} form={form} submit="Enregistrer l'étape">
        <TextField
          name="libelle"
          label="L'étape"
          required
          value={values.libelle ?? step?.label}
          error={errors.libelle}
        />
        <DateField
          name="prevue_le"
          label="Prévue le"
          hint="Au format AAAA-MM-JJ."
          required
          value={values.prevue_le ?? step?.plannedOn}
          error={errors.prevue_le}
        />
        <DateField
          name="faite_le"
          label="Faite le"
          hint="Au format AAAA-MM-JJ ; vide tant qu'elle n'est pas faite."
          value={values.faite_le ?? step?.doneOn ?? ""}
          error={errors.faite_le}
        />
        <SelectField
          name="etat"
          label="État"
          required
          value={values.etat ?? step?.status ?? "prevue"}
          error={errors.etat}
          options={STEP_STATUSES.map((status) => ({ value: status, label: STEP_LABELS[status] }))}
        />
        <SelectField
          name="publication"
          label="Publication de l'étape"
          value={values.publication ?? (step?.published ? "publiee" : "brouillon")}
          error={errors.publication}
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
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  return (
    <section aria-labelledby="notes">
      <h2 id="notes">Ajouter une note de suivi</h2>
      <EditorForm
        action={`/plan/actions/${number}/notes`}
        csrfToken={csrfToken}
        form={form}
        submit="Ajouter la note"
      >
        <DateField
          name="date"
          label="Date"
          hint="Au format AAAA-MM-JJ."
          required
          value={values.date}
          error={errors.date}
        />
        <TextAreaField
          name="texte"
          label="La note"
          required
          value={values.texte}
          error={errors.texte}
        />
        <SelectField
          name="publication_note"
          label="Publication de la note"
          value={values.publication_note ?? "brouillon"}
          error={errors.publication_note}
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
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
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
          name="annee"
          label="Année"
          inputmode="numeric"
          width="short"
          required
          value={values.annee}
          error={errors.annee}
        />
        <SelectField
          name="section"
          label="Section"
          required
          value={values.section ?? "fonctionnement"}
          error={errors.section}
          options={BUDGET_SECTIONS.map((section) => ({
            value: section,
            label: SECTION_LABELS[section],
          }))}
        />
        <TextField
          name="prevu"
          label="Prévu, en euros"
          hint="Par exemple 12 000 ou 12 000,50 ; vide si le montant n'est pas connu."
          inputmode="decimal"
          width="medium"
          value={values.prevu}
          error={errors.prevu}
        />
        <TextField
          name="realise"
          label="Réalisé, en euros"
          hint="Vide tant que le montant n'est pas connu."
          inputmode="decimal"
          width="medium"
          value={values.realise}
          error={errors.realise}
        />
        <TextField
          name="source"
          label="Source des chiffres"
          hint="Par exemple : budget primitif 2026, compte administratif 2025."
          required
          value={values.source}
          error={errors.source}
        />
        <SelectField
          name="publication_budget"
          label="Publication des montants"
          value={values.publication_budget ?? "brouillon"}
          error={errors.publication_budget}
          options={PUBLICATION_OPTIONS}
        />
      </EditorForm>
    </section>
  );
}
