import { z } from "zod";
import { checkOpeningHours, MAX_OPENING_HOURS_LENGTH } from "./opening-hours.ts";
import {
  FRAIS,
  MODES_ACCUEIL,
  MODES_MOBILISATION,
  PERSONNES_MOBILISATRICES,
  PUBLICS,
  RESEAUX_PORTEURS,
  THEMATIQUES,
  TYPES_DE_SERVICES,
} from "./vocabulary.ts";
import { ZONE_CODE } from "./zone-codes.ts";

z.config(z.locales.fr());

/**
 * data·inclusion 1.0.8 records (structure and service), validated one by one
 * with French messages, by the schema's own rules and nothing stricter
 * (schemas/v1/structure.json and service.json of
 * https://github.com/gip-inclusion/data-inclusion-schema, tag v1.0.8, and its
 * pydantic models for the rules the JSON files cannot say: `tous-publics`
 * alone, `date_maj` between 2000 and today). Field names are the schema's,
 * so that a file from data·inclusion, DORA or Soliguide's exports reads as is.
 *
 * Values are kept exactly as given: `null` stays `null`, `[]` stays `[]`,
 * texts keep their whitespace. A CSV has no `null`: its empty cells are made
 * `null` by the CSV reader, before these schemas.
 *
 * One limit the schema does not set: opening hours longer than
 * MAX_OPENING_HOURS_LENGTH are refused before they are parsed (the parser's
 * time grows with the square of the length).
 */

/** Length in characters (code points), as the schema and PostgreSQL count them. */
const characters = (value: string) => [...value].length;

const nullable = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => (value ?? null) as z.output<T> | null);

const text = () => nullable(z.string());

const lengthBetween = (label: string, min: number, max: number) =>
  z.string({ error: `${label} doit être un texte` }).check((context) => {
    const length = characters(context.value);
    if (length < min || length > max)
      context.issues.push({
        code: "custom",
        input: context.value,
        message: `${label} : entre ${min} et ${max.toLocaleString("fr-FR").replace(/\u202f/g, " ")} caractères (ici ${length.toLocaleString("fr-FR").replace(/\u202f/g, " ")})`,
      });
  });

const unknownValue = (label: string) => (issue: { input?: unknown }) =>
  issue.input === ""
    ? `${label} : valeur vide (mettre null si on ne sait pas)`
    : `${label} : valeur inconnue « ${String(issue.input)} »`;

const enumValue = <T extends Record<string, string>>(vocabulary: T, label: string) =>
  nullable(
    z
      .string({ error: unknownValue(label) })
      .refine((item) => Object.hasOwn(vocabulary, item), { error: unknownValue(label) }),
  ) as z.ZodType<(keyof T & string) | null, unknown>;

/**
 * A list of the vocabulary's identifiers, or null. `minItems` and
 * `uniqueItems` are the schema's, field by field.
 */
const enumList = <T extends Record<string, string>>(
  vocabulary: T,
  label: string,
  rules: { nonEmpty: boolean },
) =>
  nullable(
    z
      .array(
        z
          .string({ error: unknownValue(label) })
          .refine((item) => Object.hasOwn(vocabulary, item), { error: unknownValue(label) }),
        { error: `${label} doit être une liste` },
      )
      .check((context) => {
        if (rules.nonEmpty && context.value.length === 0)
          context.issues.push({
            code: "custom",
            input: context.value,
            message: `${label} : la liste ne peut pas être vide (mettre null si on ne sait pas)`,
          });
        const seen = new Set<string>();
        for (const item of context.value) {
          if (seen.has(item))
            context.issues.push({
              code: "custom",
              input: context.value,
              message: `${label} : « ${item} » est écrit deux fois`,
            });
          seen.add(item);
        }
      }),
  ) as z.ZodType<(keyof T & string)[] | null, unknown>;

const url = (label: string) =>
  nullable(
    z.string({ error: `${label} doit être un texte` }).check((context) => {
      const value = context.value;
      if (characters(value) < 1 || characters(value) > 2083 || !/^https?:\/\/[^\s]+$/.test(value))
        context.issues.push({
          code: "custom",
          input: value,
          message: `${label} doit être une adresse web commençant par http:// ou https:// (2 083 caractères au plus)`,
        });
    }),
  );

const email = nullable(z.email({ error: "courriel : adresse électronique invalide" }));

/** A number, or a CSV cell holding one (decimal comma allowed). */
const numeric = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? Number(value.trim().replace(",", ".")) : value;

const number = (label: string, rules: { min?: number; integer?: boolean } = {}) =>
  nullable(
    z.preprocess(
      numeric,
      z.number({ error: `${label} doit être un nombre` }).check((context) => {
        const value = context.value;
        if (!Number.isFinite(value))
          context.issues.push({
            code: "custom",
            input: value,
            message: `${label} doit être un nombre`,
          });
        else if (rules.integer && !Number.isSafeInteger(value))
          context.issues.push({
            code: "custom",
            input: value,
            message: `${label} doit être un nombre entier (ici ${String(value).replace(".", ",")})`,
          });
        else if (rules.min !== undefined && value < rules.min)
          context.issues.push({
            code: "custom",
            input: value,
            message: `${label} doit être au moins ${rules.min}`,
          });
      }),
    ),
  );

const pattern = (label: string, expression: RegExp, message: string) =>
  nullable(z.string({ error: `${label} : ${message}` }).regex(expression, `${label} : ${message}`));

