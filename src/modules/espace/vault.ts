// The person's documents (« Mes documents »): streamed in, sealed chunk by
// chunk (AES-256-GCM, decision 0016), streamed out. Never a whole file in
// memory: a 10 Mo upload holds two 256 KiB chunks at a time.
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import {
  type DocumentMediaType,
  openChunk,
  sealStream,
  sniffMediaType,
} from "../../platform/crypto/document-cipher.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import { espaceRules } from "./policy.ts";
import type { SpaceContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import type { DocumentCategory } from "./tables.ts";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** What one person may keep in all: about 20 scanned documents of 10 Mo. */
export const SPACE_QUOTA_BYTES = 200 * 1024 * 1024;

export const CATEGORY_LABELS: Record<DocumentCategory, string> = {
  identite: "Identité",
  ressources: "Ressources",
  logement: "Logement",
  famille: "Famille",
  sante: "Santé",
  autre: "Autre",
};
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as DocumentCategory[];

export const FILE_TOO_LARGE =
  "Le fichier dépasse 10 Mo : rien n'a été enregistré. Choisissez un fichier plus petit, ou prenez la photo avec une qualité plus basse.";
export const QUOTA_REACHED =
  "Votre espace est plein (200 Mo en tout) : rien n'a été enregistré. Supprimez des documents dont vous n'avez plus besoin, puis réessayez.";
export const WRONG_TYPE =
  "Ce fichier n'est ni une photo (JPEG ou PNG) ni un PDF : rien n'a été enregistré. Seuls ces formats sont acceptés.";
export const EMPTY_FILE = "Choisissez un fichier, ou prenez une photo du document.";
export const DOCUMENT_NOT_FOUND = "Ce document n'existe pas, ou il a été supprimé.";

const EXTENSION: Record<DocumentMediaType, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
};

/** Who puts a document in the space: the person, or a professional who follows them. */
export type Depositor =
  | { kind: "resident"; actor: ResidentActor }
  | { kind: "professional"; actor: UserActor; organisationId: string };

export type DocumentMeta = {
  title: string;
  category: DocumentCategory;
  expiresOn: string | undefined;
};

export type SpaceDocument = {
  id: string;
  title: string;
  fileName: string;
  mediaType: DocumentMediaType;
  category: DocumentCategory;
  sizeBytes: number;
  expiresOn: string | null;
  createdAt: Date;
  depositedBy: { userName: string | null; organisationName: string | null } | null;
  /** When the person was told it would be deleted for lack of use; null once used again. */
  unusedWarnedAt: Date | null;
};

export async function spaceUsage(db: Db | Tx, espaceId: string): Promise<number> {
  const row = await db
    .selectFrom("espace_document")
    .select(sql<string>`coalesce(sum(size_bytes), 0)`.as("used"))
    .where("espace_id", "=", espaceId)
    .where("status", "=", "ready")
    .executeTakeFirstOrThrow();
  return Number(row.used);
}

function safeFileName(name: string, mediaType: DocumentMediaType): string {
  const base = name
    .replace(/\.[^.]*$/, "")
    .replace(/[^\p{L}\p{N}._ -]/gu, "_")
    .slice(0, 120);
  return `${base || "document"}.${EXTENSION[mediaType]}`;
}

/**
 * Streams a file into the space. The chunks are written as they come, under
 * a document still "receiving" (listed nowhere); the document becomes ready
 * in one transaction that re-checks the quota under a lock on the space and
 * writes the audit event. Any failure deletes what was written.
 */
