import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * A note the professional marks « partageable avec la personne » (issue 15,
 * « Mon accompagnement »): only those appear in the person's space. Health
 * (sensitive) notes are never shareable: the check keeps it so even if a
 * path forgot it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE parcours_note ADD COLUMN shared_with_person boolean NOT NULL DEFAULT false",
    `ALTER TABLE parcours_note ADD CONSTRAINT parcours_note_shared_not_sensitive
       CHECK (NOT (shared_with_person AND is_sensitive))`,
  ]);
}
