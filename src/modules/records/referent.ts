import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import { isUuid, requireParcoursFor } from "./access.ts";
import { type AttentionReason, attentionReasons } from "./attention.ts";
import { caseloadLevel, DEFAULT_MAX_PARCOURS_PER_WORKER, decideCaseload } from "./caseload.ts";
import { auditPerson, auditPersons, type RecordsContext } from "./context.ts";
import { addMonths, parisDate } from "./person-name.ts";
import { recordsRules } from "./policy.ts";

export async function maxCaseload(db: Db | Tx, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom("structure_caseload")
    .select("max_parcours_per_worker")
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row?.max_parcours_per_worker ?? DEFAULT_MAX_PARCOURS_PER_WORKER;
}

export const CASELOAD_OVERRIDE_NEEDED = (after: number, max: number) =>
  `Ce travailleur social suivrait ${after} parcours pour un maximum de ${max} dans la structure. Pour le désigner quand même, indiquez la raison du dépassement.`;

/**
 * Makes `referentUserId` the référent (themselves, or a colleague chosen by
 * the responsable). Beyond the structure's maximum, only with a reason.
 */
export async function setReferent(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  input: { referentUserId: string; overrideReason?: string | undefined },
  context: RecordsContext,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const self = input.referentUserId === actor.userId;
    const access = await requireParcoursFor(
      tx,
      actor,
      parcoursId,
      self ? recordsRules.becomeReferent : recordsRules.assignReferent,
    );
    const organisationId = actor.memberships.find((m) =>
      access.memberOrganisationIds.includes(m.organisationId),
    )?.organisationId;
    const worker =
      organisationId && isUuid(input.referentUserId)
        ? await tx
            .selectFrom("membership")
            .select("user_id")
            .where("user_id", "=", input.referentUserId)
            .where("organisation_id", "=", organisationId)
            .where("role", "=", "travailleur_social")
            .executeTakeFirst()
        : undefined;
    if (!worker || !organisationId) {
      throw new Invalid({ referentUserId: "Choisissez un travailleur social de votre structure." });
    }
    // Serialise référent changes per structure so two assignments cannot both pass the limit.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`caseload:${organisationId}`}))`.execute(tx);
    const { count } = await tx
      .selectFrom("parcours")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("referent_user_id", "=", worker.user_id)
      .where("referent_organisation_id", "=", organisationId)
      .where("status", "=", "ouvert")
      .where("id", "<>", access.parcoursId)
      .executeTakeFirstOrThrow();
    const decision = decideCaseload({
      current: Number(count),
      max: await maxCaseload(tx, organisationId),
      overrideReason: input.overrideReason,
    });
    if (decision.kind === "needs_override") {
      throw new Invalid({ overrideReason: CASELOAD_OVERRIDE_NEEDED(decision.after, decision.max) });
    }
    await tx
      .updateTable("parcours")
      .set({
        referent_user_id: worker.user_id,
        referent_organisation_id: organisationId,
        referent_override_reason: decision.kind === "override" ? decision.reason : null,
      })
      .where("id", "=", access.parcoursId)
      .execute();
    await auditPerson(tx, actor, context, {
      action: "parcours.referent.set",
      personId: access.personId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      organisationId,
      details: {
        referentUserId: worker.user_id,
        caseloadAfter: decision.after,
        max: decision.max,
        ...(decision.kind === "override" ? { overrideReason: decision.reason } : {}),
      },
    });
  });
}

export async function closeParcours(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  context: RecordsContext,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.closeParcours);
    await tx
      .updateTable("parcours")
      .set({ status: "clos", closed_at: context.now })
      .where("id", "=", access.parcoursId)
      .execute();
    await auditPerson(tx, actor, context, {
      action: "parcours.close",
      personId: access.personId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      access,
    });
  });
}

export async function setMaxCaseload(
  db: Db,
  actor: UserActor,
  organisationId: string,
  max: number,
  now: Date,
): Promise<void> {
  authorize(actor, recordsRules.viewCaseload, { organisationId });
  await db
    .insertInto("structure_caseload")
    .values({ organisation_id: organisationId, max_parcours_per_worker: max, updated_at: now })
    .onConflict((oc) =>
      oc.column("organisation_id").doUpdateSet({ max_parcours_per_worker: max, updated_at: now }),
    )
    .execute();
}

/**
 * The responsable's dashboard: each travailleur social's open parcours against
 * the maximum, in one grouped query (no query per worker).
 */
