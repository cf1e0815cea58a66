import { invalidityPension } from "./asi.ts";
import type { Explainer } from "./explain.ts";
import { childrenUnder, resourcesOf, type SimulationContext } from "./foyer.ts";
import type { Member, MonthlyResources } from "./household.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import * as P from "./parameters/aah.ts";
import { ageAtMonth, monthKey, yearOf } from "./period.ts";

const NO_DISABILITY_RATE = notEligible("Aucun taux d'incapacité d'au moins 50 % n'est déclaré.");

// Allocation aux adultes handicapés, main case (L821-1 s., R821-1 s., D821-1 s. CSS):
// taux d'incapacité ≥ 80 %, or 50–79 % with a restriction substantielle et durable d'accès à
// l'emploi (RSDAE) and under the legal retirement age; aged 20 or more, or 16 or more for a person
// no longer counted as a child for the family benefits (R821-1) — an adult of a foyer here is
// never a child of another one, so a young adult living on their own is entitled from 16.
// Since 1 October 2023 the spouse's income no longer counts (loi n° 2022-1158, art. 10).
// Resources (R821-4, D821-9 CSS), as OpenFisca-France's aah_base_ressources_deconjugalisee:
// - a person working in month M: the earnings and unemployment benefits of M-3..M-1, annualised,
//   after the abattements of 80 % up to 30 % of the yearly SMIC and 40 % above (the tranche is
//   compared with the quarter's monthly average, « en moyenne mensuelle »), plus the other
//   resources of the quarter (pensions, maintenance, invalidity pension);
// - otherwise: the income of year N-2 after the 10 % deduction (revenu net catégoriel), the
//   earnings after the same abattements and 30 % off for a stopped activity (not for a student).
// The AAH is not cumulable beyond its maximum with an invalidity pension and the ASI (L821-1 al. 2).
// Ceiling: 12 months of AAH, + 50 % per dependent child (D821-2). Not modelled: ESAT work, the
// complément de ressources, hospitalisation or prison reductions, the right of a person entitled
// before October 2023 to keep the couple's calculation when it is more favourable.

interface YearIncome {
  readonly activity: number;
  readonly other: number;
  readonly estimated: boolean;
}

/**
 * A member's income of a year, split into earnings (salaries and unemployment benefits) and
 * other resources (pensions, maintenance, invalidity pension, other). A declared taxable income is
 * read as earnings (it cannot be split). Missing months are scaled up; with no month of the year,
 * the last known quarter × 4 (then `estimated`).
 */
function incomeOfYear(member: Member, year: number, fallbackMonth: number): YearIncome {
  const declared = member.taxableIncome?.[String(year)];
  if (declared !== undefined) return { activity: declared, other: 0, estimated: false };
  const resources = member.resources;
  if (resources === undefined) return { activity: 0, other: 0, estimated: true };
  let activity = 0;
  let other = 0;
  let known = 0;
  const january = monthKey(year * 12);
  const december = monthKey(year * 12 + 11);
  for (const key in resources) {
    if (key < january || key > december) continue;
    const r = resources[key] as MonthlyResources;
    known++;
    activity += (r.salaireNet ?? 0) + (r.chomageNet ?? 0);
    other += otherResources(r);
  }
  if (known > 0) {
    const scale = 12 / known;
    return { activity: activity * scale, other: other * scale, estimated: known < 12 };
  }
  let qKnown = 0;
  for (let i = 1; i <= 3; i++) {
    const r = resources[monthKey(fallbackMonth - i)];
    if (r === undefined) continue;
    qKnown++;
    activity += (r.salaireNet ?? 0) + (r.chomageNet ?? 0);
    other += otherResources(r);
  }
  if (qKnown === 0) return { activity: 0, other: 0, estimated: true };
  return { activity: (activity * 12) / qKnown, other: (other * 12) / qKnown, estimated: true };
}

function otherResources(r: MonthlyResources): number {
  return (
    (r.retraiteNette ?? 0) +
    (r.pensionsAlimentaires ?? 0) +
    (r.pensionInvalidite ?? 0) +
    (r.autres ?? 0)
  );
}

