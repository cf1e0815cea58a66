import type { Child } from "hono/jsx";
import { fieldId, SelectField, TextField } from "../../platform/ui/components.tsx";
import type { SearchHit } from "../directory/service.ts";
import { GUIDANCE } from "./guidance.ts";
import type { BenefitId } from "./household.ts";
import {
  ACTIVITY_LABELS,
  type Answers,
  DISABILITY_LABELS,
  HOUSING_LABELS,
  type StepId,
  type Values,
} from "./questionnaire.ts";
import { BENEFIT_LABELS, BENEFITS, type BenefitResult, type SimulationResult } from "./service.ts";

/** Views shared by the resident questionnaire and the professional form. */

export type Commune = { inseeCode: string; name: string };

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export function formatEuros(cents: number): string {
  return `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

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
}: {
  step: StepId;
  values: Values;
  errors: Record<string, string>;
  answers: Answers;
  communes: readonly Commune[];
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
          {Array.from({ length: children }, (_, i) =>
            date(`enfant${i + 1}`, `La date de naissance de l'enfant ${i + 1}`),
          )}
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
            {money("retraite", "Retraite ou pension d'invalidité")}
            {money("autres", "Autres revenus (indemnités journalières, loyers perçus…)")}
          </fieldset>
          {couple && (
            <fieldset>
              <legend>Les revenus de votre conjoint</legend>
              {money("conjoint_salaire", "Salaire net du conjoint")}
              {money("conjoint_chomage", "Allocation chômage du conjoint")}
              {money("conjoint_retraite", "Retraite du conjoint")}
            </fieldset>
          )}
          {money(
            "pension_alimentaire",
            "Pension alimentaire reçue",
            "En euros par mois. Laissez vide si vous n'en recevez pas.",
          )}
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
          {money("loyer", "Loyer ou mensualité d'emprunt", "En euros par mois, charges comprises.")}
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

/** Human summary of a step's answers, for the recap page. */
export function stepSummary(
  step: StepId,
  answers: Answers,
  communes: readonly Commune[],
): string[] {
  const v = answers[step] ?? {};
  const couple = answers.foyer?.couple === "oui";
  const euros = (raw: string | undefined, label: string) =>
    raw && raw.trim() !== "" && raw.trim() !== "0" ? [`${label} : ${raw} € par mois`] : [];
  const frDate = (d: string | undefined) =>
    d && /^\d{4}-\d{2}-\d{2}$/.test(d)
      ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
      : (d ?? "");
  switch (step) {
    case "foyer":
      return [
        couple ? "En couple" : "Seul(e)",
        `${v.enfants ?? 0} enfant${Number(v.enfants) > 1 ? "s" : ""} à charge`,
      ];
    case "ages": {
      const lines = [`Vous : né(e) le ${frDate(v.naissance)}`];
      if (couple) lines.push(`Conjoint : né(e) le ${frDate(v.conjoint_naissance)}`);
      for (let i = 1; i <= Number(answers.foyer?.enfants ?? 0); i++)
        lines.push(`Enfant ${i} : né(e) le ${frDate(v[`enfant${i}`])}`);
      if (v.isole_recent === "oui") lines.push("Seul(e) avec vos enfants depuis moins d'un an");
      return lines;
    }
    case "situation":
      return [
        `Vous : ${ACTIVITY_LABELS[v.activite as keyof typeof ACTIVITY_LABELS] ?? ""}`,
        ...(couple
          ? [
              `Conjoint : ${ACTIVITY_LABELS[v.conjoint_activite as keyof typeof ACTIVITY_LABELS] ?? ""}`,
            ]
          : []),
        `Handicap reconnu : ${DISABILITY_LABELS[v.handicap as keyof typeof DISABILITY_LABELS] ?? ""}`,
      ];
    case "ressources": {
      const lines = [
        ...euros(v.salaire, "Salaire"),
        ...euros(v.chomage, "Chômage"),
        ...euros(v.retraite, "Retraite"),
        ...euros(v.autres, "Autres revenus"),
        ...euros(v.conjoint_salaire, "Salaire du conjoint"),
        ...euros(v.conjoint_chomage, "Chômage du conjoint"),
        ...euros(v.conjoint_retraite, "Retraite du conjoint"),
        ...euros(v.pension_alimentaire, "Pension alimentaire"),
      ];
      return lines.length > 0 ? lines : ["Aucune ressource"];
    }
    case "logement":
      return [
        HOUSING_LABELS[v.statut as keyof typeof HOUSING_LABELS] ?? "",
        ...euros(v.loyer, "Loyer"),
        ...euros(v.aide_logement, "Aide au logement"),
        communes.find((c) => c.inseeCode === v.commune)?.name ?? v.commune ?? "",
      ];
    case "prestations": {
      const received = (v.percues ?? "").split("|").filter(Boolean) as BenefitId[];
      return received.length > 0
        ? received.map((b) => BENEFIT_LABELS[b] ?? b)
        : ["Aucune aide déclarée"];
    }
  }
}

