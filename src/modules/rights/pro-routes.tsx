// The professional's dense form: one page, the same engine and the same
// results as the resident questionnaire, for a travailleur social or an
// agent d'accueil during an interview.
import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, parseForm, parseValue } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import {
  Alert,
  Button,
  CsrfField,
  DateField,
  ErrorSummary,
  Radios,
  SelectField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import {
  attachSimulation,
  listSimulationTargets,
  type SimulationToAttach,
} from "../records/service.ts";
import { rightsRules } from "./policy.ts";
import {
  type Answers,
  answersToHousehold,
  checkStep,
  keepValues,
  MAX_CHILDREN,
  SCHOOL_LABELS,
  STEP_IDS,
  type Values,
} from "./questionnaire.ts";
import { StepFields } from "./questionnaire-views.tsx";
import {
  accessToRightsBooking,
  currentMonth,
  localAidsFor,
  placesToApply,
  territoryCommunes,
} from "./results.ts";
import { PrintNote, ResultsView } from "./results-views.tsx";
import { type SimulationResult, simulate } from "./service.ts";
import { SimulatedMonth } from "./simulation-schemas.ts";

export const proRoutes = new Hono<AppEnv>();
const PATH = "/pro/simulateur";
const ATTACH_PATH = `${PATH}/rattacher`;
const PRO_CHILD_SLOTS = 6;

// The results page lists the worker's records (names): personal data.
proRoutes.post(PATH, holdsPersonalData);
proRoutes.post(ATTACH_PATH, holdsPersonalData);

/** The dense form's values → the questionnaire's answers (partner and children from the dates given). */
export function proAnswers(values: Values): Answers {
  const children = Array.from({ length: PRO_CHILD_SLOTS }, (_, i) => ({
    birth: (values[`enfant${i + 1}`] ?? "").trim(),
    school: values[`enfant${i + 1}_ecole`] ?? "",
  })).filter((child) => child.birth !== "");
  const ages: Values = { ...values };
  for (let i = 1; i <= PRO_CHILD_SLOTS; i++) {
    delete ages[`enfant${i}`];
    delete ages[`enfant${i}_ecole`];
  }
  children.forEach((child, i) => {
    ages[`enfant${i + 1}`] = child.birth;
    if (child.school !== "") ages[`enfant${i + 1}_ecole`] = child.school;
  });
  if (!ages.isole_recent) ages.isole_recent = "non";
  const couple = (values.conjoint_naissance ?? "").trim() !== "";
  return {
    foyer: {
      couple: couple ? "oui" : "non",
      enfants: String(Math.min(children.length, MAX_CHILDREN)),
    },
    ages,
    situation: values,
    ressources: values,
    logement: values,
    prestations: { percues: values.percues ?? "" },
  };
}

proRoutes.get(PATH, async (c) => {
  authorize(c.var.actor, rightsRules.simulateForInterview, undefined);
  return render(c, { mois: currentMonth(c.var.now), handicap: "non", statut: "locataire" }, {});
});

const DenseMonth = z.object({ mois: SimulatedMonth });

/** Validates the dense form and simulates; else `Invalid`, a message per field in French. */
function compute(values: Values) {
  const month = parseValue(DenseMonth, values).mois;
  const answers = proAnswers(values);
  const errors: Record<string, string> = {};
  for (const step of STEP_IDS)
    Object.assign(errors, checkStep(step, answers[step] ?? {}, answers, month));
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const household = answersToHousehold(answers, month);
  return { household, result: simulate(household, month) } as const;
}

/** What the record keeps: the answers given and the estimate per benefit, without the trace. */
export function toAttach(values: Values, result: SimulationResult): SimulationToAttach {
  return {
    month: result.month,
    inputs: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")),
    results: Object.values(result.results).map((r) => ({
      benefit: r.benefit,
      label: r.label,
      eligible: r.eligible,
      amountCents: r.amountCents,
      periodicity: r.periodicity,
      reason: r.reason,
    })),
  };
}

/** The form's answers, and the record chosen to attach them to (not an answer). */
const DenseFormFields = z.record(z.string(), z.unknown()).transform((body) => {
  const { dossier = "", ...values } = keepValues("prestations", body);
  return { values, dossier };
});

proRoutes.post(PATH, async (c) => {
  authorize(c.var.actor, rightsRules.simulateForInterview, undefined);
  let values: Values = {};
  let computed: ReturnType<typeof compute>;
  try {
    ({ values } = await parseForm(c, DenseFormFields));
    computed = compute(values);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return render(c, values, errors);
  }
  return renderResults(c, values, computed);
});

/**
 * Attaches the simulation to a record: computed again from the answers (the
 * page's figures are never trusted), then the records module decides (404
 * for a record the worker may not see) and audits.
 */
proRoutes.post(ATTACH_PATH, async (c) => {
  authorize(c.var.actor, rightsRules.simulateForInterview, undefined);
  let values: Values = {};
  let parcoursId = "";
  let computed: ReturnType<typeof compute>;
  try {
    ({ values, dossier: parcoursId } = await parseForm(c, DenseFormFields));
    computed = compute(values);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return render(c, values, errors);
  }
  if (parcoursId === "") {
    return renderResults(c, values, computed, {
      dossier: "Choisissez le dossier de la personne.",
    });
  }
  await attachSimulation(userContext(c), parcoursId, toAttach(values, computed.result));
  return c.redirect(`/pro/dossiers/${parcoursId}#simulations`, 303);
});

async function renderResults(
  c: AppContext,
  values: Values,
  computed: { household: ReturnType<typeof answersToHousehold>; result: SimulationResult },
  attachErrors: Record<string, string> = {},
) {
  const { household, result } = computed;
  const [places, targets] = await Promise.all([
    placesToApply(requestContext(c), c.var.deps.config.departementCode, household.depcom),
    listSimulationTargets(userContext(c)),
  ]);
  const bookingHref = await accessToRightsBooking(c.var.db, household.depcom, places);
  const localAids = await localAidsFor(c.var.db, household, result);
  return render(c, values, {}, { result, places, bookingHref, targets, attachErrors, localAids });
}

async function render(
  c: AppContext,
  values: Values,
  errors: Record<string, string>,
  outcome?: {
    result: SimulationResult;
    places: Awaited<ReturnType<typeof placesToApply>>;
    bookingHref: string;
    targets: Awaited<ReturnType<typeof listSimulationTargets>>;
    attachErrors: Record<string, string>;
    localAids: Awaited<ReturnType<typeof localAidsFor>>;
  },
) {
  const communes = await territoryCommunes(c.var.db, c.var.deps.config.departementCode);
  return c.html(
    <Layout
      page={pageContext(c)}
      title={
        Object.keys(errors).length > 0 ? "Erreur : simulateur de droits" : "Simulateur de droits"
      }
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Simulateur de droits" },
      ]}
    >
      <h1>Simulateur de droits</h1>
      <ErrorSummary errors={outcome ? outcome.attachErrors : errors} />
      {outcome && (
        <section aria-labelledby="resultats">
          <h2 id="resultats">Résultats</h2>
          <ResultsView
            result={outcome.result}
            places={outcome.places}
            bookingHref={outcome.bookingHref}
            headingLevel={3}
            localAids={outcome.localAids}
          />
          <PrintNote />
          <AttachForm
            c={c}
            values={values}
            targets={outcome.targets}
            error={outcome.attachErrors.dossier}
          />
          <h2>Modifier la situation</h2>
        </section>
      )}
      <DenseForm csrfToken={c.var.csrfToken} values={values} errors={errors} communes={communes} />
    </Layout>,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
}

