import type { Db, Tx } from "../../db/database.ts";
import type { Actor } from "../../platform/access/actor.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { canReadPlanItem, includesDrafts } from "./policy.ts";
import type { ActionStatus } from "./tables.ts";

/** A plan as written by a loader (the demo, an import): axes → themes → actions. */
export type PlanInput = {
  slug: string;
  title: string;
  period: string;
  summary: string;
  source: string;
  published: boolean;
  isDemo: boolean;
  axes: {
    number: number;
    title: string;
    themes: {
      number: number;
      title: string;
      actions: ActionInput[];
    }[];
  }[];
};

export type ActionInput = {
  number: number;
  title: string;
  status: ActionStatus;
  followedOnly?: boolean;
  findings?: string;
  objectives?: string;
  measures?: string;
  pilots?: string;
  partners?: string;
  followUpIndicators?: string;
  calendar?: string;
  copilObservations?: string;
  published: boolean;
  links?: { path: string; label: string }[];
};

export type ActionSummary = {
  number: number;
  title: string;
  status: ActionStatus;
  followedOnly: boolean;
  published: boolean;
};

export type PlanView = {
  slug: string;
  title: string;
  period: string;
  summary: string;
  source: string;
  isDemo: boolean;
  published: boolean;
  axes: {
    number: number;
    title: string;
    themes: { number: number; title: string; actions: ActionSummary[] }[];
  }[];
};

export type ActionSheet = ActionSummary & {
  id: string;
  axis: { number: number; title: string };
  theme: { number: number; title: string };
  findings: string;
  objectives: string;
  measures: string;
  pilots: string;
  partners: string;
  followUpIndicators: string;
  calendar: string;
  copilObservations: string;
  updatedAt: Date;
  links: { path: string; label: string }[];
  plan: { slug: string; title: string; period: string; isDemo: boolean };
  /** The published changes, oldest first (a draft's changes only for readers of drafts). */
  history: {
    changedAt: Date;
    status: ActionStatus;
    published: boolean;
    copilObservations: string;
  }[];
};

