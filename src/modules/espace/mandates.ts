// Mandates (issue 15): the person lets a helper act for them on chosen parts
// of their space for a chosen time; the helper signs in with their own code
// and acts through /mon-espace/pour/<mandate>. Every use is checked against
// the mandate at that moment (revoked or expired: refused) and written to
// the person's history as done by the helper for them (details.onBehalfOf).
import type { Db, Tx } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident, residentCan } from "../../platform/access/policy.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import {
  cancelByToken,
  listAppointmentsForContacts,
  manageTokenForContacts,
  manageUrl,
} from "../appointments/service.ts";
import { verifiedContacts } from "./data-rights.ts";
import { type Contact, maskContact } from "./identifiers.ts";
import { isUuid, listLinks } from "./links.ts";
import { espaceRules, MAX_MANDATE_DAYS, type MandateUse } from "./policy.ts";
import { appointmentContext, type ResidentContext, type SpaceContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import { createShare } from "./space-sharing.ts";
import type { MandatePart } from "./tables.ts";
import { documentStream, listDocuments, markDocumentUsed } from "./vault.ts";

export const PART_LABELS: Record<MandatePart, string> = {
  rendez_vous: "voir, annuler ou déplacer mes rendez-vous",
  documents: "voir et télécharger mes documents",
  partage: "partager mes documents avec les structures qui me suivent",
  demarches: "mes démarches",
};

/**
 * The parts a person may grant today. « Démarches » is not offered: Relais
 * has no online procedures yet (no forms to fill for someone), so a mandate
 * for them would be an option that does nothing. Older mandates keep it.
 */
export const GRANTABLE_PARTS: readonly MandatePart[] = ["rendez_vous", "documents", "partage"];
export const NO_PROCEDURES_YET =
  "Les démarches en ligne (remplir une demande d'aide pour quelqu'un) n'existent pas encore dans Relais : un mandat ne peut pas encore les couvrir.";

export const DURATIONS = {
  "30": "1 mois",
  "90": "3 mois",
  "180": "6 mois",
  "365": "1 an",
} as const;

export const SHARE_NEEDS_DOCUMENTS =
  "Pour partager vos documents, la personne aidante doit aussi pouvoir les voir : cochez aussi « voir et télécharger mes documents ».";

export const SELF_MANDATE = "Vous ne pouvez pas vous donner un mandat à vous-même.";

export type Mandate = {
  id: string;
  espaceId: string;
  personName: string;
  helperName: string;
  helper: Contact;
  parts: MandatePart[];
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

function mandates(db: Db | Tx) {
  return db
    .selectFrom("espace_mandate")
    .select([
      "id",
      "espace_id",
      "person_name",
      "helper_name",
      "helper_kind",
      "helper_value",
      "parts",
      "granted_at",
      "expires_at",
      "revoked_at",
    ]);
}

function toMandate(
  row: Awaited<ReturnType<ReturnType<typeof mandates>["executeTakeFirstOrThrow"]>>,
): Mandate {
  return {
    id: row.id,
    espaceId: row.espace_id,
    personName: row.person_name,
    helperName: row.helper_name,
    helper: { kind: row.helper_kind, value: row.helper_value },
    parts: row.parts,
    grantedAt: row.granted_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export function isActive(mandate: Mandate, now: Date): boolean {
  return mandate.revokedAt === null && now.getTime() < mandate.expiresAt.getTime();
}

/** The mandates the person gave, latest first. */
export async function mandatesGiven(ctx: ResidentContext): Promise<Mandate[]> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const rows = await mandates(db)
    .where("espace_id", "=", actor.espaceId)
    .orderBy("granted_at", "desc")
    .execute();
  return rows.map(toMandate);
}

/** The mandates naming the contact the helper signed in with, valid now. */
export async function mandatesReceived(ctx: ResidentContext): Promise<Mandate[]> {
  const { db, actor, now } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  if (!actor.contact) return [];
  const rows = await mandates(db)
    .where("helper_kind", "=", actor.contact.kind)
    .where("helper_value", "=", actor.contact.value)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .where("espace_id", "<>", actor.espaceId)
    .orderBy("granted_at", "desc")
    .execute();
  return rows.map(toMandate);
}

/** The person gives a mandate: a fresh code, at least one part, one year at most. */
export async function grantMandate(
  ctx: SpaceContext,
  input: {
    personName: string;
    helperName: string;
    helper: Contact;
    parts: MandatePart[];
    days: number;
  },
): Promise<string> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.sensitiveAction, {
    espaceId: actor.espaceId,
    now: ctx.now,
  });
  if (input.days < 1 || input.days > MAX_MANDATE_DAYS)
    throw new Invalid({ duree: "Choisissez une durée d'un an au plus." });
  return db.transaction().execute(async (tx) => {
    const own = await tx
      .selectFrom("espace_identifier")
      .select("id")
      .where("espace_id", "=", actor.espaceId)
      .where("kind", "=", input.helper.kind)
      .where("value", "=", input.helper.value)
      .executeTakeFirst();
    if (own) throw new Invalid({ contact: SELF_MANDATE });
    if (input.parts.some((part) => !GRANTABLE_PARTS.includes(part)))
      throw new Invalid({ parties: NO_PROCEDURES_YET });
    if (input.parts.includes("partage") && !input.parts.includes("documents"))
      throw new Invalid({ parties: SHARE_NEEDS_DOCUMENTS });
    const row = await tx
      .insertInto("espace_mandate")
      .values({
        espace_id: actor.espaceId,
        person_name: input.personName,
        helper_name: input.helperName,
        helper_kind: input.helper.kind,
        helper_value: input.helper.value,
        parts: input.parts,
        granted_at: ctx.now,
        expires_at: new Date(ctx.now.getTime() + input.days * 86_400_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditSpace(tx, actor, ctx, {
      action: "espace.mandate.grant",
      espaceId: actor.espaceId,
      subjectType: "espace_mandate",
      subjectId: row.id,
      details: {
        helperName: input.helperName,
        helper: maskContact(input.helper),
        parts: input.parts,
        days: input.days,
      },
    });
    return row.id;
  });
}

/** The person ends a mandate at once (no fresh code: stopping is never harder than allowing). */
export async function revokeMandate(ctx: SpaceContext, mandateId: string): Promise<void> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  await db.transaction().execute(async (tx) => {
    const revoked = await tx
      .updateTable("espace_mandate")
      .set({ revoked_at: ctx.now })
      .where("id", "=", isUuid(mandateId) ? mandateId : "00000000-0000-0000-0000-000000000000")
      .where("espace_id", "=", actor.espaceId)
      .where("revoked_at", "is", null)
      .returning(["id", "helper_name"])
      .executeTakeFirst();
    if (!revoked) throw new NotFound("Ce mandat n'existe pas ou a déjà pris fin.");
    await auditSpace(tx, actor, ctx, {
      action: "espace.mandate.revoke",
      espaceId: actor.espaceId,
      subjectType: "espace_mandate",
      subjectId: revoked.id,
      details: { helperName: revoked.helper_name },
    });
  });
}

/**
 * The helper's way in: the mandate, checked now for this part. A mandate
 * that is not theirs answers as one that does not exist; a part not granted,
 * or a mandate revoked or expired, is refused and written to the person's
 * history as a refused attempt.
 */
async function actingFor(
  ctx: SpaceContext,
  mandateId: string,
  part: MandatePart,
): Promise<Mandate> {
  const { db, actor } = ctx;
  const row = isUuid(mandateId)
    ? await mandates(db).where("id", "=", mandateId).executeTakeFirst()
    : undefined;
  const mandate = row ? toMandate(row) : undefined;
  if (
    !mandate ||
    !actor.contact ||
    actor.contact.kind !== mandate.helper.kind ||
    actor.contact.value !== mandate.helper.value
  )
    throw new NotFound("Ce mandat n'existe pas.");
  const use: MandateUse = { ...mandate, part, now: ctx.now };
  if (!residentCan(actor, espaceRules.actForPerson, use)) {
    await db.transaction().execute((tx) =>
      auditSpace(tx, actor, ctx, {
        action: "espace.mandate.refused",
        espaceId: mandate.espaceId,
        subjectType: "espace_mandate",
        subjectId: mandate.id,
        details: onBehalf(actor, mandate, { part }),
      }),
    );
  }
  authorizeResident(actor, espaceRules.actForPerson, use);
  return mandate;
}

function onBehalf(actor: ResidentActor, mandate: Mandate, extra: Record<string, unknown> = {}) {
  return {
    by: "helper",
    onBehalfOf: mandate.espaceId,
    helperEspaceId: actor.espaceId,
    helperName: mandate.helperName,
    mandateId: mandate.id,
    ...extra,
  };
}

/** The mandate itself, for the helper's page: only theirs, valid now (any part). */
export async function mandateForHelper(ctx: ResidentContext, mandateId: string): Promise<Mandate> {
  const received = await mandatesReceived(ctx);
  const mandate = received.find((m) => m.id === mandateId);
  if (!mandate) throw new NotFound("Ce mandat n'existe pas ou a pris fin.");
  return mandate;
}

/** The person's appointments, read by the helper for them: audited with onBehalfOf. */
export async function appointmentsForPerson(ctx: SpaceContext, mandateId: string) {
  const { db, actor } = ctx;
  const mandate = await actingFor(ctx, mandateId, "rendez_vous");
  const { contacts } = await verifiedContacts(db, mandate.espaceId);
  const appointments = await listAppointmentsForContacts(
    { db, now: ctx.now, links: { secret: ctx.secret } },
    contacts,
  );
  await db.transaction().execute((tx) =>
    auditSpace(tx, actor, ctx, {
      action: "espace.mandate.appointments.read",
      espaceId: mandate.espaceId,
      subjectType: "espace_mandate",
      subjectId: mandate.id,
      details: onBehalf(actor, mandate),
    }),
  );
  return { mandate, appointments };
}

/** The person's documents (the list), read by the helper for them: audited with onBehalfOf. */
export async function documentsForPerson(ctx: SpaceContext, mandateId: string) {
  const { db, actor } = ctx;
  const mandate = await actingFor(ctx, mandateId, "documents");
  const documents = await listDocuments(db, mandate.espaceId);
  await db.transaction().execute((tx) =>
    auditSpace(tx, actor, ctx, {
      action: "espace.mandate.documents.read",
      espaceId: mandate.espaceId,
      subjectType: "espace_mandate",
      subjectId: mandate.id,
      details: onBehalf(actor, mandate),
    }),
  );
  return { mandate, documents };
}

export const CANNOT_CANCEL =
  "Ce rendez-vous ne peut pas être annulé en ligne (il est passé, déjà annulé, ou a été pris par un professionnel). Appelez le service.";

export const CANNOT_MOVE =
  "Ce rendez-vous ne peut pas être déplacé en ligne (il est passé, déjà annulé, ou a été pris par un professionnel). Appelez le service.";

/** The helper cancels one of the person's appointments for them, under the link's own rules. */
export async function cancelForPerson(
  ctx: SpaceContext,
  mandateId: string,
  appointmentId: string,
): Promise<Mandate> {
  const { db, actor } = ctx;
  const mandate = await actingFor(ctx, mandateId, "rendez_vous");
  const { contacts } = await verifiedContacts(db, mandate.espaceId);
  const appointments = appointmentContext(ctx);
  const token = await manageTokenForContacts(appointments, appointmentId, contacts);
  if (!token) throw new Invalid({ rendezVous: CANNOT_CANCEL });
  await cancelByToken(appointments, appointmentId, token);
  await db.transaction().execute((tx) =>
    auditSpace(tx, actor, ctx, {
      action: "espace.mandate.appointment.cancel",
      espaceId: mandate.espaceId,
      subjectType: "rdv",
      subjectId: appointmentId,
      details: onBehalf(actor, mandate),
    }),
  );
  return mandate;
}

/** The helper moves one of the person's appointments: the link's own page, where moving happens. */
export async function moveLinkForPerson(
  ctx: SpaceContext,
  mandateId: string,
  appointmentId: string,
): Promise<string> {
  const { db, actor } = ctx;
  const mandate = await actingFor(ctx, mandateId, "rendez_vous");
  const { contacts } = await verifiedContacts(db, mandate.espaceId);
  const token = await manageTokenForContacts(
    { db, now: ctx.now, links: { secret: ctx.secret } },
    appointmentId,
    contacts,
  );
  if (!token) throw new Invalid({ rendezVous: CANNOT_MOVE });
  await db.transaction().execute((tx) =>
    auditSpace(tx, actor, ctx, {
      action: "espace.mandate.appointment.moved",
      espaceId: mandate.espaceId,
      subjectType: "rdv",
      subjectId: appointmentId,
      details: onBehalf(actor, mandate),
    }),
  );
  const url = new URL(manageUrl(ctx.publicUrl, appointmentId, token));
  return `${url.pathname.replace(/\/?$/, "/deplacer")}${url.search}`;
}

/**
 * The helper downloads one of the person's documents for them: audited with
 * onBehalfOf, and it counts as a use (the document's clock starts again).
 */
export async function readDocumentForPerson(
  ctx: SpaceContext,
  mandateId: string,
  documentId: string,
) {
  const { db, actor } = ctx;
  const mandate = await actingFor(ctx, mandateId, "documents");
  const document = await markDocumentUsed(ctx, mandate.espaceId, documentId, {
    action: "espace.mandate.document.downloaded",
    details: ({ title }) => onBehalf(actor, mandate, { title }),
  });
  return { document, stream: documentStream(db, ctx.documentsKey, document) };
}

/** The structures the person's records are linked to: where the helper may share, if granted. */
export async function sharingTargetsForPerson(ctx: SpaceContext, mandateId: string) {
  const { db } = ctx;
  const mandate = await actingFor(ctx, mandateId, "partage");
  return listLinks(db, mandate.espaceId);
}

/**
 * The helper shares one of the person's documents with the structure of a
 * linked record, for a purpose and a duration: the mandate grants sharing
 * and the helper entered a code just now. Written as the helper's, for them.
 */
export async function shareForPerson(
  ctx: SpaceContext,
  mandateId: string,
  input: { linkId: string; documentId: string; purpose: string; days: number },
): Promise<string> {
  const { db, actor } = ctx;
  const mandate = await actingFor(ctx, mandateId, "partage");
  authorizeResident(actor, espaceRules.shareForPerson, {
    ...mandate,
    part: "partage",
    now: ctx.now,
  });
  return db
    .transaction()
    .execute((tx) => createShare(tx, ctx, mandate.espaceId, input, onBehalf(actor, mandate)));
}
