import { describe, expect, it } from "vitest";
import { userActor } from "../../test/fixtures.ts";
import { ANONYMOUS } from "../access/actor.ts";
import { authorize } from "../access/policy.ts";
import { ROLES, type Role } from "../access/roles.ts";
import { Forbidden, Unauthenticated } from "../errors.ts";
import { auditRules } from "./policy.ts";

const actorWith = (role: Role) => userActor(role, { organisationKind: "departement" });

// Every role against every audit rule: true = allowed.
const MATRIX: Record<keyof typeof auditRules, Record<Role, boolean>> = {
  viewJournal: {
    agent_accueil: false,
    travailleur_social: false,
    responsable_structure: false,
    pilote: false,
    admin: true,
    dpo: true,
  },
  exportJournal: {
    agent_accueil: false,
    travailleur_social: false,
    responsable_structure: false,
    pilote: false,
    admin: true,
    dpo: true,
  },
};

describe("audit rules, every role × action", () => {
  for (const [name, expectations] of Object.entries(MATRIX)) {
    const rule = auditRules[name as keyof typeof auditRules];
    for (const role of ROLES) {
      const allowed = expectations[role];
      it(`${allowed ? "allows" : "forbids"} ${name} for ${role}`, () => {
        if (allowed) expect(() => authorize(actorWith(role), rule, undefined)).not.toThrow();
        else expect(() => authorize(actorWith(role), rule, undefined)).toThrow(Forbidden);
      });
    }
    it(`asks an anonymous visitor to sign in for ${name}`, () => {
      expect(() => authorize(ANONYMOUS, rule, undefined)).toThrow(Unauthenticated);
    });
  }
});
