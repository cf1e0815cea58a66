import { type Actor, isSignedIn } from "../../platform/access/actor.ts";
import { can, defineRule, hasRole } from "../../platform/access/policy.ts";

const PLAN_EDITORS = ["pilote", "admin"] as const;

/**
 * Who may do what with the plan and its indicators. Reading what is
 * published needs no account (a public page); drafts and every write are
 * for the pilotes and administrators only.
 */
export const steeringRules = {
  /** Change an action (status, sheet, publication) or a plan. */
  editPlan: defineRule("steering.editPlan", (actor) => hasRole(actor, PLAN_EDITORS)),
  /** See the drafts, not yet published. */
  readDrafts: defineRule("steering.readDrafts", (actor) => hasRole(actor, PLAN_EDITORS)),
  /**
   * Turn a non-take-up run into the public indicator: by the pilote who ran
   * it (its results are theirs alone until then), figures under secrecy.
   */
  publishRunIndicator: defineRule<{ ranBy: string }>(
    "steering.publishRunIndicator",
    (actor, run) => hasRole(actor, ["pilote"]) && actor.userId === run.ranBy,
  ),
};

/** The rule of every public list and page: published, or a reader of drafts. */
export function canReadPlanItem(actor: Actor, item: { published: boolean }): boolean {
  if (item.published) return true;
  return isSignedIn(actor) && can(actor, steeringRules.readDrafts, undefined);
}

/** The same rule as a list filter: true when drafts are included. */
export function includesDrafts(actor: Actor): boolean {
  return isSignedIn(actor) && can(actor, steeringRules.readDrafts, undefined);
}
