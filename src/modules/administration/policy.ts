import { defineRule, hasRole, organisationIds } from "../../platform/access/policy.ts";
import type { Role } from "../../platform/access/roles.ts";

/**
 * Who administers what (issue 19). The admin runs every organisation and
 * account; a responsable de structure runs their own structure's accounts
 * with the roles of a structure, never `admin` or `pilote`.
 */
export const GRANTABLE_BY_RESPONSABLE: readonly Role[] = [
  "agent_accueil",
  "travailleur_social",
  "responsable_structure",
];

function grants(
  actor: Parameters<typeof hasRole>[0],
  organisationId: string,
  roles: readonly Role[],
) {
  return (
    roles.length > 0 &&
    (hasRole(actor, ["admin"]) ||
      (hasRole(actor, ["responsable_structure"], organisationId) &&
        roles.every((role) => GRANTABLE_BY_RESPONSABLE.includes(role))))
  );
}

/** The organisations whose membership makes the actor an admin (one cannot deactivate those). */
export function administeredOrganisationIds(actor: Parameters<typeof hasRole>[0]): string[] {
  return organisationIds(actor, ["admin"]);
}

export const administrationRules = {
  /** Create, edit, deactivate organisations; approve or refuse directory claims; deactivate accounts. */
  manageOrganisations: defineRule("administration.manageOrganisations", (actor) =>
    hasRole(actor, ["admin"]),
  ),
  /** See an organisation's accounts, memberships and pending invitations. */
  viewAccounts: defineRule<{ organisationId: string }>(
    "administration.viewAccounts",
    (actor, target) =>
      hasRole(actor, ["admin"]) || hasRole(actor, ["responsable_structure"], target.organisationId),
  ),
  /** Invite someone into an organisation with these roles (or end one of these roles there). */
  grantRoles: defineRule<{ organisationId: string; roles: readonly Role[] }>(
    "administration.grantRoles",
    (actor, target) => grants(actor, target.organisationId, target.roles),
  ),
  /** Ask to maintain an existing directory entry for one's structure (the admin decides). */
  claimDirectoryEntry: defineRule<{ organisationId: string }>(
    "administration.claimDirectoryEntry",
    (actor, target) => hasRole(actor, ["responsable_structure"], target.organisationId),
  ),
};
