import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Administration of accounts (issue 19): organisations that can be
 * deactivated and serve a list of communes; accounts that can be deactivated;
 * memberships that end (the ended ones move to `membership_ended`, decision
 * 0018); sessions that say from which device and address they were opened;
 * single-use links (invitation, password reset) of which only a hash is kept.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE organisation ADD COLUMN is_active boolean NOT NULL DEFAULT true",
    "ALTER TABLE organisation ADD COLUMN deactivated_at timestamptz",
    "ALTER TABLE organisation ADD COLUMN commune_codes text[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE app_user ADD COLUMN deactivated_at timestamptz",
    // An id to name a session in a form: the token's hash never leaves the server.
    "ALTER TABLE user_session ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()",
    "CREATE UNIQUE INDEX user_session_id_idx ON user_session (id)",
    "ALTER TABLE user_session ADD COLUMN user_agent text CHECK (length(user_agent) <= 512)",
    "ALTER TABLE user_session ADD COLUMN client_address text CHECK (length(client_address) <= 100)",

    `CREATE TABLE membership_ended (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
       organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
       role text NOT NULL,
       created_at timestamptz NOT NULL,
       ended_at timestamptz NOT NULL,
       ended_by uuid REFERENCES app_user (id) ON DELETE SET NULL
     )`,
    "CREATE INDEX membership_ended_organisation_idx ON membership_ended (organisation_id, ended_at)",

    `CREATE TABLE account_token (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
       token_hash text NOT NULL UNIQUE,
       user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
       organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
       roles text[] NOT NULL DEFAULT '{}',
       created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       used_at timestamptz,
       revoked_at timestamptz,
       CHECK (purpose <> 'invitation' OR (organisation_id IS NOT NULL AND cardinality(roles) > 0))
     )`,
    "CREATE INDEX account_token_user_idx ON account_token (user_id, purpose)",
    "CREATE INDEX account_token_organisation_idx ON account_token (organisation_id) WHERE purpose = 'invitation'",
  ]);
}
