// Who may do what with appointments. Residents book, cancel and move their
// own appointment without an account: the signed token of their link is
// their authority (see tokens.ts), not a rule here. These rules are for
// professionals, decided from their memberships.

import { defineRule, hasRole } from "../../platform/access/policy.ts";

/** An organisation's agenda, or one agent's in it. */
export type AgendaTarget = { organisationId: string; agentId?: string };

const DESK_ROLES = ["agent_accueil", "travailleur_social", "responsable_structure"] as const;

export const appointmentRules = {
  /** Book for someone (by phone, at the desk), in the organisation that offers the motif. */
  bookForSomeone: defineRule<AgendaTarget>("appointments.bookForSomeone", (actor, target) =>
    hasRole(actor, DESK_ROLES, target.organisationId),
  ),
  /** See an agenda: one's own, or any in the organisation for the desk and the responsable. */
  viewAgenda: defineRule<AgendaTarget>(
    "appointments.viewAgenda",
    (actor, target) =>
      (target.agentId === actor.userId && hasRole(actor, DESK_ROLES, target.organisationId)) ||
      hasRole(actor, ["agent_accueil", "responsable_structure"], target.organisationId),
  ),
  /** Mark seen, no-show, or cancel: the agent who receives, the desk, the responsable. */
  markStatus: defineRule<AgendaTarget>(
    "appointments.markStatus",
    (actor, target) =>
      (target.agentId === actor.userId && hasRole(actor, DESK_ROLES, target.organisationId)) ||
      hasRole(actor, ["agent_accueil", "responsable_structure"], target.organisationId),
  ),
  /** Waiting time, no-show rate, volumes: the pilote for the territory, the responsable for their structure. */
  viewStatistics: defineRule<AgendaTarget>(
    "appointments.viewStatistics",
    (actor, target) =>
      hasRole(actor, ["pilote", "admin"]) ||
      hasRole(actor, ["responsable_structure"], target.organisationId),
  ),
  /**
   * Create, edit, enable, disable or delete a place (lieu): the responsable
   * or an admin of the place's organisation only.
   */
  manageLieux: defineRule<AgendaTarget>("appointments.manageLieux", (actor, target) =>
    hasRole(actor, ["responsable_structure", "admin"], target.organisationId),
  ),
  /** Places, motifs, openings, absences, collective sessions. */
  manageAgendas: defineRule<AgendaTarget>("appointments.manageAgendas", (actor, target) =>
    hasRole(actor, ["responsable_structure", "admin"], target.organisationId),
  ),
};
