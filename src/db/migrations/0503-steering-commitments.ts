import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The promise tracker: each concrete commitment found in a candidate's
 * answer (who, which question, the quote), optionally linked to a plan
 * action, with a dated status and its source that a pilote sets.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE steering_commitment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      respondent text NOT NULL,
      question integer NOT NULL CHECK (question BETWEEN 1 AND 8),
      quote text NOT NULL,
      action_number integer,
      status text NOT NULL DEFAULT 'a_suivre'
        CHECK (status IN ('a_suivre', 'tenu', 'en_cours', 'pas_tenu', 'sans_suite')),
      status_date text CHECK (status_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      status_source text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (respondent, question, quote)
    )`,
  ]);
}
