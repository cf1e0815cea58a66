import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * What the search results cache needs from the database, and GIN indexes
 * that stay fast after a bulk import.
 *
 * `directory_generation` holds one number that changes whenever a committed
 * transaction has written a service, a structure or a commune. Each process
 * keeps search results under the generation it read before searching, so a
 * write made by any process (another replica, `relais import directory`) is
 * seen by the next search. The number is bumped by a deferred constraint
 * trigger, once per transaction, just before it commits: the row lock is the
 * last one a writer takes, so two writers cannot deadlock on it.
 *
 * The GIN indexes lose their pending list (fastupdate): a bulk import wrote
 * its keys there, and every search read the whole list, unsorted, until the
 * next vacuum (a search went from 2 to 54 ms on 100,000 services).
 */
const DIRECTORY_TABLES = ["directory_service", "directory_structure", "commune"];
const GIN_INDEXES = [
  "directory_service_search_idx",
  "directory_service_trgm_idx",
  "directory_service_thematiques_idx",
  "directory_service_search_keys_idx",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE directory_generation (
       id boolean PRIMARY KEY DEFAULT true CHECK (id),
       value bigint NOT NULL
     )`,
    "INSERT INTO directory_generation (id, value) VALUES (true, 1)",
    `CREATE FUNCTION directory_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF coalesce(current_setting('relais.directory_generation_bumped', true), '') = '' THEN
         UPDATE directory_generation SET value = value + 1;
         PERFORM set_config('relais.directory_generation_bumped', 'oui', true);
       END IF;
       RETURN NULL;
     END
     $$`,
    ...DIRECTORY_TABLES.flatMap((table) => [
      `CREATE CONSTRAINT TRIGGER ${table}_generation
         AFTER INSERT OR UPDATE OR DELETE ON ${table}
         DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW EXECUTE FUNCTION directory_generation_bump()`,
      `CREATE TRIGGER ${table}_generation_truncate
         AFTER TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump()`,
    ]),
    ...GIN_INDEXES.flatMap((index) => [
      `ALTER INDEX ${index} SET (fastupdate = off)`,
      `SELECT gin_clean_pending_list('${index}'::regclass)`,
    ]),
  ]);
}
