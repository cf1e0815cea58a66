import { addMonths, anniversary } from "./person-name.ts";

/** Why a record needs the responsable's attention (issue 6). */
export type AttentionReason = "no_contact" | "overdue_actions" | "ase_turning_18";

export const ATTENTION_LABELS: Record<AttentionReason, string> = {
  no_contact: "Aucun contact depuis plus de 3 mois",
  overdue_actions: "Des actions du plan sont en retard",
  ase_turning_18:
    "Jeune accompagné par l'ASE qui aura 18 ans dans moins de 6 mois, sans projet pour après",
};

export type AttentionFacts = {
  lastContactDate: string;
  overdueActions: number;
  inCareAse: boolean;
  birthDate: string;
  hasAfter18Objective: boolean;
};

/**
 * Pure: the reasons, given the facts and today's date (Europe/Paris).
 * "Sortie sèche" (000 Q3, 001 Q5): a young person in care reaching 18 within
 * six months with no objective for afterwards.
 */
export function attentionReasons(facts: AttentionFacts, today: string): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (facts.lastContactDate < addMonths(today, -3)) reasons.push("no_contact");
  if (facts.overdueActions > 0) reasons.push("overdue_actions");
  const eighteen = anniversary(facts.birthDate, 18);
  if (
    facts.inCareAse &&
    !facts.hasAfter18Objective &&
    eighteen >= today &&
    eighteen <= addMonths(today, 6)
  ) {
    reasons.push("ase_turning_18");
  }
  return reasons;
}
