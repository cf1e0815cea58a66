import type { Db } from "../../db/database.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { queueMail } from "../mail/outbox.ts";
import { frenchDateTime } from "../time/french-dates.ts";
import { type CheckpointStore, writeCheckpoint } from "./checkpoint.ts";
import { CHECKPOINT_RECIPIENTS } from "./policy.ts";

/** Hourly: a checkpoint of the chain's head in the file (a cut tail goes unseen an hour at most). */
export const AUDIT_CHECKPOINT_JOB = "audit.checkpoint";
/** Daily: every hash recomputed, a checkpoint written and mailed to the data-protection officer(s). */
export const AUDIT_CHECKPOINT_DAILY_JOB = "audit.checkpoint.daily";

export class AuditTrailBroken extends Error {
  override name = "AuditTrailBroken";
}

export function auditCheckpointHandler(store: CheckpointStore): JobHandler {
  return async (_payload, { db, now }) => {
    const outcome = await writeCheckpoint(db, store, now);
    // A failed job is logged; the next hour tries again. Nothing is anchored meanwhile.
    if (!outcome.written) throw new AuditTrailBroken(`Journal d'audit altéré : ${outcome.reason}`);
  };
}

export function auditCheckpointDailyHandler(store: CheckpointStore): JobHandler {
  return async (_payload, { db, now }) => {
    const recipients = await dataProtectionRecipients(db);
    const outcome = await writeCheckpoint(db, store, now, { fullCheck: true });
    const when = frenchDateTime(now);
    const mail = outcome.written
      ? {
          subject: `Relais : point de contrôle du journal d'audit (${when})`,
          text: [
            "Bonjour,",
            "",
            "Voici le point de contrôle quotidien du journal d'audit de Relais. Toute la chaîne a été vérifiée : elle est intacte.",
            "Gardez ce message : il permettra de prouver plus tard qu'aucun événement n'a été supprimé depuis.",
            "",
            `Nombre d'événements : ${outcome.checkpoint.count}`,
            `Dernier événement : n° ${outcome.checkpoint.seq}`,
            `Empreinte du dernier événement : ${outcome.checkpoint.hash}`,
            `Écrit le : ${when}`,
            "",
            "La ligne signée, telle qu'elle est écrite dans le fichier audit-checkpoints.jsonl :",
            outcome.line,
            "",
            "Pour vérifier le journal contre ce point de contrôle : relais audit verify",
          ].join("\n"),
        }
      : {
          subject: `Relais : ALERTE, le journal d'audit est altéré (${when})`,
          text: [
            "Bonjour,",
            "",
            "La vérification quotidienne du journal d'audit de Relais a échoué :",
            `${outcome.reason}.`,
            "",
            "Aucun nouveau point de contrôle n'a été écrit. Comparez le journal avec le dernier point de contrôle reçu par courriel (relais audit verify) et prévenez le responsable de la sécurité.",
          ].join("\n"),
        };
    await db.transaction().execute(async (tx) => {
      for (const to of recipients) await queueMail(tx, { to, ...mail }, now);
    });
  };
}

/** The first group of CHECKPOINT_RECIPIENTS (policy.ts) that has an active account. */
async function dataProtectionRecipients(db: Db): Promise<string[]> {
  for (const roles of CHECKPOINT_RECIPIENTS) {
    const rows = await db
      .selectFrom("membership")
      .innerJoin("app_user", "app_user.id", "membership.user_id")
      .select("app_user.email")
      .distinct()
      .where("membership.role", "in", roles)
      .where("app_user.is_active", "=", true)
      .orderBy("app_user.email")
      .execute();
    if (rows.length > 0) return rows.map((row) => row.email);
  }
  return [];
}
