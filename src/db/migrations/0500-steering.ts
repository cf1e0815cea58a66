import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Steering and transparency: the anti-poverty plan as data (plans → axes →
 * themes → numbered actions with the sheet of the 2015-2017 strategy), the
 * Relais services that implement an action, and the indicators with their
 * dated values per territory. Drafts (published = false) stay private.
 * Timestamps come from the application's clock: no defaults.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE steering_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
      title text NOT NULL,
      period text NOT NULL,
      summary text NOT NULL DEFAULT '',
      source text NOT NULL DEFAULT '',
      published boolean NOT NULL DEFAULT false,
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    `CREATE TABLE steering_axis (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES steering_plan (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number > 0),
      title text NOT NULL,
      UNIQUE (plan_id, number)
    )`,
    `CREATE TABLE steering_theme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      axis_id uuid NOT NULL REFERENCES steering_axis (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number > 0),
      title text NOT NULL,
      position integer NOT NULL,
      UNIQUE (axis_id, position)
    )`,
    `CREATE TABLE steering_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES steering_plan (id) ON DELETE CASCADE,
      theme_id uuid NOT NULL REFERENCES steering_theme (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number > 0),
      title text NOT NULL,
      status text NOT NULL DEFAULT 'a_venir' CHECK (status IN
        ('a_venir', 'en_cours', 'realisee', 'en_retard', 'en_pause', 'abandonnee')),
      followed_only boolean NOT NULL DEFAULT false,
      findings text NOT NULL DEFAULT '',
      objectives text NOT NULL DEFAULT '',
      measures text NOT NULL DEFAULT '',
      pilots text NOT NULL DEFAULT '',
      partners text NOT NULL DEFAULT '',
      follow_up_indicators text NOT NULL DEFAULT '',
      calendar text NOT NULL DEFAULT '',
      copil_observations text NOT NULL DEFAULT '',
      published boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (plan_id, number)
    )`,
    "CREATE INDEX steering_action_theme ON steering_action (theme_id, number)",
    `CREATE TABLE steering_action_link (
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      path text NOT NULL CHECK (path ~ '^/[A-Za-z0-9/_-]*$'),
      label text NOT NULL,
      PRIMARY KEY (action_id, path)
    )`,
    `CREATE TABLE steering_indicator (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
      family text NOT NULL,
      name text NOT NULL,
      definition text NOT NULL DEFAULT '',
      unit text NOT NULL DEFAULT '',
      source text NOT NULL DEFAULT '',
      producer text NOT NULL DEFAULT '',
      method text NOT NULL DEFAULT '',
      geographic_level text NOT NULL DEFAULT 'departement'
        CHECK (geographic_level IN ('departement', 'commune')),
      better_when text NOT NULL DEFAULT 'neutral' CHECK (better_when IN ('up', 'down', 'neutral')),
      computed_by_relais boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL
    )`,
    `CREATE TABLE steering_indicator_value (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      indicator_code text NOT NULL REFERENCES steering_indicator (code) ON DELETE CASCADE,
      territory_kind text NOT NULL CHECK (territory_kind IN ('departement', 'commune')),
      territory_code text NOT NULL CHECK (territory_code ~ '^[0-9][0-9AB][0-9]{0,3}$'),
      period text NOT NULL CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'),
      value numeric,
      target numeric,
      persons integer CHECK (persons >= 0),
      is_demo boolean NOT NULL DEFAULT false,
      comment text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      UNIQUE (indicator_code, territory_kind, territory_code, period)
    )`,
  ]);
}
