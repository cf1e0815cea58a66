import { defineRule, hasRole } from "../../platform/access/policy.ts";

/** Who may do what with the rights simulator (the resident questionnaire is public). */
export const rightsRules = {
  /** The dense form used during an interview. */
  simulateForInterview: defineRule("rights.simulateForInterview", (actor) =>
    hasRole(actor, ["travailleur_social", "agent_accueil"]),
  ),
  /** Upload a population file and run the non-take-up batch. */
  runNonTakeUp: defineRule("rights.runNonTakeUp", (actor) => hasRole(actor, ["pilote"])),
  /** A run's progress and results: its personal data stay with the pilot who ran it. */
  readNonTakeUpRun: defineRule<{ ranBy: string }>(
    "rights.readNonTakeUpRun",
    (actor, run) => hasRole(actor, ["pilote"]) && actor.userId === run.ranBy,
  ),
  /**
   * Define the Département's own aids (create, new version, publish): the
   * pilotes and the administrators. Published aids are read by everyone
   * through the simulator; drafts only here.
   */
  manageLocalAids: defineRule("rights.manageLocalAids", (actor) =>
    hasRole(actor, ["pilote", "admin"]),
  ),
};