/** Writes a whole plan (a loader's job: the demo seed, an import). */
export async function insertPlan(tx: Tx, plan: PlanInput, now: Date): Promise<string> {
  const { id: planId } = await tx
    .insertInto("steering_plan")
    .values({
      slug: plan.slug,
      title: plan.title,
      period: plan.period,
      summary: plan.summary,
      source: plan.source,
      published: plan.published,
      is_demo: plan.isDemo,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const axis of plan.axes) {
    const { id: axisId } = await tx
      .insertInto("steering_axis")
      .values({ plan_id: planId, number: axis.number, title: axis.title })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [position, theme] of axis.themes.entries()) {
      const { id: themeId } = await tx
        .insertInto("steering_theme")
        .values({ axis_id: axisId, number: theme.number, title: theme.title, position })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (theme.actions.length === 0) continue;
      const actions = await tx
        .insertInto("steering_action")
        .values(
          theme.actions.map((action) => ({
            plan_id: planId,
            theme_id: themeId,
            number: action.number,
            title: action.title,
            status: action.status,
            followed_only: action.followedOnly ?? false,
            findings: action.findings ?? "",
            objectives: action.objectives ?? "",
            measures: action.measures ?? "",
            pilots: action.pilots ?? "",
            partners: action.partners ?? "",
            follow_up_indicators: action.followUpIndicators ?? "",
            calendar: action.calendar ?? "",
            copil_observations: action.copilObservations ?? "",
            published: action.published,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning(["id", "number"])
        .execute();
      const links = theme.actions.flatMap((action) => {
        const id = actions.find((row) => row.number === action.number)?.id;
        return (action.links ?? []).map((link) => ({ action_id: id as string, ...link }));
      });
      if (links.length > 0) await tx.insertInto("steering_action_link").values(links).execute();
    }
  }
  return planId;
}

/** The plan shown at /plan: the latest published one (or draft, for a pilote). */
export async function findCurrentPlan(db: Db, actor: Actor) {
  let query = db.selectFrom("steering_plan").selectAll().orderBy("created_at", "desc").limit(1);
  if (!includesDrafts(actor)) query = query.where("published", "=", true);
  return query.executeTakeFirst();
}

export async function findPlan({
  db,
  actor,
}: Pick<ServiceContext, "db" | "actor">): Promise<PlanView | undefined> {
  const plan = await findCurrentPlan(db, actor);
  if (!plan) return undefined;
  const drafts = includesDrafts(actor);
  let actionsQuery = db
    .selectFrom("steering_action")
    .select(["theme_id", "number", "title", "status", "followed_only", "published"])
    .where("plan_id", "=", plan.id)
    .orderBy("number");
  if (!drafts) actionsQuery = actionsQuery.where("published", "=", true);
  const [axes, themes, actions] = await Promise.all([
    db
      .selectFrom("steering_axis")
      .selectAll()
      .where("plan_id", "=", plan.id)
      .orderBy("number")
      .execute(),
    db
      .selectFrom("steering_theme")
      .innerJoin("steering_axis", "steering_axis.id", "steering_theme.axis_id")
      .select([
        "steering_theme.id",
        "steering_theme.axis_id",
        "steering_theme.number",
        "steering_theme.title",
      ])
      .where("steering_axis.plan_id", "=", plan.id)
      .orderBy("steering_theme.position")
      .execute(),
    actionsQuery.execute(),
  ]);
  return {
    slug: plan.slug,
    title: plan.title,
    period: plan.period,
    summary: plan.summary,
    source: plan.source,
    isDemo: plan.is_demo,
    published: plan.published,
    axes: axes.map((axis) => ({
      number: axis.number,
      title: axis.title,
      themes: themes
        .filter((theme) => theme.axis_id === axis.id)
        .map((theme) => ({
          number: theme.number,
          title: theme.title,
          actions: actions
            .filter((action) => action.theme_id === theme.id)
            .map((action) => ({
              number: action.number,
              title: action.title,
              status: action.status,
              followedOnly: action.followed_only,
              published: action.published,
            })),
        })),
    })),
  };
}

/** One action's sheet; NotFound when absent or a draft the actor may not read. */
export async function requireActionSheet(
  { db, actor }: Pick<ServiceContext, "db" | "actor">,
  number: number,
): Promise<ActionSheet> {
  const plan = await findCurrentPlan(db, actor);
  if (!plan) throw new NotFound();
  const row = await db
    .selectFrom("steering_action")
    .innerJoin("steering_theme", "steering_theme.id", "steering_action.theme_id")
    .innerJoin("steering_axis", "steering_axis.id", "steering_theme.axis_id")
    .selectAll("steering_action")
    .select([
      "steering_theme.number as theme_number",
      "steering_theme.title as theme_title",
      "steering_axis.number as axis_number",
      "steering_axis.title as axis_title",
    ])
    .where("steering_action.plan_id", "=", plan.id)
    .where("steering_action.number", "=", number)
    .executeTakeFirst();
  if (!row || !canReadPlanItem(actor, row)) throw new NotFound();
  let historyQuery = db
    .selectFrom("steering_action_change")
    .select(["changed_at", "status", "published", "copil_observations"])
    .where("action_id", "=", row.id)
    .orderBy("changed_at");
  if (!includesDrafts(actor)) historyQuery = historyQuery.where("published", "=", true);
  const [links, history] = await Promise.all([
    db
      .selectFrom("steering_action_link")
      .select(["path", "label"])
      .where("action_id", "=", row.id)
      .orderBy("label")
      .execute(),
    historyQuery.execute(),
  ]);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    followedOnly: row.followed_only,
    published: row.published,
    axis: { number: row.axis_number, title: row.axis_title },
    theme: { number: row.theme_number, title: row.theme_title },
    findings: row.findings,
    objectives: row.objectives,
    measures: row.measures,
    pilots: row.pilots,
    partners: row.partners,
    followUpIndicators: row.follow_up_indicators,
    calendar: row.calendar,
    copilObservations: row.copil_observations,
    updatedAt: row.updated_at,
    links,
    plan: { slug: plan.slug, title: plan.title, period: plan.period, isDemo: plan.is_demo },
    history: history.map((change) => ({
      changedAt: change.changed_at,
      status: change.status,
      published: change.published,
      copilObservations: change.copil_observations,
    })),
  };
}
