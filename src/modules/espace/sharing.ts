// Between the person and the professionals who follow them: the link of a
// follow-up record to the space (confirmed by the professional, never
// automatic), and the shares the person gives (a document or a category, to
// the structure of a linked record, for a purpose, until a date).
import type { Db, Tx } from "../../db/database.ts";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { authorize, authorizeResident, can } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ParcoursAccess } from "../records/policy.ts";
import { recordsRules, requireParcoursFor } from "../records/service.ts";
import { auditSpace, type EspaceContext } from "./context.ts";
import type { Contact } from "./identifiers.ts";
import { actingStructure, espaceRules, sharedDocumentReaderStructures } from "./policy.ts";
import type { DocumentCategory, IdentifierKind } from "./tables.ts";
import { DOCUMENT_NOT_FOUND, documentStream, findDocument } from "./vault.ts";

type Context = Pick<EspaceContext, "now" | "requestId">;

export const NO_SPACE_FOR_CONTACT =
  "Aucun espace n'est ouvert avec cette coordonnée. Demandez à la personne de se connecter à « Mon espace » avec ce numéro ou cette adresse, puis réessayez.";
export const ALREADY_LINKED = "Ce dossier est déjà relié à l'espace de cette personne.";
export const CONFIRM_IDENTITY =
  "Cochez la case : vous avez vérifié avec la personne que cette coordonnée est bien la sienne.";
export const SHARED_NOT_FOUND =
  "Ce document n'est pas partagé avec votre structure, ou le partage a pris fin.";

export type RecordLink = {
  id: string;
  parcoursId: string;
  personId: string;
  organisationId: string;
  organisationName: string;
  confirmedByName: string | null;
  identifierKind: IdentifierKind;
  confirmedAt: Date;
};

export type Share = {
  id: string;
  linkId: string;
  organisationName: string;
  documentId: string | null;
  documentTitle: string | null;
  category: DocumentCategory | null;
  purpose: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  isActive: boolean;
};

function linksQuery(db: Db | Tx) {
  return db
    .selectFrom("espace_record_link as k")
    .innerJoin("organisation as o", "o.id", "k.organisation_id")
    .leftJoin("app_user as u", "u.id", "k.confirmed_by_user_id")
    .select([
      "k.id",
      "k.espace_id",
      "k.parcours_id",
      "k.person_id",
      "k.organisation_id",
      "o.name as organisation_name",
      "u.display_name",
      "k.identifier_kind",
      "k.confirmed_at",
    ])
    .where("k.ended_at", "is", null);
}

function toLink(
  row: Awaited<ReturnType<ReturnType<typeof linksQuery>["executeTakeFirstOrThrow"]>>,
): RecordLink {
  return {
    id: row.id,
    parcoursId: row.parcours_id,
    personId: row.person_id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    confirmedByName: row.display_name,
    identifierKind: row.identifier_kind,
    confirmedAt: row.confirmed_at,
  };
}

export async function listLinks(db: Db | Tx, espaceId: string): Promise<RecordLink[]> {
  const rows = await linksQuery(db)
    .where("k.espace_id", "=", espaceId)
    .orderBy("k.confirmed_at")
    .execute();
  return rows.map(toLink);
}

/** Every person id of the records ever linked to the space: their history is the person's. */
export async function linkedPersonIds(db: Db | Tx, espaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("espace_record_link")
    .select("person_id")
    .distinct()
    .where("espace_id", "=", espaceId)
    .execute();
  return rows.map((row) => row.person_id);
}

/** The space a record is linked to, if any: what a professional sees of it. */
export async function findLinkOfRecord(db: Db | Tx, parcoursId: string) {
  const row = await linksQuery(db).where("k.parcours_id", "=", parcoursId).executeTakeFirst();
  return row ? { ...toLink(row), espaceId: row.espace_id } : undefined;
}

async function requireWritableRecord(tx: Tx, actor: UserActor, parcoursId: string) {
  const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
  const organisationId = actingStructure(actor, access) ?? "";
  authorize(actor, espaceRules.writeLinkedSpace, {
    canWriteRecord: can(actor, recordsRules.writeRecord, access),
    organisationId,
  });
  return { access, organisationId };
}

