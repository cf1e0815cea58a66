import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * A simulation the person shared from « Mon espace » (issue 15): no worker
 * attached it; the time it was shared says so, and the record shows
 * « partagée par la personne ».
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE parcours_simulation ADD COLUMN shared_by_person_at timestamptz",
  ]);
}