export async function caseloadDashboard(db: Db, actor: UserActor, organisationId: string) {
  authorize(actor, recordsRules.viewCaseload, { organisationId });
  const max = await maxCaseload(db, organisationId);
  const rows = await db
    .selectFrom("membership as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .leftJoin("parcours as p", (join) =>
      join
        .onRef("p.referent_user_id", "=", "m.user_id")
        .onRef("p.referent_organisation_id", "=", "m.organisation_id")
        .on("p.status", "=", "ouvert"),
    )
    .select(["u.id", "u.display_name as name", (eb) => eb.fn.count<number>("p.id").as("count")])
    .where("m.organisation_id", "=", organisationId)
    .where("m.role", "=", "travailleur_social")
    .groupBy(["u.id", "u.display_name"])
    .orderBy("count", "desc")
    .orderBy("u.display_name")
    .execute();
  return {
    max,
    workers: rows.map((row) => ({
      ...row,
      count: Number(row.count),
      level: caseloadLevel(Number(row.count), max),
    })),
  };
}

/** At most this many records on the responsable's attention list. */
export const ATTENTION_LIMIT = 100;

/**
 * Open parcours of the structure that need attention, at most
 * `ATTENTION_LIMIT`: a young person about to leave care first, then the
 * longest without contact. SQL keeps only the candidates
 * (the same cut-off dates as `attentionReasons`, which decides); reading them
 * is a read of each person's data: audited per person shown, with the read,
 * in one transaction and one insert.
 */
export async function recordsNeedingAttention(
  db: Db,
  actor: UserActor,
  organisationId: string,
  context: RecordsContext,
): Promise<
  { parcoursId: string; name: string; referentName: string | null; reasons: AttentionReason[] }[]
> {
  authorize(actor, recordsRules.viewCaseload, { organisationId });
  const today = parisDate(context.now);
  const lastContactDate = sql<string>`(p.last_contact_at AT TIME ZONE 'Europe/Paris')::date`;
  const overdueActions = sql<number>`(SELECT count(*) FROM plan_action a WHERE a.parcours_id = p.id AND a.status IN ('a_faire', 'en_cours') AND a.due_date < ${today}::date)`;
  const hasAfter18Objective = sql<boolean>`EXISTS (SELECT 1 FROM plan_objective o WHERE o.parcours_id = p.id AND o.theme = 'apres_18_ans' AND o.status <> 'abandonne')`;
  // Turning 18 between today and six months from now (a day's margin each side).
  const turning18WithoutPlan = sql<boolean>`(person.in_care_ase
    AND person.birth_date >= ${addMonths(today, -18 * 12)}::date - 1
    AND person.birth_date <= ${addMonths(today, 6 - 18 * 12)}::date + 1
    AND NOT ${hasAfter18Objective})`;
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("parcours as p")
      .innerJoin("person", "person.id", "p.person_id")
      .innerJoin("parcours_member as m", (join) =>
        join.onRef("m.parcours_id", "=", "p.id").on("m.organisation_id", "=", organisationId),
      )
      .innerJoin("person_consent as c", (join) =>
        join
          .onRef("c.person_id", "=", "p.person_id")
          .on("c.organisation_id", "=", organisationId)
          .on("c.withdrawn_at", "is", null),
      )
      .leftJoin("app_user as r", "r.id", "p.referent_user_id")
      .select([
        "p.id",
        "person.id as personId",
        sql<string>`person.first_name || ' ' || person.last_name`.as("name"),
        "r.display_name as referentName",
        sql<string>`${lastContactDate}::text`.as("lastContactDate"),
        sql<string>`person.birth_date::text`.as("birthDate"),
        "person.in_care_ase as inCareAse",
        overdueActions.as("overdueActions"),
        hasAfter18Objective.as("hasAfter18Objective"),
      ])
      .where("p.status", "=", "ouvert")
      .where((eb) =>
        eb.or([
          eb(lastContactDate, "<", sql<string>`${addMonths(today, -3)}::date`),
          eb(overdueActions, ">", 0),
          turning18WithoutPlan,
        ]),
      )
      // A young person about to leave care first: a « sortie sèche » cannot wait its turn.
      .orderBy(turning18WithoutPlan, "desc")
      .orderBy("p.last_contact_at")
      .orderBy("p.id")
      .limit(ATTENTION_LIMIT)
      .execute();
    const flagged = rows
      .map((row) => ({
        row,
        reasons: attentionReasons({ ...row, overdueActions: Number(row.overdueActions) }, today),
      }))
      .filter((entry) => entry.reasons.length > 0);
    await auditPersons(
      tx,
      actor,
      context,
      flagged.map(({ row }) => ({
        action: "parcours.attention.read",
        personId: row.personId,
        subjectType: "parcours",
        subjectId: row.id,
        organisationId,
      })),
    );
    return flagged.map(({ row, reasons }) => ({
      parcoursId: row.id,
      name: row.name,
      referentName: row.referentName,
      reasons,
    }));
  });
}