/**
 * The professional links the record to the space of the person, found by a
 * contact that person verified. They confirm they checked it is the person's
 * own (a shared family e-mail is common): never a link on a match alone.
 */
export async function linkRecordToSpace(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  input: { contact: Contact; identityChecked: boolean },
  context: Context,
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { access, organisationId } = await requireWritableRecord(tx, actor, parcoursId);
    if (!input.identityChecked) throw new Invalid({ verifie: CONFIRM_IDENTITY });
    const identifier = await tx
      .selectFrom("espace_identifier")
      .select(["espace_id", "kind"])
      .where("kind", "=", input.contact.kind)
      .where("value", "=", input.contact.value)
      .executeTakeFirst();
    if (!identifier) throw new Invalid({ contact: NO_SPACE_FOR_CONTACT });
    const existing = await findLinkOfRecord(tx, access.parcoursId);
    if (existing) throw new Invalid({ contact: ALREADY_LINKED });
    const link = await tx
      .insertInto("espace_record_link")
      .values({
        espace_id: identifier.espace_id,
        person_id: access.personId,
        parcours_id: access.parcoursId,
        organisation_id: organisationId,
        confirmed_by_user_id: actor.userId,
        identifier_kind: identifier.kind,
        confirmed_at: context.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const details = { linkId: link.id, identifierKind: identifier.kind };
    await auditSpace(tx, actor, context, {
      action: "espace.link",
      espaceId: identifier.espace_id,
      subjectType: "espace_record_link",
      subjectId: link.id,
      organisationId,
      details,
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId },
      action: "espace.link",
      subjectType: "parcours",
      subjectId: access.parcoursId,
      personId: access.personId,
      details,
      requestId: context.requestId ?? null,
      at: context.now,
    });
    return link.id;
  });
}

