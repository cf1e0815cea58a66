/**
 * The population file's format, as the upload page shows it and as the
 * template file gives it: one description per column of BATCH_COLUMNS (a test
 * checks that none is missing), and two example households. BATCH.md says the
 * same for the command line.
 */
import { toCsv } from "../../platform/csv/csv.ts";
import { BATCH_COLUMNS, type BatchColumn } from "./batch-columns.ts";
import { BENEFITS } from "./household.ts";

export interface ColumnDoc {
  /** The column, or a family of columns (« demandeur_… / conjoint_… »). */
  readonly name: string;
  readonly required: boolean;
  readonly text: string;
}

type PersonSuffix =
  | "naissance"
  | "activite"
  | "salaire_m3"
  | "salaire_m2"
  | "salaire_m1"
  | "salaire_m"
  | "chomage"
  | "retraite"
  | "retraite_brute"
  | "incapacite"
  | "rsdae"
  | "revenus_n2"
  | "pension_invalidite";

const HOUSEHOLD_COLUMNS: readonly ColumnDoc[] = [
  {
    name: "id",
    required: true,
    text: "Identifiant du foyer dans votre fichier, repris dans les résultats.",
  },
  {
    name: "depcom",
    required: true,
    text: "Code commune INSEE du logement, 5 caractères (92050 pour Nanterre).",
  },
  {
    name: "logement",
    required: false,
    text: "locataire (si vide), proprietaire, accedant, heberge_gratuitement ou sans_domicile.",
  },
  { name: "loyer", required: false, text: "Loyer ou remboursement d'emprunt par mois, en euros." },
  {
    name: "aide_logement",
    required: false,
    text: "Aide au logement (APL, ALF, ALS) déjà reçue par mois, en euros.",
  },
  {
    name: "isole_depuis",
    required: false,
    text: "Mois (AAAA-MM) où le demandeur s'est retrouvé seul avec un enfant ou enceinte.",
  },
  {
    name: "enfants_naissances",
    required: false,
    text: "Dates de naissance des enfants à charge (AAAA-MM-JJ), séparées par |.",
  },
  {
    name: "enfants_scolarite",
    required: false,
    text: "Scolarité de chaque enfant, dans le même ordre, séparée par | : college, lycee, autre ou vide (bourses de collège et de lycée).",
  },
  {
    name: "pensions_alimentaires",
    required: false,
    text: "Pension alimentaire reçue par mois, en euros.",
  },
  {
    name: "rfr_n2",
    required: false,
    text: "Revenu fiscal de référence du foyer, année N-2 (chèque énergie, bourses).",
  },
  {
    name: "prestations_percues",
    required: false,
    text: `Aides déjà reçues, séparées par | : ${BENEFITS.join(", ")}.`,
  },
];

const PERSON_COLUMNS: Readonly<Record<PersonSuffix, { required: boolean; text: string }>> = {
  naissance: {
    required: true,
    text: "Date de naissance (AAAA-MM-JJ). Obligatoire pour le demandeur ; vide pour le conjoint = pas de conjoint.",
  },
  activite: {
    required: false,
    text: "salarie, independant, chomeur, etudiant, retraite ou inactif.",
  },
  salaire_m3: { required: false, text: "Salaire net du mois M-3 (M = le mois simulé)." },
  salaire_m2: { required: false, text: "Salaire net du mois M-2." },
  salaire_m1: { required: false, text: "Salaire net du mois M-1." },
  salaire_m: {
    required: false,
    text: "Salaire net du mois M ; 0 quand l'emploi s'est arrêté ce mois-ci, vide si inconnu.",
  },
  chomage: { required: false, text: "Allocation chômage nette par mois." },
  retraite: { required: false, text: "Retraite nette par mois." },
  retraite_brute: { required: false, text: "Retraite brute par mois (ASPA ; la nette sinon)." },
  incapacite: { required: false, text: "Taux d'incapacité reconnu par la MDPH, en % (AAH)." },
  rsdae: {
    required: false,
    text: "1 si une restriction substantielle et durable d'accès à l'emploi est reconnue.",
  },
  revenus_n2: { required: false, text: "Revenus imposables de l'année N-2." },
  pension_invalidite: {
    required: false,
    text: "Pension d'invalidité par mois (ASI ; l'AAH la complète seulement jusqu'à son maximum).",
  },
};

/** Every column, documented, in the file's order: the household's, then the demandeur's and the conjoint's. */
export const COLUMN_DOCS: readonly ColumnDoc[] = [
  ...HOUSEHOLD_COLUMNS,
  ...(Object.keys(PERSON_COLUMNS) as PersonSuffix[]).map((suffix) => ({
    name: `demandeur_${suffix} / conjoint_${suffix}`,
    required: suffix === "naissance",
    text: PERSON_COLUMNS[suffix].text,
  })),
];

/** The columns a description covers (« demandeur_x / conjoint_x » covers both). */
export function documentedColumns(): Set<string> {
  return new Set(COLUMN_DOCS.flatMap((doc) => doc.name.split(" / ")));
}

type ExampleRow = Partial<Record<BatchColumn, string>>;

/** Two households of the demonstration: a single parent working part-time, a retired owner. */
const EXAMPLES: readonly ExampleRow[] = [
  {
    id: "A-001",
    depcom: "92050",
    logement: "locataire",
    loyer: "650",
    aide_logement: "300",
    enfants_naissances: "2016-09-01|2019-02-15",
    prestations_percues: "af",
    demandeur_naissance: "1990-04-12",
    demandeur_activite: "salarie",
    demandeur_salaire_m3: "500",
    demandeur_salaire_m2: "500",
    demandeur_salaire_m1: "500",
    demandeur_salaire_m: "500",
  },
  {
    id: "A-002",
    depcom: "92025",
    logement: "proprietaire",
    demandeur_naissance: "1950-03-02",
    demandeur_activite: "retraite",
    demandeur_retraite: "850,50",
  },
];

const line = (row: ExampleRow) => BATCH_COLUMNS.map((c) => row[c] ?? "").join(";");

/** The example line shown on the page (the first household, every column). */
export const EXAMPLE_LINE = line(EXAMPLES[0] as ExampleRow);

/** The template file: every column's name, then the two examples; UTF-8, « ; », CRLF. */
export function templateCsv(): string {
  return toCsv(
    BATCH_COLUMNS,
    EXAMPLES.map((row) => BATCH_COLUMNS.map((c) => row[c] ?? "")),
    { delimiter: ";" },
  );
}
