import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Simulations of rights attached to a parcours by a social worker: what was
 * entered and what the engine answered that day (the law and the engine may
 * change later; the record keeps what was said). Deleted with the parcours.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE parcours_simulation (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       parcours_id uuid NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,
       person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
       month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
       inputs jsonb NOT NULL,
       results jsonb NOT NULL,
       attached_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
       attached_by_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
       attached_at timestamptz NOT NULL
     )`,
    "CREATE INDEX parcours_simulation_parcours_idx ON parcours_simulation (parcours_id, attached_at)",
  ]);
}
