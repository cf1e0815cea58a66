import { defineRule, hasRole } from "../access/policy.ts";
import type { Role } from "../access/roles.ts";

/**
 * Who reads the audit trail: the administrator and the data-protection
 * officer (délégué à la protection des données, RGPD art. 39: « contrôler le
 * respect du règlement »). The officer reads nothing else: no record, no
 * agenda. Reading and exporting are two rules so that one may be narrowed
 * without the other.
 */
const AUDIT_READERS: readonly Role[] = ["admin", "dpo"];

export const auditRules = {
  viewJournal: defineRule("audit.viewJournal", (actor) => hasRole(actor, AUDIT_READERS)),
  exportJournal: defineRule("audit.exportJournal", (actor) => hasRole(actor, AUDIT_READERS)),
};

/**
 * Who receives the daily checkpoint by e-mail: the data-protection officers;
 * while the territory has none, its administrators. Groups in order of preference.
 */
export const CHECKPOINT_RECIPIENTS: readonly (readonly Role[])[] = [["dpo"], ["admin"]];
