import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * ProConnect and the second factor (foundation, decision 0015).
 *
 * - `user_identity`: the subject (`sub`) an OpenID provider gives a user, so
 *   that the next sign-ins find the account by it rather than by e-mail.
 * - `user_second_factor`: the TOTP secret, encrypted (AES-256-GCM), confirmed
 *   once a first code was given; `last_used_step` refuses a code's replay.
 * - `user_recovery_code`: ten single-use codes, only their SHA-256 kept.
 * - `user_session`: a session may be half-signed (`stage`: the password was
 *   right, the second factor is still due); how it was opened and the
 *   assurance level (`acr`) the provider gave; the ID token for the logout.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE user_identity (
       provider text NOT NULL,
       subject text NOT NULL,
       user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
       created_at timestamptz NOT NULL,
       last_used_at timestamptz NOT NULL,
       PRIMARY KEY (provider, subject),
       UNIQUE (user_id, provider)
     )`,
    `CREATE TABLE user_second_factor (
       user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
       secret_encrypted bytea NOT NULL,
       confirmed_at timestamptz,
       last_used_step bigint,
       created_at timestamptz NOT NULL
     )`,
    `CREATE TABLE user_recovery_code (
       user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
       code_hash text NOT NULL,
       used_at timestamptz,
       created_at timestamptz NOT NULL,
       PRIMARY KEY (user_id, code_hash)
     )`,
    `ALTER TABLE user_session
       ADD COLUMN stage text NOT NULL DEFAULT 'complete'
         CHECK (stage IN ('complete', 'second_factor', 'enrolment')),
       ADD COLUMN method text NOT NULL DEFAULT 'password'
         CHECK (method IN ('password', 'proconnect')),
       ADD COLUMN acr text,
       ADD COLUMN id_token text`,
  ]);
}
