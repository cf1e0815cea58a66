import type { Db, Tx } from "../../db/database.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { auditPilote, changeCurrentPlan } from "./pilote-changes.ts";
import { findCurrentPlan } from "./plan-store.ts";
import { includesDrafts } from "./policy.ts";

/** Who reads: the database and the actor (drafts only for readers of drafts). */
type Reader = Pick<ServiceContext, "db" | "actor">;

import type { BodyKind } from "./tables.ts";

/** The governance as a loader writes it (the demo of seed 002). */
export type GovernanceInput = {
  bodies: {
    kind: BodyKind;
    slug: string;
    name: string;
    mission: string;
    source: string;
    /** `organisation`: the exact name of an organisation of Relais, when it has one. */
    members: { name: string; role: string; organisation?: string }[];
    actionNumbers: number[];
  }[];
  meetings: MeetingInput[];
};

export type MeetingInput = {
  bodySlug: string;
  heldOn: string;
  title: string;
  summary: string;
  decisions: string[];
  actionNumbers: number[];
  published: boolean;
  isDemo: boolean;
};

export type BodyMember = {
  id: string;
  name: string;
  role: string;
  organisationId: string | null;
};

export type MeetingView = {
  id: string;
  body: { slug: string; name: string; kind: BodyKind };
  heldOn: string;
  title: string;
  summary: string;
  published: boolean;
  isDemo: boolean;
  decisions: string[];
  actions: { number: number; title: string }[];
};

export type BodyView = {
  id: string;
  kind: BodyKind;
  slug: string;
  name: string;
  mission: string;
  source: string;
  members: BodyMember[];
  actions: { number: number; title: string }[];
  meetings: MeetingView[];
};

