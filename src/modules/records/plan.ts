import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/policy.ts";
import { Conflict, Invalid, NotFound } from "../../platform/errors.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { isUuid, requireParcoursFor } from "./access.ts";
import { type ParcoursAccess, recordsRules } from "./policy.ts";
import { auditPerson } from "./record-audit.ts";
import type { ActionStatus, ObjectiveStatus } from "./tables.ts";
import { isSensitiveTheme, type SituationField, type Theme } from "./themes.ts";

/** Shown when someone else saved the same thing since the page was opened. */
export const STALE_EDIT_MESSAGE =
  "Quelqu'un a modifié cet élément pendant que vous l'aviez ouvert. Rien n'a été enregistré : rechargez la page pour voir sa version, puis refaites votre modification.";

export async function updateSituation(
  ctx: UserContext,
  parcoursId: string,
  input: { situation: Partial<Record<SituationField, string>>; version: number },
): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
    // Optimistic lock: the update applies only to the version the page showed.
    const result = await tx
      .updateTable("parcours")
      .set((eb) => ({
        situation: JSON.stringify(input.situation),
        situation_version: eb("situation_version", "+", 1),
      }))
      .where("id", "=", access.parcoursId)
      .where("situation_version", "=", input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Conflict(STALE_EDIT_MESSAGE);
    await auditPerson(tx, ctx, {
      action: "parcours.situation.update",
      personId: access.personId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      access,
      details: { fields: Object.keys(input.situation) },
    });
  });
}

export async function addObjective(
  ctx: UserContext,
  parcoursId: string,
  input: { theme: Theme; title: string },
): Promise<string> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const rule = isSensitiveTheme(input.theme)
      ? recordsRules.writeSensitive
      : recordsRules.writeRecord;
    const access = await requireParcoursFor(tx, actor, parcoursId, rule);
    const row = await tx
      .insertInto("plan_objective")
      .values({
        parcours_id: access.parcoursId,
        theme: input.theme,
        title: input.title,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditPerson(tx, ctx, {
      action: "plan.objective.create",
      personId: access.personId,
      subjectType: "plan_objective",
      subjectId: row.id,
      access,
      details: { theme: input.theme },
    });
    return row.id;
  });
}

export async function updateObjectiveStatus(
  ctx: UserContext,
  parcoursId: string,
  input: { objectiveId: string; status: ObjectiveStatus; version: number },
): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
    await refuseHiddenHealthItem(tx, actor, access, "plan_objective", input.objectiveId);
    const result = await tx
      .updateTable("plan_objective")
      .set((eb) => ({
        status: input.status,
        version: eb("version", "+", 1),
        updated_at: ctx.now,
      }))
      .where("id", "=", input.objectiveId)
      .where("parcours_id", "=", access.parcoursId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n)
      throw await staleOrMissing(tx, "plan_objective", input.objectiveId, access.parcoursId);
    await auditPerson(tx, ctx, {
      action: "plan.objective.update",
      personId: access.personId,
      subjectType: "plan_objective",
      subjectId: input.objectiveId,
      access,
      details: { status: input.status },
    });
  });
}

export async function addAction(
  ctx: UserContext,
  parcoursId: string,
  input: { objectiveId: string; title: string; assignee: string; dueDate?: string | undefined },
): Promise<string> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
    const objective = await tx
      .selectFrom("plan_objective")
      .select(["id", "theme"])
      .where("id", "=", input.objectiveId)
      .where("parcours_id", "=", access.parcoursId)
      .executeTakeFirst();
    // A health objective one may not see answers like one that does not exist.
    if (
      !objective ||
      (isSensitiveTheme(objective.theme) && !can(actor, recordsRules.writeSensitive, access))
    )
      throw new Invalid({ objectiveId: "Choisissez un objectif de ce plan." });
    const row = await tx
      .insertInto("plan_action")
      .values({
        objective_id: objective.id,
        parcours_id: access.parcoursId,
        title: input.title,
        assignee: input.assignee,
        due_date: input.dueDate ?? null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditPerson(tx, ctx, {
      action: "plan.action.create",
      personId: access.personId,
      subjectType: "plan_action",
      subjectId: row.id,
      access,
    });
    return row.id;
  });
}

