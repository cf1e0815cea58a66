import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { userActor } from "../../test/fixtures.ts";
import { can } from "../access/policy.ts";
import { ROLES, type Role } from "../access/roles.ts";
import { authRules, requiresSecondFactor } from "./policy.ts";

const makeActor = (role: Role, userId = "user-1") => userActor(role, { userId });

// Every role against the account rules of this file: true = allowed.
const MATRIX: Record<keyof typeof authRules, Record<Role, boolean>> = {
  resetSecondFactor: {
    agent_accueil: false,
    travailleur_social: false,
    responsable_structure: false,
    pilote: false,
    admin: true,
    dpo: false,
  },
};

describe("auth rules, role × action", () => {
  for (const [rule, byRole] of Object.entries(MATRIX) as [
    keyof typeof authRules,
    Record<Role, boolean>,
  ][]) {
    for (const role of ROLES) {
      it(`${rule}: ${role} ${byRole[role] ? "may" : "may not"} act on another account`, () => {
        expect(can(makeActor(role), authRules[rule], { userId: "someone-else" })).toBe(
          byRole[role],
        );
      });
    }
  }

  it("resetSecondFactor: an admin may not reset their own second factor", () => {
    expect(
      can(makeActor("admin", "admin-1"), authRules.resetSecondFactor, { userId: "admin-1" }),
    ).toBe(false);
  });
});

describe("requiresSecondFactor, with the default roles", () => {
  const defaults = loadConfig({
    RELAIS_DATA_DIR: "/tmp/relais-policy-test",
    RELAIS_SECRET: "x".repeat(32),
  }).secondFactorRoles;

  // The default is the roles that read records (src/modules/records/policy.ts: IDENTITY_READERS).
  const EXPECTED: Record<Role, boolean> = {
    agent_accueil: true,
    travailleur_social: true,
    responsable_structure: true,
    pilote: false,
    admin: false,
    dpo: false,
  };

  for (const role of ROLES) {
    it(`${role}: ${EXPECTED[role] ? "required" : "not required"} with a password`, () => {
      expect(requiresSecondFactor({ roles: [role], isDemo: false }, defaults)).toBe(EXPECTED[role]);
    });
  }

  it("is required when any one role needs it (a pilote who is also a social worker)", () => {
    expect(
      requiresSecondFactor({ roles: ["pilote", "travailleur_social"], isDemo: false }, defaults),
    ).toBe(true);
  });

  it("is never required of a demo account, nor of anyone when the list is empty", () => {
    expect(requiresSecondFactor({ roles: ["travailleur_social"], isDemo: true }, defaults)).toBe(
      false,
    );
    expect(requiresSecondFactor({ roles: ["travailleur_social"], isDemo: false }, [])).toBe(false);
  });
});
