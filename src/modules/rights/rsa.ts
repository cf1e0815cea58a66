import { computeAf } from "./af.ts";
import { asfCounted, maintenanceKey } from "./asf.ts";
import { cfOfMonth } from "./cf.ts";
import type { Explainer } from "./explain.ts";
import {
  childrenUnder,
  hasMonth,
  housingAdvantage,
  housingBenefitOf,
  isIsolatedParent,
  resourcesOf,
  type SimulationContext,
  sizeRate,
} from "./foyer.ts";
import { notEligible, type Outcome } from "./outcome.ts";
import { pajeBaseOfMonth } from "./paje.ts";
import * as PF from "./parameters/famille.ts";
import * as P from "./parameters/rsa.ts";
import { euros } from "./period.ts";

const RESOURCES_TOO_HIGH = "Les ressources du foyer dépassent le montant forfaitaire du RSA.";

// Revenu de solidarité active (L262-1 s. and R262-1 s. CASF), for month M:
// montant forfaitaire by household size (or majoré for a recently isolated parent),
// minus the average resources of M-3..M-1, the AF base, the flat ASF and the forfait
// logement. The prime d'activité is not counted (computed side by side). Not modelled:
// RSA jeune actif, self-employed specifics, the patrimoine (savings), foreigners' residence conditions.

const CHILD_AGE_LIMIT = 25;
const MAJORE = Object.freeze({ majore: true });
const NOT_MAJORE = Object.freeze({ majore: false });
const TOO_HIGH: Outcome = Object.freeze({
  eligible: false,
  amount: 0,
  reason: RESOURCES_TOO_HIGH,
  detail: NOT_MAJORE,
});
const TOO_HIGH_MAJORE: Outcome = Object.freeze({
  eligible: false,
  amount: 0,
  reason: RESOURCES_TOO_HIGH,
  detail: MAJORE,
});

