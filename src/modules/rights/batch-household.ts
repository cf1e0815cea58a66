/**
 * One row of a population file turned into the engine's household: each cell
 * checked, members built with one object shape. Written for speed, like the row reader.
 */

import { type BatchColumn, C } from "./batch-columns.ts";
import { type Row, RowError } from "./batch-row.ts";
import {
  type Activity,
  BENEFITS,
  type BenefitId,
  type Household,
  type HousingStatus,
  type Member,
  type MonthlyResources,
  type Schooling,
} from "./household.ts";
import { isIsoDate, parseMonth } from "./period.ts";

const BENEFIT_SET: ReadonlySet<string> = new Set(BENEFITS);

const CHILD_IDS = Array.from({ length: 12 }, (_, i) => `enfant${i + 1}`);

/** A commune INSEE code: five digits, or 2A/2B and three digits (Corsica). */
function isDepcom(v: string): boolean {
  if (v.length !== 5) return false;
  for (let i = 0; i < 5; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (i === 1 && v.charCodeAt(0) === 50 && (c === 65 || c === 66)) continue;
    return false;
  }
  return true;
}

/** The housing status as the engine's own constant string, or undefined when unknown. */
function housingStatus(v: string): HousingStatus | undefined {
  switch (v) {
    case "":
    case "locataire":
      return "locataire";
    case "proprietaire":
      return "proprietaire";
    case "accedant":
      return "accedant";
    case "heberge_gratuitement":
      return "heberge_gratuitement";
    case "sans_domicile":
      return "sans_domicile";
    default:
      return undefined;
  }
}

/** The activity as the engine's own constant string, or undefined when unknown. */
function activityOf(v: string): Activity | undefined {
  switch (v) {
    case "salarie":
      return "salarie";
    case "independant":
      return "independant";
    case "chomeur":
      return "chomeur";
    case "etudiant":
      return "etudiant";
    case "retraite":
      return "retraite";
    case "inactif":
      return "inactif";
    default:
      return undefined;
  }
}

/**
 * The benefits of a bit mask over BENEFITS, in BENEFITS order (frozen, shared), built the first
 * time a mask is met: a file repeats a few masks, and a table of all 2^15 of them made the
 * batch's garbage collection slower and its peak heap twice as high (measured over 300,000
 * rows: about −10 % households per CPU-second, peak heap 70 → 150 MB).
 */
const byMask: (readonly BenefitId[] | undefined)[] = [];
function benefitsOfMask(mask: number): readonly BenefitId[] {
  let list = byMask[mask];
  if (list === undefined) {
    list = Object.freeze(BENEFITS.filter((_, k) => (mask & (1 << k)) !== 0));
    byMask[mask] = list;
  }
  return list;
}

/**
 * The benefits of a `prestations_percues` cell. A file repeats the same few
 * lists: each distinct list is read once and its (frozen) array shared.
 */
const receivedLists = new Map<string, readonly BenefitId[]>();
const NO_BENEFITS: readonly BenefitId[] = Object.freeze([]);
function benefitsReceived(list: string): readonly BenefitId[] {
  if (list === "") return NO_BENEFITS;
  const known = receivedLists.get(list);
  if (known !== undefined) return known;
  const received: BenefitId[] = [];
  for (const raw of list.split("|")) {
    const b = raw.trim();
    if (!BENEFIT_SET.has(b))
      throw new RowError(`prestation inconnue « ${b} » dans « prestations_percues »`);
    received.push(BENEFITS[BENEFITS.indexOf(b as BenefitId)] as BenefitId);
  }
  Object.freeze(received);
  if (receivedLists.size < 4096) receivedLists.set(list, received);
  return received;
}

/**
 * Every member and household the reader builds has all its properties, in the
 * same order (absent ones are undefined, which the engine reads as absent): the
 * engine's formulas then see one object shape, not one per combination of
 * filled columns.
 */
