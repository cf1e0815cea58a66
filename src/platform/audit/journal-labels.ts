import type { AuditAction } from "./actions.ts";

/**
 * The audit trail in plain French: what each action means and what each
 * subject is. An action missing here is shown by its code, never hidden.
 */
const ACTION_LABELS: Partial<Record<AuditAction, string>> = {
  "audit.journal.viewed": "a consulté le journal d'audit",
  "audit.journal.exported": "a exporté le journal d'audit (CSV)",
  "audit.journal.verified": "a vérifié l'intégrité du journal d'audit",
  "session.login": "s'est connecté",
  "session.login_failed": "a échoué à se connecter",
  "session.logout": "s'est déconnecté",
  "user.created": "a créé un compte",
  "outbox.sent": "a envoyé un message",
  "person.create": "a créé la fiche d'une personne",
  "person.read_identity": "a consulté l'identité d'une personne",
  "person.list": "a consulté une liste de personnes",
  "person.export": "a exporté les données d'une personne",
  "person.duplicate_check": "a vérifié un doublon possible",
  "consent.record": "a enregistré le consentement d'une personne",
  "consent.withdraw": "a retiré un consentement",
  "parcours.read": "a consulté un dossier",
  "parcours.situation.update": "a modifié la situation d'un dossier",
  "parcours.referent.set": "a désigné le référent d'un dossier",
  "parcours.close": "a clos un parcours",
  "parcours.archive": "a archivé un parcours (durée de conservation)",
  "parcours.purge": "a effacé un parcours (durée de conservation)",
  "parcours.attention.read": "a consulté les parcours qui demandent de l'attention",
  "parcours.simulation.attach": "a joint une simulation de droits à un dossier",
  "note.create": "a écrit une note",
  "document.create": "a déposé un document",
  "document.read": "a ouvert un document",
  "orientation.create": "a proposé une orientation",
  "orientation.cancel": "a annulé une orientation",
  "orientation.list": "a consulté des orientations",
  "rdv.booked": "a pris un rendez-vous",
  "rdv.moved": "a déplacé un rendez-vous",
  "rdv.cancelled": "a annulé un rendez-vous",
  "rdv.status": "a noté si un rendez-vous a été honoré",
  "rdv.purged": "a effacé d'anciens rendez-vous (durée de conservation)",
  "rdv.agenda.read": "a consulté un agenda",
  "rdv.person.read": "a consulté les rendez-vous d'une personne",
  "rdv.lieu.created": "a créé un lieu de rendez-vous",
  "rdv.session.created": "a créé une séance collective",
  "rdv.session.joined": "a inscrit une personne à une séance collective",
  "rdv.session.revoked": "a désinscrit une personne d'une séance collective",
  "directory.imported": "a importé l'annuaire",
  "directory.service.updated": "a modifié un service de l'annuaire",
  "plan.objective.create": "a créé un objectif du plan",
  "plan.objective.update": "a modifié un objectif du plan",
  "plan.action.create": "a créé une fiche action",
  "plan.action.update": "a modifié une fiche action",
  "steering.action.update": "a mis à jour une action du plan",
  "steering.indicator.record": "a saisi un indicateur",
  "steering.indicator.import": "a importé des indicateurs",
  "steering.commitment.mark": "a noté un engagement",
};

const SUBJECT_LABELS: Record<string, string> = {
  audit_journal: "le journal d'audit",
  user: "compte",
  session: "session",
  person: "personne",
  person_consent: "consentement",
  parcours: "dossier (parcours)",
  parcours_note: "note",
  parcours_document: "document",
  orientation: "orientation",
  outbox_message: "message",
  rdv: "rendez-vous",
  rdv_lieu: "lieu",
  rdv_session: "séance collective",
  rdv_participation: "inscription à une séance",
  agenda: "agenda",
  directory: "annuaire",
  directory_service: "service de l'annuaire",
  plan_objective: "objectif du plan",
  plan_action: "fiche action",
  steering_action: "action du plan",
  steering_indicator: "indicateur",
  steering_commitment: "engagement",
  rights_batch_run: "recherche de non-recours",
};

export function describeAction(action: string): string {
  return ACTION_LABELS[action as AuditAction] ?? `action « ${action} »`;
}

/** "dossier (parcours) n° 1f3…" or the subject type when no id. */
export function describeSubject(subjectType: string, subjectId: string | null): string {
  const label = SUBJECT_LABELS[subjectType] ?? subjectType;
  return subjectId ? `${label} ${subjectId}` : label;
}
