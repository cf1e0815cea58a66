import { z } from "zod";
import { isIsoDate, isMonthKey, type MonthKey } from "./period.ts";

/**
 * The project's own household model, what the questionnaire fills in.
 * Money in integer cents. Resources are monthly, keyed by "YYYY-MM"; a month
 * that is absent is unknown (the engine says when it had to estimate).
 */

export const BENEFITS = [
  "rsa",
  "ppa",
  "css",
  "af",
  "ars",
  "aah",
  "aspa",
  "cheque_energie",
  "asf",
  "cf",
  "aefa",
  "aide_logement",
  "paje_base",
  "paje_naissance",
  "asi",
  "bourse_college",
  "bourse_lycee",
] as const;
export type BenefitId = (typeof BENEFITS)[number];

export type Role = "demandeur" | "conjoint" | "enfant" | "autre";
export type Activity = "salarie" | "independant" | "chomeur" | "etudiant" | "retraite" | "inactif";
export type Schooling = "college" | "lycee" | "autre";
export type HousingStatus =
  | "locataire"
  | "proprietaire"
  | "accedant"
  | "heberge_gratuitement"
  | "sans_domicile";

export interface MonthlyResources {
  /** Net salary (or net self-employed earnings for the month). */
  readonly salaireNet?: number;
  /** Net unemployment benefit (ARE, ASS). */
  readonly chomageNet?: number;
  /** Net pension. */
  readonly retraiteNette?: number;
  /** Gross pension (the ASPA reads it; the net one is used when absent). */
  readonly retraiteBrute?: number;
  /** Maintenance received for the children or the person. */
  readonly pensionsAlimentaires?: number;
  /** Other resources counted by the minima sociaux (daily sickness allowances, rents…). */
  readonly autres?: number;
  /** Invalidity pension (pension d'invalidité of the Sécurité sociale), per month: opens the ASI. */
  readonly pensionInvalidite?: number;
}

export interface Member {
  readonly id: string;
  readonly role: Role;
  /** "YYYY-MM-DD". */
  readonly birthDate: string;
  readonly activity?: Activity;
  readonly pregnant?: boolean;
  /** Taux d'incapacité recognised by the MDPH, 0 to 1. */
  readonly disabilityRate?: number;
  /** Restriction substantielle et durable d'accès à l'emploi (AAH at 50–79 %). */
  readonly rsdae?: boolean;
  readonly resources?: Readonly<Record<MonthKey, MonthlyResources>>;
  /** A child's school this school year: collège or lycée open a bourse (bourses.ts). */
  readonly schooling?: Schooling;
  /** Yearly net taxable income by year "YYYY", when known (AF, ARS, AAH read year N-2). */
  readonly taxableIncome?: Readonly<Record<string, number>>;
}

export interface Housing {
  readonly status: HousingStatus;
  /** Monthly rent or loan repayment. */
  readonly rent?: number;
  /** Monthly housing benefit already received (APL, ALF, ALS): it triggers the forfait logement. */
  readonly housingBenefit?: number;
  /** Social (HLM) or conventionné dwelling: the aid is the APL. */
  readonly conventionne?: boolean;
  /** Furnished dwelling (meublé). */
  readonly furnished?: boolean;
  /** Colocation: the dwelling is shared with people outside the foyer. */
  readonly shared?: boolean;
  /** A room, not a whole dwelling. */
  readonly room?: boolean;
  /** Housing in a foyer (résidence sociale, foyer de jeunes travailleurs…): not computed. */
  readonly foyer?: boolean;
  /** Zone of the aides au logement when known (otherwise from the commune). */
  readonly zone?: 1 | 2 | 3;
}

export interface Household {
  /** Commune INSEE code. */
  readonly depcom: string;
  readonly members: readonly Member[];
  readonly housing: Housing;
  /** Month the demandeur started to live alone with children or pregnant (RSA / PPA majorés). */
  readonly isolatedSince?: MonthKey;
  /** Benefits the household already receives. */
  readonly benefitsReceived?: readonly BenefitId[];
  /** Revenu fiscal de référence of the household by income year "YYYY" (chèque énergie, bourses). */
  readonly rfr?: Readonly<Record<string, number>>;
}

// ---- validation (API, questionnaire) ----

const cents = z.number().int("montant en centimes entiers").min(0, "montant négatif");
const monthKeySchema = z.string().refine(isMonthKey, { message: "mois attendu au format AAAA-MM" });
const yearKey = z.string().regex(/^\d{4}$/, "année attendue au format AAAA");

export const MonthlyResourcesSchema = z.strictObject({
  salaireNet: cents.optional(),
  chomageNet: cents.optional(),
  retraiteNette: cents.optional(),
  retraiteBrute: cents.optional(),
  pensionsAlimentaires: cents.optional(),
  autres: cents.optional(),
  pensionInvalidite: cents.optional(),
});

export const MemberSchema = z.strictObject({
  id: z.string().min(1),
  role: z.enum(["demandeur", "conjoint", "enfant", "autre"]),
  birthDate: z.string().refine(isIsoDate, { message: "date attendue au format AAAA-MM-JJ" }),
  activity: z
    .enum(["salarie", "independant", "chomeur", "etudiant", "retraite", "inactif"])
    .optional(),
  pregnant: z.boolean().optional(),
  disabilityRate: z.number().min(0).max(1).optional(),
  rsdae: z.boolean().optional(),
  schooling: z.enum(["college", "lycee", "autre"]).optional(),
  resources: z.record(monthKeySchema, MonthlyResourcesSchema).optional(),
  taxableIncome: z.record(yearKey, cents).optional(),
});

export const HouseholdSchema = z
  .strictObject({
    depcom: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "code commune INSEE attendu (5 caractères)"),
    members: z.array(MemberSchema).min(1, "au moins une personne"),
    housing: z.strictObject({
      status: z.enum([
        "locataire",
        "proprietaire",
        "accedant",
        "heberge_gratuitement",
        "sans_domicile",
      ]),
      rent: cents.optional(),
      housingBenefit: cents.optional(),
      conventionne: z.boolean().optional(),
      furnished: z.boolean().optional(),
      shared: z.boolean().optional(),
      room: z.boolean().optional(),
      foyer: z.boolean().optional(),
      zone: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    }),
    isolatedSince: monthKeySchema.optional(),
    benefitsReceived: z.array(z.enum(BENEFITS)).optional(),
    rfr: z.record(yearKey, cents).optional(),
  })
  .refine((h) => h.members.filter((m) => m.role === "demandeur").length === 1, {
    message: "le foyer doit avoir exactement un demandeur",
    path: ["members"],
  })
  .refine((h) => h.members.filter((m) => m.role === "conjoint").length <= 1, {
    message: "un seul conjoint au plus",
    path: ["members"],
  });
