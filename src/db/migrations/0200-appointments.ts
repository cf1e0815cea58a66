import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

// Appointments (module src/modules/appointments). Every table is prefixed
// "rdv_" (rendez-vous). What must never break lives here, not only in code:
// no agent with two overlapping appointments (exclusion constraint), no
// collective session over capacity (a counter with a CHECK, updated under
// the row lock), no retried request booked twice (unique idempotency keys).
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE rdv_lieu (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       organisation_id uuid NOT NULL REFERENCES organisation (id),
       name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
       address text NOT NULL,
       commune_code text REFERENCES commune (insee_code),
       phone text,
       status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled', 'single_use')),
       directory_ref text,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    "CREATE INDEX rdv_lieu_organisation_idx ON rdv_lieu (organisation_id)",

    `CREATE TABLE rdv_motif (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       organisation_id uuid NOT NULL REFERENCES organisation (id),
       name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
       service text NOT NULL DEFAULT 'social' CHECK (service IN ('social', 'pmi', 'insertion', 'autre')),
       location_kind text NOT NULL CHECK (location_kind IN ('sur_place', 'telephone', 'visio', 'domicile')),
       duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
       min_notice_minutes integer NOT NULL DEFAULT 30 CHECK (min_notice_minutes >= 0),
       max_horizon_days integer NOT NULL DEFAULT 60 CHECK (max_horizon_days BETWEEN 1 AND 366),
       bookable_by text NOT NULL DEFAULT 'everyone' CHECK (bookable_by IN
         ('agents', 'agents_and_prescripteurs', 'invited_users', 'everyone')),
       is_collective boolean NOT NULL DEFAULT false,
       default_capacity integer CHECK (default_capacity > 0),
       instructions text,
       archived_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (NOT is_collective OR location_kind = 'sur_place')
     )`,
    "CREATE INDEX rdv_motif_organisation_idx ON rdv_motif (organisation_id)",

    // Plages d'ouverture: weekly recurrence as in recurrence.ts (every_weeks null = one day only).
    `CREATE TABLE rdv_plage (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       organisation_id uuid NOT NULL REFERENCES organisation (id),
       agent_id uuid NOT NULL REFERENCES app_user (id),
       lieu_id uuid REFERENCES rdv_lieu (id),
       first_day date NOT NULL,
       start_time time NOT NULL,
       end_time time NOT NULL,
       every_weeks integer CHECK (every_weeks BETWEEN 1 AND 52),
       weekdays integer[] NOT NULL DEFAULT '{}',
       until date,
       open_on_holidays boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (end_time > start_time),
       CHECK (until IS NULL OR until >= first_day)
     )`,
    "CREATE INDEX rdv_plage_agent_idx ON rdv_plage (agent_id)",
    "CREATE INDEX rdv_plage_lieu_idx ON rdv_plage (lieu_id)",
    `CREATE TABLE rdv_plage_motif (
       plage_id uuid NOT NULL REFERENCES rdv_plage (id) ON DELETE CASCADE,
       motif_id uuid NOT NULL REFERENCES rdv_motif (id),
       PRIMARY KEY (plage_id, motif_id)
     )`,
    "CREATE INDEX rdv_plage_motif_motif_idx ON rdv_plage_motif (motif_id)",

    `CREATE TABLE rdv_absence (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agent_id uuid NOT NULL REFERENCES app_user (id),
       title text NOT NULL DEFAULT '',
       first_day date NOT NULL,
       start_time time NOT NULL,
       end_time time NOT NULL,
       end_day date,
       every_weeks integer CHECK (every_weeks BETWEEN 1 AND 52),
       weekdays integer[] NOT NULL DEFAULT '{}',
       until date,
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (end_day IS NULL OR every_weeks IS NULL)
     )`,
    "CREATE INDEX rdv_absence_agent_idx ON rdv_absence (agent_id)",

    // Collective sessions: seats_taken moves under the row lock of an UPDATE,
    // and the CHECK refuses the seat after the last one whatever the code does.
    `CREATE TABLE rdv_session (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       organisation_id uuid NOT NULL REFERENCES organisation (id),
       motif_id uuid NOT NULL REFERENCES rdv_motif (id),
       lieu_id uuid NOT NULL REFERENCES rdv_lieu (id),
       agent_id uuid NOT NULL REFERENCES app_user (id),
       starts_at timestamptz NOT NULL,
       ends_at timestamptz NOT NULL,
       capacity integer CHECK (capacity > 0),
       seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
       revoked_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (ends_at > starts_at),
       CHECK (capacity IS NULL OR seats_taken <= capacity)
     )`,
    "CREATE INDEX rdv_session_starts_idx ON rdv_session (starts_at)",

    // Individual appointments. Statuses as in RDV Service Public: unknown (to
    // come), seen, excused (the person cancelled), revoked (the service
    // cancelled), noshow. Cancelled ones free the time.
    `CREATE TABLE rdv (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       organisation_id uuid NOT NULL REFERENCES organisation (id),
       motif_id uuid NOT NULL REFERENCES rdv_motif (id),
       lieu_id uuid REFERENCES rdv_lieu (id),
       agent_id uuid NOT NULL REFERENCES app_user (id),
       starts_at timestamptz NOT NULL,
       ends_at timestamptz NOT NULL,
       status text NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'seen', 'excused', 'revoked', 'noshow')),
       person_name text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 200),
       phone text,
       email text,
       notify boolean NOT NULL DEFAULT false,
       channel text NOT NULL CHECK (channel IN ('public', 'agent', 'prescripteur', 'invited')),
       booked_by_user_id uuid REFERENCES app_user (id),
       idempotency_key text UNIQUE,
       cancel_token_hash text,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       CHECK (ends_at > starts_at),
       CHECK (phone IS NOT NULL OR email IS NOT NULL),
       CONSTRAINT rdv_no_overlap EXCLUDE USING gist
         (agent_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
         WHERE (status NOT IN ('excused', 'revoked'))
     )`,
    "CREATE INDEX rdv_agent_starts_idx ON rdv (agent_id, starts_at)",
    "CREATE INDEX rdv_organisation_starts_idx ON rdv (organisation_id, starts_at)",

    `CREATE TABLE rdv_participation (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       session_id uuid NOT NULL REFERENCES rdv_session (id),
       status text NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'seen', 'excused', 'revoked', 'noshow')),
       person_name text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 200),
       phone text,
       email text,
       notify boolean NOT NULL DEFAULT false,
       idempotency_key text UNIQUE,
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (phone IS NOT NULL OR email IS NOT NULL)
     )`,
    "CREATE INDEX rdv_participation_session_idx ON rdv_participation (session_id)",
  ]);
}
