import type { Tx } from "../../db/database.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { auditPilote, changeCurrentPlan, type PiloteContext } from "./pilote-changes.ts";
import { includesDrafts } from "./policy.ts";
import type { ActionStatus, BudgetSection, StepStatus } from "./tables.ts";

/** The sheet's texts a pilote writes, drafted then published. */
export type SheetTexts = {
  findings: string;
  objectives: string;
  measures: string;
  calendar: string;
};

export const TEXT_FIELDS: readonly (keyof SheetTexts)[] = [
  "findings",
  "objectives",
  "measures",
  "calendar",
];

export type StepInput = {
  label: string;
  plannedOn: string;
  doneOn: string | null;
  status: StepStatus;
  published: boolean;
};

export type StepView = StepInput & { id: string; isDemo: boolean };

export type NoteView = {
  id: string;
  notedOn: string;
  text: string;
  published: boolean;
  isDemo: boolean;
};

export type ActionBudgetInput = {
  year: number;
  section: BudgetSection;
  plannedCents: number | null;
  executedCents: number | null;
  source: string;
  published: boolean;
};

export type ActionBudgetView = ActionBudgetInput & { isDemo: boolean };

export type TextVersion = SheetTexts & { publishedAt: Date; changed: (keyof SheetTexts)[] };

/** What the action page shows beside the sheet's own fields. */
export type SheetFollowUp = {
  steps: StepView[];
  notes: NoteView[];
  budget: ActionBudgetView[];
  /** The published versions of the texts, oldest first, each with the fields it changed. */
  textHistory: TextVersion[];
  /** The pending draft, for readers of drafts only. */
  draft: (SheetTexts & { savedAt: Date }) | undefined;
};

/** The steps, notes, budget and text history of one action (drafts for readers of drafts). */
export async function sheetFollowUp(
  { db, actor }: Pick<ServiceContext, "db" | "actor">,
  actionId: string,
): Promise<SheetFollowUp> {
  const drafts = includesDrafts(actor);
  let stepsQuery = db
    .selectFrom("steering_action_step")
    .selectAll()
    .where("action_id", "=", actionId)
    .orderBy("planned_on")
    .orderBy("created_at");
  let notesQuery = db
    .selectFrom("steering_action_note")
    .selectAll()
    .where("action_id", "=", actionId)
    .orderBy("noted_on", "desc")
    .orderBy("created_at", "desc");
  let budgetQuery = db
    .selectFrom("steering_action_budget")
    .selectAll()
    .where("action_id", "=", actionId)
    .orderBy("year")
    .orderBy("section");
  if (!drafts) {
    stepsQuery = stepsQuery.where("published", "=", true);
    notesQuery = notesQuery.where("published", "=", true);
    budgetQuery = budgetQuery.where("published", "=", true);
  }
  const [steps, notes, budget, texts] = await Promise.all([
    stepsQuery.execute(),
    notesQuery.execute(),
    budgetQuery.execute(),
    db
      .selectFrom("steering_action_text")
      .selectAll()
      .where("action_id", "=", actionId)
      .orderBy("published_at")
      .execute(),
  ]);
  // By date; at the same instant, the document's original (saved by nobody) first.
  const published = texts
    .filter((text) => text.published_at !== null)
    .sort(
      (a, b) =>
        (a.published_at as Date).getTime() - (b.published_at as Date).getTime() ||
        Number(a.saved_by !== null) - Number(b.saved_by !== null),
    );
  const pending = texts.find((text) => text.published_at === null);
  const textHistory: TextVersion[] = [];
  for (const [index, text] of published.entries()) {
    const before = published[index - 1];
    textHistory.push({
      findings: text.findings,
      objectives: text.objectives,
      measures: text.measures,
      calendar: text.calendar,
      publishedAt: text.published_at as Date,
      changed: TEXT_FIELDS.filter((field) => !before || before[field] !== text[field]),
    });
  }
  return {
    steps: steps.map((step) => ({
      id: step.id,
      label: step.label,
      plannedOn: step.planned_on,
      doneOn: step.done_on,
      status: step.status,
      published: step.published,
      isDemo: step.is_demo,
    })),
    notes: notes.map((note) => ({
      id: note.id,
      notedOn: note.noted_on,
      text: note.text,
      published: note.published,
      isDemo: note.is_demo,
    })),
    budget: budget.map((line) => ({
      year: line.year,
      section: line.section,
      plannedCents: line.planned_cents === null ? null : Number(line.planned_cents),
      executedCents: line.executed_cents === null ? null : Number(line.executed_cents),
      source: line.source,
      published: line.published,
      isDemo: line.is_demo,
    })),
    textHistory,
    draft:
      drafts && pending
        ? {
            findings: pending.findings,
            objectives: pending.objectives,
            measures: pending.measures,
            calendar: pending.calendar,
            savedAt: pending.saved_at,
          }
        : undefined,
  };
}

