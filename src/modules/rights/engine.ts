import { computeAah } from "./aah.ts";
import { computeAefa } from "./aefa.ts";
import { computeAf } from "./af.ts";
import { AL_LABELS, type AlKind, computeAl } from "./aides-logement.ts";
import { computeArs } from "./ars.ts";
import { computeAsf } from "./asf.ts";
import { computeAsi } from "./asi.ts";
import { computeAspa } from "./aspa.ts";
import { computeBourseCollege, computeBourseLycee } from "./bourses.ts";
import { computeCf } from "./cf.ts";
import { computeChequeEnergie } from "./cheque-energie.ts";
import { computeCss } from "./css.ts";
import { Explainer, type TraceStep } from "./explain.ts";
import { makeContext } from "./foyer.ts";
import type { BenefitId, Household } from "./household.ts";
import type { Outcome } from "./outcome.ts";
import { computePajeBase, computePajeNaissance } from "./paje.ts";
import { FIRST_MONTH, MissingParameter, valuesAssumedFrom } from "./parameters/resolve.ts";
import { parseMonth } from "./period.ts";
import { computePpa } from "./ppa.ts";
import { computeRsa } from "./rsa.ts";

/** "ponctuelle": paid once (the prime à la naissance). */
export type Periodicity = "mensuelle" | "annuelle" | "ponctuelle";

export interface BenefitResult {
  readonly benefit: BenefitId;
  readonly label: string;
  readonly eligible: boolean;
  /** Estimated amount in cents for the periodicity (for the CSS: the monthly participation to pay). */
  readonly amountCents: number;
  readonly periodicity: Periodicity;
  readonly alreadyReceived: boolean;
  /** Main reason why not, when not eligible. */
  readonly reason?: string;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
  /** Explanation: steps with the parameter values and their legal references (empty without `explain`). */
  readonly steps: readonly TraceStep[];
}

export interface NotCovered {
  readonly benefit: string;
  readonly label: string;
  readonly message: string;
}

export interface SimulationResult {
  readonly month: string;
  readonly results: Readonly<Record<BenefitId, BenefitResult>>;
  /** Benefits the engine does not compute yet, said plainly to the user. */
  readonly notCovered: readonly NotCovered[];
  /**
   * Set when the month is later than the last legal values the engine knows:
   * the month ("YYYY-MM") whose values were used instead. Said on the page and in the API.
   */
  readonly valuesOf?: string;
}

export const BENEFIT_LABELS: Readonly<Record<BenefitId, string>> = {
  rsa: "Revenu de solidarité active (RSA)",
  ppa: "Prime d'activité",
  css: "Complémentaire santé solidaire",
  af: "Allocations familiales",
  ars: "Allocation de rentrée scolaire",
  aah: "Allocation aux adultes handicapés (AAH)",
  aspa: "Allocation de solidarité aux personnes âgées (ASPA)",
  cheque_energie: "Chèque énergie",
  asf: "Allocation de soutien familial (ASF)",
  cf: "Complément familial",
  aefa: "Prime de Noël (aide exceptionnelle de fin d'année)",
  aide_logement: "Aide au logement (APL, ALF ou ALS)",
  paje_base: "Allocation de base de la PAJE (enfant de moins de 3 ans)",
  paje_naissance: "Prime à la naissance (PAJE)",
  asi: "Allocation supplémentaire d'invalidité (ASI)",
  bourse_college: "Bourse de collège",
  bourse_lycee: "Bourse de lycée",
};

export const PERIODICITY: Readonly<Record<BenefitId, Periodicity>> = {
  rsa: "mensuelle",
  ppa: "mensuelle",
  css: "mensuelle",
  af: "mensuelle",
  ars: "annuelle",
  aah: "mensuelle",
  aspa: "mensuelle",
  cheque_energie: "annuelle",
  asf: "mensuelle",
  cf: "mensuelle",
  aefa: "annuelle",
  aide_logement: "mensuelle",
  paje_base: "mensuelle",
  paje_naissance: "ponctuelle",
  asi: "mensuelle",
  bourse_college: "annuelle",
  bourse_lycee: "annuelle",
};

