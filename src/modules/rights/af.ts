import type { Explainer } from "./explain.ts";
import { ageFromYmd, familyResourcesN2, type SimulationContext } from "./foyer.ts";
import type { Outcome } from "./outcome.ts";
import * as P from "./parameters/famille.ts";
import { parametersFor } from "./parameters/resolve.ts";
import { euros, yearOf } from "./period.ts";

// Allocations familiales (L521-1 and D521-1 to D521-3 CSS). Main case, metropolitan France:
// two children or more under 20, base + majoration pour âge + forfait at 20, modulated by
// the income of year N-2, with the complément dégressif just above each ceiling (L521-1 al. 4,
// D521-3 CSS). Not modelled: shared custody, the single-child AF of the overseas départements.

/**
 * `base`: the modulated base, the only part the RSA and the prime d'activité count (OpenFisca-France
 * counts min(af_base, af) in rsa_ and ppa_base_ressources_prestations_familiales: neither the
 * majorations nor the complément dégressif). `complement`: the complément dégressif, in `amount`.
 */
type AfOutcome = Outcome & { base: number; complement?: number };
const MARCH_2012 = 20120301;
const AF_TOO_FEW_CHILDREN: AfOutcome = Object.freeze({
  eligible: false,
  amount: 0,
  reason: "Il faut au moins deux enfants à charge de moins de 20 ans.",
  base: 0,
});

/**
 * AF for a month; `base` is the part without majorations (the only part the RSA
 * and PPA count). Without explanations the result is memoised per month: the
 * RSA, the PPA (three months) and the CSS all read it.
 */
export function computeAf(
  ctx: SimulationContext,
  ex: Explainer | null,
  month = ctx.month,
): AfOutcome {
  if (ex === null) {
    const offset = ctx.month - month;
    if (offset < 0 || offset > 3) return compute(ctx, null, month);
    const cached = ctx.memo.af[offset];
    if (cached !== undefined) return cached as AfOutcome;
    const value = compute(ctx, null, month);
    ctx.memo.af[offset] = value;
    return value;
  }
  return compute(ctx, ex, month);
}

function compute(ctx: SimulationContext, ex: Explainer | null, month: number): AfOutcome {
  const p = month === ctx.month ? ctx.p : parametersFor(month);
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  const births = ctx.childBirths;
  let n = 0;
  let twenty = 0;
  let eldest = -1;
  let eldestBirth = Number.POSITIVE_INFINITY;
  for (let i = 0; i < births.length; i++) {
    const b = births[i] as number;
    const age = ageFromYmd(b, y, m, 1);
    if (age < p.afAgeLimite) {
      n++;
      if (b < eldestBirth) {
        eldestBirth = b;
        eldest = i;
      }
    } else if (age === p.afAgeLimite) twenty++;
  }
  if (n < 2) return AF_TOO_FEW_CHILDREN;
  ex?.step(`Vous avez ${n} enfants à charge de moins de 20 ans`);
  let base = p.afTaux2 * p.bmaf + (n - 2) * p.afTauxSup * p.bmaf;
  ex?.step(
    "Montant de base : 32 % d'une somme fixée chaque année par l'État (la « base mensuelle des allocations familiales », BMAF) pour deux enfants, et 41 % pour chaque enfant en plus",
    base,
    [P.bmaf, P.afTauxDeuxEnfants, P.afTauxEnfantSupplementaire],
  );

  // Majoration pour âge: not for the eldest of a family of fewer than three children.
  // From March 2026 the age is 18 for children whose 14th birthday falls on or after 1 March 2026.
  const newRegime = p.afMajAgeSeuil > 14;
  let majorations = 0;
  for (let i = 0; i < births.length; i++) {
    const b = births[i] as number;
    const age = ageFromYmd(b, y, m, 1);
    if (age >= p.afAgeLimite || (n < 3 && i === eldest)) continue;
    const threshold = newRegime && b >= MARCH_2012 ? p.afMajAgeSeuil : 14;
    if (age >= threshold) majorations++;
  }
  let majoration = majorations * p.afMajAge * p.bmaf;
  if (majorations > 0) {
    ex?.step(
      `Majoration pour âge : une somme en plus pour ${majorations} enfant(s) plus âgé(s)`,
      majoration,
      [P.afMajorationAge, P.afMajorationAgeSeuil],
    );
  }
  let forfait = 0;
  if (twenty > 0 && n + twenty >= 3) {
    forfait = twenty * p.afForfait20 * p.bmaf;
    ex?.step(
      "Allocation forfaitaire : une somme fixe pendant un an pour un enfant qui vient d'avoir 20 ans",
      forfait,
      [P.afForfait20Ans],
    );
  }

  const year = yearOf(month);
  const resources = familyResourcesN2(ctx, year);
  const plafond1 = p.afPlafond1 + (n - 2) * p.afPlafondParEnfant;
  const plafond2 = p.afPlafond2 + (n - 2) * p.afPlafondParEnfant;
  let rate = 1;
  let crossed = 0;
  if (resources.amount > plafond2) {
    rate = p.afMod3;
    crossed = plafond2;
  } else if (resources.amount > plafond1) {
    rate = p.afMod2;
    crossed = plafond1;
  }
  if (ex) {
    ex.step(
      `Vos revenus de ${year - 2} (on regarde l'année d'il y a deux ans), moins 10 % pour les frais${resources.estimated ? " ; ils sont estimés" : ""}`,
      resources.amount,
    );
    ex.step(
      `Limites de revenus pour ${n} enfants : ${euros(plafond1)} et ${euros(plafond2)} par an. Au-dessus de la première, les allocations sont divisées par deux ; au-dessus de la seconde, par quatre. Pour vous : ${Math.round(rate * 100)} % du montant`,
      undefined,
      [
        P.afPlafond1DeuxEnfants,
        P.afPlafond2DeuxEnfants,
        P.afPlafondParEnfant,
        P.afModulationTranche2,
        P.afModulationTranche3,
      ],
    );
  }
  base *= rate;
  majoration *= rate;
  forfait *= rate;
  // Complément dégressif (D521-3 CSS): just above the ceiling crossed, the family keeps
  // (ceiling + 12 × AF at the new rate − resources) / 12 a month, for the AF and, separately,
  // for the forfait at 20 (as OpenFisca-France's two complément variables).
  let complement = 0;
  if (crossed > 0) {
    const monthlyExcess = (resources.amount - crossed) / p.afComplementMois;
    complement =
      Math.max(0, base + majoration - monthlyExcess) + Math.max(0, forfait - monthlyExcess);
    if (ex && complement > 0)
      ex.step(
        `Complément dégressif : vos revenus dépassent le plafond de ${euros(resources.amount - crossed)} seulement, alors une partie de la baisse est compensée (plafond + 12 mois d'allocations − revenus, divisé par 12)`,
        complement,
        [P.afComplementDegressifMois],
      );
  }
  const amount = Math.round(base + majoration + forfait + complement);
  ex?.step(
    "Allocations familiales du mois, avant une petite retenue de 0,5 % (la CRDS, une contribution qui rembourse la dette sociale)",
    amount,
  );
  return complement > 0
    ? { eligible: true, amount, base: Math.round(base), complement: Math.round(complement) }
    : { eligible: true, amount, base: Math.round(base) };
}
