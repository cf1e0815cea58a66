import { CsvSyntaxError, csvField, readLines, splitFields } from "./csv.ts";
import { BENEFIT_LABELS, InvalidMonth, PERIODICITY, type Periodicity, simulate } from "./engine.ts";
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

/** Streams the probable non-take-up of a population file. */
export async function* findNonTakeUp(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: BatchOptions,
): AsyncGenerator<BatchItem> {
  const month = parseMonth(options.month);
  if (month === undefined || month < (parseMonth(FIRST_MONTH) as number))
    throw new InvalidMonth(options.month);
  const benefits = options.benefits ?? BENEFITS;
  let columns: Int32Array | undefined;
  let separator = ";";
  const keys = [
    monthKey(month - 3),
    monthKey(month - 2),
    monthKey(month - 1),
    monthKey(month),
  ] as const;
  const yearN2 = String(yearOf(month) - 2);

  for await (const { line, text } of readLines(source)) {
    if (columns === undefined) {
      separator = text.includes(";") ? ";" : ",";
      columns = readHeader(splitFields(text, separator));
      continue;
    }
    if (text.trim() === "") continue;
    let household: Household;
    let id: string;
    try {
      const fields = splitFields(text, separator);
      const row = new Row(fields, columns);
      id = row.required("id");
      household = toHousehold(row, keys, yearN2);
    } catch (error) {
      if (error instanceof RowError || error instanceof CsvSyntaxError) {
        yield { kind: "error", line, message: `Ligne ${line} ignorée : ${error.message}` };
        continue;
      }
      throw error;
    }
    const result = simulate(household, options.month, { explain: false }).results;
    const received = household.benefitsReceived ?? [];
    const findings: Finding[] = [];
    for (const b of benefits) {
      const r = result[b];
      if (!r.eligible || received.includes(b)) continue;
      // CSS: eligible means worth claiming (free, or a participation far below a private policy).
      findings.push({
        benefit: b,
        label: BENEFIT_LABELS[b],
        amountCents: r.amountCents,
        periodicity: PERIODICITY[b],
      });
    }
    if (findings.length > 0 || options.yieldAll)
      yield { kind: "household", line, id, depcom: household.depcom, findings };
  }
  if (columns === undefined)
    throw new BatchHeaderError("Fichier vide : la ligne d'en-tête manque.");
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

const COLUMN_INDEX = new Map<string, number>(BATCH_COLUMNS.map((c, i) => [c, i]));

class Row {
  constructor(
    private readonly fields: readonly string[],
    private readonly columns: Int32Array,
  ) {}
  get(column: BatchColumn): string {
    const i = this.columns[COLUMN_INDEX.get(column) as number] as number;
    return i === -1 ? "" : (this.fields[i] ?? "").trim();
  }
  required(column: BatchColumn): string {
    const v = this.get(column);
    if (v === "") throw new RowError(`la colonne « ${column} » est vide`);
    return v;
  }
  /** Euros ("1234,56" or "1234.56") to cents; empty is undefined. */
  cents(column: BatchColumn): number | undefined {
    const v = this.get(column);
    if (v === "") return undefined;
    const n = Number(v.includes(",") ? v.replace(",", ".") : v);
    if (!Number.isFinite(n) || n < 0)
      throw new RowError(`montant invalide « ${v} » dans « ${column} »`);
    return Math.round(n * 100);
  }
}

function toHousehold(
  row: Row,
  keys: readonly [string, string, string, string],
  yearN2: string,
): Household {
  const depcom = row.required("depcom");
  if (!/^(\d{5}|2[AB]\d{3})$/.test(depcom))
    throw new RowError(`code commune invalide « ${depcom} »`);
  const housing = row.get("logement") || "locataire";
  if (!HOUSING.has(housing)) throw new RowError(`logement inconnu « ${housing} »`);
  const members: Member[] = [adult(row, "demandeur", keys, yearN2)];
  if (row.get("conjoint_naissance") !== "") members.push(adult(row, "conjoint", keys, yearN2));
  const children = row.get("enfants_naissances");
  if (children !== "") {
    let n = 0;
    for (const raw of children.split("|")) {
      const birthDate = raw.trim();
      if (!isIsoDate(birthDate))
        throw new RowError(`date de naissance d'enfant invalide « ${birthDate} »`);
      members.push({ id: `enfant${++n}`, role: "enfant", birthDate });
    }
  }
  const maintenance = row.cents("pensions_alimentaires");
  if (maintenance !== undefined && maintenance > 0) {
    const demandeur = members[0] as Member & { resources: Record<string, MonthlyResources> };
    for (const k of keys)
      demandeur.resources[k] = { ...demandeur.resources[k], pensionsAlimentaires: maintenance };
  }
  const received: BenefitId[] = [];
  const list = row.get("prestations_percues");
  if (list !== "") {
    for (const raw of list.split("|")) {
      const b = raw.trim();
      if (!BENEFIT_SET.has(b))
        throw new RowError(`prestation inconnue « ${b} » dans « prestations_percues »`);
      received.push(b as BenefitId);
    }
  }
  const isolatedSince = row.get("isole_depuis");
  if (isolatedSince !== "" && parseMonth(isolatedSince) === undefined)
    throw new RowError(`mois invalide « ${isolatedSince} » dans « isole_depuis »`);
  const rfr = row.cents("rfr_n2");
  return {
    depcom,
    members,
    housing: {
      status: housing as HousingStatus,
      rent: row.cents("loyer") ?? 0,
      housingBenefit: row.cents("aide_logement") ?? 0,
    },
    ...(isolatedSince !== "" ? { isolatedSince } : {}),
    benefitsReceived: received,
    ...(rfr !== undefined ? { rfr: { [yearN2]: rfr } } : {}),
  };
}

function adult(
  row: Row,
  who: "demandeur" | "conjoint",
  keys: readonly [string, string, string, string],
  yearN2: string,
): Member {
  const col = (suffix: string) => `${who}_${suffix}` as BatchColumn;
  const birthDate = row.required(col("naissance"));
  if (!isIsoDate(birthDate))
    throw new RowError(`date de naissance invalide « ${birthDate} » dans « ${who}_naissance »`);
  const activity = row.get(col("activite"));
  if (activity !== "" && !ACTIVITIES.has(activity))
    throw new RowError(`activité inconnue « ${activity} » dans « ${who}_activite »`);
  const salaries = [
    row.cents(col("salaire_m3")),
    row.cents(col("salaire_m2")),
    row.cents(col("salaire_m1")),
    row.cents(col("salaire_m")),
  ];
  const chomage = row.cents(col("chomage"));
  const retraite = row.cents(col("retraite"));
  const retraiteBrute = row.cents(col("retraite_brute"));
  const resources: Record<string, MonthlyResources> = {};
  for (let i = 0; i < 4; i++) {
    const r: { -readonly [K in keyof MonthlyResources]: MonthlyResources[K] } = {};
    const s = salaries[i];
    if (s !== undefined) r.salaireNet = s;
    if (chomage !== undefined) r.chomageNet = chomage;
    if (retraite !== undefined) r.retraiteNette = retraite;
    if (retraiteBrute !== undefined) r.retraiteBrute = retraiteBrute;
    // Month M is known only when its salary column is filled: the RSA neutralisation reads it.
    if (i < 3 || s !== undefined) resources[keys[i] as string] = r;
  }
  const rate = row.get(col("incapacite"));
  let disabilityRate: number | undefined;
  if (rate !== "") {
    const n = Number(rate.replace(",", "."));
    if (!Number.isFinite(n) || n < 0 || n > 100)
      throw new RowError(`taux d'incapacité invalide « ${rate} »`);
    disabilityRate = n / 100;
  }
  const revenusN2 = row.cents(col("revenus_n2"));
  return {
    id: who,
    role: who,
    birthDate,
    ...(activity !== "" ? { activity: activity as Activity } : {}),
    ...(disabilityRate !== undefined ? { disabilityRate } : {}),
    ...(row.get(col("rsdae")) === "1" ? { rsdae: true } : {}),
    resources,
    ...(revenusN2 !== undefined ? { taxableIncome: { [yearN2]: revenusN2 } } : {}),
  };
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

/** Runs a whole file: every item goes to `onItem` (progress, output file), the summary is returned. */
export async function runNonTakeUp(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: BatchOptions,
  onItem?: (item: BatchItem) => void,
): Promise<NonTakeUpSummary> {
  const summary = new NonTakeUpSummary();
  for await (const item of findNonTakeUp(source, { ...options, yieldAll: true })) {
    if (item.kind === "household") summary.households++;
    summary.add(item);
    if (onItem && (item.kind === "error" || item.findings.length > 0)) onItem(item);
  }
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
