import type { Explainer } from "./explain.ts";
import { resourcesOf, type SimulationContext } from "./foyer.ts";
import type { Member } from "./household.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/asi.ts";

// Allocation supplémentaire d'invalidité (L815-24 s. CSS): for a person who receives an invalidity
// pension and has not reached the age of the ASPA (the legal retirement age for an invalid
// person). Since 1 April 2020 it is differential (L815-24-1, D815-19 CSS): the monthly ceiling
// minus the monthly resources of the person and of the spouse, averaged over the three months
// before (as OpenFisca-France's asi_aspa_base_ressources), the invalidity pension included. The
// ceiling of a person alone applies also to a couple where only one is entitled (Assurance
// maladie); when both are, the couple's ceiling, the amount shared in two.
// Not modelled: the abattement on earnings, the residence and nationality conditions, the
// other pensions it can complete (veuf ou veuve invalide, retraite anticipée), the AAH of the
// spouse as a resource, and the recovery on the estate (not a condition of the amount).

const NO_PENSION = notEligible(
  "L'ASI complète une pension d'invalidité : aucune pension d'invalidité n'est déclarée.",
);

/** The invalidity pension of month M, or of M-1 when month M is not known (a batch row). */
export function invalidityPension(member: Member, ctx: SimulationContext): number {
  const r = member.resources?.[ctx.key[0]] ?? member.resources?.[ctx.key[1]];
  return r?.pensionInvalidite ?? 0;
}

function receivesPension(member: Member, ctx: SimulationContext): boolean {
  return invalidityPension(member, ctx) > 0;
}

export function computeAsi(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const adults = ctx.adults;
  // Most households: no invalidity pension, nothing to compute (the batch's hot path).
  let anyPension = false;
  for (const a of adults) if (receivesPension(a, ctx)) anyPension = true;
  // Shared and frozen, without a detail: every member's ASI is 0.
  if (!anyPension) return NO_PENSION;

  const p = ctx.p;
  const entitled: boolean[] = [];
  let reason: string | undefined;
  for (let i = 0; i < adults.length; i++) {
    const a = adults[i] as Member;
    const pension = receivesPension(a, ctx);
    const young = (ctx.adultAges[i] as number) < p.asiAgeLimite;
    entitled.push(pension && young);
    if (pension && !young)
      reason ??=
        "À l'âge légal de la retraite, l'ASI s'arrête : c'est l'ASPA (minimum vieillesse) qui prend le relais.";
  }
  const count = entitled.filter(Boolean).length;
  const byMember: Record<string, number> = {};
  for (const a of adults) byMember[a.id] = 0;
  if (count === 0) {
    return { ...notEligible(reason ?? NO_PENSION.reason ?? ""), detail: byMember };
  }

  const ceiling = count === 2 ? p.asiPlafondCouple : p.asiPlafondSeul;
  ex?.step(
    count === 2
      ? "Plafond de ressources (le revenu le plus haut pour avoir l'ASI) quand les deux membres du couple touchent une pension d'invalidité, par an"
      : "Plafond de ressources (le revenu le plus haut pour avoir l'ASI) d'une personne qui touche une pension d'invalidité, par an",
    ceiling,
    [count === 2 ? P.asiPlafondCouple : P.asiPlafondSeul],
  );
  let total = 0;
  for (const a of adults) {
    for (let i = 1; i <= 3; i++) {
      const r = resourcesOf(a, ctx.key[i] as string);
      total +=
        (r.pensionInvalidite ?? 0) +
        (r.retraiteBrute ?? r.retraiteNette ?? 0) +
        (r.salaireNet ?? 0) +
        (r.chomageNet ?? 0) +
        (r.pensionsAlimentaires ?? 0) +
        (r.autres ?? 0);
    }
  }
  const monthly = total / 3;
  ex?.step(
    ctx.couple
      ? "Ressources du couple par mois (pension d'invalidité comprise), moyenne des trois mois précédents"
      : "Vos ressources par mois (pension d'invalidité comprise), moyenne des trois mois précédents",
    monthly,
  );
  const raw = ceiling / 12 - monthly;
  if (raw <= 0) {
    return {
      ...notEligible("Les ressources dépassent le plafond de l'ASI."),
      detail: byMember,
    };
  }
  const amount = Math.round(raw);
  ex?.step(
    "ASI du mois : le plafond par mois moins vos ressources. L'ASI complète ce qui manque",
    amount,
    [count === 2 ? P.asiPlafondCouple : P.asiPlafondSeul],
  );
  const share = count === 2 ? Math.round(amount / 2) : amount;
  for (let i = 0; i < adults.length; i++) {
    const value = entitled[i] ? share : 0;
    ctx.computed.asiByAdult[i] = value;
    byMember[(adults[i] as Member).id] = value;
  }
  if (count === 2) ex?.step("Les deux membres du couple reçoivent chacun la moitié", share);
  ctx.computed.asi = count === 2 ? share * 2 : amount;
  return { eligible: true, amount: ctx.computed.asi, detail: byMember };
}
