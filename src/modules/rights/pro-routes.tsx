// The professional's dense form: one page, the same engine and the same
// results as the resident questionnaire, for a travailleur social or an
// agent d'accueil during an interview.
import { Hono } from "hono";
import { authorize } from "../../platform/access/policy.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { Alert, CsrfField, ErrorSummary, TextField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { rightsRules } from "./policy.ts";
import {
  type Answers,
  answersToHousehold,
  checkStep,
  keepValues,
  MAX_CHILDREN,
  STEP_IDS,
  type Values,
} from "./questionnaire.ts";
import {
  accessToRightsBooking,
  currentMonth,
  placesToApply,
  territoryCommunes,
} from "./results.ts";
import { FIRST_MONTH, type SimulationResult, simulate } from "./service.ts";
import { ChoiceGroup, PrintNote, ResultsView, StepFields } from "./views.tsx";

export const proRoutes = new Hono<AppEnv>();
const PATH = "/pro/simulateur";
const PRO_CHILD_SLOTS = 6;

/**
 * Seam for the records module: attaching a simulation to a person's record.
 * records/service.ts exports no such function yet; when it does, the results
 * page offers "Rattacher au dossier" through this type.
 */
export type AttachSimulation = (input: {
  personId: string;
  month: string;
  household: ReturnType<typeof answersToHousehold>;
  result: SimulationResult;
}) => Promise<void>;

/** The dense form's values → the questionnaire's answers (partner and children from the dates given). */
export function proAnswers(values: Values): Answers {
  const children = Array.from({ length: PRO_CHILD_SLOTS }, (_, i) => values[`enfant${i + 1}`] ?? "")
    .map((d) => d.trim())
    .filter(Boolean);
  const ages: Values = { ...values };
  for (let i = 1; i <= PRO_CHILD_SLOTS; i++) delete ages[`enfant${i}`];
  children.forEach((d, i) => {
    ages[`enfant${i + 1}`] = d;
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

proRoutes.post(PATH, async (c) => {
  authorize(c.var.actor, rightsRules.simulateForInterview, undefined);
  const body = await c.req.parseBody({ all: true });
  const values = keepValues("prestations", body);
  const month = values.mois ?? "";
  const errors: Record<string, string> = {};
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month < FIRST_MONTH)
    errors.mois = `Le mois : format AAAA-MM, à partir de ${FIRST_MONTH}`;
  const answers = proAnswers(values);
  if (!errors.mois)
    for (const step of STEP_IDS)
      Object.assign(errors, checkStep(step, answers[step] ?? {}, answers, month));
  if (Object.keys(errors).length > 0) return render(c, values, errors);
  const household = answersToHousehold(answers, month);
  const result = simulate(household, month);
  const [places, bookingHref] = await Promise.all([
    placesToApply(c.var.db, c.var.deps.config.departementCode, household.depcom, c.var.deps.now()),
    accessToRightsBooking(c.var.db),
  ]);
  return render(c, values, {}, { result, places, bookingHref });
});

async function render(
  c: AppContext,
  values: Values,
  errors: Record<string, string>,
  outcome?: {
    result: SimulationResult;
    places: Awaited<ReturnType<typeof placesToApply>>;
    bookingHref: string;
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
      <ErrorSummary errors={errors} />
      {outcome && (
        <section aria-labelledby="resultats">
          <h2 id="resultats">Résultats</h2>
          <ResultsView
            result={outcome.result}
            places={outcome.places}
            bookingHref={outcome.bookingHref}
            headingLevel={3}
          />
          <PrintNote />
          <Alert kind="info" title="Rattacher au dossier">
            <p>
              Le rattachement d'une simulation au dossier d'une personne arrivera avec le module des
              dossiers ; en attendant, imprimez ou enregistrez les résultats en PDF.
            </p>
          </Alert>
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
            {Array.from({ length: PRO_CHILD_SLOTS }, (_, i) =>
              date(`enfant${i + 1}`, `Enfant ${i + 1} : date de naissance`),
            )}
          </div>
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
          <div>
            <StepFields
              step="situation"
              values={values}
              errors={errors}
              answers={asCouple}
              communes={communes}
            />
          </div>
          <div>
            <StepFields
              step="ressources"
              values={values}
              errors={errors}
              answers={asCouple}
              communes={communes}
            />
          </div>
          <div>
            <StepFields
              step="logement"
              values={values}
              errors={errors}
              answers={asCouple}
              communes={communes}
            />
          </div>
          <div>
            <StepFields
              step="prestations"
              values={values}
              errors={errors}
              answers={asCouple}
              communes={communes}
            />
          </div>
        </div>
        <button type="submit" class="button button--primary">
          Simuler
        </button>
      </form>
    </Layout>,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
}
