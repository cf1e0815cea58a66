import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit, recordAuditBatch } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext, UserContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { findService } from "../directory/service.ts";
import { actingOrganisationId, isUuid, requireParcoursFor } from "./access.ts";
import { type OrientationTarget, receivedOrientations, recordsRules } from "./policy.ts";
import { auditPerson, auditPersons } from "./record-audit.ts";
import type { ConsentHow, ConsentScope } from "./tables.ts";

export type ConsentInput = {
  organisationId: string;
  scope: ConsentScope;
  /** How and on which day the person gave it ("2026-03-02", not after today). */
  how: ConsentHow;
  givenOn: string;
  /** The worker attests the person gave it to them in person. */
  attested: boolean;
};

/** Why an orientation waiting for a structure was cancelled: it lost the person's consent. */
export const ORIENTATION_CANCELLED_REASON =
  "La personne a retiré son accord pour partager son dossier avec cette structure : l'orientation est annulée.";

export const CONSENT_NEEDS_ATTESTATION =
  "Votre structure ne tient pas ce dossier : pour enregistrer ou élargir cet accord, la personne doit vous l'avoir donné elle-même (cochez la case), sinon demandez au référent.";

const CONSENT_NOT_FOUND = "Ce consentement n'existe pas ou a déjà été retiré.";

/**
 * Records the person's consent to share with a named structure (replaces an
 * active one), with who recorded it, how and when the person gave it. Who
 * may record or widen it is `recordsRules.recordConsent`.
 */
export async function recordConsent(
  ctx: UserContext,
  parcoursId: string,
  input: ConsentInput,
): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readIdentity);
    const organisation = isUuid(input.organisationId)
      ? await tx
          .selectFrom("organisation")
          .select("id")
          .where("id", "=", input.organisationId)
          .executeTakeFirst()
      : undefined;
    if (!organisation)
      throw new Invalid({ consentOrganisationId: "Choisissez une structure de la liste." });
    authorize(actor, recordsRules.recordConsent, {
      parcours: access,
      organisationId: organisation.id,
      scope: input.scope,
      attested: input.attested,
    });
    if (input.givenOn > parisDate(ctx.now)) {
      throw new Invalid({ givenOn: "La date de l'accord ne peut pas être dans le futur." });
    }
    await tx
      .updateTable("person_consent")
      .set({ withdrawn_at: ctx.now, withdrawn_by_user_id: actor.userId })
      .where("person_id", "=", access.personId)
      .where("organisation_id", "=", organisation.id)
      .where("withdrawn_at", "is", null)
      .execute();
    const collectedThrough = actingOrganisationId(actor, access);
    await tx
      .insertInto("person_consent")
      .values({
        person_id: access.personId,
        organisation_id: organisation.id,
        scope: input.scope,
        collected_by_user_id: actor.userId,
        collected_by_organisation_id: collectedThrough,
        collected_at: ctx.now,
        given_how: input.how,
        given_on: input.givenOn,
        attested_in_person: input.attested,
      })
      .execute();
    await auditPerson(tx, ctx, {
      action: "consent.record",
      personId: access.personId,
      subjectType: "person_consent",
      subjectId: organisation.id,
      access,
      details: {
        organisationId: organisation.id,
        scope: input.scope,
        how: input.how,
        givenOn: input.givenOn,
        attested: input.attested,
      },
    });
  });
}

/**
 * Withdrawal takes effect at once: the next request of that structure finds
 * nothing, and the orientations waiting for it are cancelled (their reason
 * says why, on the record and in the person's access history).
 */
export async function withdrawConsent(
  ctx: UserContext,
  parcoursId: string,
  consentId: string,
): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readIdentity);
    const consent = isUuid(consentId)
      ? await tx
          .selectFrom("person_consent")
          .select(["id", "organisation_id"])
          .where("id", "=", consentId)
          .where("person_id", "=", access.personId)
          .where("withdrawn_at", "is", null)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!consent) throw new NotFound(CONSENT_NOT_FOUND);
    authorize(actor, recordsRules.withdrawConsent, {
      parcours: access,
      organisationId: consent.organisation_id,
    });
    await applyWithdrawal(
      tx,
      { id: consent.id, organisationId: consent.organisation_id, personId: access.personId },
      { userId: actor.userId, organisationId: actingOrganisationId(actor, access) },
      ctx,
    );
  });
}

/**
 * The person withdraws a consent themself, from their personal space: the
 * same effects as a structure's withdrawal (at once; the orientations
 * waiting for that structure are cancelled). The caller has established that
 * the person asks (the espace module: a signed-in resident whose space a
 * professional linked to this person's record).
 */
