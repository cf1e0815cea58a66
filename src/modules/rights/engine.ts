import { computeAah } from "./aah.ts";
import { computeAefa } from "./aefa.ts";
import { computeAf } from "./af.ts";
import { computeArs } from "./ars.ts";
import { computeAsf } from "./asf.ts";
import { computeAspa } from "./aspa.ts";
import { computeCf } from "./cf.ts";
import { computeChequeEnergie } from "./cheque-energie.ts";
import { computeCss } from "./css.ts";
import { Explainer, type TraceStep } from "./explain.ts";
import { makeContext } from "./foyer.ts";
import type { BenefitId, Household } from "./household.ts";
import type { Outcome } from "./outcome.ts";
import { FIRST_MONTH, MissingParameter, valuesAssumedFrom } from "./parameters/resolve.ts";
import { parseMonth } from "./period.ts";
import { computePpa } from "./ppa.ts";
import { computeRsa } from "./rsa.ts";

export type Periodicity = "mensuelle" | "annuelle";

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
};

export const NOT_COVERED: readonly NotCovered[] = [
  {
    benefit: "aides_logement",
    label: "Aides au logement (APL, ALF, ALS)",
    message:
      "Les aides au logement ne sont pas encore calculées par ce simulateur : elles viendront dans une prochaine version. Une aide au logement déjà perçue est prise en compte (forfait logement).",
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

  // Order matters: AAH and ASPA count in the RSA and PPA resources; the RSA opens the free CSS.
  let e = explain ? new Explainer(day) : null;
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
  return {
    month,
    results: { rsa, ppa, css, af, ars, aah, aspa, cheque_energie: chequeEnergie, asf, cf, aefa },
    notCovered: NOT_COVERED,
    ...assumedValues(month),
  };
}

/**
 * The outcomes without explanations nor result objects, in the order of
 * BENEFITS (rsa, ppa, css, af, ars, aah, aspa, cheque_energie, asf, cf, aefa): the batch's
 * hot path.
 */
export function simulateOutcomes(household: Household, month: string): readonly Outcome[] {
  const ctx = makeContext(household, monthIndexOf(month));
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
  ];
}

const NONE: readonly BenefitId[] = [];

/** Already received; the prime de Noël comes by itself with the RSA. */
export function isReceived(benefit: BenefitId, received: readonly BenefitId[]): boolean {
  if (received.length === 0) return false;
  return received.includes(benefit) || (benefit === "aefa" && received.includes("rsa"));
}
const NO_STEPS: readonly TraceStep[] = [];

function wrap(
  benefit: BenefitId,
  o: Outcome,
  ex: Explainer | null,
  received: readonly BenefitId[],
): BenefitResult {
  return {
    benefit,
    label: BENEFIT_LABELS[benefit],
    eligible: o.eligible,
    amountCents: o.amount,
    periodicity: PERIODICITY[benefit],
    alreadyReceived: isReceived(benefit, received),
    reason: o.reason,
    detail: o.detail,
    steps: ex === null ? NO_STEPS : ex.steps,
  };
}

export { MissingParameter };
