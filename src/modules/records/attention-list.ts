// The responsable's list of records needing attention (issue 6): which open
// parcours of the structure the pure `attentionReasons` flags, found without
// reading every parcours of the structure.

import { sql } from "kysely";
import { authorize } from "../../platform/access/policy.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { type AttentionReason, attentionReasons } from "./attention.ts";
import { addMonths } from "./person-name.ts";
import { recordsRules } from "./policy.ts";
import { auditPersons } from "./record-audit.ts";

/** At most this many records on the responsable's attention list. */
export const ATTENTION_LIMIT = 100;

/**
 * Open parcours of the structure that need attention, at most
 * `ATTENTION_LIMIT`: a young person about to leave care first, then the
 * longest without contact. SQL keeps only the candidates
 * (the same cut-off dates as `attentionReasons`, which decides); reading them
 * is a read of each person's data: audited per person shown, with the read,
 * in one transaction and one insert.
 *
 * The candidates come from three small index reads, not from a pass over the
 * structure's parcours (1.7 s for 100,000 of them, a subquery per row): every
 * young person turning 18 without a plan, and the `ATTENTION_LIMIT` oldest
 * contacts among those without contact for 3 months and among those with an
 * overdue action. Any record of the final list is in one of them: a record
 * beyond the limit in its own group has that many before it in the list.
 */
export async function recordsNeedingAttention(
  ctx: UserContext,
  organisationId: string,
): Promise<
  { parcoursId: string; name: string; referentName: string | null; reasons: AttentionReason[] }[]
> {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.viewCaseload, { organisationId });
  const today = parisDate(ctx.now);
  const noContactBefore = addMonths(today, -3);
  const lastContactDate = sql<string>`(p.last_contact_at AT TIME ZONE 'Europe/Paris')::date`;
  const overdueActions = sql<number>`(SELECT count(*) FROM plan_action a WHERE a.parcours_id = p.id AND a.status IN ('a_faire', 'en_cours') AND a.due_date < ${today}::date)`;
  const hasAfter18Objective = sql<boolean>`EXISTS (SELECT 1 FROM plan_objective o WHERE o.parcours_id = p.id AND o.theme = 'apres_18_ans' AND o.status <> 'abandonne')`;
  // Turning 18 between today and six months from now (a day's margin each side).
  const turning18WithoutPlan = sql<boolean>`(person.in_care_ase
    AND person.birth_date >= ${addMonths(today, -18 * 12)}::date - 1
    AND person.birth_date <= ${addMonths(today, 6 - 18 * 12)}::date + 1
    AND NOT ${hasAfter18Objective})`;

  return db.transaction().execute(async (tx) => {
    // Open parcours the structure is a member of, with the person's consent.
    const visible = () =>
      tx
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
        .where("p.status", "=", "ouvert")
        .select("p.id");
    // Midnight in Paris of the cut-off day: an instant the index on last_contact_at can use.
    const noContact = visible()
      .where(
        "p.last_contact_at",
        "<",
        sql<Date>`(${noContactBefore}::date::timestamp AT TIME ZONE 'Europe/Paris')`,
      )
      .orderBy("p.last_contact_at")
      .orderBy("p.id")
      .limit(ATTENTION_LIMIT);
    const withOverdueAction = visible()
      .where(
        "p.id",
        "in",
        tx
          .selectFrom("plan_action as a")
          .select("a.parcours_id")
          .where("a.status", "in", ["a_faire", "en_cours"])
          .where("a.due_date", "<", today),
      )
      .orderBy("p.last_contact_at")
      .orderBy("p.id")
      .limit(ATTENTION_LIMIT);
    const leavingCare = visible().where(turning18WithoutPlan);
    const candidates = sql<string>`SELECT candidate.id FROM (${noContact} UNION ${withOverdueAction} UNION ${leavingCare}) AS candidate`;

    const rows = await tx
      .selectFrom("parcours as p")
      .innerJoin("person", "person.id", "p.person_id")
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
      // The candidates were read under the structure's membership and consent.
      .where(sql<boolean>`p.id IN (${candidates})`)
      .where((eb) =>
        eb.or([
          eb(lastContactDate, "<", sql<string>`${noContactBefore}::date`),
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
      ctx,
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
