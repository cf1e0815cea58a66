import { z } from "zod";
import type { simulate } from "./engine.ts";
import type { TraceStep } from "./explain.ts";
import type { Activity, HousingStatus, MonthlyResources, Schooling } from "./household.ts";
import { isMonthKey } from "./period.ts";

/**
 * The OpenFisca situation format as this engine reads it: the variables it
 * knows (entity, period, input or output), the typed error, the zod schema,
 * and the small readers of periods and values.
 */

export type OpenFiscaErrorCode =
  | "unknown_variable"
  | "malformed_period"
  | "invalid_situation"
  /** A value outside the variable's OpenFisca enumeration. */
  | "unknown_value"
  /** A legal value this engine cannot compute soundly (refused rather than ignored). */
  | "unsupported_value";

export class OpenFiscaSituationError extends Error {
  constructor(
    readonly code: OpenFiscaErrorCode,
    /** Where in the situation: "individus.parent1.salaire_net". */
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "OpenFiscaSituationError";
  }
}

export type Entity = "individus" | "familles" | "foyers_fiscaux" | "menages";
export type PeriodKind = "month" | "year" | "eternity";

export interface VariableSpec {
  readonly entity: Entity;
  readonly period: PeriodKind;
  readonly output?: true;
  /** An output that may also be given as an input (then it is read as a fact). */
  readonly alsoInput?: true;
}

/** Variables the engine reads or computes, with their OpenFisca entity and period. */
export const KNOWN_VARIABLES: Readonly<Record<string, VariableSpec>> = {
  date_naissance: { entity: "individus", period: "eternity" },
  salaire_net: { entity: "individus", period: "month" },
  // Gross salary, converted to net (gross-to-net.ts); refused when it cannot be.
  salaire_de_base: { entity: "individus", period: "month" },
  categorie_salarie: { entity: "individus", period: "month" },
  // Accepted when false; true changes the AF and ASPA in ways this engine does not model: refused.
  garde_alternee: { entity: "individus", period: "month" },
  invalidite: { entity: "individus", period: "month" },
  chomage_net: { entity: "individus", period: "month" },
  retraite_nette: { entity: "individus", period: "month" },
  retraite_brute: { entity: "individus", period: "month" },
  pensions_alimentaires_percues: { entity: "individus", period: "month" },
  // Invalidity pension (OpenFisca-France's own input): opens the ASI, caps the AAH.
  pensions_invalidite: { entity: "individus", period: "month" },
  activite: { entity: "individus", period: "month" },
  handicap: { entity: "individus", period: "month" },
  taux_incapacite: { entity: "individus", period: "month" },
  aah_restriction_substantielle_durable_acces_emploi: { entity: "individus", period: "month" },
  enceinte: { entity: "individus", period: "month" },
  // OpenFisca's TypesScolarite: college and lycee open the bourses (monthly, a year is dispatched).
  scolarite: { entity: "individus", period: "month" },
  // Monthly in OpenFisca-France; a yearly value is accepted too (see openfisca-inputs.ts).
  salaire_imposable: { entity: "individus", period: "month" },
  chomage_imposable: { entity: "individus", period: "month" },
  retraite_imposable: { entity: "individus", period: "month" },
  rsa_isolement_recent: { entity: "familles", period: "month" },
  // Computed when asked (null); a value given is read as the housing benefit received.
  aide_logement: { entity: "familles", period: "month", output: true, alsoInput: true },
  rfr: { entity: "foyers_fiscaux", period: "year" },
  statut_occupation_logement: { entity: "menages", period: "month" },
  loyer: { entity: "menages", period: "month" },
  depcom: { entity: "menages", period: "month" },
  zone_apl: { entity: "menages", period: "month" },
  coloc: { entity: "menages", period: "month" },
  logement_chambre: { entity: "menages", period: "month" },
  logement_conventionne: { entity: "menages", period: "month" },
  // Outputs.
  rsa: { entity: "familles", period: "month", output: true },
  ppa: { entity: "familles", period: "month", output: true },
  af: { entity: "familles", period: "month", output: true },
  ars: { entity: "familles", period: "year", output: true },
  aspa: { entity: "familles", period: "month", output: true },
  cmu_c: { entity: "familles", period: "month", output: true },
  css_participation_forfaitaire: { entity: "familles", period: "month", output: true },
  aah: { entity: "individus", period: "month", output: true },
  // Allocation supplémentaire d'invalidité: individual, as in OpenFisca-France.
  asi: { entity: "individus", period: "month", output: true },
  cheque_energie: { entity: "menages", period: "year", output: true },
  asf: { entity: "familles", period: "month", output: true },
  cf: { entity: "familles", period: "month", output: true },
  paje_base: { entity: "familles", period: "month", output: true },
  // Prime à la naissance: in the month two months before the birth (the 7th month), as OpenFisca.
  paje_naissance: { entity: "familles", period: "month", output: true },
  // Prime de Noël: a yearly variable of the famille, as in OpenFisca-France.
  aefa: { entity: "familles", period: "year", output: true },
  // The aide au logement under its three names: the amount goes to the one that applies.
  apl: { entity: "familles", period: "month", output: true },
  als: { entity: "familles", period: "month", output: true },
  alf: { entity: "familles", period: "month", output: true },
  // Yearly amounts of the school year, computed for a month (definition_period MONTH in
  // OpenFisca-France, model/prestations/education.py): a year period is refused.
  bourse_college: { entity: "familles", period: "month", output: true },
  bourse_lycee: { entity: "familles", period: "month", output: true },
};

