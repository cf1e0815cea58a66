/** The recap page's lines: a step's answers in plain words. */

import type { BenefitId } from "./household.ts";
import {
  ACTIVITY_LABELS,
  type Answers,
  DISABILITY_LABELS,
  HOUSING_LABELS,
  type StepId,
} from "./questionnaire.ts";
import type { Commune } from "./questionnaire-views.tsx";
import { BENEFIT_LABELS } from "./service.ts";

/** Human summary of a step's answers, for the recap page. */
export function stepSummary(
  step: StepId,
  answers: Answers,
  communes: readonly Commune[],
): string[] {
  const v = answers[step] ?? {};
  const couple = answers.foyer?.couple === "oui";
  const euros = (raw: string | undefined, label: string) =>
    raw && raw.trim() !== "" && raw.trim() !== "0" ? [`${label} : ${raw} € par mois`] : [];
  const frDate = (d: string | undefined) =>
    d && /^\d{4}-\d{2}-\d{2}$/.test(d)
      ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
      : (d ?? "");
  switch (step) {
    case "foyer":
      return [
        couple ? "En couple" : "Seul(e)",
        `${v.enfants ?? 0} enfant${Number(v.enfants) > 1 ? "s" : ""} à charge`,
      ];
    case "ages": {
      const lines = [`Vous : né(e) le ${frDate(v.naissance)}`];
      if (couple) lines.push(`Conjoint : né(e) le ${frDate(v.conjoint_naissance)}`);
      for (let i = 1; i <= Number(answers.foyer?.enfants ?? 0); i++)
        lines.push(`Enfant ${i} : né(e) le ${frDate(v[`enfant${i}`])}`);
      if (v.isole_recent === "oui") lines.push("Seul(e) avec vos enfants depuis moins d'un an");
      return lines;
    }
    case "situation":
      return [
        `Vous : ${ACTIVITY_LABELS[v.activite as keyof typeof ACTIVITY_LABELS] ?? ""}`,
        ...(couple
          ? [
              `Conjoint : ${ACTIVITY_LABELS[v.conjoint_activite as keyof typeof ACTIVITY_LABELS] ?? ""}`,
            ]
          : []),
        `Handicap reconnu : ${DISABILITY_LABELS[v.handicap as keyof typeof DISABILITY_LABELS] ?? ""}`,
        ...(v.grossesse === "oui" ? ["Un enfant est attendu"] : []),
      ];
    case "ressources": {
      const lines = [
        ...euros(v.salaire, "Salaire"),
        ...euros(v.chomage, "Chômage"),
        ...euros(v.retraite, "Retraite"),
        ...euros(v.invalidite, "Pension d'invalidité"),
        ...euros(v.autres, "Autres revenus"),
        ...euros(v.conjoint_salaire, "Salaire du conjoint"),
        ...euros(v.conjoint_chomage, "Chômage du conjoint"),
        ...euros(v.conjoint_retraite, "Retraite du conjoint"),
        ...euros(v.conjoint_invalidite, "Pension d'invalidité du conjoint"),
        ...euros(v.pension_alimentaire, "Pension alimentaire"),
      ];
      return lines.length > 0 ? lines : ["Aucune ressource"];
    }
    case "logement":
      return [
        HOUSING_LABELS[v.statut as keyof typeof HOUSING_LABELS] ?? "",
        ...euros(v.loyer, "Loyer"),
        ...euros(v.aide_logement, "Aide au logement"),
        communes.find((c) => c.inseeCode === v.commune)?.name ?? v.commune ?? "",
      ];
    case "prestations": {
      const received = (v.percues ?? "").split("|").filter(Boolean) as BenefitId[];
      return received.length > 0
        ? received.map((b) => BENEFIT_LABELS[b] ?? b)
        : ["Aucune aide déclarée"];
    }
  }
}
