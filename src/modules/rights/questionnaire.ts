import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type {
  Activity,
  BenefitId,
  Household,
  HousingStatus,
  Member,
  MonthlyResources,
} from "./household.ts";
import { BENEFITS } from "./household.ts";
import { isIsoDate, monthKey, parseMonth } from "./period.ts";

/**
 * The resident questionnaire, pure: its steps, each step's validation (French
 * messages), the answers carried from page to page in a signed hidden field
 * (never in the URL, never in a server session), and the household they make.
 *
 * Answers are kept as the strings the person typed, step by step, so that a
 * step shown again ("modifier") shows exactly what was written; they are
 * validated again whenever an earlier answer changes (fewer children, no
 * partner any more…), and the first step that no longer holds is asked again.
 */

export type Values = Record<string, string>;
export type Answers = Partial<Record<StepId, Values>>;

export const STEPS = [
  { id: "foyer", title: "Votre foyer" },
  { id: "ages", title: "Les dates de naissance" },
  { id: "situation", title: "Votre situation" },
  { id: "ressources", title: "Vos ressources des trois derniers mois" },
  { id: "logement", title: "Votre logement" },
  { id: "prestations", title: "Ce que vous percevez déjà" },
] as const;
export type StepId = (typeof STEPS)[number]["id"];
export const STEP_IDS: readonly StepId[] = STEPS.map((s) => s.id);
export const MAX_CHILDREN = 8;

export const ACTIVITY_LABELS: Readonly<Record<Activity, string>> = {
  salarie: "Salarié(e), y compris à temps partiel ou en intérim",
  independant: "Travailleur indépendant, auto-entrepreneur",
  chomeur: "Demandeur d'emploi",
  etudiant: "Étudiant(e), apprenti(e)",
  retraite: "Retraité(e)",
  inactif: "Sans activité (au foyer, en arrêt longue durée…)",
};
export const HOUSING_LABELS: Readonly<Record<HousingStatus, string>> = {
  locataire: "Locataire (y compris logement social ou meublé)",
  proprietaire: "Propriétaire sans emprunt en cours",
  accedant: "Propriétaire avec un emprunt en cours",
  heberge_gratuitement: "Hébergé(e) gratuitement (famille, amis…)",
  sans_domicile: "Sans logement stable",
};
/** Kind of rented dwelling: it decides APL or AL, and the furnished and colocation rules. */
export const RENTAL_LABELS = {
  prive: "Logement loué à un propriétaire privé",
  hlm: "Logement social (HLM) ou logement conventionné",
  meuble: "Logement meublé",
  colocation: "Colocation (vous partagez le logement avec d'autres personnes)",
  foyer: "Foyer ou résidence sociale",
} as const;
type Rental = keyof typeof RENTAL_LABELS;
const RENTALS = Object.keys(RENTAL_LABELS) as [Rental, ...Rental[]];

export const DISABILITY_LABELS = {
  non: "Non",
  "50": "Oui, avec un taux de 50 à 79 % et une restriction d'accès à l'emploi",
  "80": "Oui, avec un taux d'au moins 80 %",
} as const;

/** Where a child goes to school this school year (bourses de collège and de lycée). */
export const SCHOOL_LABELS = {
  college: "Au collège (de la 6e à la 3e)",
  lycee: "Au lycée (de la seconde à la terminale, CAP compris)",
  autre: "Ni l'un ni l'autre (crèche, école, études, travail…)",
} as const;
type School = keyof typeof SCHOOL_LABELS;
const SCHOOLS = Object.keys(SCHOOL_LABELS) as [School, ...School[]];

/**
 * The revenu fiscal de référence read by the bourses and the chèque énergie: the one of year
 * N-2 (art. D531-21 code de l'éducation), written on the avis d'impôt of N-1.
 */
export function rfrYears(month: string): { income: number; notice: number } {
  const year = Number(month.slice(0, 4));
  return { income: year - 2, notice: year - 1 };
}

const ACTIVITIES = Object.keys(ACTIVITY_LABELS) as [Activity, ...Activity[]];
const HOUSINGS = Object.keys(HOUSING_LABELS) as [HousingStatus, ...HousingStatus[]];

