import type { Household, Member, MonthlyResources } from "./household.ts";
import { type MonthParameters, parametersFor } from "./parameters/resolve.ts";
import { ageAtMonth, monthKey, monthKeysBack, yearOf } from "./period.ts";

/**
 * What every formula needs about a household for a month, computed once per
 * simulation: who is an adult of the foyer, who is a child, the month keys
 * of the reference periods, and the month's parameters.
 */
export interface SimulationContext {
  readonly household: Household;
  readonly month: number;
  readonly p: MonthParameters;
  readonly adults: readonly Member[];
  readonly children: readonly Member[];
  readonly couple: boolean;
  /** Keys of M, M-1, …, M-13. */
  readonly key: readonly [string, string, string, string, ...string[]];
  /** Children's birth dates as yyyymmdd numbers (ages are computed often). */
  readonly childBirths: readonly number[];
  /**
   * Children expected: a birth date after the simulated month (as OpenFisca accepts). They are
   * not members of the foyer yet — no benefit counts them — but the prime à la naissance is paid
   * two months before (paje.ts).
   */
  readonly expectedBirths: readonly number[];
  /** Age of each adult (same order as `adults`) on the first day of the month. */
  readonly adultAges: readonly number[];
  /** Memo of the AF by month and of the N-2 resources by year (both read by several benefits). */
  /** Memo of the AF of M, M-1, M-2, M-3 (index = M − month) and of the N-2 resources of two years. */
  readonly memo: {
    af: ({ amount: number; base: number; eligible: boolean; reason?: string } | undefined)[];
    /** Complément familial of M, M-1, M-2, M-3 (cf.ts; typed loosely to keep foyer.ts below it). */
    cf: (object | undefined)[];
    /** Year N-2 whose two-income test (complément familial) is memoised, and its answer. */
    cfTwoIncomesYear: number;
    cfTwoIncomes: boolean;
    resYearA: number;
    resA: { amount: number; estimated: boolean } | undefined;
    resYearB: number;
    resB: { amount: number; estimated: boolean } | undefined;
  };
  /** Amounts already computed in this simulation (monthly, cents). */
  readonly computed: {
    aah: number;
    aahByAdult: number[];
    aspa: number;
    /** Allocation supplémentaire d'invalidité of the foyer, and per adult (asi.ts). */
    asi: number;
    asiByAdult: number[];
    rsa: number;
    afBase: number;
    /** Aide au logement computed for month M (cents, paid): it brings the forfait logement. */
    al: number;
  };
}

export function makeContext(household: Household, month: number): SimulationContext {
  const adults: Member[] = [];
  const children: Member[] = [];
  const childBirths: number[] = [];
  const expectedBirths: number[] = [];
  const adultAges: number[] = [];
  // yyyymmdd of the last day of the month: a child born after it is expected, not yet here.
  const endOfMonth = Math.floor(month / 12) * 10000 + ((month % 12) + 1) * 100 + 31;
  for (const m of household.members) {
    if (m.role === "demandeur" || m.role === "conjoint") {
      adults.push(m);
      adultAges.push(ageAtMonth(m.birthDate, month));
    } else if (m.role === "enfant") {
      const birth = ymd(m.birthDate);
      if (birth > endOfMonth) {
        expectedBirths.push(birth);
        continue;
      }
      children.push(m);
      childBirths.push(birth);
    }
  }
  return {
    household,
    month,
    p: parametersFor(month),
    adults,
    children,
    childBirths,
    expectedBirths,
    adultAges,
    memo: {
      af: [undefined, undefined, undefined, undefined],
      cf: [undefined, undefined, undefined, undefined],
      cfTwoIncomesYear: -1,
      cfTwoIncomes: false,
      resYearA: -1,
      resA: undefined,
      resYearB: -1,
      resB: undefined,
    },
    couple: adults.length === 2,
    key: monthKeysBack(month) as SimulationContext["key"],
    computed: {
      aah: 0,
      aahByAdult: [0, 0],
      aspa: 0,
      asi: 0,
      asiByAdult: [0, 0],
      rsa: 0,
      afBase: 0,
      al: 0,
    },
  };
}

const EMPTY: MonthlyResources = {};
export function resourcesOf(member: Member, key: string): MonthlyResources {
  return member.resources?.[key] ?? EMPTY;
}
export function hasMonth(member: Member, key: string): boolean {
  return member.resources?.[key] !== undefined;
}

/** Children of the foyer under an age limit on the first day of a month. */
export function childrenUnder(ctx: SimulationContext, ageLimit: number, month = ctx.month): number {
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  let n = 0;
  for (const b of ctx.childBirths) if (ageFromYmd(b, y, m, 1) < ageLimit) n++;
  return n;
}

/** "YYYY-MM-DD" → yyyymmdd. */
export function ymd(date: string): number {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const c = date.charCodeAt(i);
    if (c !== 45) n = n * 10 + (c - 48);
  }
  return n;
}

/** Age on (year, month, day) from a yyyymmdd birth number. */
export function ageFromYmd(birth: number, year: number, month: number, day: number): number {
  const by = Math.floor(birth / 10000);
  const bmd = birth % 10000;
  return year - by - (month * 100 + day < bmd ? 1 : 0);
}

