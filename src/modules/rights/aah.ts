import type { Explainer } from "./explain.ts";
import { type Context, childrenUnder, hasMonth, resourcesOf, yearlyIncome } from "./foyer.ts";
import type { Member } from "./household.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/aah.ts";
import { ageAtMonth, yearOf } from "./period.ts";

const NO_DISABILITY_RATE = notEligible("Aucun taux d'incapacité d'au moins 50 % n'est déclaré.");

// Allocation aux adultes handicapés, main case (L821-1 s., D821-1 s. CSS):
// taux d'incapacité ≥ 80 %, or 50–79 % with a restriction substantielle et durable
// d'accès à l'emploi (RSDAE) and under the legal retirement age; aged 20 or more.
// Since 1 October 2023 the spouse's income no longer counts (loi n° 2022-1158, art. 10).
// Resources: the person's income of year N-2 after a 10 % deduction, or, when the person
// works in month M, the earnings of M-3..M-1 after the 80 % / 40 % abattements (D821-9 CSS).
// Not modelled: ESAT work, complément de ressources, hospitalisation or prison reductions.

export function computeAahFor(
  ctx: Context,
  member: Member,
  ex: Explainer | null,
  age = ageAtMonth(member.birthDate, ctx.month),
): Outcome {
  const p = ctx.p;
  const rate = member.disabilityRate ?? 0;
  if (rate < p.aahTauxRsdae) return NO_DISABILITY_RATE;
  if (rate < p.aahTaux && member.rsdae !== true) {
    return notEligible(
      "Entre 50 % et 79 % d'incapacité, l'AAH demande une restriction durable d'accès à l'emploi reconnue par la MDPH.",
    );
  }
  if (age < p.aahAgeMin) return notEligible("Il faut avoir au moins 20 ans.");
  if (rate < p.aahTaux && age >= p.aahAgeRetraite) {
    return notEligible(
      "Sous 80 % d'incapacité, l'AAH s'arrête à l'âge légal de la retraite (l'ASPA prend le relais).",
    );
  }
  ex?.step(
    `Taux d'incapacité de ${Math.round(rate * 100)} %${rate < p.aahTaux ? " avec restriction durable d'accès à l'emploi" : ""}`,
    undefined,
    [P.aahTauxIncapacite, P.aahTauxIncapaciteRsdae],
  );

  const nChildren = childrenUnder(ctx, 20);
  const ceilingYear = p.aahMontant * p.aahPlafondMois * (1 + p.aahMajEnfant * nChildren);
  ex?.step(
    `Plafond annuel de ressources (12 fois l'AAH, + 50 % par enfant : ${nChildren})`,
    ceilingYear,
    [P.aahMontant, P.aahPlafondMois, P.aahMajorationParEnfant],
  );

  const [kM, k1, k2, k3] = ctx.key;
  const worksThisMonth = hasMonth(member, kM) && (resourcesOf(member, kM).salaireNet ?? 0) > 0;
  let monthlyResources: number;
  if (worksThisMonth) {
    const smicMensuel = p.smicHoraire * p.smicHeures;
    const tranche = p.aahTrancheSmic * smicMensuel;
    let counted = 0;
    for (const k of [k1, k2, k3]) {
      const salary = resourcesOf(member, k).salaireNet ?? 0;
      counted +=
        Math.min(salary, tranche) * (1 - p.aahAbat1) +
        Math.max(0, salary - tranche) * (1 - p.aahAbat2);
    }
    monthlyResources = counted / 3;
    ex?.step(
      "Travail en milieu ordinaire ce mois-ci : revenus des trois mois précédents après abattements de 80 % puis 40 %",
      monthlyResources,
      [P.aahAbattementTranche1, P.aahAbattementTranche2, P.aahTrancheSmic],
    );
  } else {
    const y = yearlyIncome(member, yearOf(ctx.month) - 2, ctx.month);
    monthlyResources = (y.amount * 0.9) / 12;
    ex?.step(
      `Revenus de ${yearOf(ctx.month) - 2} de la personne, après abattement de 10 %, par mois${y.estimated ? " (estimés)" : ""}`,
      monthlyResources,
    );
  }
  ex?.step(
    "Les revenus du conjoint ne sont plus comptés depuis le 1er octobre 2023 (déconjugalisation)",
  );
  const raw = Math.min(p.aahMontant, ceilingYear / 12 - monthlyResources);
  if (raw <= 0) return notEligible("Les ressources de la personne dépassent le plafond de l'AAH.");
  const amount = Math.round(raw);
  ex?.step(
    "AAH du mois : plafond mensuel − ressources, dans la limite du montant maximal",
    amount,
    [P.aahMontant],
  );
  return { eligible: true, amount };
}

/** AAH of the foyer (sum over its adults), and per adult for the prime d'activité. */
export function computeAah(ctx: Context, ex: Explainer | null): Outcome {
  // Most households: nobody with a disability rate, no AAH, nothing to compute.
  if (ex === null) {
    const none = noDisability(ctx);
    if (none !== undefined) return none;
  }
  let total = 0;
  let reason: string | undefined;
  const byMember: Record<string, number> = {};
  for (let i = 0; i < ctx.adults.length; i++) {
    const member = ctx.adults[i] as Member;
    if (ex && ctx.adults.length > 1) ex.step(i === 0 ? "Demandeur" : "Conjoint");
    const o = computeAahFor(ctx, member, ex, ctx.adultAges[i]);
    ctx.computed.aahByAdult[i] = o.amount;
    byMember[member.id] = o.amount;
    total += o.amount;
    if (!o.eligible && reason === undefined) reason = o.reason;
  }
  ctx.computed.aah = total;
  return total > 0
    ? { eligible: true, amount: total, detail: byMember }
    : { ...notEligible(reason ?? "Aucune personne handicapée dans le foyer."), detail: byMember };
}

const NO_AAH_DEMANDEUR: Outcome = Object.freeze({
  ...NO_DISABILITY_RATE,
  detail: Object.freeze({ demandeur: 0 }),
});
const NO_AAH_COUPLE: Outcome = Object.freeze({
  ...NO_DISABILITY_RATE,
  detail: Object.freeze({ demandeur: 0, conjoint: 0 }),
});

/**
 * The AAH outcome, shared, when no adult declares a disability rate of at least
 * 50 %: what `computeAah` would build (same reason, same detail), for the usual
 * member ids of a batch row; undefined otherwise.
 */
function noDisability(ctx: Context): Outcome | undefined {
  const adults = ctx.adults;
  const threshold = ctx.p.aahTauxRsdae;
  for (let i = 0; i < adults.length; i++)
    if (!(((adults[i] as Member).disabilityRate ?? 0) < threshold)) return undefined;
  const first = adults[0];
  if (first === undefined || first.id !== "demandeur") return undefined;
  if (adults.length === 1) return NO_AAH_DEMANDEUR;
  if (adults.length === 2 && (adults[1] as Member).id === "conjoint") return NO_AAH_COUPLE;
  return undefined;
}
