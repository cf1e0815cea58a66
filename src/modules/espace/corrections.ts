// « Demander une correction » (RGPD art. 16): the person writes what is
// wrong in their data and the request goes to the structure of a linked
// follow-up record (their référent's), which sees it from the record and
// marks it handled with a reply. Without a linked record, the request is
// kept in the space and the page says whom to write to (the département's
// contact). Audited on both sides: the space's history and the record's.
import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize, authorizeResident, can } from "../../platform/access/policy.ts";
import { recordAudit, recordAuditBatch } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import type { ParcoursAccess } from "../records/policy.ts";
import { recordsRules, requireParcoursFor } from "../records/service.ts";
import { findLinkOfRecord, isUuid, listLinks, type RecordLink } from "./links.ts";
import { type CorrectionTarget, correctionOfficerStructure, espaceRules } from "./policy.ts";
import type { ResidentContext } from "./session.ts";
import type { CorrectionPart } from "./tables.ts";

export const CORRECTION_PARTS: Record<CorrectionPart, string> = {
  identite: "mon identité (nom, prénom, date de naissance)",
  contact: "mes coordonnées (téléphone, adresse électronique, adresse postale)",
  suivi: "mon dossier de suivi (ce que la structure a écrit sur ma situation)",
  autre: "autre chose",
};

export const CHOOSE_STRUCTURE = "Choisissez la structure à qui envoyer votre demande.";
export const ALREADY_HANDLED = "Cette demande est déjà traitée.";

export type CorrectionRequest = {
  id: string;
  part: CorrectionPart;
  message: string;
  createdAt: Date;
  /** The structure it was sent to; null: no linked record, the département's contact. */
  organisationName: string | null;
  handledAt: Date | null;
  handledByName: string | null;
  reply: string | null;
};

function requests(db: Db | Tx) {
  return db
    .selectFrom("espace_correction as r")
    .leftJoin("organisation as o", "o.id", "r.organisation_id")
    .leftJoin("app_user as u", "u.id", "r.handled_by_user_id")
    .select([
      "r.id",
      "r.part",
      "r.message",
      "r.created_at",
      "o.name as organisation_name",
      "r.handled_at",
      "u.display_name",
      "r.reply",
    ]);
}

function toRequest(
  row: Awaited<ReturnType<ReturnType<typeof requests>["executeTakeFirstOrThrow"]>>,
): CorrectionRequest {
  return {
    id: row.id,
    part: row.part,
    message: row.message,
    createdAt: row.created_at,
    organisationName: row.organisation_name,
    handledAt: row.handled_at,
    handledByName: row.display_name,
    reply: row.reply,
  };
}

/** The person's requests, latest first. */
export async function myCorrections(ctx: ResidentContext): Promise<CorrectionRequest[]> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.requestCorrection, { espaceId: actor.espaceId });
  const rows = await requests(db)
    .where("r.espace_id", "=", actor.espaceId)
    .orderBy("r.created_at", "desc")
    .execute();
  return rows.map(toRequest);
}

/**
 * The person asks for a correction. With linked records, it goes to the one
 * they chose (the only one when there is one); without, it stays in their
 * space and the page gives the département's contact.
 */
export async function requestCorrection(
  ctx: ResidentContext,
  input: { part: CorrectionPart; message: string; linkId?: string | undefined },
): Promise<{ id: string; link: RecordLink | undefined }> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.requestCorrection, { espaceId: actor.espaceId });
  return db.transaction().execute(async (tx) => {
    const links = await listLinks(tx, actor.espaceId);
    let link: RecordLink | undefined;
    if (links.length === 1 && !input.linkId) link = links[0];
    else if (links.length > 0) {
      link = links.find((candidate) => candidate.id === input.linkId);
      if (!link) throw new Invalid({ structure: CHOOSE_STRUCTURE });
    }
    const row = await tx
      .insertInto("espace_correction")
      .values({
        espace_id: actor.espaceId,
        link_id: link?.id ?? null,
        organisation_id: link?.organisationId ?? null,
        part: input.part,
        message: input.message,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // One event: on the linked record's person when there is one (the
    // structure's trail, and the person's history reads linked records too),
    // on the space otherwise.
    await recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: "espace.correction.requested",
      subjectType: link ? "parcours" : "espace_correction",
      subjectId: link ? link.parcoursId : row.id,
      personId: link ? link.personId : actor.espaceId,
      details: {
        by: "resident",
        correctionId: row.id,
        part: input.part,
        organisationName: link?.organisationName ?? null,
      },
      requestId: ctx.requestId ?? null,
      at: ctx.now,
    });
    return { id: row.id, link };
  });
}

