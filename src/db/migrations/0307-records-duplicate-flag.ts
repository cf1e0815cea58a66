import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * A record opened for a person who probably already has one that the worker
 * may not see (issue 20): the creation goes through (telling the worker
 * would tell them the person exists), and the structure holding the
 * existing record is told, to merge or link the two later.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE person_duplicate_flag (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
       new_person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
       flagged_by_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
       flagged_at timestamptz NOT NULL,
       UNIQUE (person_id, new_person_id)
     )`,
  ]);
}
