import type { Explainer } from "./explain.ts";
import type { SimulationContext } from "./foyer.ts";
import { familyResourcesN2 } from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/cheque-energie.ts";
import { yearOf } from "./period.ts";

const NO_DWELLING = notEligible(
  "Le chèque énergie est envoyé pour un logement : il faut avoir son propre logement.",
);
const HOSTED = notEligible(
  "Vous êtes hébergé gratuitement : le chèque énergie est envoyé au foyer qui occupe le logement, pas à la personne hébergée.",
);
const ABOVE_CEILING = notEligible(
  "Le revenu fiscal de référence par unité de consommation atteint ou dépasse 11 000 € : le chèque énergie est réservé aux revenus plus bas.",
);

// Chèque énergie (L124-1 and R124-1 s. code de l'énergie), yearly: barème by revenu
// fiscal de référence (year N-2) per unité de consommation of the ménage (1 for the
// first person, 0.5 for the second, 0.3 for each further one). The RFR is read from
// the household when given, otherwise estimated as 90 % of the income of N-2.

export function computeChequeEnergie(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const h = ctx.household;
  // The chèque goes to a ménage occupying its own dwelling (L124-1 and R124-1 code de l'énergie):
  // a person without a dwelling, or housed for free by someone else (not a separate dwelling:
  // the host's ménage receives it), gets none — as OpenFisca-France's
  // cheque_energie_eligibilite_logement, which keeps only owners and tenants.
  if (h.housing.status === "sans_domicile") return NO_DWELLING;
  if (h.housing.status === "heberge_gratuitement") return HOSTED;
  const p = ctx.p;
  const year = yearOf(ctx.month);
  const persons = h.members.length;
  const [first, second, others] = p.ceUc as [number, number, number];
  const uc = first + (persons >= 2 ? second : 0) + Math.max(0, persons - 2) * others;
  ex?.step(
    `${persons} personne(s) dans le logement. Pour comparer les foyers, on compte 1 pour la première personne, 0,5 pour la deuxième et 0,3 pour chaque personne en plus (les « unités de consommation ») : ${uc.toLocaleString("fr-FR")}`,
    undefined,
    [P.chequeEnergieUc],
  );
  const declared = h.rfr?.[String(year - 2)];
  const rfr = declared ?? familyResourcesN2(ctx).amount;
  ex?.step(
    declared !== undefined
      ? `Revenu fiscal de référence de ${year - 2} (le revenu écrit sur l'avis d'impôt)`
      : `Revenu fiscal de référence de ${year - 2} (le revenu écrit sur l'avis d'impôt), estimé à partir de vos revenus`,
    rfr,
  );
  // The barème's brackets read « RFR/UC inférieur à » each threshold (arrêté fixing the barème,
  // R124-2 code de l'énergie): an income exactly at a threshold falls in the next bracket, and
  // exactly at the ceiling gets nothing. Compared in whole tenths of UC and cents, so that a
  // fractional UC (2.4 is not exact in floating point) cannot move a household across a threshold.
  const ucTenths = Math.round(uc * 10);
  const b = p.ceBareme;
  let bracket = -1;
  for (let i = 0; i < 4; i++) {
    if (rfr * 10 < (b.thresholds[i] as number) * 100 * ucTenths) {
      bracket = i;
      break;
    }
  }
  if (bracket < 0) return ABOVE_CEILING;
  const table = uc <= 1 ? b.oneUc : uc < 2 ? b.betweenOneAndTwoUc : b.twoUcOrMore;
  const amount = (table[bracket] as number) * 100;
  ex?.step(
    "Montant pour l'année : il dépend du revenu par unité de consommation et du nombre de personnes, selon un tableau fixé par l'État (le barème)",
    amount,
    [P.chequeEnergieBareme],
  );
  return { eligible: true, amount };
}
