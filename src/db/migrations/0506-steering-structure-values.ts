import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Indicators computed by Relais also describe a structure (an organisation:
 * appointment waiting time, no-shows, caseload), not only a territory. The
 * territory code of such a value is the organisation's id.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE steering_indicator_value DROP CONSTRAINT steering_indicator_value_territory_kind_check",
    `ALTER TABLE steering_indicator_value ADD CONSTRAINT steering_indicator_value_territory_kind_check
      CHECK (territory_kind IN ('departement', 'commune', 'structure'))`,
    "ALTER TABLE steering_indicator_value DROP CONSTRAINT steering_indicator_value_territory_code_check",
    // A territory's code (92, 92050) or, for a structure, the organisation's id.
    `ALTER TABLE steering_indicator_value ADD CONSTRAINT steering_indicator_value_territory_code_check
      CHECK (
        (territory_kind <> 'structure' AND territory_code ~ '^[0-9][0-9AB][0-9]{0,3}$')
        OR (territory_kind = 'structure'
          AND territory_code ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
      )`,
  ]);
}
