// Appointments are purged two years after they took place (RDV Service
// Public's rule; the CNIL's référentiel for social action keeps data no
// longer than needed). Daily job; the purge is audited, with counts only.

import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { JobHandler } from "../../platform/jobs/worker.ts";

export const APPOINTMENTS_RETENTION_JOB = "rdv.retention";
export const RETENTION_YEARS = 2;

export function appointmentsRetentionHandler(): JobHandler {
  return async (_payload, { db, now }) => {
    const before = new Date(now);
    before.setUTCFullYear(before.getUTCFullYear() - RETENTION_YEARS);
    await db.transaction().execute(async (tx) => {
      const appointments = await tx
        .deleteFrom("rdv")
        .where("ends_at", "<", before)
        .executeTakeFirst();
      const participations = await tx
        .deleteFrom("rdv_participation")
        .where(
          "session_id",
          "in",
          tx.selectFrom("rdv_session").select("id").where("ends_at", "<", before),
        )
        .executeTakeFirst();
      const sessions = await tx
        .deleteFrom("rdv_session")
        .where("ends_at", "<", before)
        .where(
          sql<boolean>`NOT EXISTS (SELECT 1 FROM rdv_participation p WHERE p.session_id = rdv_session.id)`,
        )
        .executeTakeFirst();
      const counts = {
        appointments: Number(appointments.numDeletedRows),
        participations: Number(participations.numDeletedRows),
        sessions: Number(sessions.numDeletedRows),
      };
      if (counts.appointments + counts.participations + counts.sessions === 0) return;
      await recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "rdv.purged",
        subjectType: "rdv",
        details: { before: before.toISOString(), ...counts },
        at: now,
      });
    });
  };
}
