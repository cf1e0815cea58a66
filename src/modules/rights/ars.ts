import type { Explainer } from "./explain.ts";
import { ageFromYmd, childrenUnder, familyResourcesN2, type SimulationContext } from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/famille.ts";
import { parametersFor } from "./parameters/resolve.ts";
import { yearOf } from "./period.ts";

// Allocation de rentrée scolaire (L543-1, R543-1 s., D543-1 CSS), for the school year
// starting in the year of month M, paid in August with the BMAF in force then.
// A child counts when aged 6 to 18: 6 by 31 December of that year, not yet 18 on
// 15 September; the rate depends on the age on 31 December. Ceiling: yearly income
// of N-2, + 30 % per dependent child; just above it a differential ARS is paid
// (not below 15 €). The amount is gross, as OpenFisca's `ars`; the CAF pays it net of
// the 0.5 % CRDS, truncated to the cent (service-public fiche F1878: 423.48 / 446.85 /
// 462.33 € in 2025 for gross 425.60 / 449.09 / 464.65 €), given in `detail.paid`.

export function computeArs(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const year = yearOf(ctx.month);
  const august = year * 12 + 7;
  const p = parametersFor(august);
  const rates: number[] = [];
  for (const b of ctx.childBirths) {
    const ageDec = ageFromYmd(b, year, 12, 31);
    const ageSept = ageFromYmd(b, year, 9, 15);
    if (ageDec < 6 || ageSept >= 18) continue;
    rates.push(ageDec <= 10 ? p.arsTaux[0] : ageDec <= 14 ? p.arsTaux[1] : p.arsTaux[2]);
  }
  if (rates.length === 0) return noChild(year);
  let gross = 0;
  for (const r of rates) gross += Math.round(r * p.bmaf);
  ex?.step(
    `ARS pour ${rates.length} enfant(s) à la rentrée ${year} (taux selon l'âge au 31 décembre)`,
    gross,
    [P.arsTaux6a10, P.arsTaux11a14, P.arsTaux15a18, P.bmaf],
    p.day,
  );

  const dependants = Math.max(rates.length, childrenUnder(ctx, 20, august));
  const ceiling = p.arsPlafond * (1 + p.arsMajPlafond * dependants);
  const resources = familyResourcesN2(ctx, year);
  ex?.step(
    `Ressources de ${year - 2}${resources.estimated ? " (estimées)" : ""}`,
    resources.amount,
  );
  ex?.step(
    `Plafond pour ${dependants} enfant(s) à charge`,
    ceiling,
    [P.arsPlafond, P.arsMajorationPlafond],
    p.day,
  );
  if (resources.amount <= ceiling) {
    const paid = afterCrds(gross, p.crds);
    ex?.step("Montant versé après CRDS de 0,5 %", paid, [P.crds], p.day);
    return { eligible: true, amount: gross, detail: { paid } };
  }
  const differential = Math.round(ceiling + gross - resources.amount);
  if (differential >= p.arsMin) {
    ex?.step(
      "Ressources juste au-dessus du plafond : ARS différentielle",
      differential,
      [P.arsMontantMinimum],
      p.day,
    );
    const paid = afterCrds(differential, p.crds);
    ex?.step("Montant versé après CRDS de 0,5 %", paid, [P.crds], p.day);
    return { eligible: true, amount: differential, detail: { paid } };
  }
  return notEligible(
    "Les ressources du foyer dépassent le plafond de l'allocation de rentrée scolaire.",
  );
}

/** The amount paid: gross minus the CRDS truncated to the cent (F1878 figures). */
export function afterCrds(grossCents: number, crdsRate: number): number {
  return grossCents - Math.floor(Math.round(grossCents * crdsRate * 1e6) / 1e6);
}

const noChildByYear = new Map<number, Outcome>();
/** The refusal for a year without a child of school age (one object per year, its message built once). */
function noChild(year: number): Outcome {
  let o = noChildByYear.get(year);
  if (o === undefined) {
    o = notEligible(`Aucun enfant de 6 à 18 ans à la rentrée ${year}.`);
    noChildByYear.set(year, o);
  }
  return o;
}