type DenseFormProps = { values: Values; errors: Record<string, string> };

/** The whole situation on one page: the household first, then the questionnaire's steps. */
function DenseForm(
  props: DenseFormProps & {
    csrfToken: string;
    communes: Awaited<ReturnType<typeof territoryCommunes>>;
  },
) {
  const { values, errors } = props;
  const asCouple: Answers = { foyer: { couple: "oui", enfants: "0" } };
  return (
    <form method="post" action={PATH} class="form" novalidate>
      <CsrfField token={props.csrfToken} />
      <TextField
        name="mois"
        label="Mois simulé"
        hint="AAAA-MM"
        value={values.mois}
        error={errors.mois}
        required
        width="short"
      />
      <HouseholdFields values={values} errors={errors} />
      <div class="rights-pro-grid">
        {(["situation", "ressources", "logement", "prestations"] as const).map((step) => (
          <div>
            <StepFields
              step={step}
              values={values}
              errors={errors}
              answers={asCouple}
              communes={props.communes}
            />
          </div>
        ))}
      </div>
      <button type="submit" class="button button--primary">
        Simuler
      </button>
    </form>
  );
}

/** The people of the household by their birth dates (the partner's left empty when alone). */
function HouseholdFields({ values, errors }: DenseFormProps) {
  const date = (name: string, label: string, required = false) => (
    <DateField
      name={name}
      label={label}
      value={values[name]}
      error={errors[name]}
      required={required}
    />
  );
  return (
    <fieldset>
      <legend>Foyer</legend>
      <div class="rights-pro-grid">
        {date("naissance", "Date de naissance du demandeur", true)}
        {date("conjoint_naissance", "Date de naissance du conjoint (vide si seul)")}
        {Array.from({ length: PRO_CHILD_SLOTS }, (_, i) => (
          <div>
            {date(`enfant${i + 1}`, `Enfant ${i + 1} : date de naissance`)}
            <SelectField
              name={`enfant${i + 1}_ecole`}
              label={`Enfant ${i + 1} : scolarité`}
              value={values[`enfant${i + 1}_ecole`]}
              error={errors[`enfant${i + 1}_ecole`]}
              options={[
                { value: "", label: "Non précisé" },
                ...Object.entries(SCHOOL_LABELS).map(([value, label]) => ({ value, label })),
              ]}
            />
          </div>
        ))}
      </div>
      <TextField
        name="rfr"
        label="Revenu fiscal de référence de l'année N-2 (bourses)"
        hint="En euros, sur l'avis d'impôt de l'année N-1. Laissez vide s'il n'est pas connu : il sera estimé."
        value={values.rfr}
        error={errors.rfr}
        inputmode="decimal"
        width="short"
      />
      <Radios
        name="isole_recent"
        legend="Parent isolé depuis moins d'un an (majoration) ?"
        options={[
          { value: "non", label: "Non" },
          { value: "oui", label: "Oui" },
        ]}
        value={values.isole_recent ?? "non"}
        error={errors.isole_recent}
      />
    </fieldset>
  );
}

