/**
 * The Département's own aids, defined as data by a pilote or an administrator
 * (FSL, aide à l'énergie, restauration scolaire…), not in code. An aid is a
 * JSON definition validated by zod: plain-language texts, a small closed set
 * of declarative conditions over the household the simulator already knows,
 * and an amount that is fixed or read in a table. Nothing is evaluated as
 * code: each condition type is one branch below.
 *
 * Pure: no database, no clock; the month is given.
 */
import { z } from "zod";
import { ageFromYmd, ymd } from "./foyer.ts";
import { BENEFITS, type BenefitId, type Household } from "./household.ts";
import { monthKey, parseMonth } from "./period.ts";

export const HOUSING_LABELS = {
  locataire: "locataire",
  proprietaire: "propriétaire",
  accedant: "propriétaire qui rembourse un prêt",
  heberge_gratuitement: "hébergé gratuitement",
  sans_domicile: "sans domicile",
} as const;
export type HousingKey = keyof typeof HOUSING_LABELS;
const HOUSING_KEYS = Object.keys(HOUSING_LABELS) as [HousingKey, ...HousingKey[]];

export const PERIODICITY_LABELS = {
  mensuelle: "par mois",
  annuelle: "par an",
  ponctuelle: "en une fois",
} as const;
export type LocalPeriodicity = keyof typeof PERIODICITY_LABELS;

/** Money in integer cents, at most 100,000 € (a ceiling or an amount of a local aid). */
const cents = z
  .number()
  .int("Un montant en centimes entiers.")
  .min(0, "Un montant positif.")
  .max(10_000_000, "100 000 € au plus.");
const smallInt = (max: number) => z.number().int().min(0).max(max);
/** At most 8 sizes of household: 1 to 8 persons, the last one for 8 or more. */
const bySize = z.array(cents).min(1, "Au moins un montant.").max(8, "8 montants au plus.");
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const ConditionSchema = z.discriminatedUnion("type", [
  /** Lives in the département (optionally in some communes only). */
  z.strictObject({
    type: z.literal("residence"),
    departement: z.string().regex(/^(\d{2,3}|2[AB])$/, "Un code de département."),
    communes: z
      .array(z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "Un code commune INSEE."))
      .max(200)
      .optional(),
  }),
  /**
   * Average monthly resources of the foyer over the three months before the
   * simulated month, at most the ceiling of its size (persons); beyond the
   * table, `perExtraPerson` for each further person.
   */
  z.strictObject({
    type: z.literal("ressources"),
    ceilings: bySize,
    perExtraPerson: cents,
  }),
  /** At least `minimum` children under `ageBelow` years. */
  z.strictObject({
    type: z.literal("enfants"),
    minimum: smallInt(10).refine((n) => n >= 1, "Au moins un enfant."),
    ageBelow: smallInt(26).refine((n) => n >= 1, "Un âge d'au moins 1 an."),
  }),
  /** Age of the demandeur, on the first day of the month: minimum ≤ age ≤ maximum. */
  z
    .strictObject({
      type: z.literal("age"),
      minimum: smallInt(120).optional(),
      maximum: smallInt(120).optional(),
    })
    .refine((c) => c.minimum !== undefined || c.maximum !== undefined, "Un âge minimum ou maximum.")
    .refine(
      (c) => c.minimum === undefined || c.maximum === undefined || c.minimum <= c.maximum,
      "L'âge minimum dépasse l'âge maximum.",
    ),
  /** Housing status. */
  z.strictObject({
    type: z.literal("logement"),
    statuses: z.array(z.enum(HOUSING_KEYS)).min(1, "Au moins une situation de logement."),
  }),
  /** Receives, or probably is entitled to, one of these national benefits. */
  z.strictObject({
    type: z.literal("prestation"),
    benefits: z.array(z.enum(BENEFITS)).min(1, "Au moins une prestation."),
  }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const LocalAmountSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("fixe"),
    cents,
    periodicity: z.enum(["mensuelle", "annuelle", "ponctuelle"]),
  }),
  /** One amount per household size (1, 2, … persons; the last one for more). */
  z.strictObject({
    kind: z.literal("bareme"),
    bySize,
    periodicity: z.enum(["mensuelle", "annuelle", "ponctuelle"]),
  }),
  /** No figure: decided case by case (the FSL), the text says how. */
  z.strictObject({ kind: z.literal("non_chiffre"), text: shortText(300) }),
]);
export type LocalAmount = z.infer<typeof LocalAmountSchema>;

export const LocalAidDefinitionSchema = z.strictObject({
  name: shortText(120),
  /** Plain language: what the aid is for, in one or two sentences. */
  description: shortText(1000),
  /** Who gives it. */
  giver: shortText(160),
  conditions: z.array(ConditionSchema).max(10, "10 conditions au plus."),
  amount: LocalAmountSchema,
  apply: z.strictObject({
    text: shortText(300),
    /** An address on this site ("/…") or an https page. */
    href: z
      .string()
      .trim()
      .max(500)
      .regex(/^(\/[^/]|https:\/\/)/, "Une adresse qui commence par / ou https://.")
      .optional(),
    documents: z.array(shortText(200)).max(12),
  }),
  source: z.strictObject({
    /** The délibération du conseil départemental, or « exemple de démonstration ». */
    text: shortText(300),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Une date au format AAAA-MM-JJ.")
      .optional(),
  }),
  /** A demonstration example, not a real aid: said wherever it is shown. */
  demo: z.boolean(),
});
export type LocalAidDefinition = z.infer<typeof LocalAidDefinitionSchema>;

