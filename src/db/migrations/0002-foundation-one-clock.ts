import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * One clock (foundation): these columns took the database's `now()` when a row
 * was written without them, a second clock beside the one the application
 * is given (a job queued with the real date never ran in a suite pinned to
 * another). The application now always writes them from its own clock.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE app_setting ALTER COLUMN updated_at DROP DEFAULT",
    "ALTER TABLE organisation ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE app_user ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE membership ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE user_session ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE user_session ALTER COLUMN last_seen_at DROP DEFAULT",
    "ALTER TABLE job ALTER COLUMN run_at DROP DEFAULT",
    "ALTER TABLE job ALTER COLUMN created_at DROP DEFAULT",
    "ALTER TABLE outbox_message ALTER COLUMN created_at DROP DEFAULT",
  ]);
}
