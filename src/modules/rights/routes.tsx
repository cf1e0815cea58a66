// The resident questionnaire, without an account and without JavaScript:
// one step per page; the answers travel in a signed hidden field of the form
// (never in the URL, never in a server session); a recap lets each step be
// corrected, then the results.
import { Hono } from "hono";
import { z } from "zod";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import { parseForm } from "../../platform/http/forms.ts";
import { Alert, CsrfField, ErrorSummary } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { simulationsApi } from "./api.ts";
import { localAidRoutes } from "./local-aid-admin-routes.tsx";
import { nonTakeUpRoutes } from "./non-take-up-routes.tsx";
import { proRoutes } from "./pro-routes.tsx";
import {
  type Answers,
  answersToHousehold,
  checkStep,
  firstIncompleteStep,
  keepValues,
  openAnswers,
  STEP_IDS,
  STEPS,
  type StepId,
  sealAnswers,
  type Values,
} from "./questionnaire.ts";
import { type Commune, StepFields } from "./questionnaire-views.tsx";
import {
  accessToRightsBooking,
  currentMonth,
  localAidsFor,
  placesToApply,
  territoryCommunes,
} from "./results.ts";
import { PrintNote, ResultsView } from "./results-views.tsx";
import { simulate } from "./service.ts";
import { stepSummary } from "./step-summary.ts";

export const rightsRoutes = new Hono<AppEnv>();

const TITLE = "Connaître mes droits";
const QUESTIONS = "/mes-droits/questions";
const crumbs = (label?: string) =>
  label ? [{ label: TITLE, href: "/mes-droits" }, { label }] : [{ label: TITLE }];

rightsRoutes.get("/mes-droits", (c) =>
  c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={crumbs()}>
      <h1>{TITLE}</h1>
      <p class="lead">
        En 5 minutes, sans compte, découvrez les aides auxquelles vous avez probablement droit, leur
        montant estimé, et où les demander.
      </p>
      <p>
        <a class="button button--primary" href={QUESTIONS}>
          Commencer
        </a>
      </p>
      <p>Nous vous poserons des questions en six étapes courtes{"\u00a0"}:</p>
      <ol>
        {STEPS.map((s) => (
          <li>{s.title}</li>
        ))}
      </ol>
      <p>
        Aides calculées : RSA, prime d'activité, complémentaire santé solidaire, aides au logement,
        allocations familiales, allocation de rentrée scolaire, allocation de soutien familial,
        complément familial, allocation de base et prime à la naissance de la PAJE, prime de Noël,
        AAH, ASPA, chèque énergie, bourses de collège et de lycée{"\u202f"}; et les aides propres au
        Département.
      </p>
      <p>
        Vos réponses ne sont pas enregistrées{"\u00a0"}: elles restent dans la page de votre
        navigateur le temps du questionnaire. Vous pourrez corriger chaque réponse avant de voir le
        résultat.
      </p>
    </Layout>,
  ),
);

rightsRoutes.get(QUESTIONS, async (c) => renderStep(c, "foyer", {}, {}, {}));

/**
 * A step's post: the sealed answers, the button pressed, the step shown;
 * the step's own fields stay in the object, for `keepValues` and `checkStep`.
 */
const StepPost = z.looseObject({
  etat: z.unknown().optional().transform(text),
  action: z
    .unknown()
    .optional()
    .transform((value) => text(value) ?? "suivant"),
  etape: z
    .unknown()
    .optional()
    .transform((value) => STEP_IDS.find((s) => s === text(value))),
});

rightsRoutes.post(QUESTIONS, async (c) => {
  const body = await parseForm(c, StepPost);
  const month = currentMonth(c.var.now);
  const opened = openAnswers(body.etat, c.var.deps.config.secret);
  if (opened === undefined) {
    return renderStep(
      c,
      "foyer",
      {},
      {},
      {},
      "Vos réponses n'ont pas pu être relues. Recommencez le questionnaire, s'il vous plaît.",
    );
  }
  const answers: Answers = { ...opened };
  const { action, etape: current } = body;

  if (action.startsWith("modifier:")) {
    const step = STEP_IDS.find((s) => `modifier:${s}` === action) ?? "foyer";
    return renderStep(c, step, answers, answers[step] ?? {}, {});
  }
  if (action === "recapitulatif") return renderNext(c, answers, month);
  if (action === "resultats") return renderResults(c, answers, month);
  if (!current) return renderNext(c, answers, month);

  const values = keepValues(current, body);
  if (action === "precedent") {
    answers[current] = values;
    const index = STEP_IDS.indexOf(current);
    const previous = STEP_IDS[Math.max(0, index - 1)] as StepId;
    return renderStep(c, previous, answers, answers[previous] ?? {}, {});
  }
  const errors = checkStep(current, values, answers, month);
  if (Object.keys(errors).length > 0) return renderStep(c, current, answers, values, errors);
  answers[current] = values;
  return renderNext(c, answers, month);
});

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

async function communesOf(c: AppContext): Promise<Commune[]> {
  return territoryCommunes(c.var.db, c.var.deps.config.departementCode);
}

/** The first step that is missing or no longer holds, else the recap. */
async function renderNext(c: AppContext, answers: Answers, month: string) {
  const next = firstIncompleteStep(answers, month);
  if (next) {
    const values = answers[next] ?? {};
    const errors = answers[next] ? checkStep(next, values, answers, month) : {};
    return renderStep(c, next, answers, values, errors);
  }
  return renderRecap(c, answers);
}

