import { can } from "../../platform/access/policy.ts";
import {
  decryptDocument,
  encryptDocument,
  sniffMediaType,
} from "../../platform/crypto/document-cipher.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { isUuid, requireParcoursFor } from "./access.ts";
import { recordsRules } from "./policy.ts";
import { auditPerson } from "./record-audit.ts";
import type { DocumentMediaType } from "./tables.ts";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_TOO_LARGE =
  "Le fichier dépasse 10 Mo : rien n'a été enregistré. Choisissez un fichier plus petit (ou réduisez-le, par exemple en le numérisant en noir et blanc), puis réessayez.";

const EXTENSIONS: Record<DocumentMediaType, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
};

export async function storeDocument(
  ctx: UserContext,
  parcoursId: string,
  input: { fileName: string; bytes: Uint8Array; key: Buffer; isSensitive?: boolean },
): Promise<string> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const rule = input.isSensitive ? recordsRules.writeSensitive : recordsRules.writeRecord;
    const access = await requireParcoursFor(tx, actor, parcoursId, rule);
    if (input.bytes.length === 0) throw new Invalid({ document: "Le fichier est vide." });
    if (input.bytes.length > MAX_DOCUMENT_BYTES) {
      throw new Invalid({ document: DOCUMENT_TOO_LARGE });
    }
    const mediaType = sniffMediaType(input.bytes);
    const extension = input.fileName.split(".").pop()?.toLowerCase() ?? "";
    if (!mediaType || !EXTENSIONS[mediaType].includes(extension)) {
      throw new Invalid({
        document:
          "Ce fichier n'est pas un PDF, un PNG ou un JPEG, ou son contenu ne correspond pas à son nom. Seuls ces trois formats sont acceptés.",
      });
    }
    const id = crypto.randomUUID();
    const fileName = input.fileName.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 200);
    await tx
      .insertInto("parcours_document")
      .values({
        id,
        parcours_id: access.parcoursId,
        file_name: fileName,
        media_type: mediaType,
        size_bytes: input.bytes.length,
        // The document's id is authenticated with it: a blob moved to another row fails to decrypt.
        content: encryptDocument(input.key, input.bytes, id),
        uploaded_by_user_id: actor.userId,
        uploaded_by_organisation_id:
          actor.memberships.find((m) => access.memberOrganisationIds.includes(m.organisationId))
            ?.organisationId ?? null,
        uploaded_at: ctx.now,
        is_sensitive: input.isSensitive ?? false,
      })
      .execute();
    await auditPerson(tx, ctx, {
      action: "document.create",
      personId: access.personId,
      subjectType: "parcours_document",
      subjectId: id,
      access,
      details: { mediaType, sizeBytes: input.bytes.length, sensitive: input.isSensitive ?? false },
    });
    return id;
  });
}

/**
 * Decrypts a document for someone who may read the record; a health document
 * only for someone who may read sensitive data (otherwise it answers like a
 * document that does not exist). The read is audited.
 */
export async function readDocument(
  ctx: UserContext,
  parcoursId: string,
  documentId: string,
  key: Buffer,
): Promise<{ fileName: string; mediaType: DocumentMediaType; bytes: Buffer }> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readRecord);
    const row = isUuid(documentId)
      ? await tx
          .selectFrom("parcours_document")
          .select(["id", "file_name", "media_type", "content", "is_sensitive"])
          .where("id", "=", documentId)
          .where("parcours_id", "=", access.parcoursId)
          .executeTakeFirst()
      : undefined;
    if (!row || (row.is_sensitive && !can(actor, recordsRules.readSensitive, access)))
      throw new NotFound("Ce document n'existe pas.");
    await auditPerson(tx, ctx, {
      action: "document.read",
      personId: access.personId,
      subjectType: "parcours_document",
      subjectId: row.id,
      access,
    });
    return {
      fileName: row.file_name,
      mediaType: row.media_type,
      bytes: decryptDocument(key, row.content, row.id),
    };
  });
}
