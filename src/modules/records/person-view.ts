// The record as the person may see it in « Mon espace » (issue 15, « Mon
// accompagnement »): their référent and how to reach the structure, the
// structures involved, the plan, orientations, appointments, and only the
// notes a professional marked shareable with them. Health data (objectives on
// a health theme, sensitive notes) never: the consent's health scope covers
// structures, not the person's space (decisions 0006, 0014).
import type { Tx } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { listPersonAppointments } from "../appointments/service.ts";
import { personRecordRules } from "./policy.ts";
import { listMembers, listPlanActions, notesQuery, orientationsQuery } from "./record-store.ts";
import { SENSITIVE_THEMES } from "./themes.ts";

/** The link the space module found standing between the person's space and this record. */
export type PersonRecordLink = { espaceId: string; parcoursId: string; linkStands: boolean };

/**
 * Reads the record for the person, in the caller's transaction, and writes
 * one audit event « lu par la personne » (details.by = "resident").
 */
export async function recordForPerson(
  ctx: Omit<ServiceContext<ResidentActor>, "db"> & { db: Tx },
  link: PersonRecordLink,
) {
  const { db: tx, actor } = ctx;
  authorizeResident(actor, personRecordRules.readOwnRecord, link);
  const parcours = await tx
    .selectFrom("parcours as p")
    .leftJoin("app_user as u", "u.id", "p.referent_user_id")
    .leftJoin("organisation as o", "o.id", "p.referent_organisation_id")
    .select([
      "p.id",
      "p.person_id as personId",
      "p.status",
      "p.opened_at as openedAt",
      "p.closed_at as closedAt",
      "u.display_name as referentName",
      "p.referent_organisation_id as referentOrganisationId",
      "o.name as referentOrganisationName",
    ])
    .where("p.id", "=", link.parcoursId)
    .executeTakeFirstOrThrow();
  const structures = await listMembers(tx, parcours.id);
  // How to reach the référent's structure: its places of welcome (the appointments' places).
  const contacts = parcours.referentOrganisationId
    ? await tx
        .selectFrom("rdv_lieu")
        .select(["name", "address", "phone"])
        .where("organisation_id", "=", parcours.referentOrganisationId)
        .where("status", "=", "enabled")
        .orderBy("name")
        .limit(5)
        .execute()
    : [];
  const objectives = await tx
    .selectFrom("plan_objective")
    .select(["id", "theme", "title", "status"])
    .where("parcours_id", "=", parcours.id)
    .where("theme", "not in", SENSITIVE_THEMES)
    .orderBy("created_at")
    .execute();
  // Never a health objective's actions, whatever the consent (see above).
  const actions = await listPlanActions(tx, parcours.id, false);
  const orientations = await orientationsQuery(tx, parcours.id).execute();
  const notes = await notesQuery(tx, parcours.id)
    .where("n.shared_with_person", "=", true)
    .where("n.is_sensitive", "=", false)
    .execute();
  const appointments = await listPersonAppointments(tx, parcours.personId, {
    organisationIds: structures.map((s) => s.id),
  });
  await recordAudit(tx, {
    actor: { userId: null, organisationId: null },
    action: "parcours.read_by_person",
    subjectType: "parcours",
    subjectId: parcours.id,
    personId: parcours.personId,
    details: { by: "resident", espaceId: link.espaceId, notes: notes.length },
    requestId: ctx.requestId,
    at: ctx.now,
  });
  return {
    parcoursId: parcours.id,
    status: parcours.status,
    openedAt: parcours.openedAt,
    closedAt: parcours.closedAt,
    referent: parcours.referentName
      ? { name: parcours.referentName, structure: parcours.referentOrganisationName }
      : undefined,
    contacts,
    structures: structures.map(({ name, joinedAt }) => ({ name, joinedAt })),
    objectives: objectives.map((objective) => ({
      ...objective,
      actions: actions.filter((action) => action.objectiveId === objective.id),
    })),
    orientations,
    notes,
    appointments,
  };
}

export type PersonRecordView = Awaited<ReturnType<typeof recordForPerson>>;
