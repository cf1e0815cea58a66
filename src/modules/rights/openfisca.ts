import { type BenefitResult, InvalidMonth, simulate } from "./engine.ts";
import type { BenefitId, Household, HousingStatus, Member } from "./household.ts";
import {
  ACTIVITY,
  asArray,
  type Entity,
  entries,
  euroToCents,
  housingStatus,
  IGNORED_VARIABLES,
  KNOWN_VARIABLES,
  type MutableMember,
  notComputable,
  type OpenFiscaExplanation,
  type OpenFiscaResponse,
  type OpenFiscaSituation,
  OpenFiscaSituationError,
  OpenFiscaSituationSchema,
  periodKind,
  RESOURCE_FIELD,
  type Request,
  ROLE_KEYS,
  requestsSomething,
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

/**
 * Adapter for the OpenFisca situation JSON (individus, familles,
 * foyers_fiscaux, menages; variables keyed by period; requested variables
 * given as null). It reads the input variables the engine knows, computes the
 * requested ones it knows, and returns the same structure filled in, with
 * the explanations. An unknown variable or a malformed period is a typed
 * error naming it; variables OpenFisca knows but this engine does not use are
 * reported as warnings, never silently dropped.
 */

/** Computes the requested variables of an OpenFisca situation. Throws `OpenFiscaSituationError`. */
export function computeOpenFiscaSituation(input: unknown): OpenFiscaResponse {
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
  const warnings: string[] = [];
  const requests: Request[] = [];
  const members = new Map<string, MutableMember>();
  const familyVars = new Map<
    string,
    { isolatedMonths: string[]; housingBenefit: Record<string, number> }
  >();
  const foyerRfr = new Map<string, Record<string, number>>();
  const menageVars = new Map<
    string,
    { status?: HousingStatus; rent: Record<string, number>; depcom?: string }
  >();

  const entities: Entity[] = ["individus", "familles", "foyers_fiscaux", "menages"];
  for (const entity of entities) {
    for (const [id, vars] of Object.entries(situation[entity] ?? {})) {
      if (entity === "individus") members.set(id, { id, resources: {}, taxableIncome: {} });
      for (const [name, raw] of Object.entries(vars)) {
        if (ROLE_KEYS[entity].includes(name)) continue;
        const path = `${entity}.${id}.${name}`;
        if (IGNORED_VARIABLES.has(name)) {
          if (requestsSomething(raw)) throw notComputable(name, path);
          warnings.push(
            `Variable « ${name} » (${entity}.${id}) acceptée mais sans effet sur ce simulateur.`,
          );
          continue;
        }
        const spec = KNOWN_VARIABLES[name];
        if (spec === undefined) {
          throw new OpenFiscaSituationError(
            "unknown_variable",
            path,
            `Variable inconnue « ${name} » (${entity}.${id}) : ce simulateur ne la connaît pas.`,
          );
        }
        if (spec.entity !== entity) {
          throw new OpenFiscaSituationError(
            "invalid_situation",
            path,
            `La variable « ${name} » appartient à l'entité ${spec.entity}, pas à ${entity}.`,
          );
        }
        for (const [period, value] of entries(raw, path, spec)) {
          if (spec.output) {
            if (value === null) requests.push({ entity, id, variable: name, period });
            continue;
          }
          if (value === null) throw notComputable(name, `${path}.${period}`);
          readInput(entity, id, name, period, value, `${path}.${period}`);
        }
      }
    }
  }

  function readInput(
    entity: Entity,
    id: string,
    name: string,
    period: string,
    value: unknown,
    path: string,
  ): void {
    if (entity === "individus") {
      const m = members.get(id) as MutableMember;
      const field = RESOURCE_FIELD[name];
      if (field !== undefined) {
        const cents = euroToCents(value, path);
        const months =
          periodKind(period) === "month"
            ? [period]
            : periodKind(period) === "year"
              ? Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, "0")}`)
              : [];
        if (months.length === 0)
          throw new OpenFiscaSituationError(
            "malformed_period",
            path,
            `La variable ${name} est mensuelle : période « ${period} » refusée.`,
          );
        const share = Math.round(cents / months.length);
        for (const month of months) {
          const r = m.resources[month] ?? {};
          r[field] = share;
          m.resources[month] = r;
        }
        return;
      }
      switch (name) {
        case "date_naissance":
          if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value))
            throw new OpenFiscaSituationError(
              "invalid_situation",
              path,
              `Date de naissance invalide pour ${id}.`,
            );
          m.birthDate = value;
          return;
        case "activite": {
          const a = ACTIVITY[String(value)];
          if (a) m.activity = a;
          return;
        }
        case "handicap":
          if (value === true && m.disabilityRate === undefined) m.disabilityRate = 0;
          return;
        case "taux_incapacite":
          m.disabilityRate = Number(value);
          return;
        case "aah_restriction_substantielle_durable_acces_emploi":
          m.rsdae = value === true;
          return;
        case "enceinte":
          m.pregnant = value === true;
          return;
        default: {
          // salaire_imposable, chomage_imposable, retraite_imposable (yearly).
          if (periodKind(period) !== "year")
            throw new OpenFiscaSituationError(
              "malformed_period",
              path,
              `La variable ${name} est annuelle : période « ${period} » refusée.`,
            );
          m.taxableIncome[period] = (m.taxableIncome[period] ?? 0) + euroToCents(value, path);
          return;
        }
      }
    }
    if (entity === "familles") {
      const f = familyVars.get(id) ?? { isolatedMonths: [], housingBenefit: {} };
      familyVars.set(id, f);
      if (name === "rsa_isolement_recent" && value === true) f.isolatedMonths.push(period);
      if (name === "aide_logement") f.housingBenefit[period] = euroToCents(value, path);
      return;
    }
    if (entity === "foyers_fiscaux") {
      const r = foyerRfr.get(id) ?? {};
      r[period] = euroToCents(value, path);
      foyerRfr.set(id, r);
      return;
    }
    const menage = menageVars.get(id) ?? { rent: {} };
    menageVars.set(id, menage);
    if (name === "statut_occupation_logement") menage.status = housingStatus(String(value));
    else if (name === "loyer") menage.rent[period] = euroToCents(value, path);
    else if (name === "depcom") menage.depcom = String(value);
  }

  // One household per famille; a situation without familles is one household of all individuals.
  const familles = situation.familles ?? {
    famille: {
      parents: Object.keys(situation.individus).slice(0, 2),
      enfants: Object.keys(situation.individus).slice(2),
    },
  };
  const explanations: OpenFiscaExplanation[] = [];
  const cache = new Map<string, ReturnType<typeof simulate>>();

  const householdOf = (familleId: string, month: string): Household => {
    const f = familles[familleId] ?? {};
    const parents = asArray(f.parents);
    const enfants = asArray(f.enfants);
    const toMember = (id: string, role: Member["role"]): Member => {
      const m = members.get(id);
      if (m === undefined)
        throw new OpenFiscaSituationError(
          "invalid_situation",
          `familles.${familleId}`,
          `L'individu « ${id} » de la famille ${familleId} n'existe pas.`,
        );
      if (m.birthDate === undefined)
        throw new OpenFiscaSituationError(
          "invalid_situation",
          `individus.${id}.date_naissance`,
          `La date de naissance de ${id} est nécessaire.`,
        );
      return {
        id,
        role,
        birthDate: m.birthDate,
        ...(m.activity ? { activity: m.activity } : {}),
        ...(m.pregnant ? { pregnant: true } : {}),
        ...(m.disabilityRate !== undefined ? { disabilityRate: m.disabilityRate } : {}),
        ...(m.rsdae ? { rsdae: true } : {}),
        resources: m.resources,
        taxableIncome: m.taxableIncome,
      };
    };
    const list: Member[] = [
      ...parents.map((id, i) => toMember(id, i === 0 ? "demandeur" : "conjoint")),
      ...enfants.map((id) => toMember(id, "enfant")),
    ];
    const first = parents[0] ?? "";
    const menageId = Object.entries(situation.menages ?? {}).find(([, v]) =>
      [...asArray(v.personne_de_reference), ...asArray(v.conjoint)].includes(first),
    )?.[0];
    const menage = menageId ? menageVars.get(menageId) : undefined;
    const rfr: Record<string, number> = {};
    for (const [foyerId, v] of Object.entries(situation.foyers_fiscaux ?? {})) {
      if (!asArray(v.declarants).some((d) => parents.includes(d))) continue;
      for (const [year, amount] of Object.entries(foyerRfr.get(foyerId) ?? {}))
        rfr[year] = (rfr[year] ?? 0) + amount;
    }
    const fam = familyVars.get(familleId);
    const housingBenefit = fam
      ? (fam.housingBenefit[month] ?? fam.housingBenefit[month.slice(0, 4)] ?? 0)
      : 0;
    const rent = menage ? (menage.rent[month] ?? menage.rent[month.slice(0, 4)] ?? 0) : 0;
    const isolated =
      fam?.isolatedMonths.includes(month) || fam?.isolatedMonths.includes(month.slice(0, 4));
    return {
      depcom: menage?.depcom ?? "00000",
      members: list,
      housing: { status: menage?.status ?? "locataire", rent, housingBenefit },
      ...(isolated ? { isolatedSince: month } : {}),
      rfr,
    };
  };

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
        r = simulate(householdOf(familleId, month), month);
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

  const familleOfMember = (memberId: string): string => {
    const found = Object.entries(familles).find(([, v]) =>
      [...asArray(v.parents), ...asArray(v.enfants)].includes(memberId),
    );
    if (!found)
      throw new OpenFiscaSituationError(
        "invalid_situation",
        `individus.${memberId}`,
        `L'individu « ${memberId} » n'appartient à aucune famille.`,
      );
    return found[0];
  };
  const familleOfMenage = (menageId: string): string => {
    const v = situation.menages?.[menageId] ?? {};
    const people = [...asArray(v.personne_de_reference), ...asArray(v.conjoint)];
    const found = Object.entries(familles).find(([, f]) =>
      asArray(f.parents).some((p) => people.includes(p)),
    );
    if (!found)
      throw new OpenFiscaSituationError(
        "invalid_situation",
        `menages.${menageId}`,
        `Aucune famille ne correspond au ménage ${menageId}.`,
      );
    return found[0];
  };

  const valueFor = (
    req: Request,
    month: string,
  ): { value: number | boolean; result: BenefitResult } => {
    const familleId =
      req.entity === "individus"
        ? familleOfMember(req.id)
        : req.entity === "menages"
          ? familleOfMenage(req.id)
          : req.id;
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
      case "aah": {
        const cents = Number(r.aah.detail?.[req.id] ?? 0);
        return { value: cents / 100, result: r.aah };
      }
      default: {
        const result = r[req.variable as BenefitId];
        return { value: result.amountCents / 100, result };
      }
    }
  };

  for (const req of requests) {
    const spec = KNOWN_VARIABLES[req.variable] as VariableSpec;
    const kind = periodKind(req.period);
    let value: number | boolean;
    let result: BenefitResult;
    if (spec.period === "year") {
      // ARS of the school year starting that year (paid in August); chèque énergie of that year.
      ({ value, result } = valueFor(req, `${req.period}-08`));
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
  return { situation: output, explanations, warnings, notCovered: anyResult?.notCovered ?? [] };
}
