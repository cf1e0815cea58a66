import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The directory keeps data·inclusion 1.0.8 records as given, and reads the
 * intercommunalities a service may be eligible in.
 *
 * - A list the producer left `null` (unknown) stays `null`; before, the
 *   columns were NOT NULL DEFAULT '{}' and an export turned `null` into `[]`
 *   (1,100 differences in 582 of 889 records of a test file).
 * - Checks stricter than the schema go: `code_insee` is `^\w{5}$` there, and
 *   latitude and longitude are any number. The application validates them.
 * - `nombre_semaines` is an integer ≥ 1 with no upper bound in the schema:
 *   stored as double precision (exact up to 2^53), its being an integer is
 *   checked by the application with a French message.
 * - `directory_zone_member`: which communes an EPCI or EPT (SIREN) holds, so
 *   that a service eligible in « 200054781 » (Métropole du Grand Paris) is
 *   found from each of its communes. It changes search results, so a write
 *   bumps the search generation like the other directory tables.
 */
const LISTS = {
  directory_structure: ["reseaux_porteurs"],
  directory_service: [
    "thematiques",
    "publics",
    "modes_accueil",
    "zone_eligibilite",
    "modes_mobilisation",
    "mobilisable_par",
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    ...Object.entries(LISTS).flatMap(([table, columns]) =>
      columns.flatMap((column) => [
        `ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL`,
        `ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT`,
      ]),
    ),
    ...["directory_structure", "directory_service"].flatMap((table) => [
      `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_code_insee_check`,
      `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_latitude_check`,
      `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_longitude_check`,
    ]),
    "ALTER TABLE directory_service ALTER COLUMN nombre_semaines TYPE double precision",
    `CREATE TABLE directory_zone_member (
       zone_code text NOT NULL CHECK (zone_code ~ '^[0-9]{9}$'),
       zone_name text NOT NULL,
       commune_code text NOT NULL,
       PRIMARY KEY (zone_code, commune_code)
     )`,
    "CREATE INDEX directory_zone_member_commune_idx ON directory_zone_member (commune_code)",
    `CREATE CONSTRAINT TRIGGER directory_zone_member_generation
       AFTER INSERT OR UPDATE OR DELETE ON directory_zone_member
       DEFERRABLE INITIALLY DEFERRED
       FOR EACH ROW EXECUTE FUNCTION directory_generation_bump()`,
  ]);
}