/** The person ends a link (« ce n'est pas mon dossier », or no longer wanted): its shares stop. */
export async function endLink(
  db: Db,
  actor: ResidentActor,
  linkId: string,
  context: Context,
): Promise<void> {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  await db.transaction().execute(async (tx) => {
    const ended = await tx
      .updateTable("espace_record_link")
      .set({ ended_at: context.now })
      .where("id", "=", isUuid(linkId) ? linkId : "00000000-0000-0000-0000-000000000000")
      .where("espace_id", "=", actor.espaceId)
      .where("ended_at", "is", null)
      .returning(["id", "person_id", "parcours_id"])
      .executeTakeFirst();
    if (!ended) throw new NotFound("Ce lien n'existe pas ou a déjà pris fin.");
    await auditSpace(tx, actor, context, {
      action: "espace.unlink",
      espaceId: actor.espaceId,
      subjectType: "espace_record_link",
      subjectId: ended.id,
    });
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const SHARE_DAYS = [7, 30, 90] as const;

/**
 * The person shares a document, or every document of a category, with the
 * structure of one of their linked records, for a purpose and a number of
 * days. A fresh code is needed (checked by the rule).
 */
export async function share(
  db: Db,
  actor: ResidentActor,
  input: {
    linkId: string;
    documentId?: string | undefined;
    category?: DocumentCategory | undefined;
    purpose: string;
    days: number;
  },
  context: Context,
): Promise<string> {
  authorizeResident(actor, espaceRules.sensitiveAction, {
    espaceId: actor.espaceId,
    now: context.now,
  });
  return db.transaction().execute(async (tx) => {
    const link = isUuid(input.linkId)
      ? (await listLinks(tx, actor.espaceId)).find((candidate) => candidate.id === input.linkId)
      : undefined;
    if (!link) throw new Invalid({ lien: "Choisissez la structure qui vous suit." });
    let title: string | null = null;
    if (input.documentId) {
      const document = await findDocument(tx, actor.espaceId, input.documentId);
      if (!document) throw new NotFound(DOCUMENT_NOT_FOUND);
      title = document.title;
    } else if (!input.category) {
      throw new Invalid({ categorie: "Choisissez ce que vous partagez." });
    }
    const row = await tx
      .insertInto("espace_share")
      .values({
        espace_id: actor.espaceId,
        link_id: link.id,
        document_id: input.documentId ?? null,
        category: input.documentId ? null : (input.category ?? null),
        purpose: input.purpose,
        created_at: context.now,
        expires_at: new Date(context.now.getTime() + input.days * 86_400_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditSpace(tx, actor, context, {
      action: "espace.share.create",
      espaceId: actor.espaceId,
      subjectType: "espace_share",
      subjectId: row.id,
      details: {
        organisationName: link.organisationName,
        title,
        category: input.documentId ? null : input.category,
        purpose: input.purpose,
        days: input.days,
      },
    });
    return row.id;
  });
}

export async function revokeShare(
  db: Db,
  actor: ResidentActor,
  shareId: string,
  context: Context,
): Promise<void> {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  await db.transaction().execute(async (tx) => {
    const revoked = isUuid(shareId)
      ? await tx
          .updateTable("espace_share")
          .set({ revoked_at: context.now })
          .where("id", "=", shareId)
          .where("espace_id", "=", actor.espaceId)
          .where("revoked_at", "is", null)
          .returning("id")
          .executeTakeFirst()
      : undefined;
    if (!revoked) throw new NotFound("Ce partage n'existe pas ou a déjà pris fin.");
    await auditSpace(tx, actor, context, {
      action: "espace.share.revoke",
      espaceId: actor.espaceId,
      subjectType: "espace_share",
      subjectId: revoked.id,
    });
  });
}

export async function listShares(db: Db | Tx, espaceId: string, now: Date): Promise<Share[]> {
  const rows = await db
    .selectFrom("espace_share as s")
    .innerJoin("espace_record_link as k", "k.id", "s.link_id")
    .innerJoin("organisation as o", "o.id", "k.organisation_id")
    .leftJoin("espace_document as d", "d.id", "s.document_id")
    .select([
      "s.id",
      "s.link_id",
      "o.name as organisation_name",
      "s.document_id",
      "d.title",
      "s.category",
      "s.purpose",
      "s.created_at",
      "s.expires_at",
      "s.revoked_at",
      "k.ended_at",
    ])
    .where("s.espace_id", "=", espaceId)
    .orderBy("s.created_at", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    linkId: row.link_id,
    organisationName: row.organisation_name,
    documentId: row.document_id,
    documentTitle: row.title,
    category: row.category,
    purpose: row.purpose,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    isActive:
      row.revoked_at === null && row.ended_at === null && row.expires_at.getTime() > now.getTime(),
  }));
}

/**
 * The documents of the record's linked space that a valid share opens to one
 * of `organisationIds`: not revoked, not expired, through a link that still
 * stands. Every path (the list, the download) goes through this query.
 */
function sharedDocumentsQuery(
  db: Db | Tx,
  parcoursId: string,
  organisationIds: readonly string[],
  now: Date,
) {
  return db
    .selectFrom("espace_document as d")
    .innerJoin("espace_record_link as k", "k.espace_id", "d.espace_id")
    .innerJoin("espace_share as s", (join) =>
      join
        .onRef("s.link_id", "=", "k.id")
        .on((eb) =>
          eb.or([
            eb("s.document_id", "=", eb.ref("d.id")),
            eb("s.category", "=", eb.ref("d.category")),
          ]),
        ),
    )
    .select([
      "d.id",
      "d.espace_id",
      "d.title",
      "d.file_name",
      "d.media_type",
      "d.category",
      "d.size_bytes",
      "d.chunk_count",
      "d.expires_on",
      "d.created_at",
      "k.organisation_id",
      "s.purpose",
      "s.expires_at as share_expires_at",
    ])
    .where("k.parcours_id", "=", parcoursId)
    .where("k.ended_at", "is", null)
    .where("k.organisation_id", "in", organisationIds.length > 0 ? [...organisationIds] : [""])
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", now)
    .where("d.status", "=", "ready");
}

export type SharedDocument = {
  id: string;
  title: string;
  category: DocumentCategory;
  mediaType: string;
  sizeBytes: number;
  expiresOn: string | null;
  purpose: string;
  shareExpiresAt: Date;
};

/** What a professional sees of a linked space from the record: the link, and what is shared. */
export async function recordSpaceView(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  context: Context,
): Promise<{
  access: ParcoursAccess;
  link: RecordLink | undefined;
  documents: SharedDocument[];
  canLink: boolean;
}> {
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readRecord);
    const link = await findLinkOfRecord(tx, access.parcoursId);
    const organisationId = actingStructure(actor, access);
    const canLink =
      organisationId !== undefined &&
      can(actor, espaceRules.writeLinkedSpace, {
        canWriteRecord: can(actor, recordsRules.writeRecord, access),
        organisationId,
      });
    if (!link) return { access, link, documents: [], canLink };
    const rows = await sharedDocumentsQuery(
      tx,
      access.parcoursId,
      sharedDocumentReaderStructures(actor),
      context.now,
    )
      .orderBy("d.created_at", "desc")
      .execute();
    const seen = new Set<string>();
    const documents: SharedDocument[] = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      if (
        !can(actor, espaceRules.readSharedDocument, {
          organisationId: row.organisation_id,
          isValid: true,
        })
      )
        continue;
      seen.add(row.id);
      documents.push({
        id: row.id,
        title: row.title,
        category: row.category,
        mediaType: row.media_type,
        sizeBytes: Number(row.size_bytes),
        expiresOn: row.expires_on,
        purpose: row.purpose,
        shareExpiresAt: row.share_expires_at,
      });
    }
    await auditSpace(tx, actor, context, {
      action: "espace.shared.list",
      espaceId: link.espaceId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      organisationId: organisationId ?? link.organisationId,
      details: { documents: documents.length },
    });
    return { access, link, documents, canLink };
  });
}