/** "Rattacher au dossier": the answers travel again as hidden fields; the server recomputes. */
function AttachForm(props: {
  c: AppContext;
  values: Values;
  targets: Awaited<ReturnType<typeof listSimulationTargets>>;
  error?: string | undefined;
}) {
  if (props.targets.length === 0) {
    return (
      <Alert kind="info" title="Rattacher au dossier">
        <p>
          Un travailleur social rattache la simulation au dossier d'une personne qu'il suit. Sinon,
          imprimez ou enregistrez les résultats en PDF.
        </p>
      </Alert>
    );
  }
  return (
    <form method="post" action={ATTACH_PATH} class="form">
      <h3>Rattacher au dossier</h3>
      <CsrfField token={props.c.var.csrfToken} />
      {Object.entries(props.values).map(([name, value]) =>
        value === "" ? null : <input type="hidden" name={name} value={value} />,
      )}
      <SelectField
        name="dossier"
        label="Dossier de la personne"
        hint="Vos suivis d'abord, puis les dossiers partagés avec votre structure."
        options={[
          { value: "", label: "Choisir un dossier" },
          ...props.targets.map((t) => ({ value: t.parcoursId, label: t.label })),
        ]}
        error={props.error}
        required
      />
      <Button kind="secondary">Rattacher au dossier</Button>
    </form>
  );
}
