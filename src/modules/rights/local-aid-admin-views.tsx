/**
 * The pilote's pages for the Département's own aids: the list, the form (new
 * aid or new version), and an aid's page with its versions and the preview
 * on sample households. No database here.
 */
import type { Child } from "hono/jsx";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  fieldId,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { monthLabel } from "./format.ts";
import { BENEFITS } from "./household.ts";
import type { LocalAidSummary, StoredVersion } from "./local-aid-admin.ts";
import { CEILING_SIZES, type FormValues, SCALE_SIZES } from "./local-aid-definition-fields.ts";
import {
  amountText,
  BENEFIT_SHORT_LABELS,
  conditionText,
  HOUSING_LABELS,
  type LocalAidResult,
} from "./local-aids.ts";
import { ChoiceGroup } from "./questionnaire-views.tsx";

export const LOCAL_AIDS_PATH = "/pro/aides-locales";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("|") : (v ?? ""));

export function LocalAidList({ aids }: { aids: readonly LocalAidSummary[] }) {
  return (
    <>
      <h1>Les aides du Département</h1>
      <p class="lead">
        Les aides propres au Département (FSL, aide à l'énergie, restauration scolaire…), décrites
        ici et non dans le code. Une aide publiée apparaît dans les résultats du simulateur, à part
        des aides nationales, à partir de son mois d'effet.
      </p>
      <p>
        <a class="button button--primary" href={`${LOCAL_AIDS_PATH}/nouvelle`}>
          Créer une aide
        </a>
      </p>
      {aids.length === 0 ? (
        <p>Aucune aide pour l'instant.</p>
      ) : (
        <ul class="rights-list">
          {aids.map((aid) => (
            <li class="card">
              <h2 class="card__title">
                <a href={`${LOCAL_AIDS_PATH}/${aid.id}`}>{aid.latest.definition.name}</a>
              </h2>
              <p>
                {aid.published ? (
                  <Tag kind="success">
                    Publiée depuis {monthLabel(aid.published.validFrom)}
                    {aid.published.validUntil
                      ? ` jusqu'à ${monthLabel(aid.published.validUntil)}`
                      : ""}
                  </Tag>
                ) : (
                  <Tag>Brouillon</Tag>
                )}{" "}
                {aid.latest.status === "brouillon" && aid.published && (
                  <Tag>Nouvelle version en brouillon</Tag>
                )}{" "}
                {aid.isDemo && <Tag kind="warning">Exemple de démonstration</Tag>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function TextArea(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = fieldId(props.name);
  const describedBy = [props.hint && `${id}-aide`, props.error && `${id}-erreur`]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label for={id} class="field__label">
        {props.label}
        {props.required ? "" : <span class="field__optional"> (facultatif)</span>}
      </label>
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
      <textarea
        id={id}
        name={props.name}
        rows={4}
        class="field__textarea"
        aria-required={props.required ? "true" : undefined}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

export function LocalAidForm(props: {
  action: string;
  csrfToken: string;
  values: FormValues;
  errors: Record<string, string>;
  departementCode: string;
  submit: string;
}) {
  const { values, errors } = props;
  const text = (
    name: string,
    label: string,
    options: { hint?: string; required?: boolean; width?: "short" | "medium" | "full" } = {},
  ) => (
    <TextField
      name={name}
      label={label}
      value={one(values[name])}
      error={errors[name]}
      {...(options.hint ? { hint: options.hint } : {})}
      required={options.required ?? false}
      width={options.width ?? "full"}
    />
  );
  const euros = (name: string, label: string) => (
    <TextField
      name={name}
      label={label}
      value={one(values[name])}
      error={errors[name]}
      inputmode="decimal"
      width="short"
    />
  );
  return (
    <form method="post" action={props.action} class="form" novalidate>
      <CsrfField token={props.csrfToken} />
      <fieldset>
        <legend>L'aide</legend>
        {text("nom", "Nom de l'aide", { required: true })}
        <TextArea
          name="description"
          label="À quoi sert l'aide, en mots simples"
          hint="Une ou deux phrases qu'un habitant comprend sans connaître les sigles."
          value={one(values.description)}
          error={errors.description}
          required
        />
        {text("organisme", "Qui verse l'aide", {
          required: true,
          hint: "Par exemple : Département (Fonds de solidarité pour le logement).",
        })}
        {text("date_effet", "Mois d'effet de cette version", {
          required: true,
          hint: "AAAA-MM. La version s'applique aux mois simulés à partir de celui-ci.",
          width: "short",
        })}
      </fieldset>
      <fieldset>
        <legend>
          Conditions (toutes doivent être remplies ; laissez vide ce qui ne compte pas)
        </legend>
        <ChoiceGroup
          name="residence"
          legend="Résidence"
          multiple
          options={[{ value: "oui", label: `Habiter le département (${props.departementCode})` }]}
          value={one(values.residence)}
          error={errors.residence}
        />
        {text("communes", "Seulement dans ces communes", {
          hint: "Codes INSEE séparés par des virgules, par exemple 92050, 92025.",
        })}
        <fieldset>
          <legend>Plafond de ressources du foyer, par mois</legend>
          <p class="field__hint">
            Moyenne des 3 mois avant le mois simulé : salaires, chômage, retraites, pensions
            alimentaires et autres revenus, sans les aides de la CAF. En euros.
          </p>
          {Array.from({ length: CEILING_SIZES }, (_, i) =>
            euros(`plafond_${i + 1}`, i === 0 ? "Personne seule" : `Foyer de ${i + 1} personnes`),
          )}
          {euros("plafond_plus", "Par personne en plus")}
        </fieldset>
        <fieldset>
          <legend>Enfants</legend>
          {text("enfants_min", "Nombre d'enfants au moins", { width: "short" })}
          {text("enfants_age", "Âge des enfants comptés : moins de (ans)", { width: "short" })}
        </fieldset>
        <fieldset>
          <legend>Âge du demandeur</legend>
          {text("age_min", "Au moins (ans)", { width: "short" })}
          {text("age_max", "Au plus (ans)", { width: "short" })}
        </fieldset>
        <ChoiceGroup
          name="logement"
          legend="Logement"
          multiple
          options={Object.entries(HOUSING_LABELS).map(([value, label]) => ({
            value,
            label: `${label.charAt(0).toUpperCase()}${label.slice(1)}`,
          }))}
          value={many(values.logement)}
          error={errors.logement}
        />
        <ChoiceGroup
          name="prestations"
          legend="Recevoir, ou avoir probablement droit à, l'une de ces aides nationales"
          multiple
          options={BENEFITS.map((b) => ({
            value: b,
            label: `${BENEFIT_SHORT_LABELS[b].charAt(0).toUpperCase()}${BENEFIT_SHORT_LABELS[b].slice(1)}`,
          }))}
          value={many(values.prestations)}
          error={errors.prestations}
        />
      </fieldset>
      <fieldset>
        <legend>Montant</legend>
        <ChoiceGroup
          name="montant_type"
          legend="Comment le montant est fixé"
          options={[
            { value: "fixe", label: "Un montant fixe" },
            { value: "bareme", label: "Un montant selon le nombre de personnes du foyer" },
            { value: "non_chiffre", label: "Pas de montant connu d'avance" },
          ]}
          value={one(values.montant_type)}
          error={errors.montant_type}
        />
        {euros("montant", "Montant fixe (euros)")}
        <fieldset>
          <legend>Montant selon le foyer (euros)</legend>
          {Array.from({ length: SCALE_SIZES }, (_, i) =>
            euros(
              `bareme_${i + 1}`,
              i === 0
                ? "1 personne"
                : i === SCALE_SIZES - 1
                  ? `${i + 1} personnes ou plus`
                  : `${i + 1} personnes`,
            ),
          )}
        </fieldset>
        <SelectField
          name="periodicite"
          label="Versé"
          options={[
            { value: "", label: "Choisir" },
            { value: "mensuelle", label: "Par mois" },
            { value: "annuelle", label: "Par an" },
            { value: "ponctuelle", label: "En une fois" },
          ]}
          value={one(values.periodicite)}
          error={errors.periodicite}
        />
        {text("montant_texte", "Sans montant : comment il est décidé", {
          hint: "Par exemple : au cas par cas par la commission, selon la facture.",
        })}
      </fieldset>
      <fieldset>
        <legend>Faire la demande</legend>
        {text("demande_texte", "Où et comment", { required: true })}
        {text("demande_lien", "Lien", {
          hint: "Une page de ce site (/…) ou une adresse https://.",
        })}
        <TextArea
          name="documents"
          label="Documents à préparer"
          hint="Un document par ligne."
          value={one(values.documents)}
          error={errors.documents}
        />
      </fieldset>
      <fieldset>
        <legend>Source</legend>
        {text("source_texte", "Délibération du conseil départemental", {
          required: true,
          hint: "Son numéro et son objet, ou « exemple de démonstration ».",
        })}
        {text("source_date", "Date de la délibération", { hint: "AAAA-MM-JJ.", width: "short" })}
        <ChoiceGroup
          name="demonstration"
          legend="Démonstration"
          multiple
          options={[
            { value: "oui", label: "C'est un exemple de démonstration, pas une aide réelle" },
          ]}
          value={one(values.demonstration)}
        />
      </fieldset>
      <Button>{props.submit}</Button>
    </form>
  );
}

export interface PreviewRow {
  readonly label: string;
  readonly result: LocalAidResult;
}

function VersionDetails({ version }: { version: StoredVersion }) {
  const d = version.definition;
  return (
    <dl class="rights-recap">
      <dt>À quoi elle sert</dt>
      <dd>{d.description}</dd>
      <dt>Versée par</dt>
      <dd>{d.giver}</dd>
      <dt>Conditions</dt>
      <dd>
        {d.conditions.length === 0 ? (
          "Aucune : tout foyer"
        ) : (
          <ul>
            {d.conditions.map((c) => (
              <li>{conditionText(c)}</li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Montant</dt>
      <dd>{amountText(d.amount)}</dd>
      <dt>Faire la demande</dt>
      <dd>
        {d.apply.text}
        {d.apply.href ? ` (${d.apply.href})` : ""}
        {d.apply.documents.length > 0 && ` — à préparer : ${d.apply.documents.join(" ; ")}`}
      </dd>
      <dt>Source</dt>
      <dd>
        {d.source.text}
        {d.source.date ? ` (${d.source.date})` : ""}
      </dd>
    </dl>
  );
}

const STATUS_LABEL = { brouillon: "Brouillon", publiee: "Publiée" } as const;

export function LocalAidPage(props: {
  aid: LocalAidSummary & { versions: StoredVersion[] };
  preview: { version: StoredVersion; month: string; rows: readonly PreviewRow[] };
  csrfToken: string;
  error?: string | undefined;
  errorField?: "version" | "dernier_mois";
  defaultLastMonth: string;
  children?: Child;
}) {
  const { aid, preview } = props;
  const field = props.errorField ?? "version";
  const latest = aid.latest;
  return (
    <>
      <h1>{latest.definition.name}</h1>
      {aid.isDemo && (
        <Alert kind="warning" title="Exemple de démonstration">
          <p>
            Cette aide n'existe pas telle quelle : ses conditions et ses montants sont inventés.
          </p>
        </Alert>
      )}
      <ErrorSummary errors={props.error ? { [field]: props.error } : {}} />
      <p>
        <a class="button button--secondary" href={`${LOCAL_AIDS_PATH}/${aid.id}/modifier`}>
          Modifier (crée une nouvelle version)
        </a>
      </p>
      <h2>
        Version {latest.number} ({STATUS_LABEL[latest.status].toLowerCase()})
      </h2>
      <VersionDetails version={latest} />
      <h2 id="apercu">Aperçu sur des foyers types en {monthLabel(preview.month)}</h2>
      <p>
        Le résultat de la version {preview.version.number} pour des foyers inventés, avant de la
        publier. Le dernier fichier de non-recours n'est pas gardé (il est effacé après le calcul) :
        on ne peut donc pas y compter les foyers concernés.
      </p>
      <ul class="rights-list">
        {preview.rows.map((row) => {
          const unmet = row.result.checks.find((c) => !c.met);
          return (
            <li class={`rights-benefit rights-benefit--${row.result.eligible ? "yes" : "no"}`}>
              <p>
                <strong>{row.label}</strong>
                <br />
                {row.result.eligible
                  ? `Oui : ${row.result.amountText}.`
                  : `Non : ${unmet ? unmet.text.charAt(0).toLowerCase() + unmet.text.slice(1) : ""}.`}
              </p>
            </li>
          );
        })}
      </ul>
      {latest.status === "brouillon" && (
        <form
          method="post"
          action={`${LOCAL_AIDS_PATH}/${aid.id}/versions/${latest.number}/publier`}
          class="form"
        >
          <CsrfField token={props.csrfToken} />
          <p>
            Publier la version {latest.number} : elle s'appliquera à partir de{" "}
            {monthLabel(latest.validFrom)}
            {aid.published
              ? `, et la version ${aid.published.number} s'arrêtera le mois d'avant`
              : ""}
            .
          </p>
          <Button>Publier la version {latest.number}</Button>
        </form>
      )}
      {aid.published && aid.published.validUntil === null && (
        <form method="post" action={`${LOCAL_AIDS_PATH}/${aid.id}/arreter`} class="form">
          <h2>Arrêter l'aide</h2>
          <CsrfField token={props.csrfToken} />
          <TextField
            name="dernier_mois"
            label="Dernier mois où l'aide s'applique"
            hint="AAAA-MM. Le simulateur ne la montre plus à partir du mois suivant ; l'historique reste."
            value={props.defaultLastMonth}
            error={field === "dernier_mois" ? props.error : undefined}
            required
            width="short"
          />
          <Button kind="secondary">Arrêter l'aide</Button>
        </form>
      )}
      <h2>Versions</h2>
      <ul>
        {[...aid.versions].reverse().map((v) => (
          <li>
            Version {v.number} : {STATUS_LABEL[v.status].toLowerCase()}, à partir de{" "}
            {monthLabel(v.validFrom)}
            {v.validUntil ? ` jusqu'à ${monthLabel(v.validUntil)}` : ""}
            {v.status === "publiee" && v.validUntil === null ? " (en vigueur)" : ""}.
          </li>
        ))}
      </ul>
      <p>
        <a href={LOCAL_AIDS_PATH}>Toutes les aides du Département</a>
      </p>
    </>
  );
}
