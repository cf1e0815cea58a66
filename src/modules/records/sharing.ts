import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import { isUuid, requireParcoursFor } from "./access.ts";
import { auditPerson, type RecordsContext } from "./context.ts";
import { recordsRules } from "./policy.ts";
import type { ConsentScope } from "./tables.ts";

/** Records the person's consent to share with a named structure (replaces an active one). */
export async function recordConsent(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  input: { organisationId: string; scope: ConsentScope },
  context: RecordsContext,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.manageConsent);
    const organisation = isUuid(input.organisationId)
      ? await tx
          .selectFrom("organisation")
          .select("id")
          .where("id", "=", input.organisationId)
          .executeTakeFirst()
      : undefined;
    if (!organisation)
      throw new Invalid({ organisationId: "Choisissez une structure de la liste." });
    await tx
      .updateTable("person_consent")
      .set({ withdrawn_at: context.now, withdrawn_by_user_id: actor.userId })
      .where("person_id", "=", access.personId)
      .where("organisation_id", "=", organisation.id)
      .where("withdrawn_at", "is", null)
      .execute();
    await tx
      .insertInto("person_consent")
      .values({
        person_id: access.personId,
        organisation_id: organisation.id,
        scope: input.scope,
        collected_by_user_id: actor.userId,
        collected_at: context.now,
      })
      .execute();
    await auditPerson(tx, actor, context, {
      action: "consent.record",
      personId: access.personId,
      subjectType: "person_consent",
      subjectId: organisation.id,
      access,
      details: { organisationId: organisation.id, scope: input.scope },
    });
  });
}

/** Withdrawal takes effect at once: the next request of that structure finds nothing. */
export async function withdrawConsent(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  consentId: string,
  context: RecordsContext,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.manageConsent);
    const result = isUuid(consentId)
      ? await tx
          .updateTable("person_consent")
          .set({ withdrawn_at: context.now, withdrawn_by_user_id: actor.userId })
          .where("id", "=", consentId)
          .where("person_id", "=", access.personId)
          .where("withdrawn_at", "is", null)
          .returning("organisation_id")
          .executeTakeFirst()
      : undefined;
    if (!result) throw new NotFound("Ce consentement n'existe pas ou a déjà été retiré.");
    await auditPerson(tx, actor, context, {
      action: "consent.withdraw",
      personId: access.personId,
      subjectType: "person_consent",
      subjectId: consentId,
      access,
      details: { organisationId: result.organisation_id },
    });
  });
}

export const ORIENTATION_NEEDS_CONSENT =
  "La personne n'a pas donné son accord pour partager son dossier avec cette structure : recueillez d'abord son consentement (rubrique « Consentements »).";

/**
 * Orients the person to another structure (and optionally one of its services
 * in the directory, kept as the directory's service id). The person must have
 * consented to that structure first: orientation never widens sharing.
 */
export async function orient(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  input: { organisationId: string; serviceRef?: string | undefined; message: string },
  context: RecordsContext,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
    if (!access.consents.some((consent) => consent.organisationId === input.organisationId)) {
      throw new Invalid({ organisationId: ORIENTATION_NEEDS_CONSENT });
    }
    if (access.memberOrganisationIds.includes(input.organisationId)) {
      throw new Invalid({ organisationId: "Cette structure suit déjà la personne." });
    }
    const from = actor.memberships.find((m) =>
      access.memberOrganisationIds.includes(m.organisationId),
    );
    const row = await tx
      .insertInto("orientation")
      .values({
        parcours_id: access.parcoursId,
        from_organisation_id: from?.organisationId ?? input.organisationId,
        from_user_id: actor.userId,
        to_organisation_id: input.organisationId,
        to_service_ref: input.serviceRef ?? null,
        message: input.message,
        created_at: context.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditPerson(tx, actor, context, {
      action: "orientation.create",
      personId: access.personId,
      subjectType: "orientation",
      subjectId: row.id,
      access,
      details: { toOrganisationId: input.organisationId, serviceRef: input.serviceRef ?? null },
    });
    return row.id;
  });
}

