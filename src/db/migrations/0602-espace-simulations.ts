import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * « Mes simulations » (issue 15): a rights simulation the person chose to
 * keep, with their explicit consent (its time): the answers, to run it again
 * for another month, and what the simulator estimated that day.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE espace_simulation (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
       answers jsonb NOT NULL,
       results jsonb NOT NULL,
       consent_at timestamptz NOT NULL,
       created_at timestamptz NOT NULL
     )`,
    "CREATE INDEX espace_simulation_espace_idx ON espace_simulation (espace_id, created_at)",
  ]);
}
