import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { can, type Rule } from "../../platform/access/policy.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { listPersonAppointments } from "../appointments/service.ts";
import { requireParcoursFor } from "./access.ts";
import { isSharedWith, type ParcoursAccess, recordsRules } from "./policy.ts";
import { auditPerson } from "./record-audit.ts";
import { loadSimulations } from "./record-simulations.ts";
import { listMembers, listPlanActions, notesQuery, orientationsQuery } from "./record-store.ts";
import { SENSITIVE_THEMES } from "./themes.ts";

type ParcoursRuleName = {
  [K in keyof typeof recordsRules]: (typeof recordsRules)[K] extends Rule<ParcoursAccess>
    ? K
    : never;
}[keyof typeof recordsRules];

/**
 * What the page offers, each from its rule. Consents: `recordConsent` when
 * the actor may record one at least as the person's own (attested),
 * `recordConsentForPerson` when their structure holds the record (no
 * attestation needed); withdrawing is decided per consent (`withdrawable`).
 */
export type RecordCapabilities = Record<ParcoursRuleName, boolean> & {
  recordConsent: boolean;
  recordConsentForPerson: boolean;
};

function capabilities(actor: UserActor, access: ParcoursAccess): RecordCapabilities {
  // Any structure would do for the question "may they record a consent at all".
  const anyStructure = access.leadOrganisationId ?? "";
  const change = { parcours: access, organisationId: anyStructure, scope: "suivi_sante" as const };
  return {
    readIdentity: true,
    readRecord: can(actor, recordsRules.readRecord, access),
    readSensitive: can(actor, recordsRules.readSensitive, access),
    readAppointments: can(actor, recordsRules.readAppointments, access),
    attachSimulation: can(actor, recordsRules.attachSimulation, access),
    writeRecord: can(actor, recordsRules.writeRecord, access),
    writeSensitive: can(actor, recordsRules.writeSensitive, access),
    recordConsent: can(actor, recordsRules.recordConsent, { ...change, attested: true }),
    recordConsentForPerson: can(actor, recordsRules.recordConsent, { ...change, attested: false }),
    becomeReferent: can(actor, recordsRules.becomeReferent, access),
    assignReferent: can(actor, recordsRules.assignReferent, access),
    closeParcours: can(actor, recordsRules.closeParcours, access),
    exportPerson: can(actor, recordsRules.exportPerson, access),
    reviewDuplicates: can(actor, recordsRules.reviewDuplicates, access),
  };
}

/**
 * Opens a record: what the actor may see of it, and one audit event saying
 * that they saw it, in the same transaction. Sensitive notes are not even
 * loaded for someone who may not read them.
 */