/** Orientations waiting for one of the actor's structures: only what deciding needs. */
export async function listIncomingOrientations(db: Db, actor: UserActor) {
  authorize(actor, recordsRules.enterRecords, undefined);
  const organisationIds = actor.memberships
    .filter((m) => m.role === "travailleur_social" || m.role === "responsable_structure")
    .map((m) => m.organisationId);
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom("orientation as r")
    .innerJoin("parcours as p", "p.id", "r.parcours_id")
    .innerJoin("person", "person.id", "p.person_id")
    .innerJoin("organisation as f", "f.id", "r.from_organisation_id")
    .innerJoin("organisation as t", "t.id", "r.to_organisation_id")
    .select([
      "r.id",
      "r.message",
      "r.created_at as createdAt",
      "r.to_organisation_id as toOrganisationId",
      "f.name as fromName",
      "t.name as toName",
      "person.first_name as firstName",
      "person.last_name as lastName",
      sql<string>`person.birth_date::text`.as("birthDate"),
    ])
    .where("r.status", "=", "proposee")
    .where("r.to_organisation_id", "in", organisationIds)
    .orderBy("r.created_at")
    .execute();
}

/**
 * The receiving structure accepts (it joins the parcours, within the consent
 * the person gave it) or refuses with a reason.
 */
export async function decideOrientation(
  db: Db,
  actor: UserActor,
  orientationId: string,
  input: { decision: "acceptee" | "refusee"; reason?: string | undefined },
  context: RecordsContext,
): Promise<{ parcoursId: string; status: "acceptee" | "refusee" }> {
  return db.transaction().execute(async (tx) => {
    const orientation = isUuid(orientationId)
      ? await tx
          .selectFrom("orientation as r")
          .innerJoin("parcours as p", "p.id", "r.parcours_id")
          .select([
            "r.id",
            "r.parcours_id",
            "r.to_organisation_id",
            "r.status",
            "p.person_id",
            "p.status as parcoursStatus",
          ])
          .where("r.id", "=", orientationId)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    const target = orientation
      ? { toOrganisationId: orientation.to_organisation_id, status: orientation.status }
      : undefined;
    if (!orientation || !target) {
      authorize(actor, recordsRules.enterRecords, undefined);
      throw new NotFound("Cette orientation n'existe pas.");
    }
    try {
      authorize(actor, recordsRules.viewOrientation, target);
    } catch {
      throw new NotFound("Cette orientation n'existe pas.");
    }
    authorize(actor, recordsRules.decideOrientation, target);
    if (input.decision === "refusee" && !input.reason?.trim()) {
      throw new Invalid({
        reason: "Indiquez la raison du refus : elle sera transmise à la structure qui a orienté.",
      });
    }
    if (input.decision === "acceptee" && orientation.parcoursStatus !== "ouvert") {
      throw new Invalid({
        decision: "Ce parcours est clos : l'orientation ne peut plus être acceptée.",
      });
    }
    await tx
      .updateTable("orientation")
      .set({
        status: input.decision,
        decision_reason: input.reason?.trim() || null,
        decided_by_user_id: actor.userId,
        decided_at: context.now,
      })
      .where("id", "=", orientation.id)
      .execute();
    if (input.decision === "acceptee") {
      await tx
        .insertInto("parcours_member")
        .values({
          parcours_id: orientation.parcours_id,
          organisation_id: orientation.to_organisation_id,
          joined_at: context.now,
        })
        .onConflict((oc) => oc.columns(["parcours_id", "organisation_id"]).doNothing())
        .execute();
    }
    await auditPerson(tx, actor, context, {
      action: `orientation.${input.decision === "acceptee" ? "accept" : "refuse"}`,
      personId: orientation.person_id,
      subjectType: "orientation",
      subjectId: orientation.id,
      organisationId: orientation.to_organisation_id,
      details: input.reason ? { reason: input.reason } : {},
    });
    return { parcoursId: orientation.parcours_id, status: input.decision };
  });
}
