import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * A responsable de structure asks to maintain an existing directory entry;
 * the admin approves or refuses (issue 19, as DORA does). `structure_id` is
 * the directory's id, kept without a foreign key (decision 0008).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE organisation_claim (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
       structure_id uuid NOT NULL,
       requested_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
       message text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
       created_at timestamptz NOT NULL,
       decided_at timestamptz,
       decided_by uuid REFERENCES app_user (id) ON DELETE SET NULL
     )`,
    // One open request per structure and organisation.
    "CREATE UNIQUE INDEX organisation_claim_pending_idx ON organisation_claim (organisation_id, structure_id) WHERE status = 'pending'",
    "CREATE INDEX organisation_claim_status_idx ON organisation_claim (status, created_at)",
  ]);
}
