/**
 * The questionnaire's fields, one step at a time: shared by the resident
 * questionnaire and the professional form, with the choice group they use.
 */

import { fieldId, SelectField, TextField } from "../../platform/ui/components.tsx";
import {
  ACTIVITY_LABELS,
  type Answers,
  DISABILITY_LABELS,
  HOUSING_LABELS,
  RENTAL_LABELS,
  rfrYears,
  SCHOOL_LABELS,
  type StepId,
  type Values,
} from "./questionnaire.ts";
import { BENEFIT_LABELS, BENEFITS } from "./service.ts";

export type Commune = { inseeCode: string; name: string };

/** A radio or checkbox group in a fieldset with its legend (RGAA 11.5, 11.6). */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  multiple?: boolean;
}) {
  const id = fieldId(props.name);
  const selected = new Set((props.value ?? "").split("|"));
  const describedBy = [props.hint && `${id}-aide`, props.error && `${id}-erreur`]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      class={`field${props.error ? " field--error" : ""}`}
      aria-describedby={describedBy || undefined}
    >
      <legend class="field__label">{props.legend}</legend>
      {props.hint && (
        <p id={`${id}-aide`} class="field__hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-erreur`} class="field__error">
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      )}
      {props.options.map((option, index) => (
        <div class="choice">
          <input
            type={props.multiple ? "checkbox" : "radio"}
            id={index === 0 ? id : `${id}-${index}`}
            name={props.name}
            value={option.value}
            checked={selected.has(option.value)}
          />
          <label for={index === 0 ? id : `${id}-${index}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

const YES_NO = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];
const options = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The fields of one step, filled with `values` and showing `errors`. */
export function StepFields({
  step,
  values,
  errors,
  answers,
  communes,
  month,
}: {
  step: StepId;
  values: Values;
  errors: Record<string, string>;
  answers: Answers;
  communes: readonly Commune[];
  /** The month simulated ("YYYY-MM"): it names the avis d'impôt to read. */
  month?: string;
}) {
  const couple = answers.foyer?.couple === "oui";
  const children = Number(answers.foyer?.enfants ?? 0);
  const money = (name: string, label: string, hint?: string) => (
    <TextField
      name={name}
      label={label}
      hint={hint ?? "En euros par mois, en moyenne. Laissez vide si rien."}
      value={values[name]}
      error={errors[name]}
      inputmode="decimal"
      width="short"
    />
  );
  const date = (name: string, label: string) => (
    <TextField
      name={name}
      label={label}
      hint="Par exemple 25/03/1990"
      type="date"
      value={values[name]}
      error={errors[name]}
      required
      width="medium"
      autocomplete={name === "naissance" ? "bday" : undefined}
    />
  );
  switch (step) {
    case "foyer":
      return (
        <>
          <ChoiceGroup
            name="couple"
            legend="Vivez-vous en couple ?"
            hint="Mariés, pacsés ou en union libre, sous le même toit."
            options={YES_NO}
            value={values.couple}
            error={errors.couple}
          />
          <TextField
            name="enfants"
            label="Combien d'enfants avez-vous à charge ?"
            hint="Les enfants qui vivent avec vous, jusqu'à 20 ans (0 si aucun)."
            value={values.enfants ?? "0"}
            error={errors.enfants}
            inputmode="numeric"
            width="short"
            required
          />
        </>
      );
    case "ages":
      return (
        <>
          {date("naissance", "Votre date de naissance")}
          {couple && date("conjoint_naissance", "La date de naissance de votre conjoint")}
          {Array.from({ length: children }, (_, i) => (
            <>
              {date(`enfant${i + 1}`, `La date de naissance de l'enfant ${i + 1}`)}
              <ChoiceGroup
                name={`enfant${i + 1}_ecole`}
                legend={`Cette année scolaire, l'enfant ${i + 1} va :`}
                hint="Un élève de collège ou de lycée peut avoir une bourse."
                options={options(SCHOOL_LABELS)}
                value={values[`enfant${i + 1}_ecole`]}
                error={errors[`enfant${i + 1}_ecole`]}
              />
            </>
          ))}
          {!couple && children > 0 && (
            <ChoiceGroup
              name="isole_recent"
              legend="Vivez-vous seul(e) avec vos enfants depuis moins d'un an ?"
              hint="Après une séparation, un veuvage ou une naissance : le RSA et la prime d'activité sont majorés pendant un an."
              options={YES_NO}
              value={values.isole_recent}
              error={errors.isole_recent}
            />
          )}
        </>
      );
    case "situation":
      return (
        <>
          <ChoiceGroup
            name="activite"
            legend="Quelle est votre situation aujourd'hui ?"
            options={options(ACTIVITY_LABELS)}
            value={values.activite}
            error={errors.activite}
          />
          {couple && (
            <ChoiceGroup
              name="conjoint_activite"
              legend="Quelle est la situation de votre conjoint ?"
              options={options(ACTIVITY_LABELS)}
              value={values.conjoint_activite}
              error={errors.conjoint_activite}
            />
          )}
          <ChoiceGroup
            name="handicap"
            legend="La MDPH vous a-t-elle reconnu un handicap ?"
            options={options(DISABILITY_LABELS)}
            value={values.handicap}
            error={errors.handicap}
          />
          <ChoiceGroup
            name="grossesse"
            legend={
              couple
                ? "Vous ou votre conjointe attendez-vous un enfant ?"
                : "Attendez-vous un enfant ?"
            }
            hint="La CAF verse une prime au 7e mois de la grossesse. Une future maman qui vit seule peut avoir un RSA plus élevé."
            options={YES_NO}
            value={values.grossesse}
            error={errors.grossesse}
          />
        </>
      );
    case "ressources":
      return (
        <>
          <p>
            Indiquez ce que vous avez reçu <strong>en moyenne par mois</strong> ces trois derniers
            mois, en montants nets (ce qui arrive sur le compte). Laissez vide ce que vous ne
            recevez pas.
          </p>
          <fieldset>
            <legend>Vos revenus</legend>
            {money(
              "salaire",
              "Salaire net",
              "En euros par mois, en moyenne. Pour un indépendant : le revenu du mois.",
            )}
            {money("chomage", "Allocation chômage (ARE, ASS)")}
            {money("retraite", "Retraite")}
            {money(
              "invalidite",
              "Pension d'invalidité",
              "En euros par mois. Elle est versée par l'Assurance maladie (CPAM) ou la MSA quand une maladie ou un accident réduit votre capacité de travail.",
            )}
            {money("autres", "Autres revenus (indemnités journalières, loyers perçus…)")}
          </fieldset>
          {couple && (
            <fieldset>
              <legend>Les revenus de votre conjoint</legend>
              {money("conjoint_salaire", "Salaire net du conjoint")}
              {money("conjoint_chomage", "Allocation chômage du conjoint")}
              {money("conjoint_retraite", "Retraite du conjoint")}
              {money("conjoint_invalidite", "Pension d'invalidité du conjoint")}
            </fieldset>
          )}
          {money(
            "pension_alimentaire",
            "Pension alimentaire reçue",
            "En euros par mois. Laissez vide si vous n'en recevez pas.",
          )}
          {children > 0 && <RfrFields values={values} errors={errors} month={month} />}
        </>
      );
    case "logement":
      return (
        <>
          <ChoiceGroup
            name="statut"
            legend="Où habitez-vous ?"
            options={options(HOUSING_LABELS)}
            value={values.statut}
            error={errors.statut}
          />
          {money(
            "loyer",
            "Loyer ou mensualité d'emprunt",
            "En euros par mois, sans les charges (eau, chauffage…) : c'est ce que compte l'aide au logement.",
          )}
          <ChoiceGroup
            name="location"
            legend="Si vous êtes locataire : quel logement ?"
            hint="Cela change le calcul de l'aide au logement. Laissez vide si vous ne savez pas."
            options={options(RENTAL_LABELS)}
            value={values.location}
            error={errors.location}
          />
          {money(
            "aide_logement",
            "Aide au logement reçue (APL, ALF, ALS)",
            "En euros par mois. Laissez vide si vous n'en recevez pas.",
          )}
          <SelectField
            name="commune"
            label="Votre commune"
            required
            value={values.commune}
            error={errors.commune}
            options={[
              { value: "", label: "Choisissez votre commune" },
              ...communes.map((c) => ({ value: c.inseeCode, label: c.name })),
            ]}
          />
        </>
      );
    case "prestations":
      return (
        <ChoiceGroup
          name="percues"
          legend="Percevez-vous déjà une de ces aides ?"
          hint="Cochez ce que vous recevez déjà ; ne cochez rien si vous ne recevez rien."
          multiple
          options={BENEFITS.map((b) => ({ value: b, label: BENEFIT_LABELS[b] }))}
          value={values.percues}
          error={errors.percues}
        />
      );
  }
}

