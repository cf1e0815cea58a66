// The professional's dense form: one page, the same engine and the same
// results as the resident questionnaire, for a travailleur social or an
// agent d'accueil during an interview.
import { Hono } from "hono";
import { authorize } from "../../platform/access/policy.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
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
import {
  accessToRightsBooking,
  currentMonth,
  localAidsFor,
  placesToApply,
  territoryCommunes,
} from "./results.ts";
import { PrintNote, ResultsView } from "./results-view.tsx";
import { FIRST_MONTH, type SimulationResult, simulate } from "./service.ts";
import { ChoiceGroup, StepFields } from "./step-fields.tsx";

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
  return render(
    c,
    { mois: currentMonth(c.var.deps.now()), handicap: "non", statut: "locataire" },
    {},
  );
});

/** Validates the dense form and simulates; errors keyed by field, in French. */
function compute(values: Values) {
  const month = values.mois ?? "";
  const errors: Record<string, string> = {};
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month < FIRST_MONTH)
    errors.mois = `Le mois : format AAAA-MM, à partir de ${FIRST_MONTH}`;
  const answers = proAnswers(values);
  if (!errors.mois)
    for (const step of STEP_IDS)
      Object.assign(errors, checkStep(step, answers[step] ?? {}, answers, month));
  if (Object.keys(errors).length > 0) return { errors } as const;
  const household = answersToHousehold(answers, month);
  return { errors, household, result: simulate(household, month) } as const;
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
async function formValues(c: AppContext): Promise<{ values: Values; dossier: string }> {
  const { dossier = "", ...values } = keepValues(
    "prestations",
    await c.req.parseBody({ all: true }),
  );
  return { values, dossier };
}

proRoutes.post(PATH, async (c) => {
  authorize(c.var.actor, rightsRules.simulateForInterview, undefined);
  const { values } = await formValues(c);
  const computed = compute(values);
  if (!computed.result) return render(c, values, computed.errors);
  return renderResults(c, values, computed);
});

/**
 * Attaches the simulation to a record: computed again from the answers (the
 * page's figures are never trusted), then the records module decides (404
 * for a record the worker may not see) and audits.
 */
proRoutes.post(ATTACH_PATH, async (c) => {
  authorize(c.var.actor, rightsRules.simulateForInterview, undefined);
  const { values, dossier: parcoursId } = await formValues(c);
  const computed = compute(values);
  if (!computed.result) return render(c, values, computed.errors);
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
    placesToApply(c.var.db, c.var.deps.config.departementCode, household.depcom, c.var.deps.now()),
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
  const asCouple: Answers = { foyer: { couple: "oui", enfants: "0" } };
  const date = (name: string, label: string, required = false) => (
    <TextField
      name={name}
      label={label}
      type="date"
      value={values[name]}
      error={errors[name]}
      required={required}
      width="medium"
    />
  );
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
      <form method="post" action={PATH} class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="mois"
          label="Mois simulé"
          hint="AAAA-MM"
          value={values.mois}
          error={errors.mois}
          required
          width="short"
        />
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
          <ChoiceGroup
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
        <div class="rights-pro-grid">
          {(["situation", "ressources", "logement", "prestations"] as const).map((step) => (
            <div>
              <StepFields
                step={step}
                values={values}
                errors={errors}
                answers={asCouple}
                communes={communes}
              />
            </div>
          ))}
        </div>
        <button type="submit" class="button button--primary">
          Simuler
        </button>
      </form>
    </Layout>,
    Object.keys(errors).length > 0 ? 400 : 200,
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