interface MutableMember {
  id: string;
  role: "demandeur" | "conjoint" | "enfant";
  birthDate: string;
  activity: Activity | undefined;
  pregnant: undefined;
  disabilityRate: number | undefined;
  rsdae: boolean | undefined;
  resources: Record<string, MonthlyResources> | undefined;
  taxableIncome: Record<string, number> | undefined;
  schooling: Schooling | undefined;
}

function newMember(
  id: string,
  role: MutableMember["role"],
  birthDate: string,
  resources: Record<string, MonthlyResources> | undefined,
): MutableMember {
  return {
    id,
    role,
    birthDate,
    activity: undefined,
    pregnant: undefined,
    disabilityRate: undefined,
    rsdae: undefined,
    resources,
    taxableIncome: undefined,
    schooling: undefined,
  };
}

export function toHousehold(
  row: Row,
  keys: readonly [string, string, string, string],
  yearN2: string,
): Household {
  const depcom = row.required(C.depcom, "depcom");
  if (!isDepcom(depcom)) throw new RowError(`code commune invalide « ${depcom} »`);
  const housingText = row.get(C.logement);
  const housing = housingStatus(housingText);
  if (housing === undefined) throw new RowError(`logement inconnu « ${housingText} »`);
  const members: Member[] = [adult(row, "demandeur", keys, yearN2)];
  if (row.get(C.conjoint_naissance) !== "") members.push(adult(row, "conjoint", keys, yearN2));
  const children = row.get(C.enfants_naissances);
  if (children !== "") {
    let n = 0;
    let from = 0;
    for (;;) {
      const bar = children.indexOf("|", from);
      const birthDate = (bar === -1 ? children.slice(from) : children.slice(from, bar)).trim();
      if (!isIsoDate(birthDate))
        throw new RowError(`date de naissance d'enfant invalide « ${birthDate} »`);
      members.push(newMember(CHILD_IDS[n] ?? `enfant${n + 1}`, "enfant", birthDate, undefined));
      n++;
      if (bar === -1) break;
      from = bar + 1;
    }
  }
  const schooling = row.get(C.enfants_scolarite);
  if (schooling !== "") readSchooling(schooling, members);
  const maintenance = row.cents(C.pensions_alimentaires);
  if (maintenance !== undefined && maintenance > 0) {
    const demandeur = members[0] as MutableMember;
    const resources = demandeur.resources as Record<string, MonthlyResources>;
    for (const k of keys) {
      const r = resources[k];
      if (r !== undefined)
        resources[k] = {
          salaireNet: r.salaireNet,
          chomageNet: r.chomageNet,
          retraiteNette: r.retraiteNette,
          retraiteBrute: r.retraiteBrute,
          pensionsAlimentaires: maintenance,
        };
      if (r?.pensionInvalidite !== undefined)
        resources[k] = {
          ...(resources[k] as MonthlyResources),
          pensionInvalidite: r.pensionInvalidite,
        };
    }
  }
  const mask = row.benefitMask(C.prestations_percues);
  const received =
    mask >= 0 ? benefitsOfMask(mask) : benefitsReceived(row.get(C.prestations_percues));
  const isolatedSince = row.get(C.isole_depuis);
  if (isolatedSince !== "" && parseMonth(isolatedSince) === undefined)
    throw new RowError(`mois invalide « ${isolatedSince} » dans « isole_depuis »`);
  const rfr = row.cents(C.rfr_n2);
  return {
    depcom,
    members,
    housing: {
      status: housing,
      rent: row.cents(C.loyer) ?? 0,
      housingBenefit: row.cents(C.aide_logement) ?? 0,
    },
    isolatedSince: isolatedSince === "" ? undefined : isolatedSince,
    benefitsReceived: received,
    rfr: rfr === undefined ? undefined : { [yearN2]: rfr },
  };
}

const ADULT_COLUMNS = {
  demandeur: adultColumns("demandeur"),
  conjoint: adultColumns("conjoint"),
};
function adultColumns(who: "demandeur" | "conjoint") {
  const c = (suffix: string): number => C[`${who}_${suffix}` as BatchColumn] as number;
  return {
    naissanceName: `${who}_naissance`,
    activiteName: `${who}_activite`,
    naissance: c("naissance"),
    activite: c("activite"),
    salaires: [c("salaire_m3"), c("salaire_m2"), c("salaire_m1"), c("salaire_m")] as const,
    chomage: c("chomage"),
    retraite: c("retraite"),
    retraiteBrute: c("retraite_brute"),
    incapacite: c("incapacite"),
    rsdae: c("rsdae"),
    revenusN2: c("revenus_n2"),
    pensionInvalidite: c("pension_invalidite"),
  };
}