/**
 * A professional opens a shared document. Refused when no valid share opens
 * it to their structure (revoked, expired, never shared): the refusal is
 * written to the person's history too, then answered like a missing document.
 */
export async function readSharedDocument(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  documentId: string,
  context: Pick<EspaceContext, "now" | "requestId" | "documentsKey">,
) {
  const outcome = await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readRecord);
    const link = await findLinkOfRecord(tx, access.parcoursId);
    if (!link || !isUuid(documentId)) throw new NotFound(SHARED_NOT_FOUND);
    const row = await sharedDocumentsQuery(
      tx,
      access.parcoursId,
      sharedDocumentReaderStructures(actor),
      context.now,
    )
      .where("d.id", "=", documentId)
      .executeTakeFirst();
    if (!row) return { refused: true as const, espaceId: link.espaceId, access };
    authorize(actor, espaceRules.readSharedDocument, {
      organisationId: row.organisation_id,
      isValid: true,
    });
    await auditSpace(tx, actor, context, {
      action: "espace.shared.read",
      espaceId: row.espace_id,
      subjectType: "espace_document",
      subjectId: row.id,
      organisationId: row.organisation_id,
      details: { title: row.title, purpose: row.purpose },
    });
    return {
      refused: false as const,
      document: {
        id: row.id,
        title: row.title,
        fileName: row.file_name,
        mediaType: row.media_type,
        chunkCount: row.chunk_count,
        sizeBytes: Number(row.size_bytes),
      },
    };
  });
  if (outcome.refused) {
    await db.transaction().execute((tx) =>
      auditSpace(tx, actor, context, {
        action: "espace.shared.refused",
        espaceId: outcome.espaceId,
        subjectType: "espace_document",
        subjectId: documentId,
        organisationId: actingStructure(actor, outcome.access) ?? null,
      }),
    );
    throw new NotFound(SHARED_NOT_FOUND);
  }
  return {
    document: outcome.document,
    stream: documentStream(db, context.documentsKey, outcome.document),
  };
}

export const NOT_LINKED =
  "Ce dossier n'est pas relié à l'espace personnel de la personne : reliez-le d'abord.";

/**
 * Before a professional deposits a document: they may write the record, and
 * the record is linked to a space. The deposit itself is streamed after.
 */
export async function prepareDeposit(
  db: Db,
  actor: UserActor,
  parcoursId: string,
): Promise<{ espaceId: string; organisationId: string }> {
  return db.transaction().execute(async (tx) => {
    const { access, organisationId } = await requireWritableRecord(tx, actor, parcoursId);
    const link = await findLinkOfRecord(tx, access.parcoursId);
    if (!link) throw new Invalid({ fichier: NOT_LINKED });
    return { espaceId: link.espaceId, organisationId };
  });
}
