import { describe, expect, it } from "vitest";
import { userActor } from "../../test/fixtures.ts";
import { Forbidden, Unauthenticated } from "../errors.ts";
import { ANONYMOUS } from "./actor.ts";
import { authorizationChecks, authorize, hasRole, platformRules } from "./policy.ts";
import { ROLES, type Role } from "./roles.ts";

const makeActor = (roles: Role[], organisationId = "org-a") => userActor(roles, { organisationId });

// Every role against every platform rule: true = allowed.
const MATRIX: Record<keyof typeof platformRules, Record<Role, boolean>> = {
  enterProSpace: {
    agent_accueil: true,
    travailleur_social: true,
    responsable_structure: true,
    pilote: true,
    admin: true,
    dpo: true,
  },
  viewOutbox: {
    agent_accueil: false,
    travailleur_social: false,
    responsable_structure: false,
    pilote: false,
    admin: true,
    dpo: false,
  },
  manageAccounts: {
    agent_accueil: false,
    travailleur_social: false,
    responsable_structure: false,
    pilote: false,
    admin: true,
    dpo: false,
  },
};

describe("platform rules", () => {
  for (const [ruleName, expectations] of Object.entries(MATRIX)) {
    const rule = platformRules[ruleName as keyof typeof platformRules];
    for (const role of ROLES) {
      const allowed = expectations[role];
      it(`${allowed ? "allows" : "forbids"} ${ruleName} for ${role}`, () => {
        const actor = makeActor([role]);
        if (allowed) expect(() => authorize(actor, rule, undefined)).not.toThrow();
        else expect(() => authorize(actor, rule, undefined)).toThrow(Forbidden);
      });
    }
    it(`asks an anonymous visitor to sign in for ${ruleName}`, () => {
      expect(() => authorize(ANONYMOUS, rule, undefined)).toThrow(Unauthenticated);
    });
  }

  it("forbids the pro space to an account with no membership", () => {
    expect(() => authorize(makeActor([]), platformRules.enterProSpace, undefined)).toThrow(
      Forbidden,
    );
  });
});

describe("hasRole", () => {
  it("checks the role in the given organisation only", () => {
    const actor = makeActor(["admin"], "org-a");
    expect(hasRole(actor, ["admin"], "org-a")).toBe(true);
    expect(hasRole(actor, ["admin"], "org-b")).toBe(false);
    expect(hasRole(actor, ["admin"])).toBe(true);
  });
});

describe("authorizationChecks", () => {
  it("remembers each rule checked for the request's actor, allowed or not", () => {
    const actor = makeActor(["agent_accueil"]);
    expect(authorizationChecks(actor)).toEqual([]);
    authorize(actor, platformRules.enterProSpace, undefined);
    expect(() => authorize(actor, platformRules.viewOutbox, undefined)).toThrow();
    expect(authorizationChecks(actor)).toEqual(["platform.enterProSpace", "platform.viewOutbox"]);
  });
});
