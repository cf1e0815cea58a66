// What a professional meets of a person's space from the record: the link,
// and the documents a valid share opens to their structure. One query
// decides for the list and the download.
import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize, can } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import type { ParcoursAccess } from "../records/policy.ts";
import { recordsRules, requireParcoursFor } from "../records/service.ts";
import { type CorrectionRequest, correctionsOfRecord } from "./corrections.ts";
import { findLinkOfRecord, isUuid, type RecordLink } from "./links.ts";
import { actingStructure, espaceRules, sharedDocumentReaderStructures } from "./policy.ts";
import type { SpaceContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import type { DocumentCategory } from "./tables.ts";
import { documentStream } from "./vault.ts";

export const SHARED_NOT_FOUND =
  "Ce document n'est pas partagé avec votre structure, ou le partage a pris fin.";

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
  ctx: ServiceContext<UserActor>,
  parcoursId: string,
): Promise<{
  access: ParcoursAccess;
  link: RecordLink | undefined;
  documents: SharedDocument[];
  canLink: boolean;
  corrections: { requests: CorrectionRequest[]; canHandle: boolean };
}> {
  const { db, actor } = ctx;
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
    if (!link)
      return {
        access,
        link,
        documents: [],
        canLink,
        corrections: { requests: [], canHandle: false },
      };
    const corrections = await correctionsOfRecord(tx, actor, access, link);
    const rows = await sharedDocumentsQuery(
      tx,
      access.parcoursId,
      sharedDocumentReaderStructures(actor),
      ctx.now,
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
    await auditSpace(tx, actor, ctx, {
      action: "espace.shared.list",
      espaceId: link.espaceId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      organisationId: organisationId ?? link.organisationId,
      details: { documents: documents.length, corrections: corrections.requests.length },
    });
    return { access, link, documents, canLink, corrections };
  });
}

/**
 * A professional opens a shared document. Refused when no valid share opens
 * it to their structure (revoked, expired, never shared): the refusal is
 * written to the person's history too, then answered like a missing document.
 */
export async function readSharedDocument(
  ctx: SpaceContext<UserActor>,
  parcoursId: string,
  documentId: string,
) {
  const { db, actor } = ctx;
  const outcome = await db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readRecord);
    const link = await findLinkOfRecord(tx, access.parcoursId);
    if (!link || !isUuid(documentId)) throw new NotFound(SHARED_NOT_FOUND);
    const row = await sharedDocumentsQuery(
      tx,
      access.parcoursId,
      sharedDocumentReaderStructures(actor),
      ctx.now,
    )
      .where("d.id", "=", documentId)
      .executeTakeFirst();
    if (!row) return { refused: true as const, espaceId: link.espaceId, access };
    authorize(actor, espaceRules.readSharedDocument, {
      organisationId: row.organisation_id,
      isValid: true,
    });
    await auditSpace(tx, actor, ctx, {
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
      auditSpace(tx, actor, ctx, {
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
    stream: documentStream(db, ctx.documentsKey, outcome.document),
  };
}
