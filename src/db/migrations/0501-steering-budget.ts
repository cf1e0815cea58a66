import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The social budget (steering): per year, lines by type of aid and public,
 * planned and executed, operating or investment, in integer cents, each with
 * its source. Executed stays null until published.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE steering_budget_line (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      label text NOT NULL,
      public text NOT NULL DEFAULT '',
      section text NOT NULL CHECK (section IN ('fonctionnement', 'investissement', 'total')),
      planned_cents bigint CHECK (planned_cents >= 0),
      executed_cents bigint CHECK (executed_cents >= 0),
      is_total boolean NOT NULL DEFAULT false,
      source text NOT NULL,
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      UNIQUE (year, label, section)
    )`,
  ]);
}
