/**
 * The columns of a population file (format in BATCH.md): their names, the
 * header check, and each column's position for the row reader.
 */

export const BATCH_COLUMNS = [
  "id",
  "depcom",
  "logement",
  "loyer",
  "aide_logement",
  "isole_depuis",
  "enfants_naissances",
  "enfants_scolarite",
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
    `${who}_pension_invalidite`,
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