/** OpenFisca's `scolarite` values and what the engine reads from them (undefined: unknown). */
export const SCOLARITE: Readonly<Record<string, Schooling | null>> = {
  inconnue: null,
  maternelle: "autre",
  primaire: "autre",
  college: "college",
  lycee: "lycee",
  enseignement_superieur: "autre",
  grande_ecole_du_numerique: "autre",
};

/** OpenFisca's `scolarite`; a value outside its enumeration is refused, naming it. */
export function scolarite(value: unknown, path: string): Schooling | undefined {
  const found = SCOLARITE[String(value)];
  if (found === undefined) throw unknownValue(value, path, Object.keys(SCOLARITE));
  return found ?? undefined;
}

/** Common OpenFisca inputs that do not change this engine's results: accepted and reported. */
export const IGNORED_VARIABLES: ReadonlySet<string> = new Set([
  "statut_marital",
  "contrat_de_travail",
  "contrat_de_travail_type",
  "rempli_obligation_scolaire",
  "depcom_foyer",
  "effectif_entreprise",
  "depcom_entreprise",
  "heures_remunerees_volume",
]);

export const ROLE_KEYS: Readonly<Record<Entity, readonly string[]>> = {
  individus: [],
  familles: ["parents", "enfants"],
  foyers_fiscaux: ["declarants", "personnes_a_charge"],
  menages: ["personne_de_reference", "conjoint", "enfants", "autres"],
};

const EntityMap = z.record(z.string(), z.record(z.string(), z.unknown()));
export const OpenFiscaSituationSchema = z.strictObject({
  individus: EntityMap,
  familles: EntityMap.optional(),
  foyers_fiscaux: EntityMap.optional(),
  menages: EntityMap.optional(),
});
export type OpenFiscaSituation = z.infer<typeof OpenFiscaSituationSchema>;

export interface OpenFiscaExplanation {
  readonly entity: Entity;
  readonly id: string;
  readonly variable: string;
  readonly period: string;
  readonly eligible: boolean;
  readonly reason?: string;
  readonly steps: readonly TraceStep[];
}

export interface OpenFiscaResponse {
  readonly situation: OpenFiscaSituation;
  readonly explanations: readonly OpenFiscaExplanation[];
  readonly warnings: readonly string[];
  readonly notCovered: ReturnType<typeof simulate>["notCovered"];
}

/** A null value asks for a computation. */
export function requestsSomething(raw: unknown): boolean {
  if (raw === null) return true;
  return (
    typeof raw === "object" &&
    !Array.isArray(raw) &&
    Object.values(raw as object).some((v) => v === null)
  );
}

/**
 * OpenFisca-France variables this engine knows but does not compute, with the reason said in
 * the refusal (engine.ts NOT_COVERED says the same on the results pages).
 */
export const NOT_COMPUTED_VARIABLES: Readonly<Record<string, string>> = {
  asi: "la situation ne décrit pas de pension d'invalidité",
};

export function notComputable(name: string, path: string): OpenFiscaSituationError {
  return new OpenFiscaSituationError(
    "unknown_variable",
    path,
    `La variable « ${name} » ne peut pas être calculée par ce simulateur (elle n'est lue qu'en entrée).`,
  );
}

export function periodKind(period: string): PeriodKind | undefined {
  if (period === "ETERNITY" || period === "eternity") return "eternity";
  if (/^\d{4}$/.test(period)) return "year";
  if (isMonthKey(period)) return "month";
  return undefined;
}

export const asArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : [];