function adult(
  row: Row,
  who: "demandeur" | "conjoint",
  keys: readonly [string, string, string, string],
  yearN2: string,
): Member {
  const col = ADULT_COLUMNS[who];
  const birthDate = row.required(col.naissance, col.naissanceName);
  if (!isIsoDate(birthDate))
    throw new RowError(`date de naissance invalide « ${birthDate} » dans « ${col.naissanceName} »`);
  const resources: Record<string, MonthlyResources> = {};
  const member = newMember(who, who, birthDate, resources);
  const activity = row.get(col.activite);
  if (activity !== "") {
    member.activity = activityOf(activity);
    if (member.activity === undefined)
      throw new RowError(`activité inconnue « ${activity} » dans « ${col.activiteName} »`);
  }
  const chomage = row.cents(col.chomage);
  const retraite = row.cents(col.retraite);
  const retraiteBrute = row.cents(col.retraiteBrute);
  let previous: MonthlyResources | undefined;
  for (let i = 0; i < 4; i++) {
    const salary = row.cents(col.salaires[i]);
    // Month M is known only when its salary column is filled: the RSA neutralisation reads it.
    if (i === 3 && salary === undefined) break;
    const salaireNet = salary ?? 0;
    // Same figures as the month before: share the (read-only) object.
    if (previous !== undefined && previous.salaireNet === salaireNet) {
      resources[keys[i] as string] = previous;
      continue;
    }
    previous = {
      salaireNet,
      chomageNet: chomage ?? 0,
      retraiteNette: retraite ?? 0,
      retraiteBrute,
      pensionsAlimentaires: undefined,
    };
    resources[keys[i] as string] = previous;
  }
  // The invalidity pension, when the file gives one, is added apart: the rows without one keep
  // the resources objects of the hot path as they were.
  const pensionInvalidite = row.cents(col.pensionInvalidite);
  if (pensionInvalidite !== undefined) addInvalidityPension(resources, pensionInvalidite);
  const rate = row.get(col.incapacite);
  if (rate !== "") {
    const n = Number(rate.replace(",", "."));
    if (!Number.isFinite(n) || n < 0 || n > 100)
      throw new RowError(`taux d'incapacité invalide « ${rate} »`);
    member.disabilityRate = n / 100;
  }
  if (row.get(col.rsdae) === "1") member.rsdae = true;
  const revenusN2 = row.cents(col.revenusN2);
  if (revenusN2 !== undefined) member.taxableIncome = { [yearN2]: revenusN2 };
  return member;
}

function addInvalidityPension(
  resources: Record<string, MonthlyResources>,
  pensionInvalidite: number,
): void {
  for (const key of Object.keys(resources))
    resources[key] = { ...(resources[key] as MonthlyResources), pensionInvalidite };
}

const SCHOOLING: Readonly<Record<string, Schooling | undefined>> = {
  college: "college",
  lycee: "lycee",
  autre: "autre",
  "": undefined,
};

/** `enfants_scolarite`: one value per child, in the order of `enfants_naissances`. */
function readSchooling(text: string, members: Member[]): void {
  const values = text.split("|");
  const children = members.filter((m) => m.role === "enfant") as MutableMember[];
  if (values.length > children.length)
    throw new RowError(
      `enfants_scolarite : ${values.length} valeurs pour ${children.length} enfant(s)`,
    );
  values.forEach((raw, i) => {
    const value = raw.trim().toLowerCase();
    if (!(value in SCHOOLING))
      throw new RowError(`scolarité inconnue « ${raw} » (college, lycee, autre ou vide)`);
    (children[i] as MutableMember).schooling = SCHOOLING[value];
  });
}