/** What the engine leaves out, said on every result page and in every API answer. */
export const NOT_COVERED: readonly NotCovered[] = [
  {
    benefit: "aide_logement_accession",
    label: "Aide au logement des propriétaires qui remboursent un prêt (APL accession)",
    message:
      "L'aide au logement d'un propriétaire qui rembourse un prêt n'est pas calculée par ce simulateur. Renseignez-vous auprès de la CAF.",
  },
  {
    benefit: "aide_logement_foyer",
    label: "Aide au logement en foyer ou en résidence sociale",
    message:
      "L'aide au logement d'une personne qui vit en foyer ou en résidence sociale n'est pas calculée par ce simulateur. Renseignez-vous auprès de la CAF ou du foyer.",
  },
  {
    benefit: "aide_logement_independants",
    label: "Aide au logement avec des revenus de travailleur indépendant",
    message:
      "Quand une personne du foyer est travailleur indépendant, l'aide au logement n'est pas calculée : ses revenus ne sont pas encore pris en compte.",
  },
  {
    // Art. D531-37 s. code de l'éducation: they depend on a diploma mention, a class or boarding.
    benefit: "bourse_lycee_primes",
    label: "Bourse au mérite, prime d'équipement et prime d'internat",
    message:
      "La bourse au mérite (après une mention au brevet), la prime d'équipement (première année de certaines formations professionnelles) et la prime d'internat, qui s'ajoutent parfois à la bourse de lycée, ne sont pas calculées par ce simulateur. Le lycée vous les indique.",
  },
];

function assumedValues(month: string): { valuesOf?: string } {
  const valuesOf = valuesAssumedFrom(month);
  return valuesOf ? { valuesOf } : {};
}

export class InvalidMonth extends Error {
  constructor(readonly value: string) {
    super(`Mois invalide « ${value} » : format attendu AAAA-MM, à partir de ${FIRST_MONTH}.`);
    this.name = "InvalidMonth";
  }
}

const FIRST_INDEX = parseMonth(FIRST_MONTH) as number;
let lastMonth = "";
let lastIndex = 0;
/** Parses and checks the month; the batch passes the same month millions of times. */
function monthIndexOf(month: string): number {
  if (month === lastMonth) return lastIndex;
  const index = parseMonth(month);
  if (index === undefined || index < FIRST_INDEX) throw new InvalidMonth(month);
  lastMonth = month;
  lastIndex = index;
  return index;
}

export interface SimulateOptions {
  /** Build the explanation steps (default true). The batch turns it off. */
  readonly explain?: boolean;
}

/**
 * Simulates every benefit for a household and a month ("YYYY-MM").
 * Pure: the month is given, nothing is read from the clock or the outside.
 * Throws `InvalidMonth` for a malformed month or one before January 2024.
 */
