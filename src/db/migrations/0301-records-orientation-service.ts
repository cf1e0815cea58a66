import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * An orientation keeps the name of the directory service it was made to, as
 * it read that day: the directory may rename or remove the service later, and
 * the parcours' history must still say what was proposed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, ["ALTER TABLE orientation ADD COLUMN to_service_name text"]);
}
