import { hasTwoIncomes } from "./cf.ts";
import type { Explainer } from "./explain.ts";
import { ageFromYmd, type Context, familyResourcesN2 } from "./foyer.ts";
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
// the resources of year N-2 less 10 %. Full rate: 41.65 % of the BMAF (D531-3).
// Not computed: the partial rate (20.825 % of the BMAF, a higher ceiling) — the engine says
// so instead of a 0 —, twins and adoptions (one allocation per child), overseas.

export interface PajeBaseOfMonth {
  readonly eligible: boolean;
  /** A child under 3 born before the month. */
  readonly youngChild: boolean;
  readonly amount: number;
  readonly ceiling: number;
  readonly dependants: number;
  readonly resources: number;
  readonly resourcesEstimated: boolean;
  readonly twoIncomes: boolean;
}

const NONE: PajeBaseOfMonth = Object.freeze({
  eligible: false,
  youngChild: false,
  amount: 0,
  ceiling: 0,
  dependants: 0,
  resources: 0,
  resourcesEstimated: false,
  twoIncomes: false,
});

/** PAJE allocation de base of a month index (the CF of that month reads it: L522-1). */
export function pajeBaseOfMonth(ctx: Context, month: number): PajeBaseOfMonth {
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
  const rate = 1 + p.cfMaj12 * Math.min(dependants, 2) + p.cfMaj3 * Math.max(dependants - 2, 0);
  let ceiling = p.cfPlafondBase * rate;
  const twoIncomes =
    ctx.couple && res.amount > ceiling && hasTwoIncomes(ctx, year - 2, p.cfTauxBiactivite);
  if (!ctx.couple || twoIncomes) ceiling += p.cfPlafondMaj;
  const eligible = res.amount <= ceiling;
  return {
    eligible,
    youngChild,
    amount: eligible ? p.pajeBaseTaux * p.bmaf : 0,
    ceiling,
    dependants,
    resources: res.amount,
    resourcesEstimated: res.estimated,
    twoIncomes,
  };
}

const NO_YOUNG_CHILD = notEligible(
  "Il faut un enfant de moins de 3 ans, né avant le mois calculé.",
);
const ABOVE_FULL = notEligible(
  "Les ressources du foyer dépassent le plafond du taux plein. Vous pourriez peut-être avoir l'allocation de base à taux partiel (environ la moitié) : ce simulateur ne la calcule pas encore. Demandez à la CAF.",
);

export function computePajeBase(ctx: Context, ex: Explainer | null): Outcome {
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
    if (paje.eligible)
      ex.step("Allocation de base à taux plein : 41,65 % de la BMAF", paje.amount, [
        P.pajeBaseTauxPlein,
        P.bmaf,
      ]);
  }
  if (!paje.eligible) return ABOVE_FULL;
  return { eligible: true, amount: Math.round(paje.amount), detail: { taux: "plein" } };
}