/** "1 234,56", "1234.56", "800 €" → cents; empty → 0. */
export function parseEuros(raw: string | undefined): number | undefined {
  const text = (raw ?? "").replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (text === "") return 0;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

const euroField = (label: string) =>
  z
    .string()
    .optional()
    .refine((v) => parseEuros(v) !== undefined, {
      message: `${label} : indiquez un montant en euros, par exemple 650 ou 650,50`,
    });

const choice = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.enum(values, { error: message });

const birthDate = (label: string, month: string) =>
  z
    .string({ error: `Indiquez ${label}` })
    .trim()
    .min(1, `Indiquez ${label}`)
    .refine(isIsoDate, `${capitalise(label)} : format attendu JJ/MM/AAAA`)
    .refine((d) => d <= `${month}-31`, `${capitalise(label)} ne peut pas être dans le futur`)
    .refine((d) => d >= "1900-01-01", `${capitalise(label)} : vérifiez l'année`);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Accepts the browser's "AAAA-MM-JJ" and what a person types without a date picker: "JJ/MM/AAAA". */
export function normaliseDate(raw: string | undefined): string | undefined {
  const text = (raw ?? "").trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (french) return `${french[3]}-${french[2]?.padStart(2, "0")}-${french[1]?.padStart(2, "0")}`;
  return text;
}

/** The zod schema of one step, given the answers of the steps before it. */
export function stepSchema(step: StepId, answers: Answers, month: string) {
  const couple = answers.foyer?.couple === "oui";
  const children = Number(answers.foyer?.enfants ?? 0);
  switch (step) {
    case "foyer":
      return z.object({
        couple: choice(["oui", "non"], "Dites si vous vivez en couple"),
        enfants: z
          .string({ error: "Indiquez le nombre d'enfants à charge (0 si aucun)" })
          .regex(/^\d{1,2}$/, "Indiquez le nombre d'enfants à charge en chiffres (0 si aucun)")
          .refine(
            (v) => Number(v) <= MAX_CHILDREN,
            `Au plus ${MAX_CHILDREN} enfants : pour un foyer plus grand, rencontrez un travailleur social`,
          ),
      });
    case "ages": {
      const shape: Record<string, z.ZodType> = {
        naissance: z.preprocess(normaliseDate, birthDate("votre date de naissance", month)),
      };
      if (couple)
        shape.conjoint_naissance = z.preprocess(
          normaliseDate,
          birthDate("la date de naissance de votre conjoint", month),
        );
      for (let i = 1; i <= children; i++) {
        shape[`enfant${i}`] = z.preprocess(
          normaliseDate,
          birthDate(`la date de naissance de l'enfant ${i}`, month),
        );
        // Optional: a form sent before this question existed stays valid (no answer = neither).
        shape[`enfant${i}_ecole`] = z.preprocess(
          (v) => (v === "" ? undefined : v),
          choice(SCHOOLS, `Dites où va l'enfant ${i} cette année`).optional(),
        );
      }
      if (!couple && children > 0)
        shape.isole_recent = choice(
          ["oui", "non"],
          "Dites si vous vivez seul(e) avec vos enfants depuis moins d'un an",
        );
      return z.object(shape);
    }
    case "situation":
      return z.object({
        activite: choice(ACTIVITIES, "Choisissez votre situation"),
        ...(couple
          ? { conjoint_activite: choice(ACTIVITIES, "Choisissez la situation de votre conjoint") }
          : {}),
        handicap: choice(["non", "50", "80"], "Dites si la MDPH vous a reconnu un handicap"),
        // Optional: a form sent before this question existed stays valid (no answer = no).
        grossesse: choice(["oui", "non"], "Dites si vous attendez un enfant").optional(),
      });
    case "ressources":
      return z.object({
        salaire: euroField("Votre salaire"),
        chomage: euroField("Votre allocation chômage"),
        retraite: euroField("Votre retraite"),
        invalidite: euroField("Votre pension d'invalidité"),
        autres: euroField("Vos autres revenus"),
        ...(couple
          ? {
              conjoint_salaire: euroField("Le salaire de votre conjoint"),
              conjoint_chomage: euroField("L'allocation chômage de votre conjoint"),
              conjoint_retraite: euroField("La retraite de votre conjoint"),
              conjoint_invalidite: euroField("La pension d'invalidité de votre conjoint"),
            }
          : {}),
        pension_alimentaire: euroField("La pension alimentaire"),
        ...(children > 0
          ? {
              rfr: euroField("Le revenu fiscal de référence"),
              rfr_inconnu: z.enum(["oui"]).optional(),
            }
          : {}),
      });
    case "logement":
      return z
        .object({
          statut: choice(HOUSINGS, "Choisissez votre situation de logement"),
          loyer: euroField("Le loyer"),
          location: z.preprocess(
            (v) => (v === "" ? undefined : v),
            z.enum(RENTALS, { error: "Choisissez le type de logement" }).optional(),
          ),
          aide_logement: euroField("L'aide au logement"),
          commune: z
            .string({ error: "Choisissez votre commune" })
            .regex(/^(\d{5}|2[AB]\d{3})$/, "Choisissez votre commune"),
        })
        .refine((v) => !(v.statut === "locataire" && (parseEuros(v.loyer) ?? 0) === 0), {
          message: "Le loyer : indiquez le loyer mensuel, sans les charges",
          path: ["loyer"],
        });
    case "prestations":
      return z.object({
        percues: z.preprocess(
          (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
          z.array(z.enum(BENEFITS, { error: "Prestation inconnue" })),
        ),
      });
  }
}

/** Flattens a submitted form (strings, or arrays for checkboxes) into the values kept. */
export function keepValues(step: StepId, body: Record<string, unknown>): Values {
  const values: Values = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith("_") || key === "etat" || key === "etape" || key === "action") continue;
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value))
      values[key] = value.filter((v) => typeof v === "string").join("|");
  }
  if (step === "prestations") values.percues ??= "";
  return values;
}

