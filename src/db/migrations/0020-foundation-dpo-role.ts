import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * The data-protection officer (délégué à la protection des données, RGPD
 * art. 37–39) gets a role of their own: they read the audit trail and
 * nothing else. The role list is a CHECK constraint, widened here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "ALTER TABLE membership DROP CONSTRAINT membership_role_check",
    `ALTER TABLE membership ADD CONSTRAINT membership_role_check CHECK (role IN
       ('agent_accueil', 'travailleur_social', 'responsable_structure', 'pilote', 'admin', 'dpo'))`,
  ]);
}
