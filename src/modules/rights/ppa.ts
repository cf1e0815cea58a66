import { computeAf } from "./af.ts";
import { asfCounted } from "./asf.ts";
import { cfOfMonth } from "./cf.ts";
import type { Explainer } from "./explain.ts";
import {
  childrenUnder,
  housingAdvantage,
  housingBenefitOf,
  isIsolatedParent,
  resourcesOf,
  type SimulationContext,
  sizeRate,
} from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import { pajeBaseOfMonth } from "./paje.ts";
import * as P from "./parameters/ppa.ts";
import { parametersFor } from "./parameters/resolve.ts";
import { euros, monthKey } from "./period.ts";

const NO_EARNINGS = notEligible("Aucun revenu d'activité au cours des trois derniers mois.");

// Prime d'activité (L841-1 s. and D843-1 s. CSS). The amount for month M is the
// average of three monthly amounts, one for each month of M-3..M-1, each computed
// with that month's resources and that month's parameters (so June mixes values
// from before and after the April revaluation). Below 15 € it is not paid.
// Not modelled: students' and apprentices' earnings floor, self-employed income.

const CHILD_AGE_LIMIT = 25;

export function computePpa(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const adults = ctx.adults;
  let adult = false;
  for (let i = 0; i < adults.length; i++)
    if ((ctx.adultAges[i] as number) >= ctx.p.ppaAgeMin) adult = true;
  if (!adult) {
    return notEligible("Il faut avoir au moins 18 ans.");
  }
  let earnings = 0;
  for (const a of adults)
    for (let i = 1; i <= 3; i++) earnings += resourcesOf(a, ctx.key[i] as string).salaireNet ?? 0;
  if (earnings === 0) return NO_EARNINGS;

  let total = 0;
  for (let i = 3; i >= 1; i--) total += monthlyAmount(ctx, ctx.month - i, ex);
  const amount = Math.round(total / 3);
  ex?.step("Prime d'activité du mois : moyenne des trois montants mensuels", amount);
  if (amount < ctx.p.ppaMin) {
    return notEligible(
      amount === 0
        ? "Les ressources du foyer sont trop élevées pour la prime d'activité."
        : `Le montant calculé (${euros(amount)}) est inférieur à 15 € : il n'est pas versé.`,
    );
  }
  return { eligible: true, amount };
}

/** The "prime fictive" of one month of the reference quarter, with that month's parameters. */
function monthlyAmount(ctx: SimulationContext, month: number, ex: Explainer | null): number {
  const p = parametersFor(month);
  const key = monthKey(month);
  const day = p.day;
  const nChildren = childrenUnder(ctx, CHILD_AGE_LIMIT, month);
  const persons = ctx.adults.length + nChildren;
  let forfaitaire = p.ppaBase * sizeRate(persons, !ctx.couple, p.ppaMaj2, p.ppaMaj34, p.ppaMajSup);
  if (isIsolatedParent(ctx, month, nChildren)) {
    forfaitaire = Math.max(forfaitaire, p.ppaBase * (p.ppaIsoBase + p.ppaIsoEnfant * nChildren));
  }

  const smicH = p.smicHoraire;
  const s1 = p.ppaBonifSeuil * smicH;
  const s2 = p.ppaBonifSeuilMax * smicH;
  const bonifMax = Math.round(p.ppaBonifTauxMax * p.ppaBase);
  let earnings = 0;
  let other = 0;
  let bonification = 0;
  for (let i = 0; i < ctx.adults.length; i++) {
    const a = ctx.adults[i] as (typeof ctx.adults)[number];
    const r = resourcesOf(a, key);
    let e = r.salaireNet ?? 0;
    // AAH counts as earnings when the person earns at least 29 h of SMIC (D843-4 CSS).
    const aah = ctx.computed.aahByAdult[i] ?? 0;
    if (aah > 0 && e >= p.ppaSeuilAah * smicH) e += aah;
    else other += aah;
    earnings += e;
    // The invalidity pension and the ASI are resources other than earnings (OpenFisca-France's
    // ppa_ressources_hors_activite_individu, for the month considered).
    other +=
      (r.chomageNet ?? 0) +
      (r.retraiteNette ?? 0) +
      (r.pensionsAlimentaires ?? 0) +
      (r.autres ?? 0) +
      (r.pensionInvalidite ?? 0) +
      (ctx.computed.asiByAdult[i] ?? 0);
    if (e > s1) bonification += Math.min(bonifMax, (bonifMax * (e - s1)) / (s2 - s1));
  }
  other += ctx.computed.aspa;
  const af = computeAf(ctx, null, month);
  other += af.base;
  other += asfCounted(ctx, month, p, key);
  other += cfOfMonth(ctx, month).counted;
  // The allocation de base of the PAJE counts, the prime à la naissance does not (art. R844-5
  // CSS lists it among the excluded resources; OpenFisca-France's
  // ppa_base_ressources_prestations_familiales counts paje_base only).
  const paje = pajeBaseOfMonth(ctx, month);
  if (paje.eligible) other += Math.round(paje.amount);

  let fl = 0;
  const advantage = housingAdvantage(ctx);
  if (advantage !== null) {
    const capped = Math.min(persons, 3);
    fl =
      (p.ppaFl[capped - 1] as number) *
      p.ppaBase *
      sizeRate(capped, !ctx.couple, p.ppaMaj2, p.ppaMaj34, p.ppaMajSup);
    if (advantage === "aide_logement") fl = Math.min(fl, housingBenefitOf(ctx));
  }

  const value = Math.max(
    0,
    forfaitaire +
      bonification +
      p.ppaPente * earnings -
      Math.max(earnings + other + fl, forfaitaire),
  );
  if (ex) {
    ex.step(
      `${key} — montant forfaitaire pour ${persons} personne(s)`,
      forfaitaire,
      [P.ppaMontantForfaitaire, P.ppaMajorationDeuxiemePersonne],
      day,
    );
    ex.step(`${key} — revenus d'activité du foyer`, earnings);
    ex.step(
      `${key} — part des revenus d'activité ajoutée (${(p.ppaPente * 100).toLocaleString("fr-FR")} %)`,
      p.ppaPente * earnings,
      [P.ppaPente],
      day,
    );
    if (bonification > 0)
      ex.step(
        `${key} — bonification individuelle`,
        bonification,
        [P.ppaBonificationSeuil, P.ppaBonificationSeuilMax, P.ppaBonificationTauxMax],
        day,
      );
    if (other > 0)
      ex.step(`${key} — autres ressources (dont prestations familiales et ASF forfaitaire)`, other);
    if (fl > 0)
      ex.step(
        `${key} — forfait logement`,
        fl,
        [P.ppaForfaitLogement1, P.ppaForfaitLogement2, P.ppaForfaitLogement3],
        day,
      );
    ex.step(
      `${key} — prime du mois : le montant forfaitaire, plus ${(p.ppaPente * 100).toLocaleString("fr-FR")} % des revenus d'activité, plus les bonifications, moins le plus grand de ces deux chiffres : toutes les ressources avec le forfait logement, ou le montant forfaitaire`,
      value,
    );
  }
  return value;
}
