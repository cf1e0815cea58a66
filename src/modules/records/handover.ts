import { sql } from "kysely";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { isUuid, requireParcoursFor } from "./access.ts";
import { decideCaseload } from "./caseload.ts";
import { REFERENT_ROLES, recordsRules, visibleParcours } from "./policy.ts";
import { auditPersons } from "./record-audit.ts";
import { CASELOAD_OVERRIDE_NEEDED, maxCaseload } from "./referent.ts";

export type ReferentRecord = {
  parcoursId: string;
  personId: string;
  name: string;
  openedAt: Date;
  lastContactAt: Date;
};

/**
 * The open parcours of `organisationId` whose référent is `referentUserId`,
 * for its responsable to hand them over when that worker leaves. Only those
 * the responsable may open (visibleParcours); each person shown is audited.
 */
export async function listRecordsOfReferent(
  ctx: UserContext,
  input: { organisationId: string; referentUserId: string },
): Promise<ReferentRecord[]> {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.viewCaseload, { organisationId: input.organisationId });
  if (!isUuid(input.referentUserId) || !isUuid(input.organisationId)) return [];
  return db.transaction().execute(async (tx) => {
    const rows = await visibleParcours(tx, actor)
      .innerJoin("person", "person.id", "parcours.person_id")
      .select([
        "parcours.id as parcoursId",
        "parcours.person_id as personId",
        "person.first_name",
        "person.last_name",
        "parcours.opened_at as openedAt",
        "parcours.last_contact_at as lastContactAt",
      ])
      .where("parcours.referent_user_id", "=", input.referentUserId)
      .where("parcours.referent_organisation_id", "=", input.organisationId)
      .where("parcours.status", "=", "ouvert")
      .orderBy("person.last_name")
      .orderBy("person.first_name")
      .execute();
    await auditPersons(
      tx,
      ctx,
      rows.map((row) => ({
        action: "person.list",
        personId: row.personId,
        subjectType: "parcours",
        subjectId: row.parcoursId,
        organisationId: input.organisationId,
        details: { list: "referent_handover" },
      })),
    );
    return rows.map((row) => ({
      parcoursId: row.parcoursId,
      personId: row.personId,
      name: `${row.first_name} ${row.last_name}`,
      openedAt: row.openedAt,
      lastContactAt: row.lastContactAt,
    }));
  });
}

export const HANDOVER_NEEDS_RECORDS = "Cochez au moins un dossier à confier.";
export const HANDOVER_NEEDS_WORKER =
  "Choisissez un travailleur social de la structure, autre que la personne qui part.";

/**
 * Hands the parcours over from one référent to a colleague of the same
 * structure, one or many at once, in one transaction: each parcours is
 * authorized (records.assignReferent), must still have the leaving worker as
 * référent, and its person's history gets a « parcours.referent.handover »
 * event. The structure's maximum caseload applies, with a reason to exceed it.
 */
export async function handOverRecords(
  ctx: UserContext,
  input: {
    organisationId: string;
    fromUserId: string;
    toUserId: string;
    parcoursIds: readonly string[];
    overrideReason?: string | undefined;
  },
): Promise<number> {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.viewCaseload, { organisationId: input.organisationId });
  const parcoursIds = [...new Set(input.parcoursIds)];
  if (parcoursIds.length === 0) throw new Invalid({ parcoursIds: HANDOVER_NEEDS_RECORDS });
  return db.transaction().execute(async (tx) => {
    const worker =
      isUuid(input.toUserId) && input.toUserId !== input.fromUserId
        ? await tx
            .selectFrom("membership")
            .innerJoin("app_user", "app_user.id", "membership.user_id")
            .select("membership.user_id")
            .where("membership.user_id", "=", input.toUserId)
            .where("membership.organisation_id", "=", input.organisationId)
            .where("membership.role", "in", REFERENT_ROLES)
            .where("app_user.is_active", "=", true)
            .executeTakeFirst()
        : undefined;
    if (!worker) throw new Invalid({ toUserId: HANDOVER_NEEDS_WORKER });
    const accesses = [];
    for (const parcoursId of parcoursIds) {
      const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.assignReferent);
      if (
        access.referentUserId !== input.fromUserId ||
        access.leadOrganisationId !== input.organisationId
      ) {
        throw new Invalid({
          parcoursIds:
            "Un des dossiers cochés n'est plus suivi par cette personne : rechargez la page.",
        });
      }
      accesses.push(access);
    }
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`caseload:${input.organisationId}`}))`.execute(
      tx,
    );
    const { count } = await tx
      .selectFrom("parcours")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("referent_user_id", "=", worker.user_id)
      .where("referent_organisation_id", "=", input.organisationId)
      .where("status", "=", "ouvert")
      .executeTakeFirstOrThrow();
    const decision = decideCaseload({
      current: Number(count) + parcoursIds.length - 1,
      max: await maxCaseload(tx, input.organisationId),
      overrideReason: input.overrideReason,
    });
    if (decision.kind === "needs_override") {
      throw new Invalid({ overrideReason: CASELOAD_OVERRIDE_NEEDED(decision.after, decision.max) });
    }
    await tx
      .updateTable("parcours")
      .set({
        referent_user_id: worker.user_id,
        referent_override_reason: decision.kind === "override" ? decision.reason : null,
      })
      .where("id", "in", parcoursIds)
      .execute();
    await auditPersons(
      tx,
      ctx,
      accesses.map((access) => ({
        action: "parcours.referent.handover",
        personId: access.personId,
        subjectType: "parcours",
        subjectId: access.parcoursId,
        organisationId: input.organisationId,
        details: {
          fromUserId: input.fromUserId,
          toUserId: worker.user_id,
          caseloadAfter: decision.after,
          max: decision.max,
          ...(decision.kind === "override" ? { overrideReason: decision.reason } : {}),
        },
      })),
    );
    return accesses.length;
  });
}