function schemaInput(step: StepId, values: Values): Record<string, unknown> {
  if (step !== "prestations") return values;
  return { ...values, percues: values.percues ? values.percues.split("|") : [] };
}

/** Validates one step; errors keyed by field name, in French. */
export function checkStep(
  step: StepId,
  values: Values,
  answers: Answers,
  month: string,
): Record<string, string> {
  // Not a handler: the questionnaire also asks whether a step still holds
  // (firstIncompleteStep), so the errors are a value here, not a throw.
  const parsed = stepSchema(step, answers, month).safeParse(schemaInput(step, values));
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "formulaire";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The first step that is missing or no longer valid, or undefined when all hold. */
export function firstIncompleteStep(answers: Answers, month: string): StepId | undefined {
  for (const step of STEP_IDS) {
    const values = answers[step];
    if (values === undefined) return step;
    if (Object.keys(checkStep(step, values, answers, month)).length > 0) return step;
  }
  return undefined;
}

// ---- answers carried in the form, signed ----

/** base64url(JSON).hmac: the person's answers travel with the form, unaltered. */
export function sealAnswers(answers: Answers, secret: string): string {
  const body = Buffer.from(JSON.stringify(answers)).toString("base64url");
  return `${body}.${sign(body, secret)}`;
}

export function openAnswers(token: string | undefined, secret: string): Answers | undefined {
  if (!token) return {};
  const [body, mac] = token.split(".");
  if (!body || !mac) return undefined;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const answers: Answers = {};
    for (const step of STEP_IDS) {
      const values = (parsed as Record<string, unknown>)[step];
      if (values && typeof values === "object") {
        answers[step] = Object.fromEntries(
          Object.entries(values).filter(([, v]) => typeof v === "string"),
        ) as Values;
      }
    }
    return answers;
  } catch {
    return undefined;
  }
}

function sign(body: string, secret: string): string {
  return createHmac("sha256", `relais-droits:${secret}`).update(body).digest("base64url");
}

// ---- answers → household ----

/**
 * Builds the engine's household. The questionnaire asks for monthly averages
 * over the last three months; they are taken as the resources of each of the
 * twelve months before `month` and of `month` itself (the CSS reads a year;
 * the income of N-2 is then estimated by the engine, which says so).
 */
