import type { Explainer } from "./explain.ts";
import { resourcesOf, type SimulationContext } from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/aspa.ts";

const UNDER_65 = notEligible("Il faut avoir au moins 65 ans.");

// Allocation de solidarité aux personnes âgées (L815-1 s., D815-1 s. CSS):
// aged 65 or more; differential amount up to the yearly maximum, the ceiling of a
// couple applying as soon as the person lives in a couple. Resources: the gross
// pensions and other resources of the household over M-3..M-1. Not modelled: the
// inaptitude age of 62–64, the abattement on earnings, the residence condition.

export function computeAspa(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const p = ctx.p;
  let eligibleCount = 0;
  for (let i = 0; i < ctx.adults.length; i++)
    if ((ctx.adultAges[i] as number) >= p.aspaAge) eligibleCount++;
  if (eligibleCount === 0) return UNDER_65;
  const ceiling = ctx.couple ? p.aspaPlafondCouple : p.aspaPlafondSeul;
  const maximum = eligibleCount === 2 ? p.aspaMontantCouple : p.aspaMontantSeul;
  ex?.step(
    ctx.couple
      ? "Plafond de ressources d'un couple, par an"
      : "Plafond de ressources d'une personne seule, par an",
    ceiling,
    [ctx.couple ? P.aspaPlafondCouple : P.aspaPlafondSeul],
  );
  let total = 0;
  for (const a of ctx.adults) {
    for (let i = 1; i <= 3; i++) {
      const r = resourcesOf(a, ctx.key[i] as string);
      total +=
        (r.retraiteBrute ?? r.retraiteNette ?? 0) +
        (r.salaireNet ?? 0) +
        (r.chomageNet ?? 0) +
        (r.pensionsAlimentaires ?? 0) +
        (r.autres ?? 0);
    }
  }
  const monthly = total / 3;
  ex?.step(
    "Ressources mensuelles du foyer (pensions brutes comprises), moyenne des trois mois précédents",
    monthly,
  );
  const raw = Math.min(maximum / 12, ceiling / 12 - monthly);
  if (raw <= 0) return notEligible("Les ressources dépassent le plafond de l'ASPA.");
  const amount = Math.round(raw);
  ex?.step(
    "ASPA du mois : le plafond du mois moins les ressources, sans dépasser le montant maximal",
    amount,
    [eligibleCount === 2 ? P.aspaMontantCouple : P.aspaMontantSeul],
  );
  return { eligible: true, amount };
}
