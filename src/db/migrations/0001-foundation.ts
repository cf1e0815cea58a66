import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    // French full-text search that ignores accents, for every module that searches.
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
         CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
         ALTER TEXT SEARCH CONFIGURATION fr_unaccent
           ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
       END IF;
     END $$`,

    `CREATE TABLE app_setting (
       key text PRIMARY KEY,
       value jsonb NOT NULL,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,

    `CREATE TABLE departement (
       code text PRIMARY KEY,
       name text NOT NULL,
       chef_lieu text NOT NULL
     )`,
    `CREATE TABLE commune (
       insee_code text PRIMARY KEY CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
       name text NOT NULL,
       departement_code text NOT NULL REFERENCES departement (code),
       postcodes text[] NOT NULL DEFAULT '{}',
       population integer CHECK (population >= 0),
       latitude double precision CHECK (latitude BETWEEN -90 AND 90),
       longitude double precision CHECK (longitude BETWEEN -180 AND 180)
     )`,
    "CREATE INDEX commune_departement_idx ON commune (departement_code)",

    `CREATE TABLE organisation (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       name text NOT NULL,
       kind text NOT NULL CHECK (kind IN
         ('departement', 'sst', 'ccas', 'association', 'caf', 'cpam', 'france_travail', 'mairie', 'etat', 'autre')),
       commune_code text REFERENCES commune (insee_code),
       is_demo boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (name)
     )`,

    `CREATE TABLE app_user (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       email text NOT NULL,
       display_name text NOT NULL,
       password_hash text,
       is_active boolean NOT NULL DEFAULT true,
       is_demo boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       last_login_at timestamptz
     )`,
    "CREATE UNIQUE INDEX app_user_email_idx ON app_user (lower(email))",

    `CREATE TABLE membership (
       user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
       organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
       role text NOT NULL CHECK (role IN
         ('agent_accueil', 'travailleur_social', 'responsable_structure', 'pilote', 'admin')),
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (user_id, organisation_id, role)
     )`,
    "CREATE INDEX membership_organisation_idx ON membership (organisation_id)",

    // The cookie carries a random token; the table keeps only its SHA-256.
    `CREATE TABLE user_session (
       token_hash text PRIMARY KEY,
       user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
       created_at timestamptz NOT NULL DEFAULT now(),
       last_seen_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL
     )`,
    "CREATE INDEX user_session_user_idx ON user_session (user_id)",
    "CREATE INDEX user_session_expires_idx ON user_session (expires_at)",

    `CREATE TABLE rate_limit (
       key text NOT NULL,
       window_start timestamptz NOT NULL,
       hits integer NOT NULL DEFAULT 0,
       PRIMARY KEY (key, window_start)
     )`,

    // Append-only: each event keeps the hash of the previous one (see platform/audit).
    `CREATE TABLE audit_event (
       seq bigint PRIMARY KEY,
       occurred_at timestamptz NOT NULL,
       actor_user_id uuid,
       actor_organisation_id uuid,
       action text NOT NULL,
       subject_type text NOT NULL,
       subject_id text,
       person_id uuid,
       details jsonb NOT NULL DEFAULT '{}',
       request_id text,
       prev_hash text NOT NULL,
       hash text NOT NULL UNIQUE
     )`,
    "CREATE INDEX audit_event_person_idx ON audit_event (person_id, seq) WHERE person_id IS NOT NULL",
    "CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id)",
    `CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'audit_event est en ajout seul : % interdit', TG_OP;
     END $$`,
    `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
       FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`,

    `CREATE TABLE job (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       name text NOT NULL,
       payload jsonb NOT NULL DEFAULT '{}',
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
       run_at timestamptz NOT NULL DEFAULT now(),
       attempts integer NOT NULL DEFAULT 0,
       max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
       locked_at timestamptz,
       locked_by text,
       last_error text,
       singleton_key text,
       created_at timestamptz NOT NULL DEFAULT now(),
       finished_at timestamptz
     )`,
    "CREATE INDEX job_ready_idx ON job (run_at) WHERE status = 'pending'",
    "CREATE INDEX job_running_idx ON job (locked_at) WHERE status = 'running'",
    // At most one waiting job per singleton key (recurring schedules).
    "CREATE UNIQUE INDEX job_singleton_idx ON job (singleton_key) WHERE singleton_key IS NOT NULL AND status IN ('pending', 'running')",

    `CREATE TABLE outbox_message (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms')),
       recipient text NOT NULL,
       subject text NOT NULL DEFAULT '',
       text_body text NOT NULL,
       html_body text,
       attachments jsonb NOT NULL DEFAULT '[]',
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'held')),
       attempts integer NOT NULL DEFAULT 0,
       last_error text,
       created_at timestamptz NOT NULL DEFAULT now(),
       sent_at timestamptz
     )`,
    "CREATE INDEX outbox_message_created_idx ON outbox_message (created_at DESC)",
  ]);
}
