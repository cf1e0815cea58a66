import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * « Mon espace », the last parts of issue 15 (decision 0016, amendment
 * « Corrections, documents unused, second contact, helpers »):
 * - a code may now prove a contact the person adds to their space
 *   (purpose `add_contact`);
 * - a document carries when the person was warned that it would be deleted
 *   for lack of use, and when they were told it expired (once each);
 * - a mandate may grant sharing documents (`partage`);
 * - the person's requests for a correction (RGPD art. 16), sent to the
 *   structure of a linked record or, without one, to the département.
 * Times come from the application's clock (no default).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE espace_code DROP CONSTRAINT espace_code_purpose_check",
    `ALTER TABLE espace_code ADD CONSTRAINT espace_code_purpose_check
       CHECK (purpose IN ('sign_in', 'reverify', 'add_contact'))`,
    "ALTER TABLE espace_document ADD COLUMN unused_warned_at timestamptz",
    "ALTER TABLE espace_document ADD COLUMN expiry_warned_at timestamptz",
    "ALTER TABLE espace_mandate DROP CONSTRAINT espace_mandate_parts_check",
    `ALTER TABLE espace_mandate ADD CONSTRAINT espace_mandate_parts_check
       CHECK (cardinality(parts) > 0
         AND parts <@ ARRAY['rendez_vous', 'documents', 'partage', 'demarches']::text[])`,
    `CREATE TABLE espace_correction (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       link_id uuid REFERENCES espace_record_link (id),
       organisation_id uuid,
       part text NOT NULL CHECK (part IN ('identite', 'contact', 'suivi', 'autre')),
       message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
       created_at timestamptz NOT NULL,
       handled_at timestamptz,
       handled_by_user_id uuid,
       reply text CHECK (reply IS NULL OR length(reply) BETWEEN 1 AND 2000),
       CHECK ((handled_at IS NULL) = (reply IS NULL))
     )`,
    "CREATE INDEX espace_correction_espace_idx ON espace_correction (espace_id, created_at)",
    "CREATE INDEX espace_correction_link_idx ON espace_correction (link_id) WHERE link_id IS NOT NULL",
  ]);
}