export function computeRsa(ctx: SimulationContext, ex: Explainer | null): Outcome {
  const { p, adults } = ctx;
  const month = ctx.month;
  const nChildren = childrenUnder(ctx, CHILD_AGE_LIMIT);
  const demandeur = adults[0];
  if (demandeur === undefined) return notEligible("Aucun demandeur dans le foyer.");
  let pregnant = false;
  let oldEnough = false;
  let allStudents = true;
  for (let i = 0; i < adults.length; i++) {
    const a = adults[i] as (typeof adults)[number];
    if (a.pregnant === true) pregnant = true;
    if ((ctx.adultAges[i] as number) >= p.rsaAgeMin) oldEnough = true;
    if (a.activity !== "etudiant") allStudents = false;
  }
  if (!oldEnough && nChildren === 0 && !pregnant) {
    return notEligible(
      "Il faut avoir 25 ans ou plus, ou un enfant à charge, ou attendre un enfant.",
    );
  }
  if (allStudents) {
    return notEligible("Les élèves et étudiants n'ont en principe pas droit au RSA.");
  }

  const persons = adults.length + nChildren;
  const lone = !ctx.couple;
  const rate = sizeRate(persons, lone, p.rsaMaj2, p.rsaMaj34, p.rsaMajSup);
  let forfaitaire = p.rsaBase * rate;
  ex?.step(
    `Montant forfaitaire pour un foyer de ${persons} personne(s) (${Math.round(rate * 1000) / 10} % du montant de base)`,
    forfaitaire,
    [
      P.rsaMontantForfaitaire,
      P.rsaMajorationDeuxiemePersonne,
      P.rsaMajorationTroisiemeQuatriemePersonne,
      P.rsaMajorationEnfantSupplementaire,
    ],
  );
  let majore = false;
  if (isIsolatedParent(ctx, month, nChildren)) {
    const m = p.rsaBase * (p.rsaIsoBase + p.rsaIsoEnfant * nChildren);
    if (m > forfaitaire) {
      forfaitaire = m;
      majore = true;
      ex?.step(
        "Parent isolé (enfant de moins de 3 ans, grossesse ou isolement de moins de 12 mois) : RSA majoré",
        m,
        [
          P.rsaIsolementBase,
          P.rsaIsolementParEnfant,
          P.rsaIsolementAgeEnfant,
          P.rsaIsolementDureeMois,
        ],
      );
    }
  }

  // Resources: average of the three previous months, with the job-stop neutralisation (R262-13 CASF).
  let resources = 0;
  for (const a of adults) resources += memberQuarterResources(ctx, a, ex);
  const minima = ctx.computed.aah + ctx.computed.aspa + ctx.computed.asi;
  resources += minima;
  if (ex && minima > 0) ex.step("AAH, ASI ou ASPA du mois comptées dans les ressources", minima);

  const af = computeAf(ctx, null);
  if (af.base > 0) {
    resources += af.base;
    ex?.step(
      "Allocations familiales, part de base (la majoration pour âge n'est pas comptée)",
      af.base,
      [PF.afTauxDeuxEnfants],
    );
  }
  const cf = cfOfMonth(ctx, month);
  if (cf.counted > 0) {
    resources += cf.counted;
    ex?.step(
      "Complément familial, au plus son montant de base (la majoration n'est pas comptée, art. R262-10-1 CASF)",
      cf.counted,
      [PF.cfTaux],
    );
  }
  // The allocation de base of the PAJE is a resource of the month (art. R262-6 CASF), as in
  // OpenFisca-France's rsa_base_ressources_prestations_familiales. The prime à la naissance is
  // not (art. R262-11 CASF) and is never added. R262-11 also sets aside the allocation de base
  // due for the month of birth (not paid then: it starts the month after) and, for a parent in
  // one of the situations of L262-9 (the RSA majoré), until the last day of the month in which
  // the child reaches three months. OpenFisca-France does not model that exception; Relais does.
  const paje = pajeBaseOfMonth(ctx, month);
  if (paje.eligible && majore && hasChildUnderThreeMonthsThisMonth(ctx, month)) {
    ex?.step(
      "L'allocation de base de la PAJE (pour un bébé) n'est pas comptée : vous élevez seul votre enfant et il a 3 mois ou moins ce mois-ci (art. R262-11 CASF)",
      0,
      [P.rsaPajeNonCompteeMois],
    );
  } else if (paje.eligible) {
    const counted = Math.round(paje.amount);
    resources += counted;
    ex?.step(
      "Allocation de base de la PAJE du mois (la prime à la naissance n'est pas comptée)",
      counted,
      [paje.fullRate ? PF.pajeBaseTauxPlein : PF.pajeBaseTauxPartiel, PF.bmaf],
    );
  }
  const asf = asfCounted(ctx, month, p, maintenanceKey(ctx));
  if (asf > 0) {
    resources += asf;
    ex?.step(
      "Parent seul : l'allocation de soutien familial (due quand la pension alimentaire manque ou est plus faible) est comptée, au plus 22,5 % de la BMAF pour chaque enfant de moins de 20 ans",
      asf,
      [P.rsaForfaitAsf, PF.asfTaux, PF.bmaf],
    );
  }
  ex?.step("La prime d'activité n'est pas comptée dans les ressources du RSA");

  const fl = forfaitLogement(ctx, persons, ex);
  const raw = forfaitaire - resources - fl;
  ex?.step(
    "RSA du mois : le montant forfaitaire, moins les ressources, moins le forfait logement",
    raw,
  );
  if (raw <= 0) return majore ? TOO_HIGH_MAJORE : TOO_HIGH;
  const amount = Math.round(raw);
  if (amount < p.rsaMin) {
    ex?.step("Montant inférieur au seuil de versement", p.rsaMin, [P.rsaMontantMinimum]);
    return {
      ...notEligible(
        `Le montant calculé (${euros(amount)}) est inférieur à 6 € : il n'est pas versé.`,
      ),
      detail: majore ? MAJORE : NOT_MAJORE,
    };
  }
  return { eligible: true, amount, detail: majore ? MAJORE : NOT_MAJORE };
}

