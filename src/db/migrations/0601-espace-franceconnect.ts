import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * FranceConnect for residents (issue 15, decision 0016 amended): a space may
 * be found by the FranceConnect subject (a new identifier kind), keeps the
 * identity FranceConnect vouched for (names, birth date) and, on a session
 * opened through FranceConnect, the ID token its logout needs.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE espace_identifier DROP CONSTRAINT espace_identifier_kind_check",
    `ALTER TABLE espace_identifier ADD CONSTRAINT espace_identifier_kind_check
       CHECK (kind IN ('email', 'phone', 'franceconnect'))`,
    "ALTER TABLE espace ADD COLUMN verified_given_name text",
    "ALTER TABLE espace ADD COLUMN verified_family_name text",
    "ALTER TABLE espace ADD COLUMN verified_birthdate date",
    "ALTER TABLE espace ADD COLUMN identity_verified_at timestamptz",
    "ALTER TABLE espace_session ADD COLUMN id_token text",
  ]);
}