export function simulate(
  household: Household,
  month: string,
  options: SimulateOptions = {},
): SimulationResult {
  const index = monthIndexOf(month);
  const explain = options.explain ?? true;
  const ctx = makeContext(household, index);
  const received = household.benefitsReceived ?? NONE;
  const day = ctx.p.day;

  // Order matters: the aide au logement brings the forfait logement into the RSA, the PPA and
  // the CSS; the ASI lowers the AAH (not cumulable beyond the AAH maximum); AAH, ASI and ASPA
  // count in the RSA and PPA resources; the RSA opens the free CSS.
  let e = explain ? new Explainer(day) : null;
  const alOutcome = computeAl(ctx, e);
  ctx.computed.al = alOutcome.eligible ? alOutcome.amount : 0;
  const alKind = alOutcome.detail?.aide as AlKind | undefined;
  const aideLogement = wrap(
    "aide_logement",
    alOutcome,
    e,
    received,
    household.housing.housingBenefit,
    alKind === undefined ? undefined : AL_LABELS[alKind],
  );
  e = explain ? new Explainer(day) : null;
  const asi = wrap("asi", computeAsi(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const aah = wrap("aah", computeAah(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const aspa = wrap("aspa", computeAspa(ctx, e), e, received);
  ctx.computed.aspa = aspa.amountCents;
  e = explain ? new Explainer(day) : null;
  const af = wrap("af", computeAf(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const rsa = wrap("rsa", computeRsa(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const ppa = wrap("ppa", computePpa(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const css = wrap("css", computeCss(ctx, rsa.amountCents, e), e, received);
  e = explain ? new Explainer(day) : null;
  const ars = wrap("ars", computeArs(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const chequeEnergie = wrap("cheque_energie", computeChequeEnergie(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const asf = wrap("asf", computeAsf(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const cf = wrap("cf", computeCf(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const aefa = wrap("aefa", computeAefa(ctx, rsa.amountCents, e), e, received);
  e = explain ? new Explainer(day) : null;
  const pajeBase = wrap("paje_base", computePajeBase(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const pajeNaissance = wrap("paje_naissance", computePajeNaissance(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const bourseCollege = wrap("bourse_college", computeBourseCollege(ctx, e), e, received);
  e = explain ? new Explainer(day) : null;
  const bourseLycee = wrap("bourse_lycee", computeBourseLycee(ctx, e), e, received);
  return {
    month,
    results: {
      rsa,
      ppa,
      css,
      af,
      ars,
      aah,
      aspa,
      cheque_energie: chequeEnergie,
      asf,
      cf,
      aefa,
      aide_logement: aideLogement,
      paje_base: pajeBase,
      paje_naissance: pajeNaissance,
      asi,
      bourse_college: bourseCollege,
      bourse_lycee: bourseLycee,
    },
    notCovered: NOT_COVERED,
    ...assumedValues(month),
  };
}

/**
 * The outcomes without explanations nor result objects, in the order of
 * BENEFITS (rsa, ppa, css, af, ars, aah, aspa, cheque_energie, asf, cf, aefa, aide_logement, paje_base,
 * paje_naissance, asi, bourse_college, bourse_lycee):
 * the batch's hot path.
 */
export function simulateOutcomes(household: Household, month: string): readonly Outcome[] {
  const ctx = makeContext(household, monthIndexOf(month));
  const al = computeAl(ctx, null);
  ctx.computed.al = al.eligible ? al.amount : 0;
  const asi = computeAsi(ctx, null);
  const aah = computeAah(ctx, null);
  const aspa = computeAspa(ctx, null);
  ctx.computed.aspa = aspa.amount;
  const af = computeAf(ctx, null);
  const rsa = computeRsa(ctx, null);
  const ppa = computePpa(ctx, null);
  const css = computeCss(ctx, rsa.amount, null);
  return [
    rsa,
    ppa,
    css,
    af,
    computeArs(ctx, null),
    aah,
    aspa,
    computeChequeEnergie(ctx, null),
    computeAsf(ctx, null),
    computeCf(ctx, null),
    computeAefa(ctx, rsa.amount, null),
    al,
    computePajeBase(ctx, null),
    computePajeNaissance(ctx, null),
    asi,
    computeBourseCollege(ctx, null),
    computeBourseLycee(ctx, null),
  ];
}

const NONE: readonly BenefitId[] = [];

/**
 * Already received; the prime de Noël comes by itself with the RSA; a housing benefit amount
 * declared as received (`housing.housingBenefit`) is the aide au logement received.
 */
export function isReceived(
  benefit: BenefitId,
  received: readonly BenefitId[],
  housingBenefit = 0,
): boolean {
  if (housingBenefit > 0 && benefit === "aide_logement") return true;
  if (received.length === 0) return false;
  return received.includes(benefit) || (benefit === "aefa" && received.includes("rsa"));
}
const NO_STEPS: readonly TraceStep[] = [];

function wrap(
  benefit: BenefitId,
  o: Outcome,
  ex: Explainer | null,
  received: readonly BenefitId[],
  housingBenefit = 0,
  label = BENEFIT_LABELS[benefit],
): BenefitResult {
  return {
    benefit,
    label,
    eligible: o.eligible,
    amountCents: o.amount,
    periodicity: PERIODICITY[benefit],
    alreadyReceived: isReceived(benefit, received, housingBenefit),
    reason: o.reason,
    detail: o.detail,
    steps: ex === null ? NO_STEPS : ex.steps,
  };
}

export { MissingParameter };