export async function withdrawConsentByPerson(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  personId: string,
  consentId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const consent = isUuid(consentId)
      ? await tx
          .selectFrom("person_consent")
          .select(["id", "organisation_id"])
          .where("id", "=", consentId)
          .where("person_id", "=", personId)
          .where("withdrawn_at", "is", null)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!consent) throw new NotFound(CONSENT_NOT_FOUND);
    await applyWithdrawal(
      tx,
      { id: consent.id, organisationId: consent.organisation_id, personId },
      { userId: null, organisationId: null },
      ctx,
    );
  });
}

/** The person's consents, active and withdrawn, for them to see (their own space). */
export async function listPersonConsents(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom("person_consent as c")
    .innerJoin("organisation as o", "o.id", "c.organisation_id")
    .select([
      "c.id",
      "c.person_id as personId",
      "o.name as organisationName",
      "c.scope",
      "c.collected_at as collectedAt",
      "c.withdrawn_at as withdrawnAt",
    ])
    .where("c.person_id", "in", [...personIds])
    .orderBy("c.collected_at")
    .execute();
}

async function applyWithdrawal(
  tx: Tx,
  consent: { id: string; organisationId: string; personId: string },
  by: { userId: string | null; organisationId: string | null },
  ctx: Pick<ServiceContext, "now" | "requestId">,
): Promise<void> {
  const byPerson = by.userId === null;
  await tx
    .updateTable("person_consent")
    .set({ withdrawn_at: ctx.now, withdrawn_by_user_id: by.userId })
    .where("id", "=", consent.id)
    .execute();
  await recordAudit(tx, {
    actor: by,
    action: "consent.withdraw",
    subjectType: "person_consent",
    subjectId: consent.id,
    personId: consent.personId,
    details: { organisationId: consent.organisationId, ...(byPerson ? { by: "person" } : {}) },
    requestId: ctx.requestId,
    at: ctx.now,
  });
  const cancelled = await tx
    .updateTable("orientation")
    .set({
      status: "annulee",
      decision_reason: ORIENTATION_CANCELLED_REASON,
      decided_by_user_id: by.userId,
      decided_at: ctx.now,
    })
    .where("status", "=", "proposee")
    .where("to_organisation_id", "=", consent.organisationId)
    .where("parcours_id", "in", (eb) =>
      eb.selectFrom("parcours").select("id").where("person_id", "=", consent.personId),
    )
    .returning("id")
    .execute();
  await recordAuditBatch(
    tx,
    cancelled.map((orientation) => ({
      actor: by,
      action: "orientation.cancel",
      subjectType: "orientation",
      subjectId: orientation.id,
      personId: consent.personId,
      details: { toOrganisationId: consent.organisationId, reason: "consent.withdraw" },
      requestId: ctx.requestId,
      at: ctx.now,
    })),
  );
}

export const ORIENTATION_NEEDS_CONSENT =
  "La personne n'a pas donné son accord pour partager son dossier avec cette structure : recueillez d'abord son consentement (rubrique « Consentements »).";
export const SERVICE_NOT_FOUND =
  "Ce service n'existe pas ou a été retiré de l'annuaire : cherchez-le à nouveau.";
export const SERVICE_NOT_ON_RELAIS =
  "La structure de ce service n'utilise pas encore Relais : contactez-la directement (coordonnées sur sa fiche dans l'annuaire).";

/** Where to orient: a directory service (its structure is the target), or a structure alone. */
export type OrientationInput =
  | { serviceId: string; message: string }
  | { organisationId: string; message: string };

/** The structure and, when given, the directory service the orientation goes to. */
async function resolveTarget(
  tx: Tx,
  input: OrientationInput,
): Promise<{ organisationId: string; serviceId: string | null; serviceName: string | null }> {
  if ("organisationId" in input)
    return { organisationId: input.organisationId, serviceId: null, serviceName: null };
  const service = await findService(tx, input.serviceId);
  if (!service) throw new Invalid({ serviceId: SERVICE_NOT_FOUND });
  if (!service.structure_organisation_id) throw new Invalid({ serviceId: SERVICE_NOT_ON_RELAIS });
  return {
    organisationId: service.structure_organisation_id,
    serviceId: service.id,
    serviceName: `${service.nom} — ${service.structure_nom}`,
  };
}

/**
 * Orients the person to another structure, usually to one of its services
 * found in the directory (the service must exist; its structure is the
 * target). The person must have consented to that structure first:
 * orientation never widens sharing.
 */
export async function orient(
  ctx: UserContext,
  parcoursId: string,
  input: OrientationInput,
): Promise<string> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
    const target = await resolveTarget(tx, input);
    const field = "serviceId" in input ? "serviceId" : "organisationId";
    if (!access.consents.some((consent) => consent.organisationId === target.organisationId)) {
      throw new Invalid({ [field]: ORIENTATION_NEEDS_CONSENT });
    }
    if (access.memberOrganisationIds.includes(target.organisationId)) {
      throw new Invalid({ [field]: "Cette structure suit déjà la personne." });
    }
    const from = actor.memberships.find((m) =>
      access.memberOrganisationIds.includes(m.organisationId),
    );
    const row = await tx
      .insertInto("orientation")
      .values({
        parcours_id: access.parcoursId,
        from_organisation_id: from?.organisationId ?? target.organisationId,
        from_user_id: actor.userId,
        to_organisation_id: target.organisationId,
        to_service_ref: target.serviceId,
        to_service_name: target.serviceName,
        message: input.message,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditPerson(tx, ctx, {
      action: "orientation.create",
      personId: access.personId,
      subjectType: "orientation",
      subjectId: row.id,
      access,
      details: { toOrganisationId: target.organisationId, serviceRef: target.serviceId },
    });
    return row.id;
  });
}

