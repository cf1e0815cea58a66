// The shares the person gives: a document or a category, to the structure
// of a linked record, for a purpose, until a date; revocable at any time.
import type { Db, Tx } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { isUuid, listLinks } from "./links.ts";
import { espaceRules } from "./policy.ts";
import type { SpaceContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import type { DocumentCategory } from "./tables.ts";
import { DOCUMENT_NOT_FOUND, findDocument } from "./vault.ts";

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

export const SHARE_DAYS = [7, 30, 90] as const;

/**
 * The person shares a document, or every document of a category, with the
 * structure of one of their linked records, for a purpose and a number of
 * days. A fresh code is needed (checked by the rule).
 */
export async function share(
  ctx: SpaceContext,
  input: {
    linkId: string;
    documentId?: string | undefined;
    category?: DocumentCategory | undefined;
    purpose: string;
    days: number;
  },
): Promise<string> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.sensitiveAction, {
    espaceId: actor.espaceId,
    now: ctx.now,
  });
  return db.transaction().execute((tx) => createShare(tx, ctx, actor.espaceId, input, {}));
}

/**
 * Writes a share of the space `espaceId` and its audit event, in the
 * caller's transaction, once the caller authorized it (the person, or a
 * helper under a mandate: `extra` then says so).
 */
export async function createShare(
  tx: Tx,
  ctx: Pick<ServiceContext<ResidentActor>, "actor" | "now" | "requestId">,
  espaceId: string,
  input: {
    linkId: string;
    documentId?: string | undefined;
    category?: DocumentCategory | undefined;
    purpose: string;
    days: number;
  },
  extra: Record<string, unknown>,
): Promise<string> {
  const { actor } = ctx;
  const link = isUuid(input.linkId)
    ? (await listLinks(tx, espaceId)).find((candidate) => candidate.id === input.linkId)
    : undefined;
  if (!link) throw new Invalid({ lien: "Choisissez la structure qui vous suit." });
  let title: string | null = null;
  if (input.documentId) {
    const document = await findDocument(tx, espaceId, input.documentId);
    if (!document) throw new NotFound(DOCUMENT_NOT_FOUND);
    title = document.title;
  } else if (!input.category) {
    throw new Invalid({ categorie: "Choisissez ce que vous partagez." });
  }
  const row = await tx
    .insertInto("espace_share")
    .values({
      espace_id: espaceId,
      link_id: link.id,
      document_id: input.documentId ?? null,
      category: input.documentId ? null : (input.category ?? null),
      purpose: input.purpose,
      created_at: ctx.now,
      expires_at: new Date(ctx.now.getTime() + input.days * 86_400_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditSpace(tx, actor, ctx, {
    action: "espace.share.create",
    espaceId,
    subjectType: "espace_share",
    subjectId: row.id,
    details: {
      organisationName: link.organisationName,
      title,
      category: input.documentId ? null : input.category,
      purpose: input.purpose,
      days: input.days,
      ...extra,
    },
  });
  return row.id;
}

export async function revokeShare(ctx: SpaceContext, shareId: string): Promise<void> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  await db.transaction().execute(async (tx) => {
    const revoked = isUuid(shareId)
      ? await tx
          .updateTable("espace_share")
          .set({ revoked_at: ctx.now })
          .where("id", "=", shareId)
          .where("espace_id", "=", actor.espaceId)
          .where("revoked_at", "is", null)
          .returning("id")
          .executeTakeFirst()
      : undefined;
    if (!revoked) throw new NotFound("Ce partage n'existe pas ou a déjà pris fin.");
    await auditSpace(tx, actor, ctx, {
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