export async function receiveDocument(
  ctx: Pick<SpaceContext<ResidentActor | UserActor>, "db" | "now" | "requestId" | "documentsKey">,
  espaceId: string,
  depositor: Depositor,
  meta: DocumentMeta,
  file: { fileName: string; bytes: AsyncIterable<Uint8Array> },
): Promise<string> {
  const { db } = ctx;
  const usedBefore = await spaceUsage(db, espaceId);
  if (usedBefore >= SPACE_QUOTA_BYTES) throw new Invalid({ fichier: QUOTA_REACHED });
  const id = crypto.randomUUID();
  await db
    .insertInto("espace_document")
    .values({
      id,
      espace_id: espaceId,
      title: meta.title,
      file_name: "",
      media_type: "application/pdf",
      category: meta.category,
      expires_on: meta.expiresOn ?? null,
      status: "receiving",
      deposited_by_user_id: depositor.kind === "professional" ? depositor.actor.userId : null,
      deposited_by_organisation_id:
        depositor.kind === "professional" ? depositor.organisationId : null,
      created_at: ctx.now,
      last_used_at: ctx.now,
    })
    .execute();
  try {
    let size = 0;
    let chunks = 0;
    let mediaType: DocumentMediaType | undefined;
    let batch: { document_id: string; seq: number; content: Buffer }[] = [];
    for await (const chunk of sealStream(ctx.documentsKey, id, file.bytes)) {
      mediaType ??= sniffMediaType(chunk.first);
      if (!mediaType) throw new Invalid({ fichier: WRONG_TYPE });
      size += chunk.plainBytes;
      if (size > MAX_FILE_BYTES) throw new Invalid({ fichier: FILE_TOO_LARGE });
      if (usedBefore + size > SPACE_QUOTA_BYTES) throw new Invalid({ fichier: QUOTA_REACHED });
      batch.push({ document_id: id, seq: chunk.seq, content: chunk.sealed });
      chunks++;
      if (batch.length === CHUNKS_PER_WRITE) {
        await writeChunks(db, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await writeChunks(db, batch);
    if (!mediaType || size === 0) throw new Invalid({ fichier: EMPTY_FILE });
    const type = mediaType;
    await db.transaction().execute(async (tx) => {
      await tx.selectFrom("espace").select("id").where("id", "=", espaceId).forUpdate().execute();
      const used = await spaceUsage(tx, espaceId);
      if (used + size > SPACE_QUOTA_BYTES) throw new Invalid({ fichier: QUOTA_REACHED });
      await tx
        .updateTable("espace_document")
        .set({
          status: "ready",
          size_bytes: size,
          chunk_count: chunks,
          media_type: type,
          file_name: safeFileName(file.fileName, type),
        })
        .where("id", "=", id)
        .execute();
      await auditSpace(tx, depositor.actor, ctx, {
        action:
          depositor.kind === "resident" ? "espace.document.create" : "espace.document.deposit",
        espaceId,
        subjectType: "espace_document",
        subjectId: id,
        organisationId: depositor.kind === "professional" ? depositor.organisationId : null,
        details: { title: meta.title, category: meta.category, mediaType: type, sizeBytes: size },
      });
    });
    return id;
  } catch (error) {
    await db.deleteFrom("espace_document").where("id", "=", id).execute();
    throw error;
  }
}

/** Chunks written per INSERT while receiving: 4 × 256 KiB. */
const CHUNKS_PER_WRITE = 4;

/**
 * A short transaction per batch of chunks, committed without waiting for the
 * disk (synchronous_commit off): the transaction that marks the document
 * ready commits synchronously, and PostgreSQL flushes the log in order, so a
 * document is never ready without its chunks on disk. A crash before that
 * leaves a "receiving" document, which nothing lists and the purge deletes.
 */
async function writeChunks(db: Db, rows: { document_id: string; seq: number; content: Buffer }[]) {
  await db.transaction().execute(async (tx) => {
    await sql`SET LOCAL synchronous_commit = off`.execute(tx);
    await tx.insertInto("espace_document_chunk").values(rows).execute();
  });
}

export async function listDocuments(db: Db, espaceId: string): Promise<SpaceDocument[]> {
  const rows = await db
    .selectFrom("espace_document as d")
    .leftJoin("app_user as u", "u.id", "d.deposited_by_user_id")
    .leftJoin("organisation as o", "o.id", "d.deposited_by_organisation_id")
    .select([
      "d.id",
      "d.title",
      "d.file_name",
      "d.media_type",
      "d.category",
      "d.size_bytes",
      "d.expires_on",
      "d.created_at",
      "d.unused_warned_at",
      "d.deposited_by_user_id",
      "u.display_name",
      "o.name as organisation_name",
    ])
    .where("d.espace_id", "=", espaceId)
    .where("d.status", "=", "ready")
    .orderBy("d.created_at", "desc")
    .execute();
  return rows.map(toDocument);
}

function toDocument(row: {
  id: string;
  title: string;
  file_name: string;
  media_type: DocumentMediaType;
  category: DocumentCategory;
  size_bytes: string | number;
  expires_on: string | null;
  created_at: Date;
  unused_warned_at: Date | null;
  deposited_by_user_id: string | null;
  display_name: string | null;
  organisation_name: string | null;
}): SpaceDocument {
  return {
    id: row.id,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    category: row.category,
    sizeBytes: Number(row.size_bytes),
    expiresOn: row.expires_on,
    createdAt: row.created_at,
    unusedWarnedAt: row.unused_warned_at,
    depositedBy:
      row.deposited_by_user_id || row.organisation_name
        ? { userName: row.display_name, organisationName: row.organisation_name }
        : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findDocument(
  db: Db | Tx,
  espaceId: string,
  documentId: string,
): Promise<(SpaceDocument & { chunkCount: number }) | undefined> {
  if (!UUID.test(documentId)) return undefined;
  const row = await db
    .selectFrom("espace_document as d")
    .leftJoin("app_user as u", "u.id", "d.deposited_by_user_id")
    .leftJoin("organisation as o", "o.id", "d.deposited_by_organisation_id")
    .select([
      "d.id",
      "d.title",
      "d.file_name",
      "d.media_type",
      "d.category",
      "d.size_bytes",
      "d.expires_on",
      "d.created_at",
      "d.unused_warned_at",
      "d.chunk_count",
      "d.deposited_by_user_id",
      "u.display_name",
      "o.name as organisation_name",
    ])
    .where("d.id", "=", documentId)
    .where("d.espace_id", "=", espaceId)
    .where("d.status", "=", "ready")
    .executeTakeFirst();
  return row ? { ...toDocument(row), chunkCount: row.chunk_count } : undefined;
}

/** Chunks fetched per query while streaming out: 4 × 256 KiB. */
const CHUNKS_PER_READ = 4;

/**
 * The document's bytes as a stream: a few chunks are read, opened and handed
 * on at a time, when the reader asks for more. A chunk that fails to open
 * (tampered, moved, cut short) errors the stream.
 */
export function documentStream(
  db: Db,
  key: Buffer,
  document: { id: string; chunkCount: number },
): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (next >= document.chunkCount) {
          controller.close();
          return;
        }
        const rows = await db
          .selectFrom("espace_document_chunk")
          .select(["seq", "content"])
          .where("document_id", "=", document.id)
          .where("seq", ">=", next)
          .where("seq", "<", next + CHUNKS_PER_READ)
          .orderBy("seq")
          .execute();
        if (rows.length === 0) {
          controller.error(new Error(`document ${document.id} : morceau ${next} manquant`));
          return;
        }
        for (const row of rows) {
          if (row.seq !== next) {
            controller.error(new Error(`document ${document.id} : morceau ${next} manquant`));
            return;
          }
          const isLast = row.seq === document.chunkCount - 1;
          controller.enqueue(openChunk(key, document.id, row.seq, isLast, row.content));
          next++;
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * A document of space `espaceId` is used (opened, downloaded, kept): the
 * clock of its deletion for lack of use starts again, and the event says
 * who and how, in one transaction. NotFound when the space has no such
 * document. The caller authorized the actor.
 */
export async function markDocumentUsed(
  ctx: Pick<SpaceContext, "db" | "actor" | "now" | "requestId">,
  espaceId: string,
  documentId: string,
  event: {
    action: AuditAction;
    /** The event's details; by default the document's title. */
    details?: (document: SpaceDocument) => Record<string, unknown>;
  },
): Promise<SpaceDocument & { chunkCount: number }> {
  const { db, actor } = ctx;
  const document = await findDocument(db, espaceId, documentId);
  if (!document) throw new NotFound(DOCUMENT_NOT_FOUND);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("espace_document")
      .set({ last_used_at: ctx.now, unused_warned_at: null })
      .where("id", "=", document.id)
      .execute();
    await auditSpace(tx, actor, ctx, {
      action: event.action,
      espaceId,
      subjectType: "espace_document",
      subjectId: document.id,
      details: event.details?.(document) ?? { title: document.title },
    });
  });
  return document;
}

/** The person opens one of their documents: audited, and it counts as a use. */
export async function readOwnDocument(ctx: SpaceContext, documentId: string) {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const document = await markDocumentUsed(ctx, actor.espaceId, documentId, {
    action: "espace.document.read",
  });
  return { document, stream: documentStream(db, ctx.documentsKey, document) };
}

export async function deleteOwnDocument(ctx: SpaceContext, documentId: string): Promise<void> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const document = await findDocument(db, actor.espaceId, documentId);
  if (!document) throw new NotFound(DOCUMENT_NOT_FOUND);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("espace_document").where("id", "=", document.id).execute();
    await auditSpace(tx, actor, ctx, {
      action: "espace.document.delete",
      espaceId: actor.espaceId,
      subjectType: "espace_document",
      subjectId: document.id,
      details: { title: document.title },
    });
  });
}

/** « Garder ce document »: the person keeps it; the clock of its deletion for lack of use starts again. */
export async function keepOwnDocument(ctx: SpaceContext, documentId: string): Promise<void> {
  const { actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  await markDocumentUsed(ctx, actor.espaceId, documentId, { action: "espace.document.kept" });
}
