// A space nobody opens is not kept for ever (RGPD art. 5(1)(e), storage
// limitation): after RELAIS_ESPACE_INACTIVE_MONTHS without a sign-in (24 by
// default, like the CNIL's two years of active base for social
// accompaniment, délibération n° 2021-028), the person is warned by every
// contact they verified, then the space is deleted a month later unless
// they signed in. Also: uploads that never finished, expired codes and
// sessions. Audited; the audit keeps ids, no content.

import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { JobHandler } from "../../platform/jobs/worker.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { queueSms } from "../../platform/mail/sms.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import { applyDocumentRetention } from "./document-retention.ts";
import { auditSpace } from "./space-audit.ts";
import { purgeResidentSessions } from "./space-sign-in.ts";

export const ESPACE_RETENTION_JOB = "espace.retention";
/** Between the warning and the deletion. */
export const WARNING_DAYS = 30;
/** An upload still « receiving » after this is a broken one. */
const STALE_UPLOAD_HOURS = 24;

export type SpaceRetention = {
  inactiveMonths: number;
  /** Documents not opened for this long are announced, then deleted (document-retention.ts). */
  documentUnusedMonths?: number;
};

export async function applySpaceRetention(db: Db, policy: SpaceRetention, now: Date) {
  const deletionDay = new Date(now.getTime() + WARNING_DAYS * 86_400_000);
  const warned = await db.transaction().execute(async (tx) => {
    const rows = await tx
      .updateTable("espace")
      .set({ inactivity_warned_at: now })
      .where("inactivity_warned_at", "is", null)
      .where(
        sql<boolean>`last_active_at < ${now}::timestamptz - make_interval(months => ${policy.inactiveMonths}) + make_interval(days => ${WARNING_DAYS})`,
      )
      .returning("id")
      .execute();
    if (rows.length === 0) return 0;
    const identifiers = await tx
      .selectFrom("espace_identifier")
      .select(["espace_id", "kind", "value"])
      .where(
        "espace_id",
        "in",
        rows.map((row) => row.id),
      )
      .execute();
    const text = `Relais : votre espace personnel n'a pas été ouvert depuis longtemps. Sans connexion d'ici le ${frenchLongDate(deletionDay)}, il sera supprimé avec vos documents. Pour le garder, connectez-vous à « Mon espace ».`;
    for (const identifier of identifiers) {
      if (identifier.kind === "phone") await queueSms(tx, { to: identifier.value, text }, now);
      else if (identifier.kind === "email")
        await queueMail(
          tx,
          { to: identifier.value, subject: "Votre espace Relais sera bientôt supprimé", text },
          now,
        );
    }
    for (const row of rows) {
      await auditSpace(
        tx,
        "system",
        { now },
        {
          action: "espace.inactivity_warning",
          espaceId: row.id,
          subjectType: "espace",
          subjectId: row.id,
          details: { inactiveMonths: policy.inactiveMonths },
        },
      );
    }
    return rows.length;
  });

  const deleted = await db.transaction().execute(async (tx) => {
    const rows = await tx
      .deleteFrom("espace")
      .where(
        sql<boolean>`last_active_at < ${now}::timestamptz - make_interval(months => ${policy.inactiveMonths})`,
      )
      .where(
        sql<boolean>`inactivity_warned_at <= ${now}::timestamptz - make_interval(days => ${WARNING_DAYS})`,
      )
      .returning("id")
      .execute();
    for (const row of rows) {
      await auditSpace(
        tx,
        "system",
        { now },
        {
          action: "espace.delete",
          espaceId: row.id,
          subjectType: "espace",
          subjectId: row.id,
          details: { reason: "inactivity", inactiveMonths: policy.inactiveMonths },
        },
      );
    }
    return rows.length;
  });

  const brokenUploads = await db
    .deleteFrom("espace_document")
    .where("status", "=", "receiving")
    .where("created_at", "<", new Date(now.getTime() - STALE_UPLOAD_HOURS * 3_600_000))
    .executeTakeFirst();
  await purgeResidentSessions(db, now);
  return { warned, deleted, brokenUploads: Number(brokenUploads.numDeletedRows) };
}

export function spaceRetentionHandler(policy: SpaceRetention): JobHandler {
  return async (_payload, { db, now }) => {
    await applySpaceRetention(db, policy, now);
    await applyDocumentRetention(db, { unusedMonths: policy.documentUnusedMonths ?? 24 }, now);
  };
}
