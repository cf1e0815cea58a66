import { CsvSyntaxError, csvField, readLineBatches, splitFields } from "./csv.ts";
import {
  BENEFIT_LABELS,
  InvalidMonth,
  PERIODICITY,
  type Periodicity,
  simulateOutcomes,
} from "./engine.ts";
import type { Outcome } from "./outcome.ts";
import {
  type Activity,
  BENEFITS,
  type BenefitId,
  type Household,
  type HousingStatus,
  type Member,
  type MonthlyResources,
} from "./household.ts";
import { FIRST_MONTH } from "./parameters/resolve.ts";
import { isIsoDate, monthKey, parseMonth, yearOf } from "./period.ts";

/**
 * Non-take-up in batch: reads a population CSV (format in BATCH.md) as a
 * stream, simulates every household for a month without explanations, and
 * yields the households probably entitled to a benefit they do not receive,
 * with the estimated amount. A malformed row is reported with its line number
 * and skipped; only a malformed header stops the run (nothing could be read).
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

class RowError extends Error {}

export interface Finding {
  readonly benefit: BenefitId;
  readonly label: string;
  readonly amountCents: number;
  readonly periodicity: Periodicity;
}

export type BatchItem =
  | {
      readonly kind: "household";
      readonly line: number;
      readonly id: string;
      readonly depcom: string;
      readonly findings: readonly Finding[];
    }
  | { readonly kind: "error"; readonly line: number; readonly message: string };

export interface BatchOptions {
  /** The month simulated, "YYYY-MM". */
  readonly month: string;
  /** Benefits to look for (default: the eight). */
  readonly benefits?: readonly BenefitId[];
  /** Also yield households with no finding (default false). */
  readonly yieldAll?: boolean;
}

const HOUSING: ReadonlySet<string> = new Set([
  "locataire",
  "proprietaire",
  "accedant",
  "heberge_gratuitement",
  "sans_domicile",
]);
const ACTIVITIES: ReadonlySet<string> = new Set([
  "salarie",
  "independant",
  "chomeur",
  "etudiant",
  "retraite",
  "inactif",
]);
const BENEFIT_SET: ReadonlySet<string> = new Set(BENEFITS);

/**
 * The synchronous core of the batch: give it the header line, then each row.
 * `findNonTakeUp` and `runNonTakeUp` feed it from a stream.
 */
export class NonTakeUpScanner {
  private columns: Int32Array | undefined;
  private separator = ";";
  private readonly keys: readonly [string, string, string, string];
  private readonly yearN2: string;
  private readonly wanted: ReadonlySet<BenefitId>;

  constructor(private readonly options: BatchOptions) {
    const month = parseMonth(options.month);
    if (month === undefined || month < (parseMonth(FIRST_MONTH) as number))
      throw new InvalidMonth(options.month);
    this.keys = [monthKey(month - 3), monthKey(month - 2), monthKey(month - 1), monthKey(month)];
    this.yearN2 = String(yearOf(month) - 2);
    this.wanted = new Set(options.benefits ?? BENEFITS);
  }

  get hasHeader(): boolean {
    return this.columns !== undefined;
  }

  /** Reads the header; throws `BatchHeaderError`. */
  header(text: string): void {
    this.separator = text.includes(";") ? ";" : ",";
    this.columns = readHeader(splitFields(text, this.separator));
  }

  /** Parses one row into a household, or an error item naming the line. */
  parse(
    line: number,
    text: string,
  ): { household: Household; id: string } | Extract<BatchItem, { kind: "error" }> {
    const columns = this.columns;
    if (columns === undefined) throw new BatchHeaderError("La ligne d'en-tête manque.");
    try {
      const row = new Row(text, this.separator, columns);
      const id = row.required(C.id, "id");
      return { household: toHousehold(row, this.keys, this.yearN2), id };
    } catch (error) {
      if (error instanceof RowError || error instanceof CsvSyntaxError) {
        return { kind: "error", line, message: `Ligne ${line} ignorée : ${error.message}` };
      }
      throw error;
    }
  }

  /** One row: an error item, a household item, or undefined (blank line, or no finding without `yieldAll`). */
  row(line: number, text: string): BatchItem | undefined {
    if (text.length === 0 || text.trim() === "") return undefined;
    const parsed = this.parse(line, text);
    if ("kind" in parsed) return parsed;
    const { household, id } = parsed;
    const outcomes = simulateOutcomes(household, this.options.month);
    const received = household.benefitsReceived ?? NO_BENEFITS;
    let findings: Finding[] | undefined;
    for (let i = 0; i < BENEFITS.length; i++) {
      const o = outcomes[i] as Outcome;
      const b = BENEFITS[i] as BenefitId;
      if (!o.eligible || received.includes(b) || !this.wanted.has(b)) continue;
      findings ??= [];
      findings.push({
        benefit: b,
        label: BENEFIT_LABELS[b],
        amountCents: o.amount,
        periodicity: PERIODICITY[b],
      });
    }
    if (findings === undefined && !this.options.yieldAll) return undefined;
    return {
      kind: "household",
      line,
      id,
      depcom: household.depcom,
      findings: findings ?? NO_FINDINGS,
    };
  }
}

