// Who may do what with appointments. Residents book, cancel and move their
// own appointment without an account: the signed token of their link is
// their authority (see booking-tokens.ts), not a rule here. These rules are for
// professionals, decided from their memberships.

import type { UserActor } from "../../platform/access/actor.ts";
import { defineRule, hasRole } from "../../platform/access/policy.ts";

/** An organisation's agenda, or one agent's in it. */
export type AgendaTarget = { organisationId: string; agentId?: string };

/** Who keeps an agenda and books at the desk: the agents an agenda may be opened for. */
export const DESK_ROLES = ["agent_accueil", "travailleur_social", "responsable_structure"] as const;

/** One's own agenda, or any agenda of the organisation for the desk and the responsable. */
function keepsAgenda(actor: UserActor, target: AgendaTarget): boolean {
  return (
    (target.agentId === actor.userId && hasRole(actor, DESK_ROLES, target.organisationId)) ||
    hasRole(actor, ["agent_accueil", "responsable_structure"], target.organisationId)
  );
}

/** Places, motifs, openings, absences, sessions: the responsable, or an admin. */
function managesSetup(actor: UserActor, target: AgendaTarget): boolean {
  return hasRole(actor, ["responsable_structure", "admin"], target.organisationId);
}

/** A pilote or an admin sees the statistics of every organisation at once. */
export function seesEveryOrganisationStatistics(actor: UserActor): boolean {
  return hasRole(actor, ["pilote", "admin"]);
}

export const appointmentRules = {
  /** Book for someone (by phone, at the desk), in the organisation that offers the motif. */
  bookForSomeone: defineRule<AgendaTarget>("appointments.bookForSomeone", (actor, target) =>
    hasRole(actor, DESK_ROLES, target.organisationId),
  ),
  /**
   * See an agenda and mark its appointments seen, no-show or cancelled: one's
   * own, or any in the organisation for the desk and the responsable. (It
   * was two rules with the same body, viewAgenda and markStatus.)
   */
  viewAgenda: defineRule<AgendaTarget>("appointments.viewAgenda", keepsAgenda),
  /** Waiting time, no-show rate, volumes: the pilote for the territory, the responsable for their structure. */
  viewStatistics: defineRule<AgendaTarget>(
    "appointments.viewStatistics",
    (actor, target) =>
      seesEveryOrganisationStatistics(actor) ||
      hasRole(actor, ["responsable_structure"], target.organisationId),
  ),
  /**
   * Places (lieux), motifs, openings, absences, collective sessions: the
   * responsable or an admin of the organisation only. (Places had their own
   * rule, manageLieux, with the same body.)
   */
  manageAgendas: defineRule<AgendaTarget>("appointments.manageAgendas", managesSetup),
};