/** Runs a pilote's change on the action of that number, with its audit event. */
function changeAction<T>(
  ctx: ServiceContext,
  number: number,
  audit: { action: AuditAction; details: Record<string, unknown> },
  change: (tx: Tx, action: { id: string }, pilote: PiloteContext) => Promise<T>,
): Promise<T> {
  return changeCurrentPlan(ctx, async (tx, plan, pilote) => {
    const action = await tx
      .selectFrom("steering_action")
      .select("id")
      .where("plan_id", "=", plan.id)
      .where("number", "=", number)
      .executeTakeFirst();
    if (!action) throw new NotFound();
    const result = await change(tx, action, pilote);
    await auditPilote(tx, pilote, {
      action: audit.action,
      subjectType: "steering_action",
      subjectId: action.id,
      details: { number, ...audit.details },
    });
    return result;
  });
}

export type ActionChange = {
  status: ActionStatus;
  published: boolean;
  copilObservations: string;
};

/** A pilote changes an action's status, publication or COPIL observations. */
export async function updateAction(
  ctx: ServiceContext,
  number: number,
  change: ActionChange,
): Promise<void> {
  const { now } = ctx;
  await changeCurrentPlan(ctx, async (tx, plan, pilote) => {
    const updated = await tx
      .updateTable("steering_action")
      .set({
        status: change.status,
        published: change.published,
        copil_observations: change.copilObservations,
        updated_at: now,
      })
      .where("plan_id", "=", plan.id)
      .where("number", "=", number)
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new NotFound();
    await tx
      .insertInto("steering_action_change")
      .values({
        action_id: updated.id,
        changed_at: now,
        changed_by: pilote.actor.userId,
        status: change.status,
        published: change.published,
        copil_observations: change.copilObservations,
      })
      .execute();
    await auditPilote(tx, pilote, {
      action: "steering.action.update",
      subjectType: "steering_action",
      subjectId: updated.id,
      details: { number, status: change.status, published: change.published },
    });
  });
}

/**
 * A pilote saves the sheet's texts as a draft (private: the public page keeps
 * the published texts), or publishes them: the draft becomes the sheet's
 * texts and a dated version of the public history.
 */
export async function saveSheetTexts(
  ctx: ServiceContext,
  number: number,
  texts: SheetTexts,
  publish: boolean,
): Promise<void> {
  await changeAction(
    ctx,
    number,
    {
      action: publish ? "steering.action.publish_texts" : "steering.action.draft_texts",
      details: {},
    },
    async (tx, action, pilote) => {
      if (publish) await keepOriginalTexts(tx, action.id);
      // The one draft is replaced; publishing turns it into a dated version.
      await tx
        .deleteFrom("steering_action_text")
        .where("action_id", "=", action.id)
        .where("published_at", "is", null)
        .execute();
      await tx
        .insertInto("steering_action_text")
        .values({
          action_id: action.id,
          ...texts,
          saved_at: ctx.now,
          saved_by: pilote.actor.userId,
          published_at: publish ? ctx.now : null,
        })
        .execute();
      if (publish) {
        await tx
          .updateTable("steering_action")
          .set({ ...texts, updated_at: ctx.now })
          .where("id", "=", action.id)
          .execute();
      }
    },
  );
}

/** Before the first publication: the document's texts become the history's first version. */
async function keepOriginalTexts(tx: Tx, actionId: string): Promise<void> {
  const versions = await tx
    .selectFrom("steering_action_text")
    .select("id")
    .where("action_id", "=", actionId)
    .where("published_at", "is not", null)
    .limit(1)
    .execute();
  if (versions.length > 0) return;
  const original = await tx
    .selectFrom("steering_action")
    .select(["findings", "objectives", "measures", "calendar", "created_at"])
    .where("id", "=", actionId)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("steering_action_text")
    .values({
      action_id: actionId,
      findings: original.findings,
      objectives: original.objectives,
      measures: original.measures,
      calendar: original.calendar,
      saved_at: original.created_at,
      saved_by: null,
      published_at: original.created_at,
    })
    .execute();
}