export async function openRecord(ctx: UserContext, parcoursId: string) {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readIdentity);
    const can = capabilities(actor, access);
    const person = await tx
      .selectFrom("person")
      .innerJoin("parcours", "parcours.person_id", "person.id")
      .leftJoin("app_user as referent", "referent.id", "parcours.referent_user_id")
      .leftJoin(
        "organisation as referent_org",
        "referent_org.id",
        "parcours.referent_organisation_id",
      )
      .select([
        "person.id as personId",
        "person.last_name as lastName",
        "person.first_name as firstName",
        sql<string>`person.birth_date::text`.as("birthDate"),
        "person.in_care_ase as inCareAse",
        "parcours.status",
        "parcours.situation",
        "parcours.situation_version as situationVersion",
        "parcours.opened_at as openedAt",
        "parcours.closed_at as closedAt",
        "parcours.last_contact_at as lastContactAt",
        "parcours.referent_user_id as referentUserId",
        "parcours.referent_override_reason as referentOverrideReason",
        "referent.display_name as referentName",
        "referent_org.name as referentOrganisationName",
      ])
      .where("parcours.id", "=", access.parcoursId)
      .executeTakeFirstOrThrow();
    const members = await listMembers(tx, access.parcoursId);
    const consents = await tx
      .selectFrom("person_consent as c")
      .innerJoin("organisation as o", "o.id", "c.organisation_id")
      .leftJoin("app_user as u", "u.id", "c.collected_by_user_id")
      .select([
        "c.id",
        "c.organisation_id as organisationId",
        "o.name as organisationName",
        "c.scope",
        "c.collected_at as collectedAt",
        "u.display_name as collectedBy",
        "c.given_how as givenHow",
        sql<string | null>`c.given_on::text`.as("givenOn"),
        "c.attested_in_person as attestedInPerson",
        "c.withdrawn_at as withdrawnAt",
      ])
      .where("c.person_id", "=", access.personId)
      .orderBy("c.collected_at")
      .execute()
      .then((rows) =>
        rows.map((row) => ({
          ...row,
          withdrawable:
            row.withdrawnAt === null &&
            recordsRules.withdrawConsent.allows(actor, {
              parcours: access,
              organisationId: row.organisationId,
            }),
        })),
      );
    const record = can.readRecord ? await loadRecordBody(tx, access, can.readSensitive) : undefined;
    // Part of this read and of its audit event below: no other path lists them.
    const appointments = can.readAppointments
      ? await listPersonAppointments(tx, access.personId, {
          organisationIds: access.memberOrganisationIds.filter((id) => isSharedWith(access, id)),
        })
      : [];
    // Records possibly opened twice for this person, for the structure holding it to merge or link.
    const duplicateFlags = can.reviewDuplicates
      ? await tx
          .selectFrom("person_duplicate_flag as f")
          .leftJoin("organisation as o", "o.id", "f.flagged_by_organisation_id")
          .select(["f.id", "o.name as organisationName", "f.flagged_at as flaggedAt"])
          .where("f.person_id", "=", access.personId)
          .orderBy("f.flagged_at")
          .execute()
      : [];
    await auditPerson(tx, ctx, {
      action: can.readRecord ? "parcours.read" : "person.read_identity",
      personId: access.personId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      access,
      details: {
        ...(can.readSensitive ? { sensitive: true } : {}),
        ...(appointments.length > 0 ? { appointments: appointments.length } : {}),
      },
    });
    return {
      access,
      can,
      person,
      members,
      consents,
      record,
      appointments,
      duplicateFlags,
    };
  });
}

export type RecordView = Awaited<ReturnType<typeof openRecord>>;

async function loadRecordBody(db: Db, access: ParcoursAccess, withSensitive: boolean) {
  // Health objectives and their actions are not even loaded without the right to read them.
  let objectivesQuery = db
    .selectFrom("plan_objective")
    .selectAll()
    .where("parcours_id", "=", access.parcoursId)
    .orderBy("created_at");
  if (!withSensitive) objectivesQuery = objectivesQuery.where("theme", "not in", SENSITIVE_THEMES);
  const objectives = await objectivesQuery.execute();
  const actions = await listPlanActions(db, access.parcoursId, withSensitive);
  let notesOfRecord = notesQuery(db, access.parcoursId).select([
    "n.is_sensitive as isSensitive",
    "n.shared_with_person as sharedWithPerson",
  ]);
  if (!withSensitive) notesOfRecord = notesOfRecord.where("n.is_sensitive", "=", false);
  const notes = await notesOfRecord.execute();
  let documentsQuery = db
    .selectFrom("parcours_document")
    .select([
      "id",
      "file_name as fileName",
      "media_type as mediaType",
      "size_bytes as sizeBytes",
      "uploaded_at as uploadedAt",
      "is_sensitive as isSensitive",
    ])
    .where("parcours_id", "=", access.parcoursId)
    .orderBy("uploaded_at", "desc");
  // Health documents follow the health scope, like notes: not even loaded without it.
  if (!withSensitive) documentsQuery = documentsQuery.where("is_sensitive", "=", false);
  const documents = await documentsQuery.execute();
  const orientations = await orientationsQuery(db, access.parcoursId)
    .select([
      "r.to_service_ref as toServiceRef",
      "r.message",
      "r.decision_reason as decisionReason",
    ])
    .execute();
  const simulations = await loadSimulations(db, access.parcoursId);
  return {
    objectives: objectives.map((objective) => ({
      ...objective,
      actions: actions.filter((action) => action.objectiveId === objective.id),
    })),
    notes,
    documents,
    orientations,
    simulations,
  };
}
