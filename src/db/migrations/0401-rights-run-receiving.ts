import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * A non-take-up run is "receiving" while its file streams in: it exists once
 * the header is valid and its lines are stored as they arrive, and becomes
 * "pending" when the whole file is stored. Before, a run in that state showed
 * "100 %" (no chunk counted yet). A run left receiving by a process that
 * stopped mid-upload is purged after a day.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE rights_batch_run DROP CONSTRAINT rights_batch_run_status_check",
    `ALTER TABLE rights_batch_run ADD CONSTRAINT rights_batch_run_status_check
      CHECK (status IN ('receiving', 'pending', 'running', 'done'))`,
  ]);
}