/** A step's columns, as the forms and the demo write them. */
function stepColumns(step: Omit<StepInput, "published">) {
  return {
    label: step.label,
    planned_on: step.plannedOn,
    done_on: step.doneOn,
    status: step.status,
  };
}

export async function addStep(ctx: ServiceContext, number: number, step: StepInput): Promise<void> {
  await changeAction(
    ctx,
    number,
    { action: "steering.action.step_add", details: { ...step } },
    async (tx, action) => {
      await tx
        .insertInto("steering_action_step")
        .values({
          action_id: action.id,
          ...stepColumns(step),
          published: step.published,
          is_demo: false,
          created_at: ctx.now,
          updated_at: ctx.now,
        })
        .execute();
    },
  );
}

export async function updateStep(
  ctx: ServiceContext,
  number: number,
  stepId: string,
  step: StepInput,
): Promise<void> {
  await changeAction(
    ctx,
    number,
    { action: "steering.action.step_update", details: { stepId, ...step } },
    async (tx, action) => {
      const updated = await tx
        .updateTable("steering_action_step")
        .set({ ...stepColumns(step), published: step.published, updated_at: ctx.now })
        .where("id", "=", stepId)
        .where("action_id", "=", action.id)
        .returning("id")
        .executeTakeFirst();
      if (!updated) throw new NotFound();
    },
  );
}

export async function addNote(
  ctx: ServiceContext,
  number: number,
  note: { notedOn: string; text: string; published: boolean },
): Promise<void> {
  await changeAction(
    ctx,
    number,
    {
      action: "steering.action.note_add",
      details: { notedOn: note.notedOn, published: note.published },
    },
    async (tx, action, pilote) => {
      await tx
        .insertInto("steering_action_note")
        .values({
          action_id: action.id,
          noted_on: note.notedOn,
          text: note.text,
          published: note.published,
          is_demo: false,
          created_by: pilote.actor.userId,
          created_at: ctx.now,
        })
        .execute();
    },
  );
}

/** A pilote writes the budget of one year and section (it replaces the previous figures). */
export async function saveActionBudget(
  ctx: ServiceContext,
  number: number,
  line: ActionBudgetInput,
): Promise<void> {
  await changeAction(
    ctx,
    number,
    { action: "steering.action.budget_save", details: { ...line } },
    (tx, action) => upsertBudget(tx, action.id, line, false, ctx.now),
  );
}

async function upsertBudget(
  tx: Tx,
  actionId: string,
  line: ActionBudgetInput,
  isDemo: boolean,
  now: Date,
): Promise<void> {
  await tx
    .insertInto("steering_action_budget")
    .values({
      action_id: actionId,
      year: line.year,
      section: line.section,
      planned_cents: line.plannedCents,
      executed_cents: line.executedCents,
      source: line.source,
      published: line.published,
      is_demo: isDemo,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["action_id", "year", "section"]).doUpdateSet((eb) => ({
        planned_cents: eb.ref("excluded.planned_cents"),
        executed_cents: eb.ref("excluded.executed_cents"),
        source: eb.ref("excluded.source"),
        published: eb.ref("excluded.published"),
        is_demo: eb.ref("excluded.is_demo"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
}

/** Demo follow-up of one action (steps, a note, a budget): DEMONSTRATION, marked is_demo. */
export async function insertDemoFollowUp(
  tx: Tx,
  planId: string,
  number: number,
  demo: {
    steps: Omit<StepInput, "published">[];
    notes: { notedOn: string; text: string }[];
    budget: Omit<ActionBudgetInput, "published">[];
  },
  now: Date,
): Promise<void> {
  const action = await tx
    .selectFrom("steering_action")
    .select("id")
    .where("plan_id", "=", planId)
    .where("number", "=", number)
    .executeTakeFirstOrThrow();
  if (demo.steps.length > 0) {
    await tx
      .insertInto("steering_action_step")
      .values(
        demo.steps.map((step) => ({
          action_id: action.id,
          ...stepColumns(step),
          published: true,
          is_demo: true,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  if (demo.notes.length > 0) {
    await tx
      .insertInto("steering_action_note")
      .values(
        demo.notes.map((note) => ({
          action_id: action.id,
          noted_on: note.notedOn,
          text: note.text,
          published: true,
          is_demo: true,
          created_by: null,
          created_at: now,
        })),
      )
      .execute();
  }
  for (const line of demo.budget) {
    await upsertBudget(tx, action.id, { ...line, published: true }, true, now);
  }
}
