import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import { formRefusal, parseForm, parseParam } from "../../platform/http/forms.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import {
  addNote,
  addStep,
  saveActionBudget,
  saveSheetTexts,
  sheetFollowUp,
  updateStep,
} from "./action-sheet.ts";
import { BudgetEditor, NoteEditor, StepEditor, TextsEditor } from "./action-sheet-editor-views.tsx";
import { STEP_LABELS } from "./action-sheet-views.tsx";
import type { FormState } from "./editor-views.tsx";
import { steeringRules } from "./policy.ts";
import { requireActionSheet } from "./service.ts";
import { Euros, IsoDay, OptionalIsoDay, Publication } from "./steering-schemas.ts";
import { BUDGET_SECTIONS, STEP_STATUSES } from "./tables.ts";

/** A pilote's page to write an action sheet: texts (draft, publish), steps, notes, budget. */
export const actionSheetRoutes = new Hono<AppEnv>();

const PLAN = "Le plan contre la pauvreté";
const ActionNumber = z.coerce.number().int().positive().max(9999);
const Uuid = z.uuid();

const longText = z.string().trim().max(20_000, "20 000 caractères au plus.").default("");
const TextsForm = z.object({
  findings: longText,
  objectives: longText,
  measures: longText,
  calendar: longText,
  envoi: z.enum(["brouillon", "publier"], { error: "Choisissez d'enregistrer ou de publier." }),
});

const StepForm = z.object({
  libelle: z
    .string("Nommez l'étape.")
    .trim()
    .min(1, "Nommez l'étape.")
    .max(300, "300 caractères au plus."),
  prevue_le: IsoDay,
  faite_le: OptionalIsoDay,
  etat: z.enum(STEP_STATUSES, { error: "Choisissez l'état de l'étape." }),
  publication: Publication,
});

const NoteForm = z.object({
  date: IsoDay,
  texte: z
    .string("Écrivez la note.")
    .trim()
    .min(1, "Écrivez la note.")
    .max(5000, "5 000 caractères au plus."),
  // One page holds three forms: each field has its own name (and id).
  publication_note: Publication,
});

const BudgetForm = z.object({
  annee: z.coerce
    .number("Indiquez l'année.")
    .int("Indiquez l'année sur 4 chiffres.")
    .min(2000, "Indiquez une année entre 2000 et 2100.")
    .max(2100, "Indiquez une année entre 2000 et 2100."),
  section: z.enum(BUDGET_SECTIONS, { error: "Choisissez fonctionnement ou investissement." }),
  prevu: Euros,
  realise: Euros,
  source: z
    .string("Indiquez d'où viennent les chiffres.")
    .trim()
    .min(1, "Indiquez d'où viennent les chiffres (délibération, compte administratif…).")
    .max(500, "500 caractères au plus."),
  publication_budget: Publication,
});

type Forms = Partial<Record<"texts" | "step" | "note" | "budget", FormState>>;

const actionNumber = (c: AppContext): number => parseParam(c, "number", ActionNumber);

const sheetPath = (number: number) => `/plan/actions/${number}/fiche`;

async function loadSheet(c: AppContext, number: number) {
  authorize(c.var.actor, steeringRules.editPlan, undefined);
  const sheet = await requireActionSheet(requestContext(c), number);
  const followUp = await sheetFollowUp(requestContext(c), sheet.id);
  return { sheet, followUp };
}