/** Writes the bodies, their members and sheets, and the meetings (a loader's job). */
export async function insertGovernance(
  tx: Tx,
  planId: string,
  input: GovernanceInput,
  now: Date,
): Promise<void> {
  const [organisations, actions] = await Promise.all([
    tx.selectFrom("organisation").select(["id", "name"]).execute(),
    tx
      .selectFrom("steering_action")
      .select(["id", "number"])
      .where("plan_id", "=", planId)
      .execute(),
  ]);
  const organisationIds = new Map(organisations.map((row) => [row.name, row.id]));
  const actionIds = new Map(actions.map((row) => [row.number, row.id]));
  const bodyIds = new Map<string, string>();
  for (const [position, body] of input.bodies.entries()) {
    const { id } = await tx
      .insertInto("steering_body")
      .values({
        plan_id: planId,
        kind: body.kind,
        slug: body.slug,
        name: body.name,
        mission: body.mission,
        source: body.source,
        position,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    bodyIds.set(body.slug, id);
    await tx
      .insertInto("steering_body_member")
      .values(
        body.members.map((member, index) => ({
          body_id: id,
          organisation_id: member.organisation
            ? (organisationIds.get(member.organisation) ?? null)
            : null,
          name: member.name,
          role: member.role,
          position: index,
          created_at: now,
        })),
      )
      .execute();
    const bodyActions = body.actionNumbers.flatMap((number) => {
      const actionId = actionIds.get(number);
      return actionId ? [{ body_id: id, action_id: actionId }] : [];
    });
    if (bodyActions.length > 0)
      await tx.insertInto("steering_body_action").values(bodyActions).execute();
  }
  for (const meeting of input.meetings) {
    const bodyId = bodyIds.get(meeting.bodySlug);
    if (!bodyId) throw new Error(`Instance inconnue : ${meeting.bodySlug}`);
    await writeMeeting(tx, bodyId, undefined, meeting, actionIds, now);
  }
}

async function writeMeeting(
  tx: Tx,
  bodyId: string,
  meetingId: string | undefined,
  meeting: Omit<MeetingInput, "bodySlug">,
  actionIds: Map<number, string>,
  now: Date,
): Promise<string> {
  const values = {
    body_id: bodyId,
    held_on: meeting.heldOn,
    title: meeting.title,
    summary: meeting.summary,
    published: meeting.published,
    is_demo: meeting.isDemo,
    updated_at: now,
  };
  let id = meetingId;
  if (id === undefined) {
    ({ id } = await tx
      .insertInto("steering_meeting")
      .values({ ...values, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow());
  } else {
    await tx.updateTable("steering_meeting").set(values).where("id", "=", id).execute();
    await tx.deleteFrom("steering_decision").where("meeting_id", "=", id).execute();
    await tx.deleteFrom("steering_meeting_action").where("meeting_id", "=", id).execute();
  }
  const meetingKey = id;
  if (meeting.decisions.length > 0) {
    await tx
      .insertInto("steering_decision")
      .values(
        meeting.decisions.map((text, position) => ({ meeting_id: meetingKey, position, text })),
      )
      .execute();
  }
  const examined = [...new Set(meeting.actionNumbers)].flatMap((number) => {
    const actionId = actionIds.get(number);
    return actionId ? [{ meeting_id: meetingKey, action_id: actionId }] : [];
  });
  if (examined.length > 0)
    await tx.insertInto("steering_meeting_action").values(examined).execute();
  return meetingKey;
}

/**
 * The COPIL and the working groups of the current plan, with their members,
 * their sheets and their meetings: published meetings only, and published
 * actions only, unless the actor reads drafts.
 */
export async function listGovernance(ctx: Reader): Promise<BodyView[]> {
  const { db, actor } = ctx;
  const plan = await findCurrentPlan(db, actor);
  if (!plan) return [];
  const drafts = includesDrafts(actor);
  const bodies = await db
    .selectFrom("steering_body")
    .selectAll()
    .where("plan_id", "=", plan.id)
    .orderBy("position")
    .execute();
  if (bodies.length === 0) return [];
  const bodyIds = bodies.map((body) => body.id);
  let actionsQuery = db
    .selectFrom("steering_body_action")
    .innerJoin("steering_action", "steering_action.id", "steering_body_action.action_id")
    .select(["steering_body_action.body_id", "steering_action.number", "steering_action.title"])
    .where("steering_body_action.body_id", "in", bodyIds)
    .orderBy("steering_action.number");
  if (!drafts) actionsQuery = actionsQuery.where("steering_action.published", "=", true);
  const [members, actions, meetings] = await Promise.all([
    db
      .selectFrom("steering_body_member")
      .select(["id", "body_id", "name", "role", "organisation_id"])
      .where("body_id", "in", bodyIds)
      .orderBy("position")
      .orderBy("created_at")
      .execute(),
    actionsQuery.execute(),
    listMeetings(ctx, { bodyIds }),
  ]);
  return bodies.map((body) => ({
    id: body.id,
    kind: body.kind,
    slug: body.slug,
    name: body.name,
    mission: body.mission,
    source: body.source,
    members: members
      .filter((member) => member.body_id === body.id)
      .map((member) => ({
        id: member.id,
        name: member.name,
        role: member.role,
        organisationId: member.organisation_id,
      })),
    actions: actions
      .filter((action) => action.body_id === body.id)
      .map((action) => ({ number: action.number, title: action.title })),
    meetings: meetings.filter((meeting) => meeting.body.slug === body.slug),
  }));
}

/**
 * Meetings, newest first, with their decisions and the sheets examined:
 * of some bodies, or those that examined one action (the sheet's « Observations
 * du COPIL »). Drafts only for readers of drafts.
 */
export async function listMeetings(
  { db, actor }: Reader,
  filter: { bodyIds: string[] } | { actionId: string } | { meetingId: string },
): Promise<MeetingView[]> {
  let query = db
    .selectFrom("steering_meeting")
    .innerJoin("steering_body", "steering_body.id", "steering_meeting.body_id")
    .selectAll("steering_meeting")
    .select([
      "steering_body.slug as body_slug",
      "steering_body.name as body_name",
      "steering_body.kind as body_kind",
    ])
    .orderBy("steering_meeting.held_on", "desc")
    .orderBy("steering_meeting.created_at", "desc");
  if ("bodyIds" in filter) query = query.where("steering_meeting.body_id", "in", filter.bodyIds);
  else if ("meetingId" in filter) query = query.where("steering_meeting.id", "=", filter.meetingId);
  else {
    const actionId = filter.actionId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("steering_meeting_action")
          .select("steering_meeting_action.meeting_id")
          .whereRef("steering_meeting_action.meeting_id", "=", "steering_meeting.id")
          .where("steering_meeting_action.action_id", "=", actionId),
      ),
    );
  }
  if (!includesDrafts(actor)) query = query.where("steering_meeting.published", "=", true);
  const meetings = await query.execute();
  if (meetings.length === 0) return [];
  const ids = meetings.map((meeting) => meeting.id);
  let examinedQuery = db
    .selectFrom("steering_meeting_action")
    .innerJoin("steering_action", "steering_action.id", "steering_meeting_action.action_id")
    .select([
      "steering_meeting_action.meeting_id",
      "steering_action.number",
      "steering_action.title",
    ])
    .where("steering_meeting_action.meeting_id", "in", ids)
    .orderBy("steering_action.number");
  if (!includesDrafts(actor))
    examinedQuery = examinedQuery.where("steering_action.published", "=", true);
  const [decisions, examined] = await Promise.all([
    db
      .selectFrom("steering_decision")
      .select(["meeting_id", "text"])
      .where("meeting_id", "in", ids)
      .orderBy("position")
      .execute(),
    examinedQuery.execute(),
  ]);
  return meetings.map((meeting) => ({
    id: meeting.id,
    body: { slug: meeting.body_slug, name: meeting.body_name, kind: meeting.body_kind },
    heldOn: meeting.held_on,
    title: meeting.title,
    summary: meeting.summary,
    published: meeting.published,
    isDemo: meeting.is_demo,
    decisions: decisions.filter((d) => d.meeting_id === meeting.id).map((d) => d.text),
    actions: examined
      .filter((action) => action.meeting_id === meeting.id)
      .map((action) => ({ number: action.number, title: action.title })),
  }));
}

/** One meeting for its edit form; NotFound when absent or a draft the actor may not read. */
export async function requireMeeting(ctx: Reader, id: string): Promise<MeetingView> {
  const [meeting] = await listMeetings(ctx, { meetingId: id });
  if (!meeting) throw new NotFound();
  return meeting;
}

async function requireBody(tx: Tx, planId: string, slug: string) {
  const body = await tx
    .selectFrom("steering_body")
    .select(["id", "slug"])
    .where("plan_id", "=", planId)
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!body) throw new Invalid({ instance: "Choisissez une instance du plan." });
  return body;
}

async function actionIdsOf(tx: Tx, planId: string, numbers: number[]) {
  const rows =
    numbers.length === 0
      ? []
      : await tx
          .selectFrom("steering_action")
          .select(["id", "number"])
          .where("plan_id", "=", planId)
          .where("number", "in", numbers)
          .execute();
  const ids = new Map(rows.map((row) => [row.number, row.id]));
  const unknown = numbers.filter((number) => !ids.has(number));
  if (unknown.length > 0) {
    throw new Invalid({
      actions: `Le plan n'a pas d'action ${unknown.join(", ")}. Indiquez des numéros d'actions du plan.`,
    });
  }
  return ids;
}

/**
 * A pilote records a meeting (new, or changes one): its date, decisions and
 * the sheets examined. Published, it shows on /plan/gouvernance and on each
 * examined action's page.
 */
export async function saveMeeting(
  ctx: ServiceContext,
  meetingId: string | undefined,
  input: MeetingInput,
): Promise<string> {
  return changeCurrentPlan(ctx, async (tx, plan, pilote) => {
    const body = await requireBody(tx, plan.id, input.bodySlug);
    if (meetingId !== undefined) {
      const existing = await tx
        .selectFrom("steering_meeting")
        .innerJoin("steering_body", "steering_body.id", "steering_meeting.body_id")
        .select("steering_meeting.id")
        .where("steering_meeting.id", "=", meetingId)
        .where("steering_body.plan_id", "=", plan.id)
        .executeTakeFirst();
      if (!existing) throw new NotFound();
    }
    const actionIds = await actionIdsOf(tx, plan.id, input.actionNumbers);
    const id = await writeMeeting(tx, body.id, meetingId, input, actionIds, ctx.now);
    await auditPilote(tx, pilote, {
      action: meetingId === undefined ? "steering.meeting.create" : "steering.meeting.update",
      subjectType: "steering_meeting",
      subjectId: id,
      details: {
        body: body.slug,
        heldOn: input.heldOn,
        published: input.published,
        decisions: input.decisions.length,
        actions: input.actionNumbers,
      },
    });
    return id;
  });
}

/** A pilote adds a member to a body: an organisation of Relais, or a name. */
export async function addMember(
  ctx: ServiceContext,
  bodySlug: string,
  member: { organisationId: string | null; name: string; role: string },
): Promise<void> {
  await changeCurrentPlan(ctx, async (tx, plan, pilote) => {
    const body = await requireBody(tx, plan.id, bodySlug);
    let name = member.name;
    if (member.organisationId !== null) {
      const organisation = await tx
        .selectFrom("organisation")
        .select("name")
        .where("id", "=", member.organisationId)
        .executeTakeFirst();
      if (!organisation) throw new Invalid({ organisation: "Choisissez une structure de Relais." });
      name ||= organisation.name;
    }
    if (name === "") {
      throw new Invalid({
        organisation: "Choisissez une structure de Relais ou écrivez le nom du membre.",
      });
    }
    const last = await tx
      .selectFrom("steering_body_member")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("body_id", "=", body.id)
      .executeTakeFirst();
    const { id } = await tx
      .insertInto("steering_body_member")
      .values({
        body_id: body.id,
        organisation_id: member.organisationId,
        name,
        role: member.role,
        position: Number(last?.position ?? -1) + 1,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditPilote(tx, pilote, {
      action: "steering.body.member_add",
      subjectType: "steering_body_member",
      subjectId: id,
      details: { body: body.slug, name, role: member.role },
    });
  });
}

/** A pilote removes a member from a body. */
export async function removeMember(
  ctx: ServiceContext,
  bodySlug: string,
  memberId: string,
): Promise<void> {
  await changeCurrentPlan(ctx, async (tx, plan, pilote) => {
    const body = await requireBody(tx, plan.id, bodySlug);
    const removed = await tx
      .deleteFrom("steering_body_member")
      .where("id", "=", memberId)
      .where("body_id", "=", body.id)
      .returning(["name", "role"])
      .executeTakeFirst();
    if (!removed) throw new NotFound();
    await auditPilote(tx, pilote, {
      action: "steering.body.member_remove",
      subjectType: "steering_body_member",
      subjectId: memberId,
      details: { body: body.slug, name: removed.name, role: removed.role },
    });
  });
}

/** The organisations a pilote may pick as members. */
export async function listOrganisationChoices(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom("organisation").select(["id", "name"]).orderBy("name").execute();
}
