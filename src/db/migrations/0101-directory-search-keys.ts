import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Search keys: one GIN index answers "this place and this theme" in a single
 * scan, instead of combining the theme index with a position index that reads
 * every row of the search box. A service's keys are its places (commune
 * `c:<code_insee>`, grid cell `g:<lat cell>:<lon cell>` of about 1 km, or, for
 * a service without position, each zone of eligibility `z:<code>`), alone and
 * combined with each theme category (`c:92050:t:sante`). The cell size must
 * match CELL_LAT_DEGREES and CELL_LON_DEGREES in search-keys.ts.
 *
 * A stored generated column: every write path (import, demo, synthetic
 * directory, edits) keeps it right, and adding it fills existing rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE FUNCTION directory_search_keys(
       code_insee text,
       latitude double precision,
       longitude double precision,
       thematiques text[],
       zone_eligibilite text[]
     ) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
       WITH places (place) AS (
         SELECT 'c:' || code_insee WHERE code_insee IS NOT NULL
         UNION ALL
         SELECT 'g:' || floor(latitude / 0.01::double precision)::bigint::text
           || ':' || floor(longitude / 0.015::double precision)::bigint::text
         WHERE latitude IS NOT NULL AND longitude IS NOT NULL
         UNION ALL
         SELECT 'z:' || zone FROM unnest(zone_eligibilite) AS zone WHERE latitude IS NULL
       ), categories (category) AS (
         SELECT DISTINCT split_part(thematique, '--', 1) FROM unnest(thematiques) AS thematique
       )
       SELECT coalesce(array_agg(DISTINCT key ORDER BY key), '{}'::text[])
       FROM (
         SELECT place AS key FROM places
         UNION ALL
         SELECT place || ':t:' || category FROM places CROSS JOIN categories
       ) AS keys
     $$`,
    `ALTER TABLE directory_service ADD COLUMN search_keys text[] NOT NULL
       GENERATED ALWAYS AS (directory_search_keys(code_insee, latitude, longitude, thematiques, zone_eligibilite)) STORED`,
    "CREATE INDEX directory_service_search_keys_idx ON directory_service USING gin (search_keys)",
  ]);
}
