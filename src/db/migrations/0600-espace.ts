import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * « Mon espace » (issue 15, decision 0016): a resident's space, created when
 * a contact is verified; its sign-in codes and sessions (apart from the
 * professionals'); its documents, stored encrypted in chunks; the links to
 * follow-up records a professional confirmed; the shares the person gave.
 * Records' persons and parcours are referred to by id, without a foreign key
 * (decision 0008). No time column has a default: the application's clock
 * gives every instant (decision 0011).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE espace (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       created_at timestamptz NOT NULL,
       last_active_at timestamptz NOT NULL,
       inactivity_warned_at timestamptz
     )`,
    "CREATE INDEX espace_last_active_idx ON espace (last_active_at)",
    // How a person proves who they are: a verified e-mail or mobile number
    // today; FranceConnect adds its kind (the subject as value) later.
    `CREATE TABLE espace_identifier (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       kind text NOT NULL CHECK (kind IN ('email', 'phone')),
       value text NOT NULL,
       verified_at timestamptz NOT NULL,
       UNIQUE (kind, value)
     )`,
    "CREATE INDEX espace_identifier_espace_idx ON espace_identifier (espace_id)",
    // A one-time code: only its HMAC is kept; the browser holds the
    // challenge's token (a cookie), only its SHA-256 is kept.
    `CREATE TABLE espace_code (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       token_hash text NOT NULL UNIQUE,
       purpose text NOT NULL CHECK (purpose IN ('sign_in', 'reverify')),
       kind text NOT NULL CHECK (kind IN ('email', 'phone')),
       destination text NOT NULL,
       espace_id uuid REFERENCES espace (id) ON DELETE CASCADE,
       code_hash text NOT NULL,
       attempts integer NOT NULL DEFAULT 0,
       created_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       used_at timestamptz
     )`,
    "CREATE INDEX espace_code_expires_idx ON espace_code (expires_at)",
    `CREATE TABLE espace_session (
       token_hash text PRIMARY KEY,
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       identifier_id uuid REFERENCES espace_identifier (id) ON DELETE SET NULL,
       method text NOT NULL,
       created_at timestamptz NOT NULL,
       last_seen_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       reverified_at timestamptz NOT NULL
     )`,
    "CREATE INDEX espace_session_espace_idx ON espace_session (espace_id)",
    `CREATE TABLE espace_document (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       title text NOT NULL,
       file_name text NOT NULL,
       media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
       category text NOT NULL
         CHECK (category IN ('identite', 'ressources', 'logement', 'famille', 'sante', 'autre')),
       size_bytes bigint NOT NULL DEFAULT 0,
       chunk_count integer NOT NULL DEFAULT 0,
       expires_on date,
       status text NOT NULL CHECK (status IN ('receiving', 'ready')),
       deposited_by_user_id uuid,
       deposited_by_organisation_id uuid,
       created_at timestamptz NOT NULL,
       last_used_at timestamptz NOT NULL
     )`,
    "CREATE INDEX espace_document_espace_idx ON espace_document (espace_id, created_at)",
    // Each chunk is sealed on its own (AES-256-GCM): see decision 0016.
    `CREATE TABLE espace_document_chunk (
       document_id uuid NOT NULL REFERENCES espace_document (id) ON DELETE CASCADE,
       seq integer NOT NULL,
       content bytea NOT NULL,
       PRIMARY KEY (document_id, seq)
     )`,
    // A follow-up record a professional confirmed is this person's.
    `CREATE TABLE espace_record_link (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       person_id uuid NOT NULL,
       parcours_id uuid NOT NULL,
       organisation_id uuid NOT NULL,
       confirmed_by_user_id uuid,
       identifier_kind text NOT NULL CHECK (identifier_kind IN ('email', 'phone')),
       confirmed_at timestamptz NOT NULL,
       ended_at timestamptz
     )`,
    `CREATE UNIQUE INDEX espace_record_link_active_idx ON espace_record_link (espace_id, parcours_id)
       WHERE ended_at IS NULL`,
    "CREATE INDEX espace_record_link_parcours_idx ON espace_record_link (parcours_id)",
    // A document, or a whole category, shown to the structure of a linked
    // record, for a purpose, until a date; revocable at any time.
    `CREATE TABLE espace_share (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       link_id uuid NOT NULL REFERENCES espace_record_link (id) ON DELETE CASCADE,
       document_id uuid REFERENCES espace_document (id) ON DELETE CASCADE,
       category text
         CHECK (category IN ('identite', 'ressources', 'logement', 'famille', 'sante', 'autre')),
       purpose text NOT NULL,
       created_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       revoked_at timestamptz,
       CHECK ((document_id IS NULL) <> (category IS NULL)),
       CHECK (expires_at > created_at)
     )`,
    "CREATE INDEX espace_share_espace_idx ON espace_share (espace_id, created_at)",
    "CREATE INDEX espace_share_link_idx ON espace_share (link_id)",
  ]);
}