/**
 * Is a child of the foyer born in month M − 3 or later (so that M is at most the month of its
 * third-month birthday)? The R262-11 CASF exception runs to the end of that month.
 */
function hasChildUnderThreeMonthsThisMonth(ctx: SimulationContext, month: number): boolean {
  for (const b of ctx.childBirths) {
    const birthMonth = Math.floor(b / 10000) * 12 + (Math.floor(b / 100) % 100) - 1;
    if (month - birthMonth <= ctx.p.rsaPajeMois) return true;
  }
  return false;
}

function forfaitLogement(ctx: SimulationContext, persons: number, ex: Explainer | null): number {
  const advantage = housingAdvantage(ctx);
  if (advantage === null) return 0;
  const p = ctx.p;
  const capped = Math.min(persons, 3);
  const rate = p.rsaFl[capped - 1] as number;
  const base = p.rsaBase * sizeRate(capped, !ctx.couple, p.rsaMaj2, p.rsaMaj34, p.rsaMajSup);
  let fl = rate * base;
  if (advantage === "aide_logement") fl = Math.min(fl, housingBenefitOf(ctx));
  ex?.step(
    advantage === "aide_logement"
      ? "Forfait logement : une somme retirée du RSA parce que le foyer reçoit (ou peut recevoir) une aide au logement"
      : "Forfait logement (logement sans loyer)",
    fl,
    [P.rsaForfaitLogement1, P.rsaForfaitLogement2, P.rsaForfaitLogement3],
  );
  return fl;
}

/**
 * A member's average monthly resources over M-3..M-1. An income that stops in
 * month M (present in M-1, nil in M, no replacement income in M) is
 * neutralised (R262-13 CASF); month M must be known for that.
 */
function memberQuarterResources(
  ctx: SimulationContext,
  member: Parameters<typeof resourcesOf>[0],
  ex: Explainer | null,
): number {
  const [kM, k1, k2, k3] = ctx.key;
  const r1 = resourcesOf(member, k1);
  const r2 = resourcesOf(member, k2);
  const r3 = resourcesOf(member, k3);
  let salary = (r1.salaireNet ?? 0) + (r2.salaireNet ?? 0) + (r3.salaireNet ?? 0);
  let chomage = (r1.chomageNet ?? 0) + (r2.chomageNet ?? 0) + (r3.chomageNet ?? 0);
  const others =
    (r1.retraiteNette ?? 0) +
    (r2.retraiteNette ?? 0) +
    (r3.retraiteNette ?? 0) +
    (r1.pensionsAlimentaires ?? 0) +
    (r2.pensionsAlimentaires ?? 0) +
    (r3.pensionsAlimentaires ?? 0) +
    (r1.autres ?? 0) +
    (r2.autres ?? 0) +
    (r3.autres ?? 0) +
    (r1.pensionInvalidite ?? 0) +
    (r2.pensionInvalidite ?? 0) +
    (r3.pensionInvalidite ?? 0);
  if (hasMonth(member, kM)) {
    const rM = resourcesOf(member, kM);
    const substitution = (rM.chomageNet ?? 0) + (rM.retraiteNette ?? 0) > 0;
    if (salary > 0 && (rM.salaireNet ?? 0) === 0 && (r1.salaireNet ?? 0) > 0 && !substitution) {
      ex?.step(
        "Salaire arrêté ce mois-ci sans revenu de remplacement : il est neutralisé (art. R262-13 CASF)",
        salary / 3,
      );
      salary = 0;
    }
    if (
      chomage > 0 &&
      (rM.chomageNet ?? 0) === 0 &&
      (r1.chomageNet ?? 0) > 0 &&
      (rM.retraiteNette ?? 0) === 0
    ) {
      ex?.step(
        "Allocation chômage arrêtée ce mois-ci : elle est neutralisée (art. R262-13 CASF)",
        chomage / 3,
      );
      chomage = 0;
    }
  }
  const avg = (salary + chomage + others) / 3;
  if (ex && avg > 0) ex.step(`Ressources moyennes des trois mois précédents (${k3} à ${k1})`, avg);
  return avg;
}
