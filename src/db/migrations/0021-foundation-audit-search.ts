import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The audit viewer (/admin/journal) filters by user, organisation, subject,
 * action prefix and period, newest first, 50 at a time (keyset on seq). Each
 * index ends with seq so that a filter reads its 50 rows in order without a
 * sort; person_id already has one (0001). Measured on 1 million events in
 * bench/audit.ts.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "CREATE INDEX audit_event_actor_user_idx ON audit_event (actor_user_id, seq) WHERE actor_user_id IS NOT NULL",
    "CREATE INDEX audit_event_actor_organisation_idx ON audit_event (actor_organisation_id, seq) WHERE actor_organisation_id IS NOT NULL",
    "CREATE INDEX audit_event_subject_id_idx ON audit_event (subject_id, seq) WHERE subject_id IS NOT NULL",
    // text_pattern_ops: a prefix (LIKE 'person.%') uses the index whatever the collation.
    "CREATE INDEX audit_event_action_idx ON audit_event (action text_pattern_ops, seq)",
    "CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at)",
  ]);
}