const NO_BENEFITS: readonly BenefitId[] = [];
const NO_FINDINGS: readonly Finding[] = [];

/** Streams the probable non-take-up of a population file. */
export async function* findNonTakeUp(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: BatchOptions,
): AsyncGenerator<BatchItem> {
  const scanner = new NonTakeUpScanner(options);
  for await (const lines of readLineBatches(source)) {
    for (const { line, text } of lines) {
      if (!scanner.hasHeader) {
        scanner.header(text);
        continue;
      }
      const item = scanner.row(line, text);
      if (item !== undefined) yield item;
    }
  }
  if (!scanner.hasHeader) throw new BatchHeaderError("Fichier vide : la ligne d'en-tête manque.");
}

function readHeader(names: readonly string[]): Int32Array {
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
const C = Object.fromEntries(BATCH_COLUMNS.map((c, i) => [c, i])) as Record<BatchColumn, number>;

/**
 * One row, read in place: the separators' positions are found once, and a
 * field becomes a string only when asked for (most are empty or numbers,
 * parsed straight from the line). Quoted lines go through `splitFields`.
 */
class Row {
  private static readonly starts = new Int32Array(256);
  private static readonly ends = new Int32Array(256);
  private readonly fields: readonly string[] | undefined;
  private readonly count: number;

  constructor(
    private readonly text: string,
    separator: string,
    private readonly columns: Int32Array,
  ) {
    if (text.indexOf('"') !== -1) {
      this.fields = splitFields(text, separator);
      this.count = this.fields.length;
      return;
    }
    this.fields = undefined;
    const sep = separator.charCodeAt(0);
    let n = 0;
    let start = 0;
    const len = text.length;
    for (let k = 0; k <= len && n < 256; k++) {
      if (k === len || text.charCodeAt(k) === sep) {
        Row.starts[n] = start;
        Row.ends[n] = k;
        n++;
        start = k + 1;
      }
    }
    this.count = n;
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
    let a = Row.starts[i] as number;
    let b = Row.ends[i] as number;
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

function toHousehold(
  row: Row,
  keys: readonly [string, string, string, string],
  yearN2: string,
): Household {
  const depcom = row.required(C.depcom, "depcom");
  if (!isDepcom(depcom)) throw new RowError(`code commune invalide « ${depcom} »`);
  const housing = row.get(C.logement) || "locataire";
  if (!HOUSING.has(housing)) throw new RowError(`logement inconnu « ${housing} »`);
  const members: Member[] = [adult(row, "demandeur", keys, yearN2)];
  if (row.get(C.conjoint_naissance) !== "") members.push(adult(row, "conjoint", keys, yearN2));
  const children = row.get(C.enfants_naissances);
  if (children !== "") {
    let n = 0;
    for (const raw of children.split("|")) {
      const birthDate = raw.trim();
      if (!isIsoDate(birthDate))
        throw new RowError(`date de naissance d'enfant invalide « ${birthDate} »`);
      members.push({ id: CHILD_IDS[n] ?? `enfant${n + 1}`, role: "enfant", birthDate });
      n++;
    }
  }
  const maintenance = row.cents(C.pensions_alimentaires);
  if (maintenance !== undefined && maintenance > 0) {
    const demandeur = members[0] as MutableMember;
    for (const k of keys) {
      const r = demandeur.resources[k];
      if (r !== undefined)
        demandeur.resources[k] = {
          salaireNet: r.salaireNet,
          chomageNet: r.chomageNet,
          retraiteNette: r.retraiteNette,
          retraiteBrute: r.retraiteBrute,
          pensionsAlimentaires: maintenance,
        };
    }
  }
  const received: BenefitId[] = [];
  const list = row.get(C.prestations_percues);
  if (list !== "") {
    for (const raw of list.split("|")) {
      const b = raw.trim();
      if (!BENEFIT_SET.has(b))
        throw new RowError(`prestation inconnue « ${b} » dans « prestations_percues »`);
      received.push(b as BenefitId);
    }
  }
  const isolatedSince = row.get(C.isole_depuis);
  if (isolatedSince !== "" && parseMonth(isolatedSince) === undefined)
    throw new RowError(`mois invalide « ${isolatedSince} » dans « isole_depuis »`);
  const rfr = row.cents(C.rfr_n2);
  const household: { -readonly [K in keyof Household]: Household[K] } = {
    depcom,
    members,
    housing: {
      status: housing as HousingStatus,
      rent: row.cents(C.loyer) ?? 0,
      housingBenefit: row.cents(C.aide_logement) ?? 0,
    },
    benefitsReceived: received,
  };
  if (isolatedSince !== "") household.isolatedSince = isolatedSince;
  if (rfr !== undefined) household.rfr = { [yearN2]: rfr };
  return household;
}

const ADULT_COLUMNS = {
  demandeur: adultColumns("demandeur"),
  conjoint: adultColumns("conjoint"),
};
function adultColumns(who: "demandeur" | "conjoint") {
  const c = (suffix: string): number => C[`${who}_${suffix}` as BatchColumn] as number;
  return {
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

interface MutableMember {
  id: string;
  role: "demandeur" | "conjoint";
  birthDate: string;
  activity?: Activity;
  disabilityRate?: number;
  rsdae?: boolean;
  resources: Record<string, MonthlyResources>;
  taxableIncome?: Record<string, number>;
}

function adult(
  row: Row,
  who: "demandeur" | "conjoint",
  keys: readonly [string, string, string, string],
  yearN2: string,
): Member {
  const col = ADULT_COLUMNS[who];
  const birthDate = row.required(col.naissance, `${who}_naissance`);
  if (!isIsoDate(birthDate))
    throw new RowError(`date de naissance invalide « ${birthDate} » dans « ${who}_naissance »`);
  const resources: Record<string, MonthlyResources> = {};
  const member: MutableMember = { id: who, role: who, birthDate, resources };
  const activity = row.get(col.activite);
  if (activity !== "") {
    if (!ACTIVITIES.has(activity))
      throw new RowError(`activité inconnue « ${activity} » dans « ${who}_activite »`);
    member.activity = activity as Activity;
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

// ---- summary by commune × benefit ----

export interface CellSummary {
  households: number;
  totalCents: number;
}

export class NonTakeUpSummary {
  households = 0;
  householdsWithFindings = 0;
  readonly errors: { line: number; message: string }[] = [];
  /** Errors beyond this number are counted, not kept. */
  errorCount = 0;
  readonly byCommune = new Map<string, Map<BenefitId, CellSummary>>();

  constructor(private readonly keepErrors = 1000) {}

  add(item: BatchItem): void {
    if (item.kind === "error") {
      this.errorCount++;
      if (this.errors.length < this.keepErrors)
        this.errors.push({ line: item.line, message: item.message });
      return;
    }
    if (item.findings.length > 0) this.householdsWithFindings++;
    let commune = this.byCommune.get(item.depcom);
    if (commune === undefined) {
      commune = new Map();
      this.byCommune.set(item.depcom, commune);
    }
    for (const f of item.findings) {
      const cell = commune.get(f.benefit) ?? { households: 0, totalCents: 0 };
      cell.households++;
      cell.totalCents += f.amountCents;
      commune.set(f.benefit, cell);
    }
  }

  toJSON(): object {
    const byCommune: Record<string, Record<string, CellSummary>> = {};
    for (const [depcom, m] of [...this.byCommune].sort(([a], [b]) => a.localeCompare(b)))
      byCommune[depcom] = Object.fromEntries(m);
    return {
      householdsWithFindings: this.householdsWithFindings,
      errors: this.errorCount,
      byCommune,
    };
  }

  /** "depcom;prestation;foyers;montant_total_euros;periodicite" lines, header first. */
  toCsv(): string[] {
    const lines = ["depcom;prestation;foyers;montant_total_euros;periodicite"];
    for (const [depcom, m] of [...this.byCommune].sort(([a], [b]) => a.localeCompare(b))) {
      for (const b of BENEFITS) {
        const cell = m.get(b);
        if (cell)
          lines.push(
            `${depcom};${b};${cell.households};${(cell.totalCents / 100).toFixed(2)};${PERIODICITY[b]}`,
          );
      }
    }
    return lines;
  }
}

/** Runs a whole file: every finding or error goes to `onItem` (progress, output file), the summary is returned. */
export async function runNonTakeUp(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: BatchOptions,
  onItem?: (item: BatchItem) => void,
): Promise<NonTakeUpSummary> {
  const summary = new NonTakeUpSummary();
  const scanner = new NonTakeUpScanner({ ...options, yieldAll: true });
  // Lines come in batches (one per chunk read): the rows of a chunk are processed
  // synchronously, without a promise per row.
  for await (const lines of readLineBatches(source)) {
    for (const { line, text } of lines) {
      if (!scanner.hasHeader) {
        scanner.header(text);
        continue;
      }
      const item = scanner.row(line, text);
      if (item === undefined) continue;
      if (item.kind === "household") summary.households++;
      summary.add(item);
      if (onItem && (item.kind === "error" || item.findings.length > 0)) onItem(item);
    }
  }
  if (!scanner.hasHeader) throw new BatchHeaderError("Fichier vide : la ligne d'en-tête manque.");
  return summary;
}

/** The found.csv header and one line per finding. */
export const FINDINGS_HEADER =
  "ligne;id;depcom;prestation;libelle;montant_estime_euros;periodicite";
export function findingLines(item: Extract<BatchItem, { kind: "household" }>): string[] {
  return item.findings.map((f) =>
    [
      String(item.line),
      csvField(item.id),
      item.depcom,
      f.benefit,
      csvField(f.label),
      (f.amountCents / 100).toFixed(2),
      f.periodicity,
    ].join(";"),
  );
}