/** The revenu fiscal de référence, explained, with « je ne sais pas » (bourses, chèque énergie). */
function RfrFields({
  values,
  errors,
  month,
}: {
  values: Values;
  errors: Record<string, string>;
  month: string | undefined;
}) {
  const years = month ? rfrYears(month) : undefined;
  const notice = years
    ? `votre avis d'impôt ${years.notice} sur les revenus ${years.income}`
    : "votre dernier avis d'impôt sur le revenu";
  return (
    <fieldset>
      <legend>Votre revenu fiscal de référence</legend>
      <p class="field__hint">
        Il sert à calculer les bourses de collège et de lycée. C'est un chiffre écrit sur {notice},
        à la ligne « Revenu fiscal de référence ». Si vous êtes deux à déclarer vos revenus
        séparément, additionnez vos deux chiffres.
      </p>
      <TextField
        name="rfr"
        label="Revenu fiscal de référence"
        hint="En euros, pour toute l'année."
        value={values.rfr}
        error={errors.rfr}
        inputmode="decimal"
        width="short"
      />
      <ChoiceGroup
        name="rfr_inconnu"
        legend="Vous ne trouvez pas ce chiffre ?"
        hint="Cochez : nous l'estimerons à partir de vos revenus, et nous vous dirons que c'est une estimation."
        multiple
        options={[{ value: "oui", label: "Je ne sais pas" }]}
        value={values.rfr_inconnu}
        error={errors.rfr_inconnu}
      />
    </fieldset>
  );
}