async function renderEditor(
  c: AppContext,
  number: number,
  forms: Forms = {},
  status: 200 | 400 = 200,
) {
  const { sheet, followUp } = await loadSheet(c, number);
  const title = `Modifier la fiche de l'action ${sheet.number}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${title} — ${PLAN}`}
      breadcrumb={[
        { label: PLAN, href: "/plan" },
        { label: `Action ${sheet.number}`, href: `/plan/actions/${sheet.number}` },
        { label: "Modifier la fiche" },
      ]}
    >
      <h1>{title}</h1>
      <p>{sheet.title}</p>
      <nav aria-label="Les parties de la fiche">
        <ul>
          <li>
            <a href="#textes">Les textes</a>
          </li>
          <li>
            <a href="#etapes">Les étapes</a>
          </li>
          <li>
            <a href="#notes">Une note de suivi</a>
          </li>
          <li>
            <a href="#budget">Le budget</a>
          </li>
        </ul>
      </nav>
      <TextsEditor
        sheet={sheet}
        followUp={followUp}
        csrfToken={c.var.csrfToken}
        form={forms.texts}
      />
      <section aria-labelledby="etapes">
        <h2 id="etapes">Les étapes (jalons)</h2>
        {followUp.steps.length > 0 && (
          <ul>
            {followUp.steps.map((step) => (
              <li>
                {step.label}, prévue le {frenchLocalDate(step.plannedOn)} :{" "}
                {STEP_LABELS[step.status]}
                {!step.published && " (brouillon)"} ·{" "}
                <a href={`/plan/actions/${sheet.number}/jalons/${step.id}`}>
                  Modifier<span class="visually-hidden"> l'étape {step.label}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <StepEditor
          action={`/plan/actions/${sheet.number}/jalons`}
          heading="Ajouter une étape"
          csrfToken={c.var.csrfToken}
          form={forms.step}
        />
      </section>
      <NoteEditor number={sheet.number} csrfToken={c.var.csrfToken} form={forms.note} />
      <BudgetEditor
        number={sheet.number}
        followUp={followUp}
        csrfToken={c.var.csrfToken}
        form={forms.budget}
      />
      <p>
        <a href={`/plan/actions/${sheet.number}`}>Voir la fiche publique</a>
      </p>
    </Layout>,
    status,
  );
}

actionSheetRoutes.get("/plan/actions/:number/fiche", (c) => renderEditor(c, actionNumber(c)));

actionSheetRoutes.post("/plan/actions/:number/texte", async (c) => {
  const number = actionNumber(c);
  let publish: boolean;
  try {
    const { envoi, ...texts } = await parseForm(c, TextsForm);
    publish = envoi === "publier";
    await saveSheetTexts(requestContext(c), number, texts, publish);
  } catch (error) {
    return renderEditor(c, number, { texts: await formRefusal(c, error) }, 400);
  }
  return c.redirect(publish ? `/plan/actions/${number}` : `${sheetPath(number)}#textes`, 303);
});

function stepInput(data: z.infer<typeof StepForm>) {
  return {
    label: data.libelle,
    plannedOn: data.prevue_le,
    doneOn: data.faite_le,
    status: data.etat,
    published: data.publication,
  };
}

actionSheetRoutes.post("/plan/actions/:number/jalons", async (c) => {
  const number = actionNumber(c);
  try {
    const input = await parseForm(c, StepForm);
    await addStep(requestContext(c), number, stepInput(input));
  } catch (error) {
    return renderEditor(c, number, { step: await formRefusal(c, error) }, 400);
  }
  return c.redirect(`${sheetPath(number)}#etapes`, 303);
});

async function renderStepEditor(
  c: AppContext,
  number: number,
  stepId: string,
  form?: FormState,
  status: 200 | 400 = 200,
) {
  const { sheet, followUp } = await loadSheet(c, number);
  const step = followUp.steps.find((candidate) => candidate.id === stepId);
  if (!step) throw new NotFound();
  const title = `Modifier une étape de l'action ${sheet.number}`;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={`${title} — ${PLAN}`}
      breadcrumb={[
        { label: PLAN, href: "/plan" },
        { label: `Action ${sheet.number}`, href: `/plan/actions/${sheet.number}` },
        { label: "Modifier la fiche", href: sheetPath(sheet.number) },
        { label: "Une étape" },
      ]}
    >
      <h1>{title}</h1>
      <StepEditor
        action={`/plan/actions/${sheet.number}/jalons/${step.id}`}
        heading={step.label}
        csrfToken={c.var.csrfToken}
        form={form}
        step={step}
      />
      <p>
        <a href={sheetPath(sheet.number)}>Retour à la fiche</a>
      </p>
    </Layout>,
    status,
  );
}

const stepId = (c: AppContext): string => parseParam(c, "id", Uuid);

actionSheetRoutes.get("/plan/actions/:number/jalons/:id", (c) =>
  renderStepEditor(c, actionNumber(c), stepId(c)),
);

actionSheetRoutes.post("/plan/actions/:number/jalons/:id", async (c) => {
  const number = actionNumber(c);
  const id = stepId(c);
  try {
    const input = await parseForm(c, StepForm);
    await updateStep(requestContext(c), number, id, stepInput(input));
  } catch (error) {
    return renderStepEditor(c, number, id, await formRefusal(c, error), 400);
  }
  return c.redirect(`${sheetPath(number)}#etapes`, 303);
});

actionSheetRoutes.post("/plan/actions/:number/notes", async (c) => {
  const number = actionNumber(c);
  try {
    const input = await parseForm(c, NoteForm);
    await addNote(requestContext(c), number, {
      notedOn: input.date,
      text: input.texte,
      published: input.publication_note,
    });
  } catch (error) {
    return renderEditor(c, number, { note: await formRefusal(c, error) }, 400);
  }
  return c.redirect(`${sheetPath(number)}#notes`, 303);
});

actionSheetRoutes.post("/plan/actions/:number/budget", async (c) => {
  const number = actionNumber(c);
  try {
    const input = await parseForm(c, BudgetForm);
    await saveActionBudget(requestContext(c), number, {
      year: input.annee,
      section: input.section,
      plannedCents: input.prevu,
      executedCents: input.realise,
      source: input.source,
      published: input.publication_budget,
    });
  } catch (error) {
    return renderEditor(c, number, { budget: await formRefusal(c, error) }, 400);
  }
  return c.redirect(`${sheetPath(number)}#budget`, 303);
});
