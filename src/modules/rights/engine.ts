import { computeAah } from "./aah.ts";
import { computeAf } from "./af.ts";
import { computeArs } from "./ars.ts";
import { computeAspa } from "./aspa.ts";
import { computeChequeEnergie } from "./cheque-energie.ts";
import { computeCss } from "./css.ts";
import { Explainer, type TraceStep } from "./explain.ts";
import { makeContext } from "./foyer.ts";
import type { BenefitId, Household } from "./household.ts";
import type { Outcome } from "./outcome.ts";
import { FIRST_MONTH, MissingParameter } from "./parameters/resolve.ts";
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
};

export const NOT_COVERED: readonly NotCovered[] = [
  {
    benefit: "aides_logement",
    label: "Aides au logement (APL, ALF, ALS)",
    message:
      "Les aides au logement ne sont pas encore calculées par ce simulateur : elles viendront dans une prochaine version. Une aide au logement déjà perçue est prise en compte (forfait logement).",
  },
];

export class InvalidMonth extends Error {
  constructor(readonly value: string) {
    super(`Mois invalide « ${value} » : format attendu AAAA-MM, à partir de ${FIRST_MONTH}.`);
    this.name = "InvalidMonth";
  }
}

export interface SimulateOptions {
  /** Build the explanation steps (default true). The batch turns it off. */
  readonly explain?: boolean;
}

/**
 * Simulates the eight benefits for a household and a month ("YYYY-MM").
 * Pure: the month is given, nothing is read from the clock or the outside.
 * Throws `InvalidMonth` for a malformed month or one before January 2024.
 */
export function simulate(
  household: Household,
  month: string,
  options: SimulateOptions = {},
): SimulationResult {
  const index = parseMonth(month);
  if (index === undefined || index < (parseMonth(FIRST_MONTH) as number))
    throw new InvalidMonth(month);
  const explain = options.explain ?? true;
  const ctx = makeContext(household, index);
  const received = household.benefitsReceived ?? [];
  const day = ctx.p.day;

  const run = (benefit: BenefitId, compute: (ex: Explainer | null) => Outcome): BenefitResult => {
    const ex = explain ? new Explainer(day) : null;
    const o = compute(ex);
    return {
      benefit,
      label: BENEFIT_LABELS[benefit],
      eligible: o.eligible,
      amountCents: o.amount,
      periodicity: PERIODICITY[benefit],
      alreadyReceived: received.includes(benefit),
      ...(o.reason === undefined ? {} : { reason: o.reason }),
      ...(o.detail === undefined ? {} : { detail: o.detail }),
      steps: ex?.steps ?? [],
    };
  };

  // Order matters: AAH and ASPA count in the RSA and PPA resources; the RSA opens the free CSS.
  const aah = run("aah", (ex) => computeAah(ctx, ex));
  const aspa = run("aspa", (ex) => computeAspa(ctx, ex));
  ctx.computed.aspa = aspa.amountCents;
  const af = run("af", (ex) => computeAf(ctx, ex));
  const rsa = run("rsa", (ex) => computeRsa(ctx, ex));
  const ppa = run("ppa", (ex) => computePpa(ctx, ex));
  const css = run("css", (ex) => computeCss(ctx, rsa.amountCents, ppa.amountCents, ex));
  const ars = run("ars", (ex) => computeArs(ctx, ex));
  const chequeEnergie = run("cheque_energie", (ex) => computeChequeEnergie(ctx, ex));
  return {
    month,
    results: { rsa, ppa, css, af, ars, aah, aspa, cheque_energie: chequeEnergie },
    notCovered: NOT_COVERED,
  };
}

export { MissingParameter };