export const DATE_MAJ_MIN = "2000-01-01";

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const dateMaj = z.string({ error: "date_maj est obligatoire (AAAA-MM-JJ)" }).check((context) => {
  const value = context.value;
  const problem = !/^\d{4}-\d{2}-\d{2}$/.test(value)
    ? "date_maj doit être une date AAAA-MM-JJ"
    : !isCalendarDate(value)
      ? "date_maj n'est pas une date du calendrier"
      : value < DATE_MAJ_MIN
        ? "date_maj doit être une date du 21e siècle"
        : undefined;
  if (problem) context.issues.push({ code: "custom", input: value, message: problem });
});

/**
 * Opening hours: the length is checked first, and the parser only runs on a
 * value that passed it (a refinement after a failed `.max()` would still run).
 */
export const openingHoursText = z
  .string({ error: "horaires_accueil doit être un texte" })
  .check((context) => {
    const value = context.value;
    if (value.length > MAX_OPENING_HOURS_LENGTH) {
      context.issues.push({
        code: "custom",
        input: "",
        message: `horaires_accueil : ${MAX_OPENING_HOURS_LENGTH.toLocaleString("fr-FR").replace(/\u202f/g, " ")} caractères au plus`,
      });
      return;
    }
    const problem = checkOpeningHours(value);
    if (problem) context.issues.push({ code: "custom", input: "", message: problem });
  });
const openingHours = nullable(openingHoursText);

const identifier = (label: string) =>
  z.string({ error: `${label} est obligatoire` }).min(1, { error: `${label} est obligatoire` });

const address = {
  commune: text(),
  code_postal: pattern("code_postal", /^\d{5}$/, "code postal sur 5 chiffres"),
  code_insee: pattern("code_insee", /^\w{5}$/, "code INSEE sur 5 caractères"),
  adresse: text(),
  complement_adresse: text(),
  longitude: number("longitude"),
  latitude: number("latitude"),
};

const nom = z.string({ error: "nom est obligatoire" }).pipe(lengthBetween("nom", 3, 150));

export const StructureRecord = z.object({
  source: identifier("source"),
  id: identifier("id"),
  nom,
  date_maj: dateMaj,
  description: nullable(lengthBetween("description", 5, 10_000)),
  siret: pattern("siret", /^\d{14}$/, "SIRET sur 14 chiffres"),
  telephone: text(),
  courriel: email,
  site_web: url("site_web"),
  lien_source: url("lien_source"),
  accessibilite_lieu: url("accessibilite_lieu"),
  horaires_accueil: openingHours,
  reseaux_porteurs: enumList(RESEAUX_PORTEURS, "reseaux_porteurs", { nonEmpty: false }),
  ...address,
});
export type StructureRecord = z.infer<typeof StructureRecord>;

export const ServiceRecord = z
  .object({
    source: identifier("source"),
    structure_id: identifier("structure_id"),
    id: identifier("id"),
    nom,
    description: z
      .string({ error: "description est obligatoire" })
      .pipe(lengthBetween("description", 5, 10_000)),
    date_maj: dateMaj,
    type: enumValue(TYPES_DE_SERVICES, "type"),
    thematiques: enumList(THEMATIQUES, "thematiques", { nonEmpty: false }),
    frais: enumValue(FRAIS, "frais"),
    frais_precisions: text(),
    publics: enumList(PUBLICS, "publics", { nonEmpty: true }),
    publics_precisions: text(),
    conditions_acces: text(),
    telephone: text(),
    courriel: email,
    contact_nom_prenom: text(),
    modes_accueil: enumList(MODES_ACCUEIL, "modes_accueil", { nonEmpty: false }),
    zone_eligibilite: nullable(
      z
        .array(
          z
            .string({ error: "zone_eligibilite : code géographique invalide" })
            .regex(ZONE_CODE, "zone_eligibilite : code géographique invalide"),
          { error: "zone_eligibilite doit être une liste" },
        )
        .min(1, {
          error:
            "zone_eligibilite : la liste ne peut pas être vide (mettre null si on ne sait pas)",
        }),
    ),
    lien_mobilisation: url("lien_mobilisation"),
    modes_mobilisation: enumList(MODES_MOBILISATION, "modes_mobilisation", { nonEmpty: true }),
    mobilisable_par: enumList(PERSONNES_MOBILISATRICES, "mobilisable_par", { nonEmpty: true }),
    mobilisation_precisions: text(),
    volume_horaire_hebdomadaire: number("volume_horaire_hebdomadaire", { min: 0 }),
    nombre_semaines: number("nombre_semaines", { min: 1, integer: true }),
    horaires_accueil: openingHours,
    lien_source: url("lien_source"),
    ...address,
  })
  .superRefine((record, context) => {
    if (record.publics?.includes("tous-publics") && record.publics.length > 1) {
      context.addIssue({
        code: "custom",
        path: ["publics"],
        message: "publics : « tous-publics » ne peut pas être combiné à d'autres valeurs",
      });
    }
  });
export type ServiceRecord = z.infer<typeof ServiceRecord>;

/** date_maj after `today` (the schema: "ne peut pas être dans le futur"). */
export function futureDateProblem(dateMaj: string, today: string): string | undefined {
  return dateMaj > today
    ? `date_maj : le ${dateMaj} est dans le futur (aujourd'hui : ${today})`
    : undefined;
}

/** One French sentence per problem, with the field name first. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    return field && !issue.message.startsWith(field.split(".")[0] ?? "")
      ? `${field} : ${issue.message}`
      : issue.message;
  });
}