/** D821-9 CSS: 80 % off the yearly earnings up to 30 % of the yearly SMIC, 40 % off above. */
function afterAbattements(p: SimulationContext["p"], yearlyEarnings: number): number {
  const tranche = p.aahTrancheSmic * p.smicHoraire * p.smicHeures * 12;
  return (
    Math.min(yearlyEarnings, tranche) * (1 - p.aahAbat1) +
    Math.max(0, yearlyEarnings - tranche) * (1 - p.aahAbat2)
  );
}

export function computeAahFor(
  ctx: SimulationContext,
  member: Member,
  ex: Explainer | null,
  age = ageAtMonth(member.birthDate, ctx.month),
  index = ctx.adults.indexOf(member),
): Outcome {
  const p = ctx.p;
  const rate = member.disabilityRate ?? 0;
  if (rate < p.aahTauxRsdae) return NO_DISABILITY_RATE;
  if (rate < p.aahTaux && member.rsdae !== true) {
    return notEligible(
      "Entre 50 % et 79 % d'incapacité, l'AAH demande une « restriction durable d'accès à l'emploi » : la MDPH (maison départementale des personnes handicapées) doit reconnaître que votre handicap rend durablement difficile de trouver un emploi.",
    );
  }
  if (age < p.aahAgeFinScolarite)
    return notEligible(
      "Il faut avoir au moins 20 ans, ou 16 ans quand on n'est plus à la charge de ses parents.",
    );
  if (rate < p.aahTaux && age >= p.aahAgeRetraite) {
    return notEligible(
      "Sous 80 % d'incapacité, l'AAH s'arrête à l'âge légal de la retraite (l'ASPA prend le relais).",
    );
  }
  ex?.step(
    `Taux d'incapacité de ${Math.round(rate * 100)} %${rate < p.aahTaux ? " avec restriction durable d'accès à l'emploi" : ""}`,
    undefined,
    [P.aahTauxIncapacite, P.aahTauxIncapaciteRsdae],
  );
  if (age < p.aahAgeMin)
    ex?.step(
      `Vous avez ${age} ans : avant 20 ans, l'AAH est possible dès 16 ans pour une personne qui vit dans son propre foyer, sans être à la charge de ses parents`,
      undefined,
      [P.aahAgeMinimal, P.aahAgeFinObligationScolaire],
    );

  const nChildren = childrenUnder(ctx, 20);
  const ceilingYear = p.aahMontant * p.aahPlafondMois * (1 + p.aahMajEnfant * nChildren);
  ex?.step(
    nChildren > 0
      ? `Plafond de ressources par an (au-dessus, pas d'AAH) : 12 mois d'AAH, plus la moitié pour chacun de vos ${nChildren} enfant(s) à charge`
      : "Plafond de ressources par an (au-dessus, pas d'AAH) : 12 mois d'AAH",
    ceilingYear,
    [P.aahMontant, P.aahPlafondMois, P.aahMajorationParEnfant],
  );

  const [kM, k1, k2, k3] = ctx.key;
  const worksThisMonth = (resourcesOf(member, kM).salaireNet ?? 0) > 0;
  let monthlyResources: number;
  if (worksThisMonth) {
    let earnings = 0;
    let other = 0;
    for (const k of [k1, k2, k3]) {
      const r = resourcesOf(member, k);
      earnings += (r.salaireNet ?? 0) + (r.chomageNet ?? 0);
      other += otherResources(r);
    }
    monthlyResources = (afterAbattements(p, earnings * 4) + other * 4) / 12;
    ex?.step(
      "Vous travaillez ce mois-ci : on regarde vos revenus des trois derniers mois. Une grande partie de votre salaire n'est pas comptée (80 % de la première tranche, puis 40 %)",
      monthlyResources,
      [P.aahAbattementTranche1, P.aahAbattementTranche2, P.aahTrancheSmic],
    );
  } else {
    const year = yearOf(ctx.month) - 2;
    const y = incomeOfYear(member, year, ctx.month);
    const student = member.activity === "etudiant";
    const earnings = afterAbattements(p, y.activity * 0.9) * (student ? 1 : 1 - p.aahAbatCessation);
    monthlyResources = (earnings + y.other * 0.9) / 12;
    ex?.step(
      `Vous ne travaillez pas ce mois-ci : on regarde vos revenus de ${year}, par mois${y.estimated ? " (estimés)" : ""}, après les réductions prévues (10 % de frais, puis une grande partie des salaires n'est pas comptée)`,
      monthlyResources,
      [
        P.aahAbattementTranche1,
        P.aahAbattementTranche2,
        P.aahTrancheSmic,
        P.aahAbattementCessationActivite,
      ],
    );
  }
  ex?.step(
    "Les revenus de votre conjoint ne comptent plus depuis le 1er octobre 2023 (« déconjugalisation »)",
  );
  let raw = Math.min(p.aahMontant, ceilingYear / 12 - monthlyResources);
  const pension = invalidityPension(member, ctx);
  const asi = index >= 0 ? (ctx.computed.asiByAdult[index] ?? 0) : 0;
  if (pension + asi > 0) {
    raw = Math.min(raw, p.aahMontant - pension - asi);
    ex?.step(
      "Avec une pension d'invalidité (et l'ASI), l'AAH complète seulement jusqu'au montant maximal de l'AAH",
      pension + asi,
      [P.aahMontant],
    );
  }
  if (raw <= 0)
    return notEligible(
      pension + asi > 0
        ? "Votre pension d'invalidité atteint déjà le montant de l'AAH."
        : "Les ressources de la personne dépassent le plafond de l'AAH.",
    );
  const amount = Math.round(raw);
  ex?.step(
    "AAH du mois : le plafond par mois moins vos ressources, sans dépasser le montant maximal",
    amount,
    [P.aahMontant],
  );
  return { eligible: true, amount };
}

