import { afterCrds } from "./ars.ts";
import { hasTwoIncomes } from "./cf.ts";
import type { Explainer } from "./explain.ts";
import { ageFromYmd, familyResourcesN2, type SimulationContext } from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/famille.ts";
import { type MonthParameters, parametersFor } from "./parameters/resolve.ts";
import { yearOf } from "./period.ts";

// PAJE allocation de base (art. L531-3, R531-1, D531-1, D531-3 CSS), metropolitan France, for
// month M: a child under 3 born before M (paid from the month after the birth until the month
// before the third birthday), one allocation per household. For children born from 1 April
// 2018 the full-rate ceiling is the complément familial's (L531-3 as amended by loi
// 2017-1836, art. 37): base × (1 + 25 % for each of the first two children + 30 % from the
// third), + the flat majoration for a lone parent or a couple with two incomes, compared with
// the resources of year N-2 less 10 %. Full rate: 41.65 % of the BMAF (D531-3). Between that
// ceiling and the allocation's own (higher) ceiling, the partial rate: 20.825 % of the BMAF
// (D531-3, décret 2018-312; ceilings of R531-1 fixed each January by arrêté).
// Not computed: twins and adoptions (one allocation per child), overseas.
//
// Prime à la naissance (L531-2, D531-2 CSS): 229.75 % of the BMAF per child expected, paid
// before the end of the month that follows the 6th month of pregnancy — the month M such that
// the birth falls in M+2, as OpenFisca-France reads it — under the allocation de base's ceiling
// (the partial rate's), the unborn child counting as a dependant. The CAF pays it net of the
// 0.5 % CRDS (1 089.87 € gross, 1 084.43 € paid from April 2025). Not counted in the RSA and
// prime d'activité resources (art. R262-11 CASF; OpenFisca-France does not count it either).

export interface PajeBaseOfMonth {
  /** The allocation is due (full or partial rate). */
  readonly eligible: boolean;
  readonly fullRate: boolean;
  /** A child under 3 born before the month. */
  readonly youngChild: boolean;
  readonly amount: number;
  /** Full-rate ceiling (the complément familial's). */
  readonly ceiling: number;
  /** The allocation's own ceiling (the partial rate's, also the prime à la naissance's). */
  readonly partialCeiling: number;
  readonly dependants: number;
  readonly resources: number;
  readonly resourcesEstimated: boolean;
  readonly twoIncomes: boolean;
}

const NONE: PajeBaseOfMonth = Object.freeze({
  eligible: false,
  fullRate: false,
  youngChild: false,
  amount: 0,
  ceiling: 0,
  partialCeiling: 0,
  dependants: 0,
  resources: 0,
  resourcesEstimated: false,
  twoIncomes: false,
});

/** Both ceilings of the PAJE for a number of dependants, with or without the flat increase. */
function pajeCeilings(
  ctx: SimulationContext,
  p: MonthParameters,
  year: number,
  dependants: number,
  resources: number,
): { ceiling: number; partialCeiling: number; twoIncomes: boolean } {
  const rate = 1 + p.cfMaj12 * Math.min(dependants, 2) + p.cfMaj3 * Math.max(dependants - 2, 0);
  let ceiling = p.cfPlafondBase * rate;
  let partialCeiling = p.pajePlafondBase * rate;
  // The two-income test reads year N-2's earnings: only asked when it can change the answer.
  const twoIncomes =
    ctx.couple && resources > ceiling && hasTwoIncomes(ctx, year - 2, p.cfTauxBiactivite);
  if (!ctx.couple || twoIncomes) {
    ceiling += p.cfPlafondMaj;
    partialCeiling += p.pajePlafondMaj;
  }
  return { ceiling, partialCeiling, twoIncomes };
}

/** PAJE allocation de base of a month index (the CF of that month reads it: L522-1). */
export function pajeBaseOfMonth(ctx: SimulationContext, month: number): PajeBaseOfMonth {
  const births = ctx.childBirths;
  if (births.length === 0) return NONE;
  const p: MonthParameters = month === ctx.month ? ctx.p : parametersFor(month);
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  const firstOfMonth = y * 10000 + m * 100 + 1;
  let youngChild = false;
  let dependants = 0;
  for (let i = 0; i < births.length; i++) {
    const birth = births[i] as number;
    const age = ageFromYmd(birth, y, m, 1);
    if (age < p.afAgeLimite) dependants++;
    // Paid until the month before the one of the third birthday: under 3 on the month's last day.
    if (birth < firstOfMonth && ageFromYmd(birth, y, m, 31) < p.pajeBaseAgeLimite)
      youngChild = true;
  }
  if (!youngChild) return NONE;
  const year = yearOf(month);
  const res = familyResourcesN2(ctx, year);
  const { ceiling, partialCeiling, twoIncomes } = pajeCeilings(
    ctx,
    p,
    year,
    dependants,
    res.amount,
  );
  const fullRate = res.amount <= ceiling;
  const eligible = res.amount <= partialCeiling;
  return {
    eligible,
    fullRate,
    youngChild,
    amount: eligible ? (fullRate ? p.pajeBaseTaux : p.pajeBaseTauxPartiel) * p.bmaf : 0,
    ceiling,
    partialCeiling,
    dependants,
    resources: res.amount,
    resourcesEstimated: res.estimated,
    twoIncomes,
  };
}

