import type { Actor } from "../../platform/access/actor.ts";
import { can, defineRule, hasRole } from "../../platform/access/policy.ts";

/** Who may do what in the directory. Reading it is public and needs no rule. */
export const directoryRules = {
  /** Orient a person to a service (the records module will use it). */
  orient: defineRule("directory.orient", (actor) =>
    hasRole(actor, ["agent_accueil", "travailleur_social"]),
  ),
  /** Edit a structure and its services: its responsables, or an admin. */
  editStructure: defineRule<{ organisationId: string | null }>(
    "directory.editStructure",
    (actor, structure) =>
      hasRole(actor, ["admin"]) ||
      (structure.organisationId !== null &&
        hasRole(actor, ["responsable_structure"], structure.organisationId)),
  ),
  importExport: defineRule("directory.importExport", (actor) => hasRole(actor, ["admin"])),
};

export function canOrient(actor: Actor): boolean {
  return can(actor, directoryRules.orient, undefined);
}
