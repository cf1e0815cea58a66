import { splitFields } from "./csv.ts";
import {
  type Activity,
  BENEFITS,
  type BenefitId,
  type Household,
  type HousingStatus,
  type Member,
  type MonthlyResources,
} from "./household.ts";
import { isIsoDate, parseMonth } from "./period.ts";

/**
 * Reading one row of a population file (format in BATCH.md) into a household.
 * Written for speed: a million-row file goes through here.
 */

export const BATCH_COLUMNS = [
  "id",
  "depcom",
  "logement",
  "loyer",
  "aide_logement",
  "isole_depuis",
  "enfants_naissances",
  "pensions_alimentaires",
  "rfr_n2",
  "prestations_percues",
  ...(["demandeur", "conjoint"] as const).flatMap((who) => [
    `${who}_naissance`,
    `${who}_activite`,
    `${who}_salaire_m3`,
    `${who}_salaire_m2`,
    `${who}_salaire_m1`,
    `${who}_salaire_m`,
    `${who}_chomage`,
    `${who}_retraite`,
    `${who}_retraite_brute`,
    `${who}_incapacite`,
    `${who}_rsdae`,
    `${who}_revenus_n2`,
  ]),
] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];
const REQUIRED: readonly BatchColumn[] = ["id", "depcom", "demandeur_naissance"];

export class BatchHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BatchHeaderError";
  }
}

export class RowError extends Error {}

const BENEFIT_SET: ReadonlySet<string> = new Set(BENEFITS);

export function readHeader(names: readonly string[]): Int32Array {
  const index = new Int32Array(BATCH_COLUMNS.length).fill(-1);
  names.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const k = (BATCH_COLUMNS as readonly string[]).indexOf(name);
    if (k === -1)
      throw new BatchHeaderError(
        `Colonne inconnue « ${raw} » (colonne ${i + 1}) : voir BATCH.md pour les colonnes attendues.`,
      );
    index[k] = i;
  });
  for (const r of REQUIRED) {
    if (index[(BATCH_COLUMNS as readonly string[]).indexOf(r)] === -1)
      throw new BatchHeaderError(`Colonne obligatoire absente : « ${r} ».`);
  }
  return index;
}

/** Column positions in BATCH_COLUMNS, by name: the hot path reads fields by number. */
export const C = Object.fromEntries(BATCH_COLUMNS.map((c, i) => [c, i])) as Record<
  BatchColumn,
  number
>;

/**
 * One row, read in place: the separators' positions are found once, and a
 * field becomes a string only when asked for (most are empty or numbers,
 * parsed straight from the line). Quoted lines go through `splitFields`.
 * One Row serves every line of a file (`reset`): nothing is allocated per line.
 */
export class Row {
  private readonly starts = new Int32Array(256);
  private readonly ends = new Int32Array(256);
  private text = "";
  private fields: readonly string[] | undefined;
  private count = 0;

  constructor(
    private readonly separator: string,
    private readonly columns: Int32Array,
  ) {}

  /** Reads a new line into this row. */
  reset(text: string): this {
    this.text = text;
    if (text.indexOf('"') !== -1) {
      this.fields = splitFields(text, this.separator);
      this.count = this.fields.length;
      return this;
    }
    this.fields = undefined;
    const sep = this.separator;
    const starts = this.starts;
    const ends = this.ends;
    let n = 0;
    let start = 0;
    while (n < 256) {
      const k = text.indexOf(sep, start);
      starts[n] = start;
      if (k === -1) {
        ends[n] = text.length;
        n++;
        break;
      }
      ends[n] = k;
      n++;
      start = k + 1;
    }
    this.count = n;
    return this;
  }

  /** Field bounds set by `locate`: -1 when absent or empty, -2 for a quoted line (then `b` is the field index). */
  private a = -1;
  private b = -1;

