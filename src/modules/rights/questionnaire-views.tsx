/**
 * The questionnaire's fields, one step at a time: shared by the resident
 * questionnaire and the professional form. One component per step; the
 * fields are the design system's (platform/ui/components.tsx).
 */

import {
  CheckboxGroup,
  type Choice,
  DateField,
  Fieldset,
  Radios,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
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

/** A step's answers as the checkboxes read them ("a|b" → ["a", "b"]). */
export const ticked = (value: string | undefined): string[] => (value ? value.split("|") : []);

const YES_NO: Choice[] = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];
const options = (labels: Readonly<Record<string, string>>): Choice[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** What every step's fields read: the step's values and errors, and the answers so far. */
type StepProps = {
  values: Values;
  errors: Record<string, string>;
  answers: Answers;
};

/** The fields of one step, filled with `values` and showing `errors`. */
export function StepFields({
  step,
  communes,
  month,
  ...props
}: StepProps & {
  step: StepId;
  communes: readonly Commune[];
  /** The month simulated ("YYYY-MM"): it names the avis d'impôt to read. */
  month?: string;
}) {
  switch (step) {
    case "foyer":
      return <HouseholdStep {...props} />;
    case "ages":
      return <AgesStep {...props} />;
    case "situation":
      return <SituationStep {...props} />;
    case "ressources":
      return <ResourcesStep {...props} month={month} />;
    case "logement":
      return <HousingStep {...props} communes={communes} />;
    case "prestations":
      return <BenefitsStep {...props} />;
  }
}

const isCouple = (answers: Answers) => answers.foyer?.couple === "oui";
const childCount = (answers: Answers) => Number(answers.foyer?.enfants ?? 0);

/** An amount a month, as the questionnaire asks it (a short text box: « 12,50 » is read). */
function MonthlyAmount(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  values: Values;
  errors: Record<string, string>;
}) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      hint={props.hint ?? "En euros par mois, en moyenne. Laissez vide si rien."}
      value={props.values[props.name]}
      error={props.errors[props.name]}
      inputmode="decimal"
      width="short"
    />
  );
}

function BirthDate(props: {
  name: string;
  label: string;
  values: Values;
  errors: Record<string, string>;
}) {
  return (
    <DateField
      name={props.name}
      label={props.label}
      hint="Par exemple 25/03/1990"
      value={props.values[props.name]}
      error={props.errors[props.name]}
      required
      autocomplete={props.name === "naissance" ? "bday" : undefined}
    />
  );
}