/** A published version valid for the simulated month, as the store gives it. */
export interface LocalAidVersion {
  readonly aidId: string;
  readonly number: number;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly definition: LocalAidDefinition;
}

export interface ConditionCheck {
  readonly text: string;
  readonly met: boolean;
}

export interface LocalAidResult {
  readonly aidId: string;
  readonly version: number;
  readonly name: string;
  readonly description: string;
  readonly giver: string;
  readonly eligible: boolean;
  /** Null when the aid has no figure (non chiffré). */
  readonly amountCents: number | null;
  readonly amountText: string;
  readonly checks: readonly ConditionCheck[];
  readonly apply: LocalAidDefinition["apply"];
  readonly source: LocalAidDefinition["source"];
  readonly demo: boolean;
}

/** What the conditions read of the national results: eligible or already received. */
export type NationalStatus = {
  -readonly [b in BenefitId]?: { eligible: boolean; alreadyReceived: boolean };
};

export const BENEFIT_SHORT_LABELS: Readonly<Record<BenefitId, string>> = {
  rsa: "RSA",
  ppa: "prime d'activité",
  css: "complémentaire santé solidaire",
  af: "allocations familiales",
  ars: "allocation de rentrée scolaire",
  aah: "AAH",
  aspa: "ASPA",
  cheque_energie: "chèque énergie",
  asf: "allocation de soutien familial",
  cf: "complément familial",
  aefa: "prime de Noël",
  aide_logement: "aide au logement",
  paje_base: "allocation de base de la PAJE",
  paje_naissance: "prime à la naissance",
  asi: "ASI",
  bourse_college: "bourse de collège",
  bourse_lycee: "bourse de lycée",
};

const euro = (c: number) =>
  `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(c / 100)} €`;

/** The foyer's size: every person who lives in it. */
export function householdSize(household: Household): number {
  return household.members.length;
}

/**
 * Average monthly resources of the foyer over M-3, M-2, M-1 (salaries,
 * unemployment benefits, pensions, maintenance, other resources), in cents,
 * rounded down. National benefits are not counted: an aid defined on
 * "resources" means the household's own incomes.
 */
export function averageResources(household: Household, monthIndex: number): number {
  let total = 0;
  for (let back = 1; back <= 3; back++) {
    const key = monthKey(monthIndex - back);
    for (const member of household.members) {
      const r = member.resources?.[key];
      if (r === undefined) continue;
      total +=
        (r.salaireNet ?? 0) +
        (r.chomageNet ?? 0) +
        (r.retraiteNette ?? 0) +
        (r.pensionsAlimentaires ?? 0) +
        (r.autres ?? 0);
    }
  }
  return Math.floor(total / 3);
}

/** The ceiling for a size: the table, then `perExtraPerson` for each person beyond it. */
export function ceilingFor(ceilings: readonly number[], perExtraPerson: number, size: number) {
  const last = ceilings.length;
  if (size <= last) return ceilings[size - 1] as number;
  return (ceilings[last - 1] as number) + (size - last) * perExtraPerson;
}

function amountFor(amount: LocalAmount, size: number): number | null {
  if (amount.kind === "fixe") return amount.cents;
  if (amount.kind === "bareme")
    return amount.bySize[Math.min(size, amount.bySize.length) - 1] as number;
  return null;
}

export function amountText(amount: LocalAmount, size?: number): string {
  if (amount.kind === "non_chiffre") return amount.text;
  const per = PERIODICITY_LABELS[amount.periodicity];
  if (amount.kind === "fixe") return `${euro(amount.cents)} ${per}`;
  if (size !== undefined) return `${euro(amountFor(amount, size) as number)} ${per}`;
  return `${amount.bySize
    .map(
      (c, i) =>
        `${euro(c)} pour ${i + 1}${i === amount.bySize.length - 1 ? " personnes ou plus" : i === 0 ? " personne" : " personnes"}`,
    )
    .join(", ")}, ${per}`;
}

