import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Every change a pilote makes to an action is kept: the public history of a
 * published action (its dated statuses and observations), append-only.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE steering_action_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      changed_at timestamptz NOT NULL,
      changed_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      status text NOT NULL,
      published boolean NOT NULL,
      copil_observations text NOT NULL
    )`,
    "CREATE INDEX steering_action_change_action ON steering_action_change (action_id, changed_at)",
  ]);
}
