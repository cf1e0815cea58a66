// Documents nobody uses are not kept for ever (RGPD art. 5(1)(e), storage
// limitation): a document not opened for RELAIS_ESPACE_DOCUMENT_UNUSED_MONTHS
// (24 by default) is announced to the person by every contact they verified,
// 30 days before, then deleted unless they opened it or pressed « Garder ce
// document » (which starts the clock again). A document whose validity date
// passed is announced once, and kept: the person decides (an old titre de
// séjour still proves a history of stays). Audited; the audit keeps ids and
// titles, never content. Amendment to decision 0016.
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { queueSms } from "../../platform/mail/sms.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import { auditSpace } from "./space-audit.ts";

/** Between the warning and the deletion. */
export const DOCUMENT_WARNING_DAYS = 30;

export type DocumentRetention = { unusedMonths: number };

/** When a warned document will be deleted, for the page: the warning plus the notice. */
export function deletionDay(warnedAt: Date): Date {
  return new Date(warnedAt.getTime() + DOCUMENT_WARNING_DAYS * 86_400_000);
}

function plural(count: number, one: string, many: string): string {
  return count > 1 ? many : one;
}

/** One message per verified contact of each space, saying how many documents. */
async function tellSpaces(
  tx: Tx,
  counts: Map<string, number>,
  message: (count: number) => { subject: string; text: string },
  now: Date,
): Promise<void> {
  if (counts.size === 0) return;
  const identifiers = await tx
    .selectFrom("espace_identifier")
    .select(["espace_id", "kind", "value"])
    .where("espace_id", "in", [...counts.keys()])
    .where("kind", "in", ["email", "phone"])
    .execute();
  for (const identifier of identifiers) {
    const { subject, text } = message(counts.get(identifier.espace_id) ?? 1);
    if (identifier.kind === "phone") await queueSms(tx, { to: identifier.value, text }, now);
    else await queueMail(tx, { to: identifier.value, subject, text }, now);
  }
}

function countBySpace(rows: { espace_id: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.espace_id, (counts.get(row.espace_id) ?? 0) + 1);
  return counts;
}

export async function applyDocumentRetention(db: Db, policy: DocumentRetention, now: Date) {
  const months = policy.unusedMonths;
  const deletion = frenchLongDate(deletionDay(now));

  const warned = await db.transaction().execute(async (tx) => {
    const rows = await tx
      .updateTable("espace_document")
      .set({ unused_warned_at: now })
      .where("status", "=", "ready")
      .where("unused_warned_at", "is", null)
      .where(
        sql<boolean>`last_used_at < ${now}::timestamptz - make_interval(months => ${months}) + make_interval(days => ${DOCUMENT_WARNING_DAYS})`,
      )
      .returning(["id", "espace_id", "title"])
      .execute();
    await tellSpaces(
      tx,
      countBySpace(rows),
      (count) => ({
        subject: plural(
          count,
          "Un document de votre espace Relais sera bientôt supprimé",
          "Des documents de votre espace Relais seront bientôt supprimés",
        ),
        text: `Relais : ${count} ${plural(count, "document de votre espace n'a pas été ouvert", "documents de votre espace n'ont pas été ouverts")} depuis près de ${months} mois. ${plural(count, "Il sera supprimé", "Ils seront supprimés")} le ${deletion}, sauf si vous ${plural(count, "le gardez", "les gardez")} : connectez-vous à « Mon espace », allez dans « Mes documents » et choisissez « Garder ce document ».`,
      }),
      now,
    );
    for (const row of rows) {
      await auditSpace(
        tx,
        "system",
        { now },
        {
          action: "espace.document.unusedWarned",
          espaceId: row.espace_id,
          subjectType: "espace_document",
          subjectId: row.id,
          details: { title: row.title, unusedMonths: months },
        },
      );
    }
    return rows.length;
  });

  const deleted = await db.transaction().execute(async (tx) => {
    const rows = await tx
      .deleteFrom("espace_document")
      .where("status", "=", "ready")
      .where(sql<boolean>`last_used_at < ${now}::timestamptz - make_interval(months => ${months})`)
      .where(
        sql<boolean>`unused_warned_at <= ${now}::timestamptz - make_interval(days => ${DOCUMENT_WARNING_DAYS})`,
      )
      .returning(["id", "espace_id", "title"])
      .execute();
    for (const row of rows) {
      await auditSpace(
        tx,
        "system",
        { now },
        {
          action: "espace.document.delete",
          espaceId: row.espace_id,
          subjectType: "espace_document",
          subjectId: row.id,
          details: { title: row.title, reason: "unused", unusedMonths: months },
        },
      );
    }
    return rows.length;
  });

  const expired = await db.transaction().execute(async (tx) => {
    // Once per document, and only for one that was still valid when added.
    const rows = await tx
      .updateTable("espace_document")
      .set({ expiry_warned_at: now })
      .where("status", "=", "ready")
      .where("expiry_warned_at", "is", null)
      .where("expires_on", "is not", null)
      .where(sql<boolean>`expires_on < (${now}::timestamptz AT TIME ZONE 'Europe/Paris')::date`)
      .where(sql<boolean>`expires_on >= (created_at AT TIME ZONE 'Europe/Paris')::date`)
      .returning(["id", "espace_id", "title"])
      .execute();
    await tellSpaces(
      tx,
      countBySpace(rows),
      (count) => ({
        subject: plural(
          count,
          "Un document de votre espace Relais n'est plus valable",
          "Des documents de votre espace Relais ne sont plus valables",
        ),
        text: `Relais : ${count} ${plural(count, "document de votre espace a dépassé sa", "documents de votre espace ont dépassé leur")} date de fin de validité. Pensez à demander ${plural(count, "le nouveau", "les nouveaux")}. Rien n'est supprimé : vous pouvez garder ou supprimer l'ancien dans « Mon espace », « Mes documents ».`,
      }),
      now,
    );
    for (const row of rows) {
      await auditSpace(
        tx,
        "system",
        { now },
        {
          action: "espace.document.expiryWarned",
          espaceId: row.espace_id,
          subjectType: "espace_document",
          subjectId: row.id,
          details: { title: row.title },
        },
      );
    }
    return rows.length;
  });

  return { warned, deleted, expired };
}