/** A condition in words, for the aid's page and the resident's explanation. */
export function conditionText(condition: Condition): string {
  switch (condition.type) {
    case "residence":
      return condition.communes && condition.communes.length > 0
        ? `Habiter l'une de ces communes : ${condition.communes.join(", ")}`
        : `Habiter le département (${condition.departement})`;
    case "ressources":
      return `Des revenus du foyer de ${euro(condition.ceilings[0] as number)} par mois au plus pour une personne seule${
        condition.ceilings.length > 1
          ? `, ${condition.ceilings
              .slice(1)
              .map((c, i) => `${euro(c)} pour ${i + 2} personnes`)
              .join(", ")}`
          : ""
      }${condition.perExtraPerson > 0 ? `, puis ${euro(condition.perExtraPerson)} de plus par personne` : ""} (moyenne des 3 derniers mois, sans les aides de la CAF)`;
    case "enfants":
      return `Avoir au moins ${condition.minimum} enfant${condition.minimum > 1 ? "s" : ""} de moins de ${condition.ageBelow} ans`;
    case "age":
      if (condition.minimum !== undefined && condition.maximum !== undefined)
        return `Avoir entre ${condition.minimum} et ${condition.maximum} ans`;
      if (condition.minimum !== undefined) return `Avoir ${condition.minimum} ans ou plus`;
      return `Avoir ${condition.maximum} ans ou moins`;
    case "logement":
      return `Être ${condition.statuses.map((s) => HOUSING_LABELS[s]).join(" ou ")}`;
    case "prestation":
      return `Recevoir, ou avoir probablement droit à : ${condition.benefits.map((b) => BENEFIT_SHORT_LABELS[b]).join(" ou ")}`;
  }
}

function holds(
  condition: Condition,
  household: Household,
  monthIndex: number,
  national: NationalStatus,
): boolean {
  switch (condition.type) {
    case "residence":
      if (condition.communes && condition.communes.length > 0)
        return condition.communes.includes(household.depcom);
      return departementOf(household.depcom) === condition.departement;
    case "ressources":
      return (
        averageResources(household, monthIndex) <=
        ceilingFor(condition.ceilings, condition.perExtraPerson, householdSize(household))
      );
    case "enfants": {
      const [year, month] = [Math.floor(monthIndex / 12), (monthIndex % 12) + 1];
      let n = 0;
      for (const m of household.members)
        if (
          m.role === "enfant" &&
          ageFromYmd(ymd(m.birthDate), year, month, 1) < condition.ageBelow
        )
          n++;
      return n >= condition.minimum;
    }
    case "age": {
      const demandeur = household.members.find((m) => m.role === "demandeur");
      if (demandeur === undefined) return false;
      const age = ageFromYmd(
        ymd(demandeur.birthDate),
        Math.floor(monthIndex / 12),
        (monthIndex % 12) + 1,
        1,
      );
      return (
        (condition.minimum === undefined || age >= condition.minimum) &&
        (condition.maximum === undefined || age <= condition.maximum)
      );
    }
    case "logement":
      return condition.statuses.includes(household.housing.status);
    case "prestation":
      return condition.benefits.some((b) => {
        const status = national[b];
        return (
          (status !== undefined && (status.eligible || status.alreadyReceived)) ||
          (household.benefitsReceived ?? []).includes(b)
        );
      });
  }
}

/** The département of a commune code: 2 characters, 3 overseas (97x). */
export function departementOf(depcom: string): string {
  return depcom.startsWith("97") ? depcom.slice(0, 3) : depcom.slice(0, 2);
}

/**
 * One local aid for a household and a month: every condition must hold.
 * Throws on a malformed month (the caller gives a valid one).
 */
export function evaluateLocalAid(
  version: LocalAidVersion,
  household: Household,
  month: string,
  national: NationalStatus,
): LocalAidResult {
  const monthIndex = parseMonth(month);
  if (monthIndex === undefined) throw new Error(`Mois invalide : ${month}`);
  const def = version.definition;
  const checks = def.conditions.map((c) => ({
    text: conditionText(c),
    met: holds(c, household, monthIndex, national),
  }));
  const eligible = checks.every((c) => c.met);
  const size = householdSize(household);
  return {
    aidId: version.aidId,
    version: version.number,
    name: def.name,
    description: def.description,
    giver: def.giver,
    eligible,
    amountCents: amountFor(def.amount, size),
    amountText: amountText(def.amount, size),
    checks,
    apply: def.apply,
    source: def.source,
    demo: def.demo,
  };
}

/** The national status of each benefit from the batch's outcomes (in BENEFITS order). */
export function nationalFromOutcomes(
  outcomes: readonly { eligible: boolean }[],
  household: Household,
): NationalStatus {
  const received = household.benefitsReceived ?? [];
  const status: NationalStatus = {};
  BENEFITS.forEach((b, i) => {
    status[b] = {
      eligible: outcomes[i]?.eligible === true,
      alreadyReceived:
        received.includes(b) ||
        (b === "aide_logement" && (household.housing.housingBenefit ?? 0) > 0),
    };
  });
  return status;
}

/** Is a version valid in the month ("YYYY-MM" strings compare in calendar order)? */
export function isValidIn(
  version: { validFrom: string; validUntil: string | null },
  month: string,
): boolean {
  return version.validFrom <= month && (version.validUntil === null || month <= version.validUntil);
}

/** Every published aid valid in the month, evaluated; the eligible ones first. */
export function evaluateLocalAids(
  versions: readonly LocalAidVersion[],
  household: Household,
  month: string,
  national: NationalStatus,
): LocalAidResult[] {
  return versions
    .filter((v) => isValidIn(v, month))
    .map((v) => evaluateLocalAid(v, household, month, national))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.name.localeCompare(b.name, "fr"));
}
