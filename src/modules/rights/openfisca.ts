/**
 * Adapter for the OpenFisca situation JSON (individus, familles,
 * foyers_fiscaux, menages; variables keyed by period; requested variables
 * given as null). It reads the input variables the engine knows, computes the
 * requested ones it knows, and returns the same structure filled in, with
 * the explanations. An unknown variable or a malformed period is a typed
 * error naming it; variables OpenFisca knows but this engine does not use are
 * reported as warnings, never silently dropped.
 */

import { type BenefitResult, InvalidMonth, simulate } from "./engine.ts";
import { assumedValuesNotice } from "./format.ts";
import type { BenefitId } from "./household.ts";
import { openFiscaHouseholds } from "./openfisca-households.ts";
import { readSituationInputs } from "./openfisca-inputs.ts";
import {
  IGNORED_VARIABLES,
  KNOWN_VARIABLES,
  type OpenFiscaExplanation,
  type OpenFiscaResponse,
  type OpenFiscaSituation,
  OpenFiscaSituationError,
  OpenFiscaSituationSchema,
  periodKind,
  type Request,
  type VariableSpec,
} from "./openfisca-variables.ts";
import { monthKey, parseMonth } from "./period.ts";

export type { OpenFiscaErrorCode } from "./openfisca-variables.ts";
export {
  IGNORED_VARIABLES,
  KNOWN_VARIABLES,
  type OpenFiscaExplanation,
  type OpenFiscaResponse,
  type OpenFiscaSituation,
  OpenFiscaSituationError,
  OpenFiscaSituationSchema,
};

/** Computes the requested variables of an OpenFisca situation. Throws `OpenFiscaSituationError`. */
export function computeOpenFiscaSituation(input: unknown): OpenFiscaResponse {
  // Pure adapter, not a handler: its refusal is OpenFisca's (first issue, its path), which
  // the API (api.ts) and the CLI each turn into their own answer.
  const parsed = OpenFiscaSituationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    throw new OpenFiscaSituationError(
      "invalid_situation",
      path,
      `Situation OpenFisca invalide${path ? ` (${path})` : ""} : ${issue?.message ?? "structure inattendue"}.`,
    );
  }
  const situation = parsed.data;
  const output: OpenFiscaSituation = structuredClone(situation);
  const inputs = readSituationInputs(situation);
  const households = openFiscaHouseholds(situation, inputs);
  const explanations: OpenFiscaExplanation[] = [];
  const cache = new Map<string, ReturnType<typeof simulate>>();

  const run = (familleId: string, month: string) => {
    const key = `${familleId}|${month}`;
    let r = cache.get(key);
    if (r === undefined) {
      if (parseMonth(month) === undefined)
        throw new OpenFiscaSituationError(
          "malformed_period",
          month,
          `Période mal formée « ${month} ».`,
        );
      try {
        r = simulate(households.householdOf(familleId, month), month);
      } catch (error) {
        if (error instanceof InvalidMonth) {
          throw new OpenFiscaSituationError(
            "malformed_period",
            month,
            `Période « ${month} » hors du champ du simulateur (à partir de janvier 2024).`,
          );
        }
        throw error;
      }
      cache.set(key, r);
    }
    return r;
  };

  const valueFor = (
    req: Request,
    month: string,
  ): { value: number | boolean; result: BenefitResult } => {
    const familleId = households.familleOf(req.entity, req.id);
    const r = run(familleId, month).results;
    switch (req.variable) {
      case "cmu_c":
        return { value: r.css.eligible && r.css.detail?.participation === false, result: r.css };
      case "css_participation_forfaitaire":
        return {
          value:
            r.css.eligible && r.css.detail?.participation === true ? r.css.amountCents / 100 : 0,
          result: r.css,
        };
      case "apl":
      case "als":
      case "alf": {
        const al = r.aide_logement;
        const mine = al.eligible && al.detail?.aide === req.variable;
        return { value: mine ? al.amountCents / 100 : 0, result: al };
      }
      case "aah":
      case "asi": {
        const result = r[req.variable];
        const cents = Number(result.detail?.[req.id] ?? 0);
        return { value: cents / 100, result };
      }
      case "paje_naissance":
        // OpenFisca pays it in the month two months before a child's birth date, never on a
        // pregnancy alone: the engine's estimate from `enceinte` (no term known) is left out.
        return {
          value: r.paje_naissance.detail?.grossesse ? 0 : r.paje_naissance.amountCents / 100,
          result: r.paje_naissance,
        };
      default: {
        const result = r[req.variable as BenefitId];
        return { value: result.amountCents / 100, result };
      }
    }
  };

  for (const req of inputs.requests) {
    const spec = KNOWN_VARIABLES[req.variable] as VariableSpec;
    const kind = periodKind(req.period);
    let value: number | boolean;
    let result: BenefitResult;
    if (req.variable === "aefa") {
      // Prime de Noël of that year: due when the RSA is due for November, or else December.
      ({ value, result } = valueFor(req, `${req.period}-11`));
      if (value === 0) ({ value, result } = valueFor(req, `${req.period}-12`));
    } else if (spec.period === "year") {
      // ARS of the school year starting that year (paid in August); chèque énergie of that year.
      ({ value, result } = valueFor(req, `${req.period}-08`));
    } else if (kind === "year" && req.variable.startsWith("bourse_")) {
      // OpenFisca-France defines the bourses by month, each month holding the school year's
      // amount: summing twelve months would say twelve times the bourse.
      throw new OpenFiscaSituationError(
        "malformed_period",
        `${req.entity}.${req.id}.${req.variable}.${req.period}`,
        `La variable ${req.variable} se calcule pour un mois (AAAA-MM) : elle donne le montant de l'année scolaire. Période « ${req.period} » refusée.`,
      );
    } else if (kind === "year") {
      // A monthly variable over a year is the sum of its months, as OpenFisca does.
      let sum = 0;
      let any = false;
      let last: BenefitResult | undefined;
      const start = Number(req.period) * 12;
      for (let i = 0; i < 12; i++) {
        const v = valueFor(req, monthKey(start + i));
        last = v.result;
        if (typeof v.value === "boolean") any ||= v.value;
        else sum += v.value;
      }
      value = req.variable === "cmu_c" ? any : Math.round(sum * 100) / 100;
      result = last as BenefitResult;
    } else {
      ({ value, result } = valueFor(req, req.period));
    }
    const target = output[req.entity]?.[req.id]?.[req.variable] as Record<string, unknown>;
    target[req.period] = value;
    explanations.push({
      entity: req.entity,
      id: req.id,
      variable: req.variable,
      period: req.period,
      eligible: result.eligible,
      ...(result.reason ? { reason: result.reason } : {}),
      steps: result.steps,
    });
  }
  const anyResult = cache.values().next().value;
  // A period after the last legal values known: said once per month, never a silent guess.
  const assumed = new Set<string>();
  for (const r of cache.values()) {
    if (r.valuesOf) assumed.add(assumedValuesNotice(r.month, r.valuesOf));
  }
  const warnings = [...inputs.warnings, ...[...assumed].sort()];
  return {
    situation: output,
    explanations,
    warnings,
    notCovered: anyResult?.notCovered ?? [],
  };
}
