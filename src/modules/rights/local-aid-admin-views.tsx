/**
 * The pilote's pages for the Département's own aids: the list, the form (new
 * aid or new version), and an aid's page with its versions and the preview
 * on sample households. No database here.
 */
import type { Child } from "hono/jsx";
import { frenchMonth } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  Fieldset,
  Radios,
  SelectField,
  Tag,
  TextAreaField,
  TextField,
} from "../../platform/ui/components.tsx";
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

export const LOCAL_AIDS_PATH = "/pro/aides-locales";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

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
                    Publiée depuis {frenchMonth(aid.published.validFrom)}
                    {aid.published.validUntil
                      ? ` jusqu'à ${frenchMonth(aid.published.validUntil)}`
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

/** What each part of the aid's form reads: what was typed, and the messages. */
type PartProps = { values: FormValues; errors: Record<string, string> };

function AidText(
  props: PartProps & {
    name: string;
    label: string;
    hint?: string;
    required?: boolean;
    width?: "short" | "medium" | "full";
  },
) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      value={one(props.values[props.name])}
      error={props.errors[props.name]}
      hint={props.hint}
      required={props.required ?? false}
      width={props.width ?? "full"}
    />
  );
}

function AidEuros(props: PartProps & { name: string; label: string }) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      value={one(props.values[props.name])}
      error={props.errors[props.name]}
      inputmode="decimal"
      width="short"
    />
  );
}

/** A box list whose label starts with a capital (the labels are shared with sentences). */
const capitalised = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({
    value,
    label: `${label.charAt(0).toUpperCase()}${label.slice(1)}`,
  }));

export function LocalAidForm(
  props: PartProps & {
    action: string;
    csrfToken: string;
    departementCode: string;
    submit: string;
  },
) {
  const part = { values: props.values, errors: props.errors };
  return (
    <form method="post" action={props.action} class="form" novalidate>
      <CsrfField token={props.csrfToken} />
      <AidIdentityFields {...part} />
      <AidConditionFields {...part} departementCode={props.departementCode} />
      <AidAmountFields {...part} />
      <AidApplyFields {...part} />
      <AidSourceFields {...part} />
      <Button>{props.submit}</Button>
    </form>
  );
}

function AidIdentityFields(part: PartProps) {
  return (
    <fieldset>
      <legend>L'aide</legend>
      <AidText {...part} name="nom" label="Nom de l'aide" required />
      <TextAreaField
        name="description"
        label="À quoi sert l'aide, en mots simples"
        hint="Une ou deux phrases qu'un habitant comprend sans connaître les sigles."
        value={one(part.values.description)}
        error={part.errors.description}
        rows={4}
        required
      />
      <AidText
        {...part}
        name="organisme"
        label="Qui verse l'aide"
        required
        hint="Par exemple : Département (Fonds de solidarité pour le logement)."
      />
      <AidText
        {...part}
        name="date_effet"
        label="Mois d'effet de cette version"
        required
        hint="AAAA-MM. La version s'applique aux mois simulés à partir de celui-ci."
        width="short"
      />
    </fieldset>
  );
}

