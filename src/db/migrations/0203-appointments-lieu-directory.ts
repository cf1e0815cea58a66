import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * A place (lieu) picked from the directory keeps its coordinates and a
 * reference to the directory's record: "structure:<uuid>" or
 * "service:<uuid>". No foreign key to the directory's tables (modules are
 * joined through their services): a record removed from the directory
 * leaves a place that still has its own name and address.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE rdv_lieu ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90)",
    "ALTER TABLE rdv_lieu ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180)",
    `ALTER TABLE rdv_lieu ADD CONSTRAINT rdv_lieu_directory_ref_check CHECK (
       directory_ref IS NULL OR directory_ref ~ '^(structure|service):[0-9a-f-]{36}$'
     )`,
  ]);
}