  private locate(column: number | undefined): void {
    this.a = -1;
    if (column === undefined) return;
    const i = this.columns[column] as number;
    if (i === -1 || i >= this.count) return;
    if (this.fields !== undefined) {
      this.a = -2;
      this.b = i;
      return;
    }
    let a = this.starts[i] as number;
    let b = this.ends[i] as number;
    while (a < b && this.text.charCodeAt(a) === 32) a++;
    while (b > a && this.text.charCodeAt(b - 1) === 32) b--;
    if (a === b) return;
    this.a = a;
    this.b = b;
  }

  get(column: number | undefined): string {
    this.locate(column);
    if (this.a === -1) return "";
    if (this.a === -2) return (this.fields?.[this.b] ?? "").trim();
    return this.text.slice(this.a, this.b);
  }

  /**
   * A list of benefit ids ("af|rsa"), read in place, as a bit mask over
   * BENEFITS: 0 when empty, −1 when the cell is quoted or holds anything else
   * (the caller then reads it as a string, and reports what is wrong).
   */
  benefitMask(column: number | undefined): number {
    this.locate(column);
    if (this.a === -1) return 0;
    if (this.a === -2) return -1;
    const text = this.text;
    const end = this.b;
    let mask = 0;
    let from = this.a;
    for (;;) {
      let to = text.indexOf("|", from);
      const next = to === -1 || to > end ? end : to;
      to = next;
      let a = from;
      while (a < to && text.charCodeAt(a) === 32) a++;
      while (to > a && text.charCodeAt(to - 1) === 32) to--;
      const k = benefitAt(text, a, to - a);
      if (k === -1) return -1;
      mask |= 1 << k;
      if (next === end) return mask;
      from = next + 1;
    }
  }

  required(column: number | undefined, name: string): string {
    const v = this.get(column);
    if (v === "") throw new RowError(`la colonne « ${name} » est vide`);
    return v;
  }

  /** Euros ("1234,56" or "1234.56") to cents; empty is undefined. */
  cents(column: number | undefined): number | undefined {
    this.locate(column);
    if (this.a === -1) return undefined;
    if (this.a >= 0) {
      const fast = parseEuros(this.text, this.a, this.b);
      if (fast >= 0) return fast;
    }
    const v = this.get(column);
    if (v === "") return undefined;
    const n = Number(v.includes(",") ? v.replace(",", ".") : v);
    if (!Number.isFinite(n) || n < 0)
      throw new RowError(`montant invalide « ${v} » dans « ${BATCH_COLUMNS[column as number]} »`);
    return Math.round(n * 100);
  }
}

/**
 * "1234", "1234,5", "1234.56" → cents, by hand (most amounts of a file look
 * like this); −1 when the text has another shape, left to Number().
 */
function parseEuros(v: string, from: number, n: number): number {
  let units = 0;
  let i = from;
  if (n === from || n - from > 12) return -1;
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) units = units * 10 + (c - 48);
    else break;
  }
  if (i === from) return -1;
  if (i === n) return units * 100;
  const sep = v.charCodeAt(i);
  if ((sep !== 44 && sep !== 46) || i + 1 === n || n - i - 1 > 2) return -1;
  let cents = 0;
  let digits = 0;
  for (i++; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    cents = cents * 10 + (c - 48);
    digits++;
  }
  return units * 100 + (digits === 1 ? cents * 10 : cents);
}

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

/** Rank in BENEFITS of the benefit id written at text[from, from + length), or −1. */
function benefitAt(text: string, from: number, length: number): number {
  for (let k = 0; k < BENEFITS.length; k++) {
    const b = BENEFITS[k] as string;
    if (b.length === length && text.startsWith(b, from)) return k;
  }
  return -1;
}

/** The benefits of each bit mask over BENEFITS, in BENEFITS order (frozen, shared). */
const BY_MASK: readonly (readonly BenefitId[])[] = Array.from(
  { length: 1 << BENEFITS.length },
  (_, mask) => Object.freeze(BENEFITS.filter((_, k) => (mask & (1 << k)) !== 0)),
);

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
    }
  }
  const mask = row.benefitMask(C.prestations_percues);
  const received =
    mask >= 0
      ? (BY_MASK[mask] as readonly BenefitId[])
      : benefitsReceived(row.get(C.prestations_percues));
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