function AidConditionFields(part: PartProps & { departementCode: string }) {
  const { values, errors } = part;
  return (
    <fieldset>
      <legend>Conditions (toutes doivent être remplies ; laissez vide ce qui ne compte pas)</legend>
      <CheckboxGroup
        name="residence"
        legend="Résidence"
        options={[{ value: "oui", label: `Habiter le département (${part.departementCode})` }]}
        checked={[one(values.residence)]}
        error={errors.residence}
      />
      <AidText
        {...part}
        name="communes"
        label="Seulement dans ces communes"
        hint="Codes INSEE séparés par des virgules, par exemple 92050, 92025."
      />
      <Fieldset
        legend="Plafond de ressources du foyer, par mois"
        hint="Moyenne des 3 mois avant le mois simulé : salaires, chômage, retraites, pensions alimentaires et autres revenus, sans les aides de la CAF. En euros."
      >
        {Array.from({ length: CEILING_SIZES }, (_, i) => (
          <AidEuros
            {...part}
            name={`plafond_${i + 1}`}
            label={i === 0 ? "Personne seule" : `Foyer de ${i + 1} personnes`}
          />
        ))}
        <AidEuros {...part} name="plafond_plus" label="Par personne en plus" />
      </Fieldset>
      <fieldset>
        <legend>Enfants</legend>
        <AidText {...part} name="enfants_min" label="Nombre d'enfants au moins" width="short" />
        <AidText
          {...part}
          name="enfants_age"
          label="Âge des enfants comptés : moins de (ans)"
          width="short"
        />
      </fieldset>
      <fieldset>
        <legend>Âge du demandeur</legend>
        <AidText {...part} name="age_min" label="Au moins (ans)" width="short" />
        <AidText {...part} name="age_max" label="Au plus (ans)" width="short" />
      </fieldset>
      <CheckboxGroup
        name="logement"
        legend="Logement"
        options={capitalised(HOUSING_LABELS)}
        checked={many(values.logement)}
        error={errors.logement}
      />
      <CheckboxGroup
        name="prestations"
        legend="Recevoir, ou avoir probablement droit à, l'une de ces aides nationales"
        options={capitalised(Object.fromEntries(BENEFITS.map((b) => [b, BENEFIT_SHORT_LABELS[b]])))}
        checked={many(values.prestations)}
        error={errors.prestations}
      />
    </fieldset>
  );
}

function AidAmountFields(part: PartProps) {
  const { values, errors } = part;
  return (
    <fieldset>
      <legend>Montant</legend>
      <Radios
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
      <AidEuros {...part} name="montant" label="Montant fixe (euros)" />
      <fieldset>
        <legend>Montant selon le foyer (euros)</legend>
        {Array.from({ length: SCALE_SIZES }, (_, i) => (
          <AidEuros
            {...part}
            name={`bareme_${i + 1}`}
            label={
              i === 0
                ? "1 personne"
                : i === SCALE_SIZES - 1
                  ? `${i + 1} personnes ou plus`
                  : `${i + 1} personnes`
            }
          />
        ))}
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
      <AidText
        {...part}
        name="montant_texte"
        label="Sans montant : comment il est décidé"
        hint="Par exemple : au cas par cas par la commission, selon la facture."
      />
    </fieldset>
  );
}

function AidApplyFields(part: PartProps) {
  return (
    <fieldset>
      <legend>Faire la demande</legend>
      <AidText {...part} name="demande_texte" label="Où et comment" required />
      <AidText
        {...part}
        name="demande_lien"
        label="Lien"
        hint="Une page de ce site (/…) ou une adresse https://."
      />
      <TextAreaField
        name="documents"
        label="Documents à préparer"
        hint="Un document par ligne."
        value={one(part.values.documents)}
        error={part.errors.documents}
        rows={4}
      />
    </fieldset>
  );
}

function AidSourceFields(part: PartProps) {
  return (
    <fieldset>
      <legend>Source</legend>
      <AidText
        {...part}
        name="source_texte"
        label="Délibération du conseil départemental"
        required
        hint="Son numéro et son objet, ou « exemple de démonstration »."
      />
      <AidText
        {...part}
        name="source_date"
        label="Date de la délibération"
        hint="AAAA-MM-JJ."
        width="short"
      />
      <CheckboxGroup
        name="demonstration"
        legend="Démonstration"
        options={[
          { value: "oui", label: "C'est un exemple de démonstration, pas une aide réelle" },
        ]}
        checked={[one(part.values.demonstration)]}
      />
    </fieldset>
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
      <h2 id="apercu">Aperçu sur des foyers types en {frenchMonth(preview.month)}</h2>
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
            {frenchMonth(latest.validFrom)}
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
            {frenchMonth(v.validFrom)}
            {v.validUntil ? ` jusqu'à ${frenchMonth(v.validUntil)}` : ""}
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