function StateFields({ c, answers, step }: { c: AppContext; answers: Answers; step?: StepId }) {
  return (
    <>
      <CsrfField token={c.var.csrfToken} />
      <input type="hidden" name="etat" value={sealAnswers(answers, c.var.deps.config.secret)} />
      {step && <input type="hidden" name="etape" value={step} />}
    </>
  );
}

async function renderStep(
  c: AppContext,
  step: StepId,
  answers: Answers,
  values: Values,
  errors: Record<string, string>,
  problem?: string,
) {
  const index = STEP_IDS.indexOf(step);
  const meta = STEPS[index] as (typeof STEPS)[number];
  const communes = step === "logement" ? await communesOf(c) : [];
  const complete = firstIncompleteStep(answers, currentMonth(c.var.now)) === undefined;
  const title = `${meta.title} — étape ${index + 1} sur ${STEPS.length}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={Object.keys(errors).length > 0 ? `Erreur : ${title}` : title}
      breadcrumb={crumbs(meta.title)}
    >
      {problem && <Alert kind="warning">{problem}</Alert>}
      <ErrorSummary errors={errors} />
      <p class="rights-step">
        Étape {index + 1} sur {STEPS.length}
      </p>
      <h1>{meta.title}</h1>
      <form method="post" action={QUESTIONS} class="form" novalidate>
        <StateFields c={c} answers={answers} step={step} />
        <StepFields
          step={step}
          values={values}
          errors={errors}
          answers={answers}
          communes={communes}
          month={currentMonth(c.var.now)}
        />
        <div class="rights-actions">
          <button type="submit" name="action" value="suivant" class="button button--primary">
            {complete ? "Enregistrer et revenir au récapitulatif" : "Continuer"}
          </button>
          {index > 0 && (
            <button type="submit" name="action" value="precedent" class="button button--secondary">
              Étape précédente
            </button>
          )}
        </div>
      </form>
    </Layout>,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
}

async function renderRecap(c: AppContext, answers: Answers) {
  const communes = await communesOf(c);
  return c.html(
    <Layout page={pageContext(c)} title="Vérifiez vos réponses" breadcrumb={crumbs("Vos réponses")}>
      <h1>Vérifiez vos réponses</h1>
      <p>Vous pouvez corriger chaque étape sans recommencer.</p>
      <form method="post" action={QUESTIONS} class="form">
        <StateFields c={c} answers={answers} />
        <dl class="rights-recap">
          {STEPS.map((s) => (
            <div class="rights-recap__step">
              <dt>{s.title}</dt>
              <dd>
                <ul>
                  {stepSummary(s.id, answers, communes).map((line) => (
                    <li>{line}</li>
                  ))}
                </ul>
                <button
                  type="submit"
                  name="action"
                  value={`modifier:${s.id}`}
                  class="button button--link"
                >
                  Modifier<span class="visually-hidden"> : {s.title.toLowerCase()}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
        <button type="submit" name="action" value="resultats" class="button button--primary">
          Voir mes résultats
        </button>
      </form>
    </Layout>,
  );
}

async function renderResults(c: AppContext, answers: Answers, month: string) {
  if (firstIncompleteStep(answers, month) !== undefined) return renderNext(c, answers, month);
  const household = answersToHousehold(answers, month);
  const result = simulate(household, month);
  const places = await placesToApply(
    requestContext(c),
    c.var.deps.config.departementCode,
    household.depcom,
  );
  const bookingHref = await accessToRightsBooking(c.var.db, household.depcom, places);
  const localAids = await localAidsFor(c.var.db, household, result);
  return c.html(
    <Layout page={pageContext(c)} title="Vos droits estimés" breadcrumb={crumbs("Résultats")}>
      <h1>Vos droits estimés</h1>
      <ResultsView
        result={result}
        places={places}
        bookingHref={bookingHref}
        localAids={localAids}
      />
      <PrintNote />
      <form method="post" action={QUESTIONS} class="form no-print">
        <StateFields c={c} answers={answers} />
        <button type="submit" name="action" value="recapitulatif" class="button button--secondary">
          Modifier mes réponses
        </button>
      </form>
      <section class="no-print" aria-labelledby="garder-title">
        <h2 id="garder-title">Garder cette simulation</h2>
        <p>
          Avec un espace personnel, vous retrouvez cette simulation plus tard, vous pouvez la
          refaire pour un autre mois ou la montrer à la personne qui vous accompagne. Rien n'est
          gardé sans votre accord : vous le donnerez à l'étape suivante.
        </p>
        {/* Handled by « Mon espace » (its session cookie is only sent under /mon-espace). */}
        <form method="post" action="/mes-droits/garder-dans-mon-espace" class="form">
          <StateFields c={c} answers={answers} />
          <button type="submit" class="button button--secondary">
            Garder cette simulation dans mon espace
          </button>
        </form>
      </section>
    </Layout>,
  );
}

rightsRoutes.route("/", simulationsApi);
rightsRoutes.route("/", proRoutes);
rightsRoutes.route("/", nonTakeUpRoutes);
rightsRoutes.route("/", localAidRoutes);