/** AAH of the foyer (sum over its adults), and per adult for the prime d'activité. */
export function computeAah(ctx: SimulationContext, ex: Explainer | null): Outcome {
  // Most households: nobody with a disability rate, no AAH, nothing to compute.
  if (ex === null) {
    const none = noDisability(ctx);
    if (none !== undefined) return none;
  }
  let total = 0;
  let reason: string | undefined;
  const byMember: Record<string, number> = {};
  for (let i = 0; i < ctx.adults.length; i++) {
    const member = ctx.adults[i] as Member;
    if (ex && ctx.adults.length > 1) ex.step(i === 0 ? "Demandeur" : "Conjoint");
    const o = computeAahFor(ctx, member, ex, ctx.adultAges[i], i);
    ctx.computed.aahByAdult[i] = o.amount;
    byMember[member.id] = o.amount;
    total += o.amount;
    if (!o.eligible && reason === undefined) reason = o.reason;
  }
  ctx.computed.aah = total;
  return total > 0
    ? { eligible: true, amount: total, detail: byMember }
    : { ...notEligible(reason ?? "Aucune personne handicapée dans le foyer."), detail: byMember };
}

const NO_AAH_DEMANDEUR: Outcome = Object.freeze({
  ...NO_DISABILITY_RATE,
  detail: Object.freeze({ demandeur: 0 }),
});
const NO_AAH_COUPLE: Outcome = Object.freeze({
  ...NO_DISABILITY_RATE,
  detail: Object.freeze({ demandeur: 0, conjoint: 0 }),
});

/**
 * The AAH outcome, shared, when no adult declares a disability rate of at least
 * 50 %: what `computeAah` would build (same reason, same detail), for the usual
 * member ids of a batch row; undefined otherwise.
 */
function noDisability(ctx: SimulationContext): Outcome | undefined {
  const adults = ctx.adults;
  const threshold = ctx.p.aahTauxRsdae;
  for (let i = 0; i < adults.length; i++)
    if (!(((adults[i] as Member).disabilityRate ?? 0) < threshold)) return undefined;
  const first = adults[0];
  if (first === undefined || first.id !== "demandeur") return undefined;
  if (adults.length === 1) return NO_AAH_DEMANDEUR;
  if (adults.length === 2 && (adults[1] as Member).id === "conjoint") return NO_AAH_COUPLE;
  return undefined;
}
