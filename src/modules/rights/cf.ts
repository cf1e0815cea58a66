import type { Explainer } from "./explain.ts";
import { ageFromYmd, familyResourcesN2, type SimulationContext } from "./foyer.ts";
import type { Member, MonthlyResources } from "./household.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import { pajeBaseOfMonth } from "./paje.ts";
import * as P from "./parameters/famille.ts";
import { type MonthParameters, parametersFor } from "./parameters/resolve.ts";
import { valueOn } from "./parameters/types.ts";
import { euros, monthKey, yearOf } from "./period.ts";

// Complément familial (L522-1 to L522-3, R522-1, R522-2, D522-1, D522-2 CSS), metropolitan
// France, for month M: at least three dependent children all aged 3 or more (a child counts
// until 21 instead of 20), resources of year N-2 under a ceiling that grows with the number of
// children under 21 and is raised for a lone parent or a couple with two incomes. 41.65 % of
// the BMAF; 62.48 % when the resources are at most half the ceiling (CF majoré); just above
// the ceiling, a differential CF of (ceiling + 12 × CF − resources) / 12. Not paid in a month
// where the PAJE allocation de base is (L522-1: not cumulable). Not modelled: the overseas CF,
// a child earning more than 55 % of the SMIC (no longer "à charge").

/** The CF of a month and the part the RSA and the prime d'activité count. */
export interface CfOfMonth {
  readonly eligible: boolean;
  /** Children aged 3 to 20 (they open the right), and all children under 21 (the ceiling). */
  readonly children: number;
  readonly dependants: number;
  /** Gross CF in unrounded cents. */
  readonly amount: number;
  /** Only the CF at the base rate counts (art. R262-10-1 CASF, R844-4 CSS): a CF majoré counts as the base CF. */
  readonly counted: number;
  readonly kind: "majore" | "base" | "differentiel" | "none" | "paje";
  readonly ceiling: number;
  readonly resources: number;
  readonly resourcesEstimated: boolean;
  readonly twoIncomes: boolean;
}

const NO_CF: CfOfMonth = Object.freeze({
  eligible: false,
  children: 0,
  dependants: 0,
  amount: 0,
  counted: 0,
  kind: "none",
  ceiling: 0,
  resources: 0,
  resourcesEstimated: false,
  twoIncomes: false,
});

/** The PAJE allocation de base is paid this month: no CF (art. L522-1 CSS). */
const PAJE_INSTEAD: CfOfMonth = Object.freeze({ ...NO_CF, kind: "paje" });

/**
 * CF of a month index (the RSA reads M, the prime d'activité M-3..M-1, the CSS M): memoised
 * per month of the context, as the AF.
 */
export function cfOfMonth(ctx: SimulationContext, month: number): CfOfMonth {
  if (ctx.childBirths.length < 3) return NO_CF;
  const offset = ctx.month - month;
  if (offset < 0 || offset > 3) return compute(ctx, month);
  const cached = ctx.memo.cf[offset];
  if (cached !== undefined) return cached as CfOfMonth;
  const value = compute(ctx, month);
  ctx.memo.cf[offset] = value;
  return value;
}

function compute(ctx: SimulationContext, month: number): CfOfMonth {
  const births = ctx.childBirths;
  const p: MonthParameters = month === ctx.month ? ctx.p : parametersFor(month);
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  let children = 0;
  let dependants = 0;
  for (let i = 0; i < births.length; i++) {
    const age = ageFromYmd(births[i] as number, y, m, 1);
    if (age >= p.cfAgeLimite) continue;
    dependants++;
    if (age >= p.cfAgeMin) children++;
  }
  if (children < p.cfNombreEnfants) return NO_CF;
  if (dependants > children && pajeBaseOfMonth(ctx, month).eligible) return PAJE_INSTEAD;

  const year = yearOf(month);
  const res = familyResourcesN2(ctx, year);
  const rate = 1 + p.cfMaj12 * Math.min(dependants, 2) + p.cfMaj3 * Math.max(dependants - 2, 0);
  let ceiling = p.cfPlafondBase * rate;
  // The two-income test reads each member's earnings; it only matters above half the lower ceiling.
  const twoIncomes =
    ctx.couple &&
    res.amount > ceiling * p.cfPlafondMajoreTaux &&
    hasTwoIncomes(ctx, year - 2, p.cfTauxBiactivite);
  if (!ctx.couple || twoIncomes) ceiling += p.cfPlafondMaj;
  const base = p.cfTaux * p.bmaf;
  let kind: CfOfMonth["kind"];
  let amount: number;
  if (res.amount <= ceiling * p.cfPlafondMajoreTaux) {
    kind = "majore";
    amount = p.cfTauxMajore * p.bmaf;
  } else if (res.amount <= ceiling) {
    kind = "base";
    amount = base;
  } else {
    amount = (ceiling + 12 * base - res.amount) / 12;
    kind = amount > 0 ? "differentiel" : "none";
    if (amount < 0) amount = 0;
  }
  return {
    eligible: kind !== "none",
    children,
    dependants,
    amount,
    counted: kind === "majore" ? base : amount,
    kind,
    ceiling,
    resources: res.amount,
    resourcesEstimated: res.estimated,
    twoIncomes,
  };
}

