import { BATCH_COLUMNS, type BatchColumn } from "./batch.ts";
import { BENEFITS } from "./household.ts";
import { parseMonth } from "./period.ts";

/**
 * Synthetic population files for benchmarks and tests: deterministic
 * (seeded), varied (lone parents, couples, retirees, disabled adults, students,
 * incomes from nil to comfortable, some benefits already received), in the
 * BATCH.md format. Not a statistical model of any real population.
 */

/** Communes of the demo territory (Hauts-de-Seine), INSEE codes. */
const COMMUNES = [
  "92002",
  "92004",
  "92007",
  "92009",
  "92012",
  "92014",
  "92019",
  "92020",
  "92022",
  "92023",
  "92024",
  "92025",
  "92026",
  "92032",
  "92033",
  "92035",
  "92036",
  "92040",
  "92044",
  "92046",
  "92047",
  "92048",
  "92049",
  "92050",
  "92051",
  "92060",
  "92062",
  "92063",
  "92064",
  "92071",
  "92072",
  "92073",
  "92075",
  "92076",
  "92077",
  "92078",
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  readonly month: string;
  readonly seed?: number;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** One synthetic household row, as a record of columns. */
export function syntheticRow(
  random: () => number,
  index: number,
  year: number,
): Partial<Record<BatchColumn, string>> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const birth = (minAge: number, maxAge: number) =>
    `${year - minAge - Math.floor(random() * (maxAge - minAge + 1))}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const money = (max: number) => (Math.floor(random() * max * 100) / 100).toFixed(2);
  const shape = random();
  const row: Partial<Record<BatchColumn, string>> = { id: `F${index}`, depcom: pick(COMMUNES) };
  const retired = shape > 0.85;
  row.demandeur_naissance = retired ? birth(62, 90) : birth(19, 60);
  const couple = random() < (retired ? 0.5 : 0.45);
  if (couple) row.conjoint_naissance = retired ? birth(62, 90) : birth(19, 60);
  const nChildren = retired ? 0 : pick([0, 0, 1, 1, 2, 2, 3, 4]);
  if (nChildren > 0)
    row.enfants_naissances = Array.from({ length: nChildren }, () => birth(0, 19)).join("|");
  row.logement = pick([
    "locataire",
    "locataire",
    "locataire",
    "proprietaire",
    "heberge_gratuitement",
    "accedant",
  ]);
  if (row.logement === "locataire") {
    row.loyer = money(900);
    if (random() < 0.4) row.aide_logement = money(350);
  }
  for (const who of couple ? (["demandeur", "conjoint"] as const) : (["demandeur"] as const)) {
    if (retired) {
      const pension = money(1800);
      row[`${who}_retraite`] = pension;
      row[`${who}_retraite_brute`] = (Number(pension) * 1.09).toFixed(2);
      row[`${who}_activite`] = "retraite";
      continue;
    }
    const kind = random();
    if (kind < 0.5) {
      const salary = money(2800);
      row[`${who}_activite`] = "salarie";
      row[`${who}_salaire_m3`] = salary;
      row[`${who}_salaire_m2`] = salary;
      row[`${who}_salaire_m1`] = salary;
      row[`${who}_salaire_m`] = random() < 0.05 ? "0" : salary;
    } else if (kind < 0.7) {
      row[`${who}_activite`] = "chomeur";
      row[`${who}_chomage`] = money(1400);
    } else if (kind < 0.75) {
      row[`${who}_activite`] = "etudiant";
    } else {
      row[`${who}_activite`] = "inactif";
    }
    if (random() < 0.05) row[`${who}_incapacite`] = pick(["50", "60", "80", "90"]);
    if (random() < 0.5) row[`${who}_revenus_n2`] = money(30000);
  }
  if (!couple && nChildren > 0 && random() < 0.4) row.pensions_alimentaires = money(300);
  if (random() < 0.3) row.rfr_n2 = money(40000);
  const received = BENEFITS.filter(() => random() < 0.25);
  if (received.length > 0) row.prestations_percues = received.join("|");
  return row;
}

export function syntheticHeader(): string {
  return BATCH_COLUMNS.join(";");
}

export function toLine(row: Partial<Record<BatchColumn, string>>): string {
  return BATCH_COLUMNS.map((c) => row[c] ?? "").join(";");
}

/**
 * Streams `count` households as CSV chunks of about `chunkSize` characters,
 * header first. The chunks are built once from a pool of distinct households
 * and then sent again and again, like the blocks of a file read from disk:
 * generating rows does not weigh on what a benchmark measures, and memory
 * stays flat whatever `count` is.
 */
export function* syntheticChunks(
  count: number,
  options: SyntheticOptions & { poolSize?: number; chunkSize?: number },
): Generator<string> {
  const month = parseMonth(options.month);
  if (month === undefined) throw new Error(`Mois invalide « ${options.month} »`);
  const year = Math.floor(month / 12);
  const random = mulberry32(options.seed ?? 42);
  const poolSize = Math.max(1, Math.min(options.poolSize ?? 10_000, count));
  const chunkSize = options.chunkSize ?? 64 * 1024;
  // Pool of chunks, each made of whole lines, with its line count.
  const chunks: { text: string; lines: string[] }[] = [];
  let current: string[] = [];
  let size = 0;
  for (let i = 0; i < poolSize; i++) {
    const line = toLine(syntheticRow(random, i, year));
    current.push(line);
    size += line.length + 1;
    if (size >= chunkSize) {
      chunks.push({ text: `${current.join("\n")}\n`, lines: current });
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) chunks.push({ text: `${current.join("\n")}\n`, lines: current });
  yield `${syntheticHeader()}\n`;
  let left = count;
  for (let k = 0; left > 0; k = (k + 1) % chunks.length) {
    const chunk = chunks[k] as { text: string; lines: string[] };
    if (chunk.lines.length <= left) {
      yield chunk.text;
      left -= chunk.lines.length;
    } else {
      yield `${chunk.lines.slice(0, left).join("\n")}\n`;
      left = 0;
    }
  }
}
