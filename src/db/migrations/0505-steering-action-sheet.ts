import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The rest of an action sheet: dated steps (jalons), dated follow-up notes,
 * the budget per year (planned and executed, operating and investment), and
 * the versions of the sheet's texts — one private draft at most per action,
 * the published versions kept as the public history.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE steering_action_step (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      label text NOT NULL,
      planned_on text NOT NULL CHECK (planned_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      done_on text CHECK (done_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      status text NOT NULL CHECK (status IN ('prevue', 'en_cours', 'faite', 'en_retard', 'abandonnee')),
      published boolean NOT NULL,
      is_demo boolean NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    "CREATE INDEX steering_action_step_action ON steering_action_step (action_id, planned_on)",
    `CREATE TABLE steering_action_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      noted_on text NOT NULL CHECK (noted_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      text text NOT NULL,
      published boolean NOT NULL,
      is_demo boolean NOT NULL,
      created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL
    )`,
    "CREATE INDEX steering_action_note_action ON steering_action_note (action_id, noted_on)",
    `CREATE TABLE steering_action_budget (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      section text NOT NULL CHECK (section IN ('fonctionnement', 'investissement')),
      planned_cents bigint CHECK (planned_cents >= 0),
      executed_cents bigint CHECK (executed_cents >= 0),
      source text NOT NULL,
      published boolean NOT NULL,
      is_demo boolean NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (action_id, year, section)
    )`,
    `CREATE TABLE steering_action_text (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      findings text NOT NULL,
      objectives text NOT NULL,
      measures text NOT NULL,
      calendar text NOT NULL,
      saved_at timestamptz NOT NULL,
      saved_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      published_at timestamptz
    )`,
    // One private draft per action; the published versions are its history.
    "CREATE UNIQUE INDEX steering_action_text_draft ON steering_action_text (action_id) WHERE published_at IS NULL",
    "CREATE INDEX steering_action_text_history ON steering_action_text (action_id, published_at)",
  ]);
}
