import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * What to bring to an appointment of a motif (« pièces à apporter »): the
 * responsable writes it in the motif form, the confirmation page and the
 * messages show it, so that a person does not come back a second time for a
 * missing paper.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, ["ALTER TABLE rdv_motif ADD COLUMN documents_to_bring text"]);
}
