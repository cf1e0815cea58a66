import { describe, expect, it } from "vitest";
import { ANONYMOUS, type UserActor } from "../../platform/access/actor.ts";
import { authorize, can } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { Forbidden, Unauthenticated } from "../../platform/errors.ts";
import { canOrient, directoryRules } from "./policy.ts";

const OWN = "org-own";
const OTHER = "org-other";

function actor(role: Role, organisationId = OWN): UserActor {
  return {
    kind: "user",
    userId: "user-1",
    email: "agent@exemple.fr",
    displayName: "Agent",
    memberships: [
      { organisationId, organisationName: organisationId, organisationKind: "ccas", role },
    ],
  };
}

function allowed(...roles: Role[]): Record<Role, boolean> {
  return Object.fromEntries(ROLES.map((role) => [role, roles.includes(role)])) as Record<
    Role,
    boolean
  >;
}

// Every role of the actor's organisation (OWN) against every directory action.
const TABLE: Record<string, { check: (a: UserActor) => boolean; expected: Record<Role, boolean> }> =
  {
    "orienter une personne vers un service": {
      check: (a) => can(a, directoryRules.orient, undefined),
      expected: allowed("agent_accueil", "travailleur_social"),
    },
    "modifier une structure de sa propre organisation": {
      check: (a) => can(a, directoryRules.editStructure, { organisationId: OWN }),
      expected: allowed("responsable_structure", "admin"),
    },
    "modifier la structure d'une autre organisation": {
      check: (a) => can(a, directoryRules.editStructure, { organisationId: OTHER }),
      expected: allowed("admin"),
    },
    "modifier une structure rattachée à aucune organisation": {
      check: (a) => can(a, directoryRules.editStructure, { organisationId: null }),
      expected: allowed("admin"),
    },
    "importer et exporter l'annuaire": {
      check: (a) => can(a, directoryRules.importExport, undefined),
      expected: allowed("admin"),
    },
  };

describe("directory policy: every role × every action", () => {
  for (const [action, { check, expected }] of Object.entries(TABLE)) {
    for (const role of ROLES) {
      it(`${expected[role] ? "allows" : "refuses"} « ${action} » to ${role}`, () => {
        expect(check(actor(role))).toBe(expected[role]);
      });
    }
  }

  it("refuses every action to an anonymous visitor, and authorize says who must sign in", () => {
    expect(canOrient(ANONYMOUS)).toBe(false);
    expect(can(ANONYMOUS, directoryRules.importExport, undefined)).toBe(false);
    expect(() =>
      authorize(ANONYMOUS, directoryRules.editStructure, { organisationId: OWN }),
    ).toThrow(Unauthenticated);
  });

  it("throws Forbidden when a responsable edits another organisation's structure", () => {
    expect(() =>
      authorize(actor("responsable_structure"), directoryRules.editStructure, {
        organisationId: OTHER,
      }),
    ).toThrow(Forbidden);
  });

  it("counts a responsable's role only in the organisation where they hold it", () => {
    const both: UserActor = {
      ...actor("agent_accueil", OTHER),
      memberships: [
        ...actor("agent_accueil", OTHER).memberships,
        ...actor("responsable_structure", OWN).memberships,
      ],
    };
    expect(can(both, directoryRules.editStructure, { organisationId: OWN })).toBe(true);
    expect(can(both, directoryRules.editStructure, { organisationId: OTHER })).toBe(false);
  });
});
