/**
 * Reading an OpenFisca situation's variables: each one checked against those
 * the engine knows (entity, period), input values gathered per individu,
 * famille, foyer fiscal and ménage, requested outputs listed, and variables
 * accepted without effect reported as warnings.
 */

import { netSalaryFromGross, plafondOn } from "./gross-to-net.ts";
import type { HousingStatus } from "./household.ts";
import {
  activity,
  type Entity,
  entries,
  euroToCents,
  housingStatus,
  IGNORED_VARIABLES,
  KNOWN_VARIABLES,
  type MutableMember,
  NOT_COMPUTED_VARIABLES,
  notComputable,
  type OpenFiscaSituation,
  OpenFiscaSituationError,
  periodKind,
  RESOURCE_FIELD,
  type Request,
  ROLE_KEYS,
  requestsSomething,
  scolarite,
  zoneApl,
} from "./openfisca-variables.ts";

export interface FamilleInputs {
  isolatedMonths: string[];
  housingBenefit: Record<string, number>;
}

export interface MenageInputs {
  status?: HousingStatus;
  rent: Record<string, number>;
  depcom?: string;
  zone?: 1 | 2 | 3;
  /** From statut_occupation_logement (locataire_hlm, _meuble, _foyer) and the flags. */
  conventionne?: boolean;
  furnished?: boolean;
  foyer?: boolean;
  shared?: boolean;
  room?: boolean;
}

export interface SituationInputs {
  readonly members: Map<string, MutableMember>;
  readonly familyVars: Map<string, FamilleInputs>;
  readonly foyerRfr: Map<string, Record<string, number>>;
  readonly menageVars: Map<string, MenageInputs>;
  /** The variables given as null, one per period. */
  readonly requests: Request[];
  readonly warnings: string[];
}

/** Reads every variable of a parsed situation. Throws `OpenFiscaSituationError`. */
export function readSituationInputs(situation: OpenFiscaSituation): SituationInputs {
  const inputs: SituationInputs = {
    members: new Map(),
    familyVars: new Map(),
    foyerRfr: new Map(),
    menageVars: new Map(),
    requests: [],
    warnings: [],
  };
  const entities: Entity[] = ["individus", "familles", "foyers_fiscaux", "menages"];
  for (const entity of entities) {
    for (const [id, vars] of Object.entries(situation[entity] ?? {})) {
      if (entity === "individus")
        inputs.members.set(id, {
          id,
          resources: {},
          taxableIncome: {},
          grossSalary: {},
          schooling: {},
        });
      for (const [name, raw] of Object.entries(vars)) {
        if (ROLE_KEYS[entity].includes(name)) continue;
        const path = `${entity}.${id}.${name}`;
        if (IGNORED_VARIABLES.has(name)) {
          if (requestsSomething(raw)) throw notComputable(name, path);
          inputs.warnings.push(
            `Variable « ${name} » (${entity}.${id}) acceptée mais sans effet sur ce simulateur.`,
          );
          continue;
        }
        const spec = KNOWN_VARIABLES[name];
        const notComputed = NOT_COMPUTED_VARIABLES[name];
        if (spec === undefined && notComputed !== undefined) {
          throw new OpenFiscaSituationError(
            "unknown_variable",
            path,
            `Non calculé : « ${name} » (${entity}.${id}) — ${notComputed}.`,
          );
        }
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
            if (value === null) inputs.requests.push({ entity, id, variable: name, period });
            if (value === null || spec.alsoInput !== true) continue;
          }
          if (value === null) throw notComputable(name, `${path}.${period}`);
          readInput(inputs, entity, id, name, period, value, `${path}.${period}`);
        }
      }
    }
  }
  for (const m of inputs.members.values()) netFromGross(m);
  return inputs;
}

/**
 * Turns `salaire_de_base` into the net salary of the same month; a
 * `salaire_net` given for that month wins, as in OpenFisca where an input
 * replaces the formula. Refused, naming it, when the conversion would be a
 * guess: another category of employee, or a salary above the plafond.
 */
function netFromGross(m: MutableMember): void {
  const months = Object.keys(m.grossSalary);
  if (months.length === 0) return;
  if (m.otherSalaryCategory !== undefined) {
    throw new OpenFiscaSituationError(
      "unsupported_value",
      m.otherSalaryCategory.path,
      `Le salaire brut (salaire_de_base) de ${m.id} ne peut être converti en net que pour un salarié du privé non cadre : catégorie « ${m.otherSalaryCategory.value} » non prise en charge. Indiquez le salaire net (salaire_net).`,
    );
  }
  for (const month of months) {
    const gross = m.grossSalary[month] as number;
    const resources = m.resources[month] ?? {};
    if (resources.salaireNet !== undefined) continue;
    const net = netSalaryFromGross(gross, `${month}-01`);
    if (net === undefined) {
      throw new OpenFiscaSituationError(
        "unsupported_value",
        `individus.${m.id}.salaire_de_base.${month}`,
        `Le salaire brut de ${m.id} en ${month} dépasse le plafond mensuel de la sécurité sociale (${plafondOn(`${month}-01`)} €) : ce simulateur ne sait pas le convertir en net. Indiquez le salaire net (salaire_net).`,
      );
    }
    resources.salaireNet = net;
    m.resources[month] = resources;
  }
}

