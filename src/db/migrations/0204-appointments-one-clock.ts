import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * One clock (appointments): these columns took the database's `now()` when a row
 * was written without them, a second clock beside the one the application
 * is given (a job queued with the real date never ran in a suite pinned to
 * another). The application now always writes them from its own clock.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE rdv_lieu ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE rdv_motif ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE rdv_plage ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE rdv_absence ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE rdv_session ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE rdv ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE rdv ALTER COLUMN updated_at DROP DEFAULT",
    "ALTER TABLE rdv_participation ALTER COLUMN created_at DROP DEFAULT",
  ]);
}
