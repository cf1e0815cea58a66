import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Non-take-up runs of the pilots. The uploaded population file is kept in
 * chunks only until each chunk is processed (its content is then set to
 * null); results stay with the pilot who ran them until `expires_at`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE rights_batch_run (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ran_by uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
      month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
      file_name text NOT NULL,
      header text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
      chunks_total integer NOT NULL CHECK (chunks_total >= 0),
      chunks_done integer NOT NULL DEFAULT 0,
      households integer NOT NULL DEFAULT 0,
      households_found integer NOT NULL DEFAULT 0,
      rows_skipped integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      expires_at timestamptz NOT NULL
    )`,
    "CREATE INDEX rights_batch_run_ran_by ON rights_batch_run (ran_by, created_at DESC)",
    `CREATE TABLE rights_batch_chunk (
      run_id uuid NOT NULL REFERENCES rights_batch_run (id) ON DELETE CASCADE,
      seq integer NOT NULL,
      first_line integer NOT NULL,
      content text,
      found text,
      summary jsonb,
      errors text,
      PRIMARY KEY (run_id, seq)
    )`,
  ]);
}