/**
 * Both members of the couple earned from work in year `year` at least 13.6 % of the PASS of
 * 1 January of that year (art. R522-2 CSS). Earnings: the salaries of that year's months when
 * known (scaled to twelve months), otherwise the declared taxable income of a member who
 * works (salarié or indépendant).
 */
export function hasTwoIncomes(ctx: SimulationContext, year: number, share: number): boolean {
  const memo = ctx.memo;
  if (memo.cfTwoIncomesYear === year) return memo.cfTwoIncomes;
  const pass = passOf(year);
  let answer = pass !== undefined;
  if (pass !== undefined) {
    const threshold = share * pass * 100;
    for (const a of ctx.adults) if (earnedIncome(a, year) < threshold) answer = false;
  }
  memo.cfTwoIncomesYear = year;
  memo.cfTwoIncomes = answer;
  return answer;
}

const passByYear = new Map<number, number | undefined>();
/** PASS of 1 January of a year, in euros (memoised: read once per year). */
function passOf(year: number): number | undefined {
  if (passByYear.has(year)) return passByYear.get(year);
  const pass = valueOn(P.plafondAnnuelSecuriteSociale, `${year}-01-01`)?.value;
  passByYear.set(year, pass);
  return pass;
}

function earnedIncome(member: Member, year: number): number {
  const resources = member.resources;
  if (resources !== undefined) {
    const january = monthKey(year * 12);
    const december = monthKey(year * 12 + 11);
    let known = 0;
    let total = 0;
    for (const key in resources) {
      if (key < january || key > december) continue;
      known++;
      total += (resources[key] as MonthlyResources).salaireNet ?? 0;
    }
    if (known > 0) return (total * 12) / known;
  }
  const declared = member.taxableIncome?.[String(year)];
  if (
    declared !== undefined &&
    (member.activity === "salarie" || member.activity === "independant")
  )
    return declared;
  return 0;
}

const TOO_FEW = notEligible(
  "Il faut au moins trois enfants à charge âgés de 3 ans ou plus (et de moins de 21 ans).",
);
const TOO_HIGH = notEligible(
  "Les ressources du foyer dépassent le plafond du complément familial.",
);

const WITH_PAJE = notEligible(
  "Le complément familial n'est pas versé en même temps que l'allocation de base de la PAJE (pour un enfant de moins de 3 ans) : c'est l'allocation de base qui est versée.",
);

export function computeCf(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const cf = cfOfMonth(ctx, ctx.month);
  if (cf.kind === "paje") return WITH_PAJE;
  if (cf.children === 0) return TOO_FEW;
  if (ex) {
    const p = ctx.p;
    const year = yearOf(ctx.month);
    ex.step(`${cf.children} enfants à charge de 3 à 20 ans`, undefined, [
      P.cfNombreEnfants,
      P.cfAgeMinimum,
      P.cfAgeLimite,
    ]);
    ex.step(
      `Ressources de ${year - 2} retenues (après abattement de 10 %)${cf.resourcesEstimated ? ", estimées" : ""}`,
      cf.resources,
    );
    ex.step(
      `Plafond pour ${cf.dependants} enfant(s) de moins de 21 ans${!ctx.couple ? ", parent seul" : cf.twoIncomes ? ", couple à deux revenus" : ", couple à un seul revenu"}`,
      cf.ceiling,
      [
        P.cfPlafondBase,
        P.cfPlafondMajorationDeuxPremiersEnfants,
        P.cfPlafondMajorationEnfantSuivant,
        P.cfPlafondMajorationBiactifsIsoles,
        ...(ctx.couple ? [P.cfTauxBiactivite] : []),
      ],
    );
    if (cf.kind === "majore")
      ex.step(
        `Ressources sous la moitié du plafond (${euros(cf.ceiling * p.cfPlafondMajoreTaux)}) : complément familial majoré, 62,48 % de la BMAF`,
        cf.amount,
        [P.cfPlafondMajoreTaux, P.cfTauxMajore, P.bmaf],
      );
    else if (cf.kind === "base")
      ex.step("Complément familial : 41,65 % de la BMAF", cf.amount, [P.cfTaux, P.bmaf]);
    else if (cf.kind === "differentiel")
      ex.step(
        "Ressources un peu au-dessus du plafond : complément familial réduit (le plafond, plus 12 mois de complément, moins les ressources, le tout divisé par 12)",
        cf.amount,
        [P.cfTaux, P.bmaf],
      );
  }
  if (!cf.eligible) return TOO_HIGH;
  return {
    eligible: true,
    amount: Math.round(cf.amount),
    detail: { majore: cf.kind === "majore", differentiel: cf.kind === "differentiel" },
  };
}