const NO_YOUNG_CHILD = notEligible(
  "Il faut un enfant de moins de 3 ans, né avant le mois calculé.",
);
const ABOVE_CEILING = notEligible(
  "Les ressources du foyer dépassent le plafond de l'allocation de base.",
);

export function computePajeBase(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const paje = pajeBaseOfMonth(ctx, ctx.month);
  if (!paje.youngChild) return NO_YOUNG_CHILD;
  if (ex) {
    const year = yearOf(ctx.month);
    ex.step("Un enfant de moins de 3 ans", undefined, [P.pajeBaseAgeLimite]);
    ex.step(
      `Ressources de ${year - 2} retenues (après abattement de 10 %)${paje.resourcesEstimated ? ", estimées" : ""}`,
      paje.resources,
    );
    ex.step(
      `Plafond du taux plein pour ${paje.dependants} enfant(s) à charge${!ctx.couple ? ", parent seul" : paje.twoIncomes ? ", couple à deux revenus" : ", couple à un seul revenu"} (le même que celui du complément familial)`,
      paje.ceiling,
      [
        P.cfPlafondBase,
        P.cfPlafondMajorationDeuxPremiersEnfants,
        P.cfPlafondMajorationEnfantSuivant,
        P.cfPlafondMajorationBiactifsIsoles,
      ],
    );
    if (paje.fullRate)
      ex.step("Allocation de base à taux plein : 41,65 % de la BMAF", paje.amount, [
        P.pajeBaseTauxPlein,
        P.bmaf,
      ]);
    else {
      ex.step(
        "Au-dessus de ce plafond, le taux partiel (la moitié) reste dû jusqu'au plafond de l'allocation de base",
        paje.partialCeiling,
        [P.pajePlafondBase, P.pajePlafondMajorationBiactifsIsoles],
      );
      if (paje.eligible)
        ex.step("Allocation de base à taux partiel : 20,825 % de la BMAF", paje.amount, [
          P.pajeBaseTauxPartiel,
          P.bmaf,
        ]);
    }
  }
  if (!paje.eligible) return ABOVE_CEILING;
  return {
    eligible: true,
    amount: Math.round(paje.amount),
    detail: paje.fullRate ? FULL : PARTIAL,
  };
}

const FULL = Object.freeze({ taux: "plein" });
const PARTIAL = Object.freeze({ taux: "partiel" });

const NOT_EXPECTING = notEligible(
  "La prime est versée pendant la grossesse (au 7e mois) : elle concerne un foyer qui attend un enfant.",
);
const ABOVE_BIRTH_CEILING = notEligible(
  "Les ressources du foyer dépassent le plafond de la prime à la naissance.",
);

/**
 * Prime à la naissance for month M: the children born in M+2 (the 7th month of pregnancy is
 * M), or — the questionnaire knows a pregnancy, not its term — one child when an adult of the
 * foyer is pregnant (then `detail.grossesse` says the month is an estimate).
 */
export function computePajeNaissance(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const month = ctx.month;
  const p = ctx.p;
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  const firstOfMonth = y * 10000 + m * 100 + 1;
  const termIndex = month + 2;
  const term = Math.floor(termIndex / 12) * 100 + (termIndex % 12) + 1;
  let expected = 0;
  let born = 0;
  for (const birth of ctx.expectedBirths) if (Math.floor(birth / 100) === term) expected++;
  for (const birth of ctx.childBirths)
    if (birth < firstOfMonth && ageFromYmd(birth, y, m, 1) < p.afAgeLimite) born++;
  const fromPregnancy = expected === 0 && ctx.adults.some((a) => a.pregnant === true);
  if (fromPregnancy) expected = 1;
  if (expected === 0) return NOT_EXPECTING;
  const year = yearOf(month);
  const res = familyResourcesN2(ctx, year);
  const dependants = born + expected;
  const { partialCeiling } = pajeCeilings(ctx, p, year, dependants, res.amount);
  if (ex) {
    ex.step(
      `Ressources de ${year - 2} retenues (après abattement de 10 %)${res.estimated ? ", estimées" : ""}`,
      res.amount,
    );
    ex.step(
      `Plafond pour ${dependants} enfant(s) à charge, l'enfant attendu compris${!ctx.couple ? ", parent seul" : ""}`,
      partialCeiling,
      [
        P.pajePlafondBase,
        P.cfPlafondMajorationDeuxPremiersEnfants,
        P.cfPlafondMajorationEnfantSuivant,
        P.pajePlafondMajorationBiactifsIsoles,
      ],
    );
  }
  if (res.amount > partialCeiling) return ABOVE_BIRTH_CEILING;
  const perChild = Math.round(p.pajeNaissanceTaux * p.bmaf);
  const amount = perChild * expected;
  const paid = afterCrds(amount, p.crds);
  if (ex) {
    ex.step(
      `Prime : 229,75 % de la BMAF${expected > 1 ? ` pour chacun des ${expected} enfants attendus` : ""}, versée une fois au 7e mois de la grossesse`,
      amount,
      [P.pajeNaissanceTaux, P.bmaf],
    );
    ex.step("Montant versé après CRDS de 0,5 %", paid, [P.crds], p.day);
  }
  return {
    eligible: true,
    amount,
    detail: fromPregnancy ? { paid, grossesse: true } : { paid },
  };
}
