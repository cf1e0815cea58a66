import { describe, expect, it } from "vitest";
import { ANONYMOUS, type UserActor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { userActor } from "../../test/fixtures.ts";
import { canReadPlanItem, steeringRules } from "./policy.ts";

const actorWith = (role: Role): UserActor =>
  userActor(role, {
    userId: "me",
    organisationName: "Département",
    organisationKind: "departement",
  });

// role → what it may do with the plan, its governance, its sheets and indicators.
const ALLOWED: Record<Role, { editPlan: boolean; readDrafts: boolean; publishOwnRun: boolean }> = {
  agent_accueil: { editPlan: false, readDrafts: false, publishOwnRun: false },
  travailleur_social: { editPlan: false, readDrafts: false, publishOwnRun: false },
  responsable_structure: { editPlan: false, readDrafts: false, publishOwnRun: false },
  pilote: { editPlan: true, readDrafts: true, publishOwnRun: true },
  admin: { editPlan: true, readDrafts: true, publishOwnRun: false },
  dpo: { editPlan: false, readDrafts: false, publishOwnRun: false },
};

describe("steering policy, role by action", () => {
  for (const role of ROLES) {
    const actor = actorWith(role);
    const allowed = ALLOWED[role];
    it(`${role}: edits the plan (meetings, members, sheets) ${allowed.editPlan ? "yes" : "no"}`, () => {
      expect(can(actor, steeringRules.editPlan, undefined)).toBe(allowed.editPlan);
    });
    it(`${role}: reads drafts ${allowed.readDrafts ? "yes" : "no"}, reads what is published`, () => {
      expect(can(actor, steeringRules.readDrafts, undefined)).toBe(allowed.readDrafts);
      expect(canReadPlanItem(actor, { published: false })).toBe(allowed.readDrafts);
      expect(canReadPlanItem(actor, { published: true })).toBe(true);
    });
    it(`${role}: publishes its own non-take-up run ${allowed.publishOwnRun ? "yes" : "no"}, never another's`, () => {
      expect(can(actor, steeringRules.publishRunIndicator, { ranBy: "me" })).toBe(
        allowed.publishOwnRun,
      );
      expect(can(actor, steeringRules.publishRunIndicator, { ranBy: "someone-else" })).toBe(false);
    });
  }

  it("a visitor without an account reads only what is published and writes nothing", () => {
    expect(can(ANONYMOUS, steeringRules.editPlan, undefined)).toBe(false);
    expect(can(ANONYMOUS, steeringRules.readDrafts, undefined)).toBe(false);
    expect(canReadPlanItem(ANONYMOUS, { published: false })).toBe(false);
    expect(canReadPlanItem(ANONYMOUS, { published: true })).toBe(true);
  });
});