/** How many orientations wait for the actor's structures: a number, no personal data. */
export async function countIncomingOrientations(
  ctx: Pick<UserContext, "db" | "actor">,
): Promise<number> {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.enterRecords, undefined);
  const row = await receivedOrientations(db, actor)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("r.status", "=", "proposee")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Orientations waiting for one of the actor's structures, while the person
 * consents to share with it (`receivedOrientations`, the twin of
 * `viewOrientation`): only what deciding needs. Showing them is a read of
 * each person's identity: audited per orientation shown, in one transaction.
 */
export async function listIncomingOrientations(ctx: UserContext) {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.enterRecords, undefined);
  return db.transaction().execute(async (tx) => {
    const rows = await receivedOrientations(tx, actor)
      .innerJoin("person", "person.id", "p.person_id")
      .innerJoin("organisation as f", "f.id", "r.from_organisation_id")
      .innerJoin("organisation as t", "t.id", "r.to_organisation_id")
      .select([
        "r.id",
        "r.message",
        "r.created_at as createdAt",
        "r.to_organisation_id as toOrganisationId",
        "r.to_service_name as serviceName",
        "p.person_id as personId",
        "f.name as fromName",
        "t.name as toName",
        "person.first_name as firstName",
        "person.last_name as lastName",
        sql<string>`person.birth_date::text`.as("birthDate"),
      ])
      .where("r.status", "=", "proposee")
      .orderBy("r.created_at")
      .execute();
    await auditPersons(
      tx,
      ctx,
      rows.map((row) => ({
        action: "orientation.list",
        personId: row.personId,
        subjectType: "orientation",
        subjectId: row.id,
        organisationId: row.toOrganisationId,
      })),
    );
    return rows.map(({ personId: _personId, ...row }) => row);
  });
}

/** One orientation with what `viewOrientation` and `decideOrientation` need. */
export async function findOrientation(
  db: Db | Tx,
  orientationId: string,
  options: { lock?: boolean } = {},
) {
  if (!isUuid(orientationId)) return undefined;
  const query = db
    .selectFrom("orientation as r")
    .innerJoin("parcours as p", "p.id", "r.parcours_id")
    .select([
      "r.id",
      "r.parcours_id",
      "r.to_organisation_id",
      "r.status",
      "p.person_id",
      "p.status as parcoursStatus",
      sql<boolean>`EXISTS (SELECT 1 FROM person_consent c
         WHERE c.person_id = p.person_id AND c.organisation_id = r.to_organisation_id
           AND c.withdrawn_at IS NULL)`.as("receivingConsent"),
    ])
    .where("r.id", "=", orientationId);
  return (options.lock ? query.forUpdate("r") : query).executeTakeFirst();
}

export function orientationTarget(
  orientation: NonNullable<Awaited<ReturnType<typeof findOrientation>>>,
): OrientationTarget {
  return {
    toOrganisationId: orientation.to_organisation_id,
    status: orientation.status,
    receivingConsent: orientation.receivingConsent,
  };
}

/**
 * The receiving structure accepts (it joins the parcours, within the consent
 * the person gave it) or refuses with a reason.
 */
export async function decideOrientation(
  ctx: UserContext,
  orientationId: string,
  input: { decision: "acceptee" | "refusee"; reason?: string | undefined },
): Promise<{ parcoursId: string; status: "acceptee" | "refusee" }> {
  const { db, actor } = ctx;
  // Someone who may not enter the records is refused before the id is looked up:
  // a real id and a forged one answer the same.
  authorize(actor, recordsRules.enterRecords, undefined);
  return db.transaction().execute(async (tx) => {
    const orientation = await findOrientation(tx, orientationId, { lock: true });
    const target = orientation ? orientationTarget(orientation) : undefined;
    if (!orientation || !target) throw new NotFound("Cette orientation n'existe pas.");
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
        decided_at: ctx.now,
      })
      .where("id", "=", orientation.id)
      .execute();
    if (input.decision === "acceptee") {
      await tx
        .insertInto("parcours_member")
        .values({
          parcours_id: orientation.parcours_id,
          organisation_id: orientation.to_organisation_id,
          joined_at: ctx.now,
        })
        .onConflict((oc) => oc.columns(["parcours_id", "organisation_id"]).doNothing())
        .execute();
    }
    await auditPerson(tx, ctx, {
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