export async function updateActionStatus(
  ctx: UserContext,
  parcoursId: string,
  input: { actionId: string; status: ActionStatus; version: number },
): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
    await refuseHiddenHealthItem(tx, actor, access, "plan_action", input.actionId);
    const result = await tx
      .updateTable("plan_action")
      .set((eb) => ({
        status: input.status,
        version: eb("version", "+", 1),
        updated_at: ctx.now,
      }))
      .where("id", "=", input.actionId)
      .where("parcours_id", "=", access.parcoursId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n)
      throw await staleOrMissing(tx, "plan_action", input.actionId, access.parcoursId);
    await auditPerson(tx, ctx, {
      action: "plan.action.update",
      personId: access.personId,
      subjectType: "plan_action",
      subjectId: input.actionId,
      access,
      details: { status: input.status },
    });
  });
}

const PLAN_ITEM_NOT_FOUND = "Cet élément du plan n'existe pas.";

/**
 * An objective or action on a health theme, for someone who may not write
 * sensitive data: not found, exactly like an id that does not exist.
 */
async function refuseHiddenHealthItem(
  tx: Tx,
  actor: UserActor,
  access: ParcoursAccess,
  table: "plan_action" | "plan_objective",
  id: string,
): Promise<void> {
  if (can(actor, recordsRules.writeSensitive, access) || !isUuid(id)) return;
  const objective = tx
    .selectFrom("plan_objective as o")
    .select("o.theme")
    .where("o.parcours_id", "=", access.parcoursId);
  const row = await (table === "plan_objective"
    ? objective.where("o.id", "=", id)
    : objective.where(
        "o.id",
        "=",
        tx.selectFrom("plan_action").select("objective_id").where("id", "=", id),
      )
  ).executeTakeFirst();
  if (row && isSensitiveTheme(row.theme)) throw new NotFound(PLAN_ITEM_NOT_FOUND);
}

async function staleOrMissing(
  db: Db,
  table: "plan_action" | "plan_objective",
  id: string,
  parcoursId: string,
): Promise<Error> {
  const exists = await db
    .selectFrom(table)
    .select("id")
    .where("id", "=", id)
    .where("parcours_id", "=", parcoursId)
    .executeTakeFirst();
  return exists ? new Conflict(STALE_EDIT_MESSAGE) : new NotFound(PLAN_ITEM_NOT_FOUND);
}

export const SENSITIVE_NOTE_NOT_SHAREABLE =
  "Une note de santé ne peut pas être partagée avec la personne dans son espace : décochez l'une des deux cases.";

export async function addNote(
  ctx: UserContext,
  parcoursId: string,
  input: { contactDate: string; body: string; isSensitive: boolean; sharedWithPerson?: boolean },
): Promise<string> {
  const { db, actor } = ctx;
  // Health notes follow the consent's health scope (decisions 0006, 0014), which
  // covers structures, never the person's space: they are never shared there.
  if (input.isSensitive && input.sharedWithPerson)
    throw new Invalid({ sharedWithPerson: SENSITIVE_NOTE_NOT_SHAREABLE });
  return db.transaction().execute(async (tx) => {
    const rule = input.isSensitive ? recordsRules.writeSensitive : recordsRules.writeRecord;
    const access = await requireParcoursFor(tx, actor, parcoursId, rule);
    const organisationId = actor.memberships.find((m) =>
      access.memberOrganisationIds.includes(m.organisationId),
    )?.organisationId;
    const row = await tx
      .insertInto("parcours_note")
      .values({
        parcours_id: access.parcoursId,
        author_user_id: actor.userId,
        author_organisation_id: organisationId ?? null,
        contact_date: input.contactDate,
        body: input.body,
        is_sensitive: input.isSensitive,
        shared_with_person: input.sharedWithPerson === true,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A note is a contact: it resets the "no contact for 3 months" alert.
    await tx
      .updateTable("parcours")
      .set((eb) => ({
        last_contact_at: eb.fn("greatest", [
          "last_contact_at",
          eb.val(new Date(`${input.contactDate}T12:00:00Z`)),
        ]),
      }))
      .where("id", "=", access.parcoursId)
      .execute();
    await auditPerson(tx, ctx, {
      action: "note.create",
      personId: access.personId,
      subjectType: "parcours_note",
      subjectId: row.id,
      access,
      details: {
        sensitive: input.isSensitive,
        ...(input.sharedWithPerson ? { sharedWithPerson: true } : {}),
      },
    });
    return row.id;
  });
}
