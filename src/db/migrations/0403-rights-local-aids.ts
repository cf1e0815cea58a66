import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The Département's own aids as data (issue 14): an aid and its versions.
 * Each change is a new version (a draft until published) with its month of
 * effect; the simulator reads the published version valid in the simulated
 * month. The definition is JSON checked by the application (zod) before it
 * is written; nothing in it is ever run as code.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE rights_local_aid (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      is_demo boolean NOT NULL,
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES app_user (id) ON DELETE SET NULL
    )`,
    `CREATE TABLE rights_local_aid_version (
      aid_id uuid NOT NULL REFERENCES rights_local_aid (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      status text NOT NULL CHECK (status IN ('brouillon', 'publiee')),
      valid_from text NOT NULL CHECK (valid_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      valid_until text CHECK (valid_until ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      definition jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      published_at timestamptz,
      published_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      PRIMARY KEY (aid_id, number),
      CHECK (valid_until IS NULL OR valid_until >= valid_from),
      CHECK ((status = 'publiee') = (published_at IS NOT NULL))
    )`,
    "CREATE INDEX rights_local_aid_version_published ON rights_local_aid_version (status, valid_from)",
  ]);
}
