import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import type { JobHandler } from "../../platform/jobs/worker.ts";

/**
 * Retention of closed parcours, from the CNIL's social-care référentiels:
 * - délibération n° 2021-028 du 11 mars 2021 (référentiel « accueil, hébergement
 *   et accompagnement social et médico-social des personnes âgées, en situation
 *   de handicap et en difficulté ») and délibération n° 2023-095 du 14 septembre
 *   2023 (référentiel « durées de conservation » du secteur social et
 *   médico-social): accompaniment data stay in the active base 2 years from the
 *   last contact with the person (default 24 months);
 * - then intermediate archiving only where justified (proof, legal duties), with
 *   restricted access: 5 years by default, the common-law limitation period
 *   (art. 2224 code civil), after which data are deleted.
 * Both durations are configuration (RELAIS_RECORDS_ACTIVE_MONTHS,
 * RELAIS_RECORDS_ARCHIVE_YEARS). The audit trail keeps ids only, no content.
 */
export const RECORDS_RETENTION_JOB = "records.retention";

export type RetentionPolicy = { activeMonthsAfterLastContact: number; archiveYears: number };

export async function applyRetention(
  ctx: Pick<ServiceContext, "db" | "now">,
  policy: RetentionPolicy,
) {
  const { db, now } = ctx;
  return db.transaction().execute(async (tx) => {
    const archived = await tx
      .updateTable("parcours")
      .set({ status: "archive", archived_at: now })
      .where("status", "=", "clos")
      .where(
        sql<boolean>`greatest(last_contact_at, closed_at) < ${now}::timestamptz - make_interval(months => ${policy.activeMonthsAfterLastContact})`,
      )
      .returning(["id", "person_id"])
      .execute();
    for (const row of archived) {
      await recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "parcours.archive",
        subjectType: "parcours",
        subjectId: row.id,
        personId: row.person_id,
        details: { rule: `${policy.activeMonthsAfterLastContact} mois après le dernier contact` },
        at: now,
      });
    }
    const purged = await tx
      .deleteFrom("parcours")
      .where("status", "=", "archive")
      .where(
        sql<boolean>`archived_at < ${now}::timestamptz - make_interval(years => ${policy.archiveYears})`,
      )
      .returning(["id", "person_id"])
      .execute();
    // A person with no parcours left is deleted with their consents.
    const orphans = purged.length
      ? await tx
          .deleteFrom("person")
          .where("id", "in", [...new Set(purged.map((row) => row.person_id))])
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom("parcours")
                  .select("parcours.id")
                  .whereRef("parcours.person_id", "=", "person.id"),
              ),
            ),
          )
          .returning("id")
          .execute()
      : [];
    for (const row of purged) {
      await recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "parcours.purge",
        subjectType: "parcours",
        subjectId: row.id,
        personId: row.person_id,
        details: {
          rule: `${policy.archiveYears} ans d'archivage intermédiaire`,
          personDeleted: orphans.some((orphan) => orphan.id === row.person_id),
        },
        at: now,
      });
    }
    return { archived: archived.length, purged: purged.length, personsDeleted: orphans.length };
  });
}

export function retentionHandler(policy: RetentionPolicy): JobHandler {
  return async (_payload, { db, now }) => {
    await applyRetention({ db, now }, policy);
  };
}
