import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The responsable's attention list reads the oldest contacts first among
 * open parcours: an index in that order stops after the first hundred
 * instead of sorting every open parcours.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "CREATE INDEX parcours_open_last_contact_idx ON parcours (last_contact_at, id) WHERE status = 'ouvert'",
  ]);
}