/** Reads a variable's values as [period, value] pairs; a bare value applies to every period. */
export function entries(raw: unknown, path: string, spec: VariableSpec): [string, unknown][] {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    if (spec.output) {
      throw new OpenFiscaSituationError(
        "malformed_period",
        path,
        `La variable ${path} doit être demandée par période, par exemple { "2025-06": null }.`,
      );
    }
    return [["ETERNITY", raw]];
  }
  const out: [string, unknown][] = [];
  for (const [period, value] of Object.entries(raw)) {
    const kind = periodKind(period);
    if (kind === undefined) {
      throw new OpenFiscaSituationError(
        "malformed_period",
        `${path}.${period}`,
        `Période mal formée « ${period} » pour ${path} : attendu AAAA-MM, AAAA ou ETERNITY.`,
      );
    }
    if (spec.output && kind === "eternity") {
      throw new OpenFiscaSituationError(
        "malformed_period",
        `${path}.${period}`,
        `La variable ${path} se calcule par ${spec.period === "year" ? "année" : "mois"}, pas pour ETERNITY.`,
      );
    }
    if (spec.output && spec.period === "year" && kind === "month") {
      throw new OpenFiscaSituationError(
        "malformed_period",
        `${path}.${period}`,
        `La variable ${path} est annuelle : période « ${period} » refusée, attendu AAAA.`,
      );
    }
    out.push([period, value]);
  }
  return out;
}

export const euroToCents = (v: unknown, path: string): number => {
  // A number, or a number written as text ("1118.92"); never a boolean or an empty text.
  const n =
    typeof v === "number"
      ? v
      : typeof v === "string" && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(v)
        ? Number(v.replace(",", "."))
        : Number.NaN;
  if (!Number.isFinite(n))
    throw new OpenFiscaSituationError("invalid_situation", path, `Montant invalide pour ${path}.`);
  return Math.round(n * 100);
};

export const ACTIVITY: Readonly<Record<string, Activity>> = {
  actif: "salarie",
  chomeur: "chomeur",
  etudiant: "etudiant",
  retraite: "retraite",
  inactif: "inactif",
};

/** OpenFisca's `activite`; a value outside its enumeration is refused, naming it. */
export function activity(value: unknown, path: string): Activity {
  const found = ACTIVITY[String(value)];
  if (found === undefined) throw unknownValue(value, path, Object.keys(ACTIVITY));
  return found;
}

const HOUSING: Readonly<Record<string, HousingStatus | null>> = {
  // OpenFisca's default: the engine's own default (locataire) applies.
  non_renseigne: null,
  primo_accedant: "accedant",
  proprietaire: "proprietaire",
  locataire_hlm: "locataire",
  locataire_vide: "locataire",
  locataire_meuble: "locataire",
  locataire_foyer: "locataire",
  loge_gratuitement: "heberge_gratuitement",
  sans_domicile: "sans_domicile",
};

/** OpenFisca's `zone_apl`; undefined for non_renseigne (the commune decides); unknown refused. */
export function zoneApl(value: unknown, path: string): 1 | 2 | 3 | undefined {
  const zones: Record<string, 1 | 2 | 3 | null> = {
    non_renseigne: null,
    zone_1: 1,
    zone_2: 2,
    zone_3: 3,
  };
  const found = zones[String(value)];
  if (found === undefined) throw unknownValue(value, path, Object.keys(zones));
  return found ?? undefined;
}

/** OpenFisca's `statut_occupation_logement`; undefined for non_renseigne; unknown values refused. */
export function housingStatus(value: unknown, path: string): HousingStatus | undefined {
  const found = HOUSING[String(value)];
  if (found === undefined) throw unknownValue(value, path, Object.keys(HOUSING));
  return found ?? undefined;
}

function unknownValue(value: unknown, path: string, allowed: readonly string[]) {
  return new OpenFiscaSituationError(
    "unknown_value",
    path,
    `Valeur inconnue « ${String(value)} » pour ${path} : valeurs possibles ${allowed.join(", ")}.`,
  );
}

export interface MutableMember {
  id: string;
  birthDate?: string;
  activity?: Activity;
  pregnant?: boolean;
  disabilityRate?: number;
  rsdae?: boolean;
  resources: Record<string, Record<string, number>>;
  taxableIncome: Record<string, number>;
  /** OpenFisca's `salaire_de_base` (gross) by month, in cents, converted after reading. */
  grossSalary: Record<string, number>;
  /** OpenFisca's `scolarite` by month ("YYYY-MM"), or for every month ("ETERNITY"). */
  schooling: Record<string, Schooling>;
  /** A `categorie_salarie` other than prive_non_cadre, with its path. */
  otherSalaryCategory?: { value: string; path: string };
}

export const RESOURCE_FIELD: Readonly<Record<string, keyof MonthlyResources>> = {
  salaire_net: "salaireNet",
  chomage_net: "chomageNet",
  retraite_nette: "retraiteNette",
  retraite_brute: "retraiteBrute",
  pensions_alimentaires_percues: "pensionsAlimentaires",
  pensions_invalidite: "pensionInvalidite",
};

export interface Request {
  entity: Entity;
  id: string;
  variable: string;
  period: string;
}