export function answersToHousehold(answers: Answers, month: string): Household {
  const foyer = answers.foyer ?? {};
  const ages = answers.ages ?? {};
  const situation = answers.situation ?? {};
  const r = answers.ressources ?? {};
  const logement = answers.logement ?? {};
  const couple = foyer.couple === "oui";
  const children = Number(foyer.enfants ?? 0);
  const index = parseMonth(month) as number;
  const months = Array.from({ length: 13 }, (_, i) => monthKey(index - 12 + i));
  const eurosOf = (v: string | undefined) => parseEuros(v) ?? 0;
  const resources = (monthly: MonthlyResources) =>
    Object.fromEntries(months.map((m) => [m, monthly]));
  const clean = (monthly: Record<string, number>): MonthlyResources =>
    Object.fromEntries(Object.entries(monthly).filter(([, v]) => v > 0));

  const disability = situation.handicap;
  const members: Member[] = [
    {
      id: "demandeur",
      role: "demandeur",
      birthDate: normaliseDate(ages.naissance) ?? "",
      activity: situation.activite as Activity,
      // The demandeur or the conjointe: the engine reads one pregnancy per foyer (RSA majoré of a
      // future mother alone, prime à la naissance).
      ...(situation.grossesse === "oui" ? { pregnant: true } : {}),
      ...(disability === "80" ? { disabilityRate: 0.8 } : {}),
      ...(disability === "50" ? { disabilityRate: 0.5, rsdae: true } : {}),
      resources: resources(
        clean({
          salaireNet: eurosOf(r.salaire),
          chomageNet: eurosOf(r.chomage),
          retraiteNette: eurosOf(r.retraite),
          pensionInvalidite: eurosOf(r.invalidite),
          autres: eurosOf(r.autres),
          pensionsAlimentaires: eurosOf(r.pension_alimentaire),
        }),
      ),
    },
  ];
  if (couple)
    members.push({
      id: "conjoint",
      role: "conjoint",
      birthDate: normaliseDate(ages.conjoint_naissance) ?? "",
      activity: situation.conjoint_activite as Activity,
      resources: resources(
        clean({
          salaireNet: eurosOf(r.conjoint_salaire),
          chomageNet: eurosOf(r.conjoint_chomage),
          retraiteNette: eurosOf(r.conjoint_retraite),
          pensionInvalidite: eurosOf(r.conjoint_invalidite),
        }),
      ),
    });
  for (let i = 1; i <= children; i++) {
    const school = ages[`enfant${i}_ecole`];
    members.push({
      id: `enfant${i}`,
      role: "enfant",
      birthDate: normaliseDate(ages[`enfant${i}`]) ?? "",
      ...(school === "college" || school === "lycee" || school === "autre"
        ? { schooling: school }
        : {}),
    });
  }
  // The revenu fiscal de référence, when the person gave it (empty or « je ne sais pas »: the
  // engine estimates it from the resources and says so).
  const rfrText = (r.rfr ?? "").trim();
  const rfr =
    children > 0 && r.rfr_inconnu !== "oui" && rfrText !== "" ? parseEuros(rfrText) : undefined;
  const status = (logement.statut ?? "locataire") as HousingStatus;
  const rentalFlags = (location: string | undefined) =>
    location === "hlm"
      ? { conventionne: true }
      : location === "meuble"
        ? { furnished: true }
        : location === "colocation"
          ? { shared: true }
          : location === "foyer"
            ? { foyer: true }
            : {};
  const received = (answers.prestations?.percues ?? "")
    .split("|")
    .filter((b): b is BenefitId => (BENEFITS as readonly string[]).includes(b));
  return {
    depcom: logement.commune ?? "",
    members,
    housing: {
      status,
      ...(eurosOf(logement.loyer) > 0 ? { rent: eurosOf(logement.loyer) } : {}),
      ...(status === "locataire" ? rentalFlags(logement.location) : {}),
      ...(eurosOf(logement.aide_logement) > 0
        ? { housingBenefit: eurosOf(logement.aide_logement) }
        : {}),
    },
    // "Less than a year": the month before, so that the majoration applies now.
    ...(!couple && children > 0 && ages.isole_recent === "oui"
      ? { isolatedSince: monthKey(index - 1) }
      : {}),
    ...(received.length > 0 ? { benefitsReceived: received } : {}),
    ...(rfr !== undefined ? { rfr: { [String(rfrYears(month).income)]: rfr } } : {}),
  };
}