function correctionTarget(
  actor: UserActor,
  access: ParcoursAccess,
  organisationId: string,
): CorrectionTarget {
  return {
    canReadRecord: can(actor, recordsRules.readRecord, access),
    canWriteRecord: can(actor, recordsRules.writeRecord, access),
    organisationId,
  };
}

/**
 * The requests sent through the record's link, for the professional's view
 * of the record (in the caller's transaction; the caller audits the view).
 * Empty when the rule does not let them see them.
 */
export async function correctionsOfRecord(
  tx: Tx,
  actor: UserActor,
  access: ParcoursAccess,
  link: RecordLink,
): Promise<{ requests: CorrectionRequest[]; canHandle: boolean }> {
  const target = correctionTarget(actor, access, link.organisationId);
  if (!can(actor, espaceRules.readCorrections, target)) return { requests: [], canHandle: false };
  const rows = await requests(tx)
    .where("r.link_id", "=", link.id)
    .orderBy("r.created_at", "desc")
    .execute();
  return {
    requests: rows.map(toRequest),
    canHandle: can(actor, espaceRules.handleCorrection, target),
  };
}

/** The référent marks a request handled, with the reply the person reads in their space. */
export async function handleCorrection(
  ctx: ServiceContext<UserActor>,
  parcoursId: string,
  correctionId: string,
  reply: string,
): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readRecord);
    const link = await findLinkOfRecord(tx, access.parcoursId);
    const request =
      link && isUuid(correctionId)
        ? await tx
            .selectFrom("espace_correction")
            .select(["id", "espace_id", "part", "handled_at"])
            .where("id", "=", correctionId)
            .where("link_id", "=", link.id)
            .executeTakeFirst()
        : undefined;
    if (!link || !request) throw new NotFound("Cette demande de correction n'existe pas.");
    authorize(
      actor,
      espaceRules.handleCorrection,
      correctionTarget(actor, access, link.organisationId),
    );
    if (request.handled_at) throw new Invalid({ reponse: ALREADY_HANDLED });
    await tx
      .updateTable("espace_correction")
      .set({ handled_at: ctx.now, handled_by_user_id: actor.userId, reply })
      .where("id", "=", request.id)
      .execute();
    // On the record's person: the structure's trail and the person's history.
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: link.organisationId },
      action: "espace.correction.handled",
      subjectType: "parcours",
      subjectId: access.parcoursId,
      personId: access.personId,
      details: { part: request.part, correctionId: request.id },
      requestId: ctx.requestId ?? null,
      at: ctx.now,
    });
  });
}

export type UnlinkedCorrection = CorrectionRequest & { espaceId: string };

/**
 * The open requests that no linked record carries, for the département's
 * DPO, oldest first; each one read is written to that person's history.
 */
export async function openUnlinkedCorrections(
  ctx: ServiceContext<UserActor>,
): Promise<UnlinkedCorrection[]> {
  const { db, actor } = ctx;
  authorize(actor, espaceRules.handleUnlinkedCorrections, undefined);
  return db.transaction().execute(async (tx) => {
    const rows = await requests(tx)
      .select("r.espace_id")
      .where("r.link_id", "is", null)
      .where("r.handled_at", "is", null)
      .orderBy("r.created_at")
      .limit(200)
      .execute();
    await recordAuditBatch(
      tx,
      rows.map((row) => ({
        actor: { userId: actor.userId, organisationId: correctionOfficerStructure(actor) ?? null },
        action: "espace.correction.viewed",
        subjectType: "espace_correction",
        subjectId: row.id,
        personId: row.espace_id,
        details: { part: row.part },
        requestId: ctx.requestId ?? null,
        at: ctx.now,
      })),
    );
    return rows.map((row) => ({ ...toRequest(row), espaceId: row.espace_id }));
  });
}

/** The DPO answers a request that no linked record carries. */
export async function handleUnlinkedCorrection(
  ctx: ServiceContext<UserActor>,
  correctionId: string,
  reply: string,
): Promise<void> {
  const { db, actor } = ctx;
  authorize(actor, espaceRules.handleUnlinkedCorrections, undefined);
  await db.transaction().execute(async (tx) => {
    const request = isUuid(correctionId)
      ? await tx
          .updateTable("espace_correction")
          .set({ handled_at: ctx.now, handled_by_user_id: actor.userId, reply })
          .where("id", "=", correctionId)
          .where("link_id", "is", null)
          .where("handled_at", "is", null)
          .returning(["id", "espace_id", "part"])
          .executeTakeFirst()
      : undefined;
    if (!request) throw new NotFound("Cette demande n'existe pas ou est déjà traitée.");
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: correctionOfficerStructure(actor) ?? null },
      action: "espace.correction.handled",
      subjectType: "espace_correction",
      subjectId: request.id,
      personId: request.espace_id,
      details: { part: request.part },
      requestId: ctx.requestId ?? null,
      at: ctx.now,
    });
  });
}
