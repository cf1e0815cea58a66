import { describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { ANONYMOUS } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { Forbidden, Unauthenticated } from "../../platform/errors.ts";
import { userActor } from "../../test/fixtures.ts";
import { administrationRules } from "./policy.ts";

const MINE = "org-mine";
const OTHER = "org-other";

const actorWith = (role: Role): UserActor =>
  userActor(role, {
    organisationId: MINE,
    organisationName: "Ma structure",
    organisationKind: "ccas",
  });

type Case = { action: string; check: (actor: UserActor) => void; allowed: Role[] };

const run =
  <T>(rule: { name: string; allows: (actor: UserActor, target: T) => boolean }, target: T) =>
  (actor: UserActor) =>
    authorize(actor, rule, target);

// Every new action × every role: the roles listed are allowed, the others forbidden.
const CASES: Case[] = [
  {
    action: "manage organisations, claims and account deactivation",
    check: run(administrationRules.manageOrganisations, undefined),
    allowed: ["admin"],
  },
  {
    action: "view the accounts of one's own structure",
    check: run(administrationRules.viewAccounts, { organisationId: MINE }),
    allowed: ["responsable_structure", "admin"],
  },
  {
    action: "view the accounts of another structure",
    check: run(administrationRules.viewAccounts, { organisationId: OTHER }),
    allowed: ["admin"],
  },
  {
    action: "invite a social worker into one's structure",
    check: run(administrationRules.grantRoles, {
      organisationId: MINE,
      roles: ["travailleur_social"],
    }),
    allowed: ["responsable_structure", "admin"],
  },
  {
    action: "invite a responsable and an agent into one's structure",
    check: run(administrationRules.grantRoles, {
      organisationId: MINE,
      roles: ["responsable_structure", "agent_accueil"],
    }),
    allowed: ["responsable_structure", "admin"],
  },
  {
    action: "give admin in one's structure",
    check: run(administrationRules.grantRoles, { organisationId: MINE, roles: ["admin"] }),
    allowed: ["admin"],
  },
  {
    action: "give pilote in one's structure",
    check: run(administrationRules.grantRoles, { organisationId: MINE, roles: ["pilote"] }),
    allowed: ["admin"],
  },
  {
    action: "give a structure's role along with admin",
    check: run(administrationRules.grantRoles, {
      organisationId: MINE,
      roles: ["agent_accueil", "admin"],
    }),
    allowed: ["admin"],
  },
  {
    action: "invite into another structure",
    check: run(administrationRules.grantRoles, { organisationId: OTHER, roles: ["agent_accueil"] }),
    allowed: ["admin"],
  },
  {
    action: "invite with no role at all",
    check: run(administrationRules.grantRoles, { organisationId: MINE, roles: [] }),
    allowed: [],
  },
  {
    action: "claim a directory entry for one's structure",
    check: run(administrationRules.claimDirectoryEntry, { organisationId: MINE }),
    allowed: ["responsable_structure"],
  },
  {
    action: "claim a directory entry for another structure",
    check: run(administrationRules.claimDirectoryEntry, { organisationId: OTHER }),
    allowed: [],
  },
];

describe("administration rules", () => {
  for (const { action, check, allowed } of CASES) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "allows" : "forbids"} ${role} to ${action}`, () => {
        if (expected) expect(() => check(actorWith(role))).not.toThrow();
        else expect(() => check(actorWith(role))).toThrow(Forbidden);
      });
    }
  }

  it("asks an anonymous visitor to sign in", () => {
    expect(() =>
      authorize(ANONYMOUS, administrationRules.viewAccounts, { organisationId: MINE }),
    ).toThrow(Unauthenticated);
  });
});
