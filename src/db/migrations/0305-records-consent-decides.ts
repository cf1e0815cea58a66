import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Consent decides everything (issue 20):
 * - a consent says how the person gave it (written or oral), on which day,
 *   through which structure, and whether the worker attests the person gave
 *   it to them in person (a structure that does not hold the record may
 *   widen sharing only that way);
 * - every parcours names the structure holding it (referent_organisation_id,
 *   until now set only with a référent): the one that opened it, else the
 *   first to join;
 * - an orientation may be cancelled: withdrawing the receiving structure's
 *   consent cancels its pending orientations, with the reason kept.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE person_consent ADD COLUMN given_how text CHECK (given_how IN ('ecrit', 'oral'))",
    "ALTER TABLE person_consent ADD COLUMN given_on date",
    "ALTER TABLE person_consent ADD COLUMN collected_by_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL",
    "ALTER TABLE person_consent ADD COLUMN attested_in_person boolean NOT NULL DEFAULT false",
    `UPDATE parcours p SET referent_organisation_id = coalesce(
       (SELECT person.created_by_organisation_id FROM person
          JOIN parcours_member m ON m.organisation_id = person.created_by_organisation_id
         WHERE person.id = p.person_id AND m.parcours_id = p.id),
       (SELECT m.organisation_id FROM parcours_member m WHERE m.parcours_id = p.id
         ORDER BY m.joined_at, m.organisation_id LIMIT 1))
     WHERE p.referent_organisation_id IS NULL`,
    "ALTER TABLE orientation DROP CONSTRAINT orientation_status_check",
    "ALTER TABLE orientation ADD CONSTRAINT orientation_status_check CHECK (status IN ('proposee', 'acceptee', 'refusee', 'annulee'))",
  ]);
}