/** The results: benefits probably entitled first, with amounts and why; then the others. */
export function ResultsView({
  result,
  places,
  bookingHref,
  headingLevel = 2,
}: {
  result: SimulationResult;
  places: readonly SearchHit[];
  bookingHref?: string;
  headingLevel?: 2 | 3;
}) {
  const all = BENEFITS.map((b) => result.results[b]);
  const entitled = all.filter((r) => r.eligible && !r.alreadyReceived);
  const received = all.filter((r) => r.alreadyReceived);
  const others = all.filter((r) => !r.eligible && !r.alreadyReceived);
  const H = headingLevel === 2 ? "h2" : "h3";
  const H2 = headingLevel === 2 ? "h3" : "h4";
  return (
    <div class="rights-results">
      <p class="lead">
        Estimation pour <strong>{monthLabel(result.month)}</strong>, à partir de vos réponses. Ce
        n'est pas une décision : l'organisme qui verse l'aide étudie votre demande.
      </p>
      <H>Les aides auxquelles vous avez probablement droit</H>
      {entitled.length === 0 ? (
        <p>D'après vos réponses, aucune nouvelle aide parmi celles que nous savons calculer.</p>
      ) : (
        <ul class="rights-list">
          {entitled.map((r) => (
            <li class="rights-benefit rights-benefit--yes">
              <BenefitCard result={r} level={H2} places={places} />
            </li>
          ))}
        </ul>
      )}
      {received.length > 0 && (
        <>
          <H>Les aides que vous percevez déjà</H>
          <ul class="rights-list">
            {received.map((r) => (
              <li class="rights-benefit">
                <BenefitCard result={r} level={H2} places={places} />
              </li>
            ))}
          </ul>
        </>
      )}
      <H>Les autres aides</H>
      <ul class="rights-list rights-list--others">
        {others.map((r) => (
          <li class="rights-benefit rights-benefit--no">
            <p>
              <strong>{r.label}</strong> : probablement pas.{" "}
              {r.reason ? `${r.reason.charAt(0).toUpperCase()}${r.reason.slice(1)}` : ""}
            </p>
          </li>
        ))}
      </ul>
      <H>Aides au logement</H>
      {result.notCovered.map((n) => (
        <p>{n.message}</p>
      ))}
      <H>Où être aidé pour faire vos demandes</H>
      {places.length > 0 ? (
        <ul class="rights-places">
          {places.map((p) => (
            <li>
              <a href={`/trouver-de-l-aide/services/${p.id}`}>{p.nom}</a> — {p.structureNom}
              {p.adresse && (
                <>
                  <br />
                  {p.adresse}, {p.codePostal} {p.commune}
                </>
              )}
              {p.telephone && (
                <>
                  <br />
                  Téléphone : {p.telephone}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Cherchez un lieu d'accès aux droits près de chez vous dans{" "}
          <a href="/trouver-de-l-aide">l'annuaire</a>.
        </p>
      )}
      {bookingHref && (
        <p class="no-print">
          <a class="button button--primary" href={bookingHref}>
            Prendre rendez-vous pour faire le point sur vos droits
          </a>
        </p>
      )}
    </div>
  );
}

function BenefitCard({
  result,
  level,
  places,
}: {
  result: BenefitResult;
  level: "h3" | "h4";
  places: readonly SearchHit[];
}) {
  const H = level;
  const guidance = GUIDANCE[result.benefit];
  const amount =
    result.benefit === "css"
      ? result.amountCents === 0
        ? "gratuite"
        : `participation de ${formatEuros(result.amountCents)} par mois`
      : `${formatEuros(result.amountCents)} ${result.periodicity === "annuelle" ? "par an" : "par mois"}`;
  return (
    <>
      <H class="rights-benefit__title">
        {result.label} : <span class="rights-benefit__amount">{amount}</span>
      </H>
      {result.alreadyReceived && <p>Vous la percevez déjà : rien à faire, sauf changement.</p>}
      <details class="rights-why" open={!result.alreadyReceived}>
        <summary>Pourquoi ce montant</summary>
        <ol class="rights-steps">
          {result.steps.map((s) => (
            <li>{s.text}</li>
          ))}
        </ol>
        <References result={result} />
      </details>
      {!result.alreadyReceived && (
        <>
          <p class="rights-benefit__subtitle">À préparer :</p>
          <ul>
            {guidance.documents.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
          <p>
            Où faire la demande : <a href={guidance.procedure.href}>{guidance.procedure.text}</a>.
            L'aide est versée par {guidance.payer}.
            {places[0] && (
              <>
                {" "}
                Pour être aidé : {places[0].nom} ({places[0].structureNom}
                {places[0].commune ? `, ${places[0].commune}` : ""}).
              </>
            )}
          </p>
        </>
      )}
    </>
  );
}

function References({ result }: { result: BenefitResult }) {
  const seen = new Map<string, string>();
  for (const step of result.steps)
    for (const p of step.parameters ?? []) {
      const text = p.reference.article ?? p.reference.text;
      if (text) seen.set(text, text);
    }
  if (seen.size === 0) return null;
  return <p class="rights-refs">Textes appliqués : {[...seen.keys()].slice(0, 6).join(" ; ")}.</p>;
}

export function PrintNote({ children }: { children?: Child }) {
  return (
    <p class="no-print rights-print">
      Pour garder ces résultats, imprimez la page ou choisissez « Enregistrer au format PDF » dans
      la fenêtre d'impression de votre navigateur.
      {children}
    </p>
  );
}
