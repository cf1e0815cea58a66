import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * An appointment booked from a person's record carries the person's id, so
 * the record can list it. No foreign key to `person`: that table belongs to
 * the records module (migration 0300, which runs after this one on a new
 * database), and modules are joined through their services, not their tables.
 * The appointment keeps its own name and contact details and its own
 * retention; a purged person leaves an id that matches nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE rdv ADD COLUMN person_id uuid",
    "CREATE INDEX rdv_person_starts_idx ON rdv (person_id, starts_at) WHERE person_id IS NOT NULL",
  ]);
}
