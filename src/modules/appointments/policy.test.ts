import { describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { userActor } from "../../test/fixtures.ts";
import { type AgendaTarget, appointmentRules } from "./policy.ts";

const actorWith = (role: Role): UserActor =>
  userActor(role, { userId: "me", organisationName: "SST A" });

type Action = keyof typeof appointmentRules;
type Case = "own" | "colleague" | "other-organisation";
const TARGETS: Record<Case, AgendaTarget> = {
  own: { organisationId: "org-a", agentId: "me" },
  colleague: { organisationId: "org-a", agentId: "someone-else" },
  "other-organisation": { organisationId: "org-b", agentId: "someone-else" },
};

// role → action → the cases allowed (all others are refused).
const ALLOWED: Record<Role, Record<Action, Case[]>> = {
  agent_accueil: {
    bookForSomeone: ["own", "colleague"],
    viewAgenda: ["own", "colleague"],
    manageAgendas: [],
    viewStatistics: [],
  },
  travailleur_social: {
    bookForSomeone: ["own", "colleague"],
    viewAgenda: ["own"],
    manageAgendas: [],
    viewStatistics: [],
  },
  responsable_structure: {
    bookForSomeone: ["own", "colleague"],
    viewAgenda: ["own", "colleague"],
    manageAgendas: ["own", "colleague"],
    viewStatistics: ["own", "colleague"],
  },
  pilote: {
    bookForSomeone: [],
    viewAgenda: [],
    manageAgendas: [],
    viewStatistics: ["own", "colleague", "other-organisation"],
  },
  admin: {
    bookForSomeone: [],
    viewAgenda: [],
    manageAgendas: ["own", "colleague"],
    viewStatistics: ["own", "colleague", "other-organisation"],
  },
  // The data-protection officer reads the audit trail, never an agenda.
  dpo: {
    bookForSomeone: [],
    viewAgenda: [],
    manageAgendas: [],
    viewStatistics: [],
  },
};

describe("appointment rules, every role × action × target", () => {
  for (const role of ROLES) {
    for (const action of Object.keys(appointmentRules) as Action[]) {
      for (const [name, target] of Object.entries(TARGETS) as [Case, AgendaTarget][]) {
        const expected = ALLOWED[role][action].includes(name);
        it(`${expected ? "allows" : "refuses"} ${role} to ${action} (${name})`, () => {
          expect(can(actorWith(role), appointmentRules[action], target)).toBe(expected);
        });
      }
    }
  }

  it("refuses everything to an anonymous visitor", () => {
    for (const rule of Object.values(appointmentRules)) {
      expect(can({ kind: "anonymous" }, rule, TARGETS.own)).toBe(false);
    }
  });
});
