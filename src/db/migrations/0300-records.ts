import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The shared follow-up record: persons, consents, parcours and their members,
 * plan, notes, documents, orientations, caseload limits. Written for
 * PostgreSQL 15 (no uuidv7, no virtual columns) and PGlite alike.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    // search_name is "nom prénom" lower-cased without accents, computed by the
    // app (unaccent is not immutable, so it cannot be a generated column).
    `CREATE TABLE person (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 200),
       first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 200),
       birth_date date NOT NULL,
       search_name text NOT NULL,
       in_care_ase boolean NOT NULL DEFAULT false,
       created_by_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    "CREATE INDEX person_search_name_trgm_idx ON person USING gin (search_name gin_trgm_ops)",
    "CREATE INDEX person_birth_date_idx ON person (birth_date)",

    // scope: 'suivi' = the shared record without health; 'suivi_sante' = with health notes.
    `CREATE TABLE person_consent (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
       organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
       scope text NOT NULL CHECK (scope IN ('suivi', 'suivi_sante')),
       collected_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
       collected_at timestamptz NOT NULL,
       withdrawn_at timestamptz,
       withdrawn_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL
     )`,
    // One active consent per person and structure; withdrawn ones stay as history.
    "CREATE UNIQUE INDEX person_consent_active_idx ON person_consent (person_id, organisation_id) WHERE withdrawn_at IS NULL",
    "CREATE INDEX person_consent_organisation_idx ON person_consent (organisation_id) WHERE withdrawn_at IS NULL",

    `CREATE TABLE parcours (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
       referent_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
       referent_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
       referent_override_reason text,
       status text NOT NULL DEFAULT 'ouvert' CHECK (status IN ('ouvert', 'clos', 'archive')),
       situation jsonb NOT NULL DEFAULT '{}',
       situation_version integer NOT NULL DEFAULT 1,
       opened_at timestamptz NOT NULL,
       last_contact_at timestamptz NOT NULL,
       closed_at timestamptz,
       archived_at timestamptz,
       CHECK ((status = 'ouvert') = (closed_at IS NULL)),
       CHECK ((status = 'archive') = (archived_at IS NOT NULL))
     )`,
    // One open parcours per person: the record everyone shares.
    "CREATE UNIQUE INDEX parcours_one_open_idx ON parcours (person_id) WHERE status = 'ouvert'",
    "CREATE INDEX parcours_referent_idx ON parcours (referent_organisation_id, referent_user_id) WHERE status = 'ouvert'",
    "CREATE INDEX parcours_closed_idx ON parcours (status, last_contact_at) WHERE status <> 'ouvert'",

    `CREATE TABLE parcours_member (
       parcours_id uuid NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,
       organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
       joined_at timestamptz NOT NULL,
       PRIMARY KEY (parcours_id, organisation_id)
     )`,
    "CREATE INDEX parcours_member_organisation_idx ON parcours_member (organisation_id, parcours_id)",

    `CREATE TABLE plan_objective (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       parcours_id uuid NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,
       theme text NOT NULL,
       title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
       status text NOT NULL DEFAULT 'en_cours' CHECK (status IN ('en_cours', 'atteint', 'abandonne')),
       version integer NOT NULL DEFAULT 1,
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL
     )`,
    "CREATE INDEX plan_objective_parcours_idx ON plan_objective (parcours_id)",
    `CREATE TABLE plan_action (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       objective_id uuid NOT NULL REFERENCES plan_objective (id) ON DELETE CASCADE,
       parcours_id uuid NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,
       title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
       assignee text NOT NULL,
       due_date date,
       status text NOT NULL DEFAULT 'a_faire' CHECK (status IN ('a_faire', 'en_cours', 'faite', 'abandonnee')),
       version integer NOT NULL DEFAULT 1,
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL
     )`,
    "CREATE INDEX plan_action_parcours_idx ON plan_action (parcours_id)",
    "CREATE INDEX plan_action_due_idx ON plan_action (due_date) WHERE status IN ('a_faire', 'en_cours')",

    `CREATE TABLE parcours_note (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       parcours_id uuid NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,
       author_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
       author_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
       contact_date date NOT NULL,
       body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
       is_sensitive boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL
     )`,
    "CREATE INDEX parcours_note_parcours_idx ON parcours_note (parcours_id, contact_date DESC, created_at DESC)",

    // content = nonce (12 bytes) || AES-256-GCM ciphertext || tag (16 bytes).
    `CREATE TABLE parcours_document (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       parcours_id uuid NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,
       file_name text NOT NULL,
       media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
       size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
       content bytea NOT NULL,
       uploaded_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
       uploaded_by_organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
       uploaded_at timestamptz NOT NULL
     )`,
    "CREATE INDEX parcours_document_parcours_idx ON parcours_document (parcours_id)",

    // The target service is a directory service id kept as text: the directory
    // owns its tables, and an orientation must outlive a service's removal.
    `CREATE TABLE orientation (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       parcours_id uuid NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,
       from_organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
       from_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
       to_organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
       to_service_ref text,
       message text NOT NULL DEFAULT '',
       status text NOT NULL DEFAULT 'proposee' CHECK (status IN ('proposee', 'acceptee', 'refusee')),
       decision_reason text,
       decided_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       decided_at timestamptz,
       CHECK (status <> 'refusee' OR length(coalesce(decision_reason, '')) > 0)
     )`,
    "CREATE INDEX orientation_to_idx ON orientation (to_organisation_id, status)",
    "CREATE INDEX orientation_parcours_idx ON orientation (parcours_id)",

    `CREATE TABLE structure_caseload (
       organisation_id uuid PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
       max_parcours_per_worker integer NOT NULL CHECK (max_parcours_per_worker BETWEEN 1 AND 1000),
       updated_at timestamptz NOT NULL
     )`,
  ]);
}