function readInput(
  inputs: SituationInputs,
  entity: Entity,
  id: string,
  name: string,
  period: string,
  value: unknown,
  path: string,
): void {
  if (entity === "individus") {
    const m = inputs.members.get(id) as MutableMember;
    const field = RESOURCE_FIELD[name];
    if (field !== undefined || name === "salaire_de_base") {
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
      if (field === undefined) {
        for (const month of months) m.grossSalary[month] = share;
        return;
      }
      for (const month of months) {
        const r = m.resources[month] ?? {};
        r[field] = share;
        m.resources[month] = r;
      }
      return;
    }
    switch (name) {
      case "date_naissance":
        if (typeof value !== "string" || !isRealBirthDate(value))
          throw new OpenFiscaSituationError(
            "invalid_situation",
            path,
            `Date de naissance invalide pour ${id}.`,
          );
        m.birthDate = value;
        return;
      case "activite":
        m.activity = activity(value, path);
        return;
      case "categorie_salarie":
        if (value !== "prive_non_cadre") m.otherSalaryCategory = { value: String(value), path };
        return;
      case "garde_alternee":
      case "invalidite":
        if (value === true) throw unsupportedFlag(name, path);
        return;
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
      case "scolarite": {
        const school = scolarite(value, path);
        if (school === undefined) return;
        const kind = periodKind(period);
        const months =
          kind === "year"
            ? Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, "0")}`)
            : [kind === "month" ? period : "ETERNITY"];
        for (const month of months) m.schooling[month] = school;
        return;
      }
      default: {
        // salaire_imposable, chomage_imposable, retraite_imposable: monthly variables in
        // OpenFisca-France (a year is spread over its months); this engine reads the yearly
        // taxable income, so a month adds to its year and a year is taken whole.
        const kind = periodKind(period);
        if (kind !== "year" && kind !== "month")
          throw new OpenFiscaSituationError(
            "malformed_period",
            path,
            `La variable ${name} se donne par mois (AAAA-MM) ou par année (AAAA) : période « ${period} » refusée.`,
          );
        const year = period.slice(0, 4);
        m.taxableIncome[year] = (m.taxableIncome[year] ?? 0) + euroToCents(value, path);
        return;
      }
    }
  }
  if (entity === "familles") {
    const f = inputs.familyVars.get(id) ?? { isolatedMonths: [], housingBenefit: {} };
    inputs.familyVars.set(id, f);
    if (name === "rsa_isolement_recent" && value === true) f.isolatedMonths.push(period);
    if (name === "aide_logement") f.housingBenefit[period] = euroToCents(value, path);
    return;
  }
  if (entity === "foyers_fiscaux") {
    const r = inputs.foyerRfr.get(id) ?? {};
    r[period] = euroToCents(value, path);
    inputs.foyerRfr.set(id, r);
    return;
  }
  const menage = inputs.menageVars.get(id) ?? { rent: {} };
  inputs.menageVars.set(id, menage);
  if (name === "statut_occupation_logement") {
    const status = housingStatus(value, path);
    if (status !== undefined) menage.status = status;
    if (value === "locataire_hlm") menage.conventionne ??= true;
    if (value === "locataire_meuble") menage.furnished = true;
    if (value === "locataire_foyer") menage.foyer = true;
  } else if (name === "loyer") menage.rent[period] = euroToCents(value, path);
  else if (name === "depcom") menage.depcom = String(value);
  else if (name === "zone_apl") menage.zone = zoneApl(value, path);
  else if (name === "coloc") menage.shared = value === true;
  else if (name === "logement_chambre") menage.room = value === true;
  else if (name === "logement_conventionne") menage.conventionne = value === true;
}

function unsupportedFlag(name: string, path: string): OpenFiscaSituationError {
  const why =
    name === "garde_alternee"
      ? "la garde alternée partage les allocations familiales entre les deux parents (art. R521-2 CSS), ce que ce simulateur ne calcule pas"
      : "ce simulateur n'en calcule pas les effets ; pour l'AAH, indiquez le taux d'incapacité (taux_incapacite)";
  return new OpenFiscaSituationError(
    "unsupported_value",
    path,
    `La variable « ${name} » à vrai (${path}) n'est pas prise en charge : ${why}.`,
  );
}

/** A calendar date that exists (no 30 February), from 1900 on. */
function isRealBirthDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
