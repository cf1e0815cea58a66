import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The plan's governance (seed 002, « Mise en œuvre opérationnelle »): a
 * steering committee (COPIL) and working groups, their members (an
 * organisation of Relais, or a name when it has no account here, with a
 * role), the action sheets each group is given, and their dated meetings
 * with the decisions taken and the sheets examined. A meeting is a draft
 * until a pilote publishes it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE steering_body (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES steering_plan (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('copil', 'groupe_travail')),
      slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
      name text NOT NULL,
      mission text NOT NULL,
      source text NOT NULL,
      position integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (plan_id, slug)
    )`,
    `CREATE TABLE steering_body_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      body_id uuid NOT NULL REFERENCES steering_body (id) ON DELETE CASCADE,
      organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
      name text NOT NULL,
      role text NOT NULL,
      position integer NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    "CREATE INDEX steering_body_member_body ON steering_body_member (body_id, position)",
    `CREATE TABLE steering_body_action (
      body_id uuid NOT NULL REFERENCES steering_body (id) ON DELETE CASCADE,
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      PRIMARY KEY (body_id, action_id)
    )`,
    `CREATE TABLE steering_meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      body_id uuid NOT NULL REFERENCES steering_body (id) ON DELETE CASCADE,
      held_on text NOT NULL CHECK (held_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      title text NOT NULL,
      summary text NOT NULL,
      published boolean NOT NULL,
      is_demo boolean NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    "CREATE INDEX steering_meeting_body ON steering_meeting (body_id, held_on)",
    `CREATE TABLE steering_meeting_action (
      meeting_id uuid NOT NULL REFERENCES steering_meeting (id) ON DELETE CASCADE,
      action_id uuid NOT NULL REFERENCES steering_action (id) ON DELETE CASCADE,
      PRIMARY KEY (meeting_id, action_id)
    )`,
    "CREATE INDEX steering_meeting_action_action ON steering_meeting_action (action_id)",
    `CREATE TABLE steering_decision (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES steering_meeting (id) ON DELETE CASCADE,
      position integer NOT NULL,
      text text NOT NULL
    )`,
    "CREATE INDEX steering_decision_meeting ON steering_decision (meeting_id, position)",
  ]);
}
