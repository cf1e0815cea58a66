import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * A document may be health data (a medical certificate), like a note: then
 * only those who may read sensitive notes list or download it (issue 20).
 * Documents stored before are not marked: their uploader may mark nothing
 * after the fact, so a structure that needs it uploads the file again.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE parcours_document ADD COLUMN is_sensitive boolean NOT NULL DEFAULT false",
  ]);
}