/**
 * Montant forfaitaire by household size (R262-1 CASF, D843-1 CSS): +50 % for
 * the 2nd person, +30 % for the 3rd, +30 % for the 4th in a couple or +40 %
 * when it is a lone parent's child, +40 % for each further person.
 */
export function sizeRate(
  persons: number,
  lone: boolean,
  maj2: number,
  maj34: number,
  majSup: number,
): number {
  let rate = 1;
  if (persons >= 2) rate += maj2;
  if (persons >= 3) rate += maj34;
  if (persons >= 4) rate += lone ? majSup : maj34;
  if (persons > 4) rate += (persons - 4) * majSup;
  return rate;
}

/** Is the household lone-parent "isolé" in the sense of L262-9 CASF this month? */
export function isIsolatedParent(
  ctx: SimulationContext,
  month: number,
  nChildren: number,
): boolean {
  if (ctx.couple) return false;
  const demandeur = ctx.adults[0];
  const pregnant = demandeur?.pregnant === true;
  if (nChildren === 0 && !pregnant) return false;
  if (pregnant) return true;
  for (const c of ctx.children)
    if (ageAtMonth(c.birthDate, month) < ctx.p.rsaIsoAgeEnfant) return true;
  const since = ctx.household.isolatedSince;
  if (since !== undefined) {
    const sinceIndex = Number(since.slice(0, 4)) * 12 + Number(since.slice(5, 7)) - 1;
    if (month - sinceIndex < ctx.p.rsaIsoDuree) return true;
  }
  return false;
}

/**
 * Forfait logement applies when housing costs nothing or a housing benefit is received
 * (R262-9/10 CASF, R844-3 CSS): the benefit declared as received, or else the one the engine
 * computed for the month (`ctx.computed.al`, set before the RSA and the prime d'activité).
 */
export function housingAdvantage(ctx: SimulationContext): "aide_logement" | "gratuit" | null {
  const h = ctx.household.housing;
  if ((h.housingBenefit ?? 0) > 0 || ctx.computed.al > 0) return "aide_logement";
  if (h.status === "heberge_gratuitement") return "gratuit";
  if ((h.status === "proprietaire" || h.status === "accedant") && (h.rent ?? 0) === 0)
    return "gratuit";
  return null;
}

/** The monthly housing benefit the forfait logement is capped by: declared, or else computed. */
export function housingBenefitOf(ctx: SimulationContext): number {
  const declared = ctx.household.housing.housingBenefit ?? 0;
  return declared > 0 ? declared : ctx.computed.al;
}

/**
 * Yearly income of a member for a year, as the CAF reads it for AF/ARS/AAH:
 * the declared taxable income when given, otherwise the sum of the monthly
 * resources of that year, scaled up when some months are missing, otherwise
 * the last known quarter × 4 (then `estimated` is true).
 */
export function yearlyIncome(
  member: Member,
  year: number,
  fallbackMonth: number,
): { amount: number; estimated: boolean } {
  const declared = member.taxableIncome?.[String(year)];
  if (declared !== undefined) return { amount: declared, estimated: false };
  let total = 0;
  let known = 0;
  const resources = member.resources;
  if (resources !== undefined) {
    const january = monthKey(year * 12);
    const december = monthKey(year * 12 + 11);
    for (const key in resources) {
      if (key < january || key > december) continue;
      const r = resources[key] as MonthlyResources;
      known++;
      total += (r.salaireNet ?? 0) + (r.chomageNet ?? 0) + (r.retraiteNette ?? 0);
    }
    if (known === 12) return { amount: total, estimated: false };
    if (known > 0) return { amount: (total * 12) / known, estimated: true };
    let q = 0;
    let qKnown = 0;
    for (let i = 1; i <= 3; i++) {
      const r = resources[monthKey(fallbackMonth - i)];
      if (r !== undefined) {
        qKnown++;
        q += (r.salaireNet ?? 0) + (r.chomageNet ?? 0) + (r.retraiteNette ?? 0);
      }
    }
    if (qKnown > 0) return { amount: (q * 12) / qKnown, estimated: true };
  }
  return { amount: 0, estimated: true };
}

/** Household resources of year N-2 after the 10 % flat deduction (revenu net catégoriel, approximately). */
export function familyResourcesN2(
  ctx: SimulationContext,
  year = yearOf(ctx.month),
): { amount: number; estimated: boolean } {
  const memo = ctx.memo;
  if (memo.resYearA === year && memo.resA !== undefined) return memo.resA;
  if (memo.resYearB === year && memo.resB !== undefined) return memo.resB;
  let amount = 0;
  let estimated = false;
  for (const a of ctx.adults) {
    const y = yearlyIncome(a, year - 2, ctx.month);
    amount += y.amount;
    estimated ||= y.estimated;
  }
  const value = { amount: Math.round(amount * 0.9), estimated };
  if (memo.resA === undefined) {
    memo.resYearA = year;
    memo.resA = value;
  } else {
    memo.resYearB = year;
    memo.resB = value;
  }
  return value;
}
