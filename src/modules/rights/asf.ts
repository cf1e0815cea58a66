import type { Explainer } from "./explain.ts";
import { childrenUnder, hasMonth, resourcesOf, type SimulationContext } from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as PF from "./parameters/famille.ts";
import type { MonthParameters } from "./parameters/resolve.ts";
import * as PR from "./parameters/rsa.ts";
import { euros } from "./period.ts";

// Allocation de soutien familial (L523-1 s., R523-7, D523-3 CSS), for month M: a parent
// who brings up children alone gets 42.2 % of the BMAF a month per child under 20
// (R512-2 CSS) deprived of the other parent's support. When a maintenance is received but
// lower, the differential ASF tops it up (L523-1 III), not paid under 15 €. The engine
// assumes the ASF is claimed when no maintenance is received, as the RSA requires
// (art. L262-10 CASF). Not modelled: orphans (of both parents: 56.25 %), a child taken in
// by another person, the other parent's proven inability to pay, shared custody, Mayotte.

/** The ASF of a month and the part of it the RSA and the prime d'activité count. */
export interface AsfOfMonth {
  /** Children under 20 who open the right. */
  readonly children: number;
  /** Full ASF for these children, before the maintenance. */
  readonly full: number;
  /** Maintenance received by the foyer in the month. */
  readonly maintenance: number;
  /** ASF paid (gross, unrounded cents): full − maintenance, 0 under the payment threshold. */
  readonly paid: number;
  /**
   * What the RSA and the prime d'activité count: the ASF paid, at most a flat 22.5 % of
   * the BMAF per child (art. R262-10-1 CASF, R844-4 CSS).
   */
  readonly counted: number;
}

const NO_ASF: AsfOfMonth = Object.freeze({
  children: 0,
  full: 0,
  maintenance: 0,
  paid: 0,
  counted: 0,
});

/** ASF for a month index, its parameters, and the month key whose maintenance is read. */
export function asfOfMonth(
  ctx: SimulationContext,
  month: number,
  p: MonthParameters,
  key: string,
): AsfOfMonth {
  if (ctx.couple) return NO_ASF;
  const children = childrenUnder(ctx, p.afAgeLimite, month);
  if (children === 0) return NO_ASF;
  const maintenance = maintenanceOf(ctx, key);
  const full = children * p.asfTaux * p.bmaf;
  const paid = paidAsf(full, maintenance, p);
  const counted = Math.min(paid, children * p.rsaForfaitAsf * p.bmaf);
  return { children, full, maintenance, paid, counted };
}

/**
 * Only the part the RSA and the prime d'activité count (see `AsfOfMonth.counted`), without
 * building an object: the batch asks it four times per household.
 */
export function asfCounted(
  ctx: SimulationContext,
  month: number,
  p: MonthParameters,
  key: string,
): number {
  if (ctx.couple) return 0;
  const children = childrenUnder(ctx, p.afAgeLimite, month);
  if (children === 0) return 0;
  const paid = paidAsf(children * p.asfTaux * p.bmaf, maintenanceOf(ctx, key), p);
  return Math.min(paid, children * p.rsaForfaitAsf * p.bmaf);
}

/** The ASF paid (gross, unrounded): full − maintenance, 0 under the payment threshold. */
export function asfPaid(
  ctx: SimulationContext,
  month: number,
  p: MonthParameters,
  key: string,
): number {
  if (ctx.couple) return 0;
  const children = childrenUnder(ctx, p.afAgeLimite, month);
  if (children === 0) return 0;
  return paidAsf(children * p.asfTaux * p.bmaf, maintenanceOf(ctx, key), p);
}

function paidAsf(full: number, maintenance: number, p: MonthParameters): number {
  const paid = full - maintenance;
  return paid < p.asfSeuil ? 0 : paid;
}

function maintenanceOf(ctx: SimulationContext, key: string): number {
  let maintenance = 0;
  for (const a of ctx.adults) maintenance += resourcesOf(a, key).pensionsAlimentaires ?? 0;
  for (const c of ctx.children) maintenance += resourcesOf(c, key).pensionsAlimentaires ?? 0;
  return maintenance;
}

/**
 * The month whose maintenance counts for month M: M itself when the demandeur's
 * resources of M are known, otherwise the last month (M-1).
 */
export function maintenanceKey(ctx: SimulationContext): string {
  const demandeur = ctx.adults[0];
  return demandeur !== undefined && hasMonth(demandeur, ctx.key[0]) ? ctx.key[0] : ctx.key[1];
}

const COUPLE = notEligible(
  "L'allocation de soutien familial est pour le parent qui élève seul son enfant. Un couple n'y a pas droit.",
);
const NO_CHILD = notEligible("Il faut un enfant de moins de 20 ans à charge.");
const MAINTENANCE_ENOUGH = notEligible(
  "La pension alimentaire reçue atteint le montant de l'allocation de soutien familial.",
);

export function computeAsf(ctx: SimulationContext, ex: Explainer | null): Outcome {
  if (ctx.couple) return COUPLE;
  const p = ctx.p;
  const asf = asfOfMonth(ctx, ctx.month, p, maintenanceKey(ctx));
  if (asf.children === 0) return NO_CHILD;
  ex?.step(
    `Parent seul avec ${asf.children} enfant(s) de moins de 20 ans : 42,2 % de la BMAF par enfant`,
    asf.full,
    [PF.asfTaux, PF.bmaf, PF.afAgeLimite],
  );
  if (asf.maintenance > 0) {
    ex?.step("Pension alimentaire reçue ce mois-ci, déduite", asf.maintenance);
  } else {
    ex?.step(
      "Aucune pension alimentaire reçue : l'ASF est versée en entier (la CAF aide ensuite à réclamer la pension)",
    );
  }
  if (asf.paid === 0) {
    const rest = Math.max(0, Math.round(asf.full - asf.maintenance));
    if (rest === 0) return MAINTENANCE_ENOUGH;
    ex?.step("Montant sous le seuil de versement", p.asfSeuil, [PF.asfSeuilVersement]);
    return notEligible(
      `Le complément calculé (${euros(rest)}) est inférieur à 15 € : il n'est pas versé.`,
    );
  }
  ex?.step("Allocation de soutien familial du mois (avant CRDS de 0,5 %)", asf.paid);
  if (asf.counted > 0)
    ex?.step(
      "Part comptée dans les ressources du RSA et de la prime d'activité (au plus 22,5 % de la BMAF par enfant)",
      asf.counted,
      [PR.rsaForfaitAsf],
    );
  return {
    eligible: true,
    amount: Math.round(asf.paid),
    detail: { children: asf.children, counted: Math.round(asf.counted) },
  };
}