function HouseholdStep({ values, errors }: StepProps) {
  return (
    <>
      <Radios
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
}

function AgesStep({ values, errors, answers }: StepProps) {
  const couple = isCouple(answers);
  const children = childCount(answers);
  const field = { values, errors };
  return (
    <>
      <BirthDate name="naissance" label="Votre date de naissance" {...field} />
      {couple && (
        <BirthDate
          name="conjoint_naissance"
          label="La date de naissance de votre conjoint"
          {...field}
        />
      )}
      {Array.from({ length: children }, (_, i) => (
        <>
          <BirthDate
            name={`enfant${i + 1}`}
            label={`La date de naissance de l'enfant ${i + 1}`}
            {...field}
          />
          <Radios
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
        <Radios
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
}

function SituationStep({ values, errors, answers }: StepProps) {
  const couple = isCouple(answers);
  return (
    <>
      <Radios
        name="activite"
        legend="Quelle est votre situation aujourd'hui ?"
        options={options(ACTIVITY_LABELS)}
        value={values.activite}
        error={errors.activite}
      />
      {couple && (
        <Radios
          name="conjoint_activite"
          legend="Quelle est la situation de votre conjoint ?"
          options={options(ACTIVITY_LABELS)}
          value={values.conjoint_activite}
          error={errors.conjoint_activite}
        />
      )}
      <Radios
        name="handicap"
        legend="La MDPH vous a-t-elle reconnu un handicap ?"
        options={options(DISABILITY_LABELS)}
        value={values.handicap}
        error={errors.handicap}
      />
      <Radios
        name="grossesse"
        legend={
          couple ? "Vous ou votre conjointe attendez-vous un enfant ?" : "Attendez-vous un enfant ?"
        }
        hint="La CAF verse une prime au 7e mois de la grossesse. Une future maman qui vit seule peut avoir un RSA plus élevé."
        options={YES_NO}
        value={values.grossesse}
        error={errors.grossesse}
      />
    </>
  );
}

function ResourcesStep({
  values,
  errors,
  answers,
  month,
}: StepProps & { month?: string | undefined }) {
  const field = { values, errors };
  return (
    <>
      <p>
        Indiquez ce que vous avez reçu <strong>en moyenne par mois</strong> ces trois derniers mois,
        en montants nets (ce qui arrive sur le compte). Laissez vide ce que vous ne recevez pas.
      </p>
      <fieldset>
        <legend>Vos revenus</legend>
        <MonthlyAmount
          name="salaire"
          label="Salaire net"
          hint="En euros par mois, en moyenne. Pour un indépendant : le revenu du mois."
          {...field}
        />
        <MonthlyAmount name="chomage" label="Allocation chômage (ARE, ASS)" {...field} />
        <MonthlyAmount name="retraite" label="Retraite" {...field} />
        <MonthlyAmount
          name="invalidite"
          label="Pension d'invalidité"
          hint="En euros par mois. Elle est versée par l'Assurance maladie (CPAM) ou la MSA quand une maladie ou un accident réduit votre capacité de travail."
          {...field}
        />
        <MonthlyAmount
          name="autres"
          label="Autres revenus (indemnités journalières, loyers perçus…)"
          {...field}
        />
      </fieldset>
      {isCouple(answers) && (
        <fieldset>
          <legend>Les revenus de votre conjoint</legend>
          <MonthlyAmount name="conjoint_salaire" label="Salaire net du conjoint" {...field} />
          <MonthlyAmount
            name="conjoint_chomage"
            label="Allocation chômage du conjoint"
            {...field}
          />
          <MonthlyAmount name="conjoint_retraite" label="Retraite du conjoint" {...field} />
          <MonthlyAmount
            name="conjoint_invalidite"
            label="Pension d'invalidité du conjoint"
            {...field}
          />
        </fieldset>
      )}
      <MonthlyAmount
        name="pension_alimentaire"
        label="Pension alimentaire reçue"
        hint="En euros par mois. Laissez vide si vous n'en recevez pas."
        {...field}
      />
      {childCount(answers) > 0 && <RfrFields values={values} errors={errors} month={month} />}
    </>
  );
}

function HousingStep({ values, errors, communes }: StepProps & { communes: readonly Commune[] }) {
  const field = { values, errors };
  return (
    <>
      <Radios
        name="statut"
        legend="Où habitez-vous ?"
        options={options(HOUSING_LABELS)}
        value={values.statut}
        error={errors.statut}
      />
      <MonthlyAmount
        name="loyer"
        label="Loyer ou mensualité d'emprunt"
        hint="En euros par mois, sans les charges (eau, chauffage…) : c'est ce que compte l'aide au logement."
        {...field}
      />
      <Radios
        name="location"
        legend="Si vous êtes locataire : quel logement ?"
        hint="Cela change le calcul de l'aide au logement. Laissez vide si vous ne savez pas."
        options={options(RENTAL_LABELS)}
        value={values.location}
        error={errors.location}
      />
      <MonthlyAmount
        name="aide_logement"
        label="Aide au logement reçue (APL, ALF, ALS)"
        hint="En euros par mois. Laissez vide si vous n'en recevez pas."
        {...field}
      />
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
}

function BenefitsStep({ values, errors }: StepProps) {
  return (
    <CheckboxGroup
      name="percues"
      legend="Percevez-vous déjà une de ces aides ?"
      hint="Cochez ce que vous recevez déjà ; ne cochez rien si vous ne recevez rien."
      options={BENEFITS.map((b) => ({ value: b, label: BENEFIT_LABELS[b] }))}
      checked={ticked(values.percues)}
      error={errors.percues}
    />
  );
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
    <Fieldset
      legend="Votre revenu fiscal de référence"
      hint={
        <>
          Il sert à calculer les bourses de collège et de lycée. C'est un chiffre écrit sur {notice}
          , à la ligne « Revenu fiscal de référence ». Si vous êtes deux à déclarer vos revenus
          séparément, additionnez vos deux chiffres.
        </>
      }
    >
      <TextField
        name="rfr"
        label="Revenu fiscal de référence"
        hint="En euros, pour toute l'année."
        value={values.rfr}
        error={errors.rfr}
        inputmode="decimal"
        width="short"
      />
      <CheckboxGroup
        name="rfr_inconnu"
        legend="Vous ne trouvez pas ce chiffre ?"
        hint="Cochez : nous l'estimerons à partir de vos revenus, et nous vous dirons que c'est une estimation."
        options={[{ value: "oui", label: "Je ne sais pas" }]}
        checked={ticked(values.rfr_inconnu)}
        error={errors.rfr_inconnu}
      />
    </Fieldset>
  );
}
