import { z } from "zod";
import { checkOpeningHours } from "./opening-hours.ts";
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

z.config(z.locales.fr());

/**
 * data·inclusion 1.0.8 records (structure and service), validated one by one
 * with French messages. Field names are the schema's, so that a file from
 * data·inclusion, DORA or Soliguide's exports reads as is. Empty strings
 * become null: spreadsheets write "" for "unknown".
 */

const blankToNull = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? null : value;

const text = (max = 10_000) =>
  z.preprocess(blankToNull, z.string().trim().max(max).nullish()).transform((v) => v ?? null);

const enumList = <T extends Record<string, string>>(vocabulary: T, label: string) =>
  z
    .preprocess(
      (value) => (value === null || value === undefined || value === "" ? [] : value),
      z.array(
        z.string().refine((item) => Object.hasOwn(vocabulary, item), {
          error: (issue) => `${label} : valeur inconnue « ${String(issue.input)} »`,
        }),
      ),
    )
    .transform((items) => [...new Set(items)] as (keyof T & string)[]);

const enumValue = <T extends Record<string, string>>(vocabulary: T, label: string) =>
  z
    .preprocess(
      blankToNull,
      z
        .string()
        .refine((item) => Object.hasOwn(vocabulary, item), {
          error: (issue) => `${label} : valeur inconnue « ${String(issue.input)} »`,
        })
        .nullish(),
    )
    .transform((value) => (value ?? null) as (keyof T & string) | null);

const url = z
  .preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(2083)
      .refine((value) => /^https?:\/\/[^\s]+$/.test(value), {
        error: "doit être une adresse web commençant par http:// ou https://",
      })
      .nullish(),
  )
  .transform((v) => v ?? null);

const email = z
  .preprocess(blankToNull, z.email({ error: "adresse électronique invalide" }).nullish())
  .transform((v) => v ?? null);

const number = (min: number, max: number, label: string) =>
  z
    .preprocess(
      (value) =>
        value === "" || value === null || value === undefined
          ? null
          : typeof value === "string"
            ? Number(value.replace(",", "."))
            : value,
      z
        .number({ error: `${label} doit être un nombre` })
        .min(min, { error: `${label} doit être entre ${min} et ${max}` })
        .max(max, { error: `${label} doit être entre ${min} et ${max}` })
        .nullable(),
    )
    .transform((v) => v ?? null);

const dateMaj = z
  .string({ error: "date_maj est obligatoire (AAAA-MM-JJ)" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date_maj doit être une date AAAA-MM-JJ" })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && value >= "2000-01-01", {
    error: "date_maj doit être une date valide du 21e siècle",
  });

const openingHours = z
  .preprocess(blankToNull, z.string().trim().max(1000).nullish())
  .transform((v) => v ?? null)
  .superRefine((value, context) => {
    if (value === null) return;
    const problem = checkOpeningHours(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

const identifier = (label: string) =>
  z
    .string({ error: `${label} est obligatoire` })
    .trim()
    .min(1, { error: `${label} est obligatoire` })
    .max(200, { error: `${label} : 200 caractères au plus` });

const address = {
  commune: text(200),
  code_postal: z
    .preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .regex(/^\d{5}$/, "code postal sur 5 chiffres")
        .nullish(),
    )
    .transform((v) => v ?? null),
  code_insee: z
    .preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .regex(/^[0-9][0-9AB][0-9]{3}$/, "code INSEE sur 5 caractères")
        .nullish(),
    )
    .transform((v) => v ?? null),
  adresse: text(500),
  complement_adresse: text(500),
  longitude: number(-180, 180, "longitude"),
  latitude: number(-90, 90, "latitude"),
};

const nom = z
  .string({ error: "nom est obligatoire" })
  .trim()
  .min(3, { error: "nom : 3 caractères au moins" })
  .max(150, { error: "nom : 150 caractères au plus" });

export const StructureRecord = z.object({
  source: identifier("source"),
  id: identifier("id"),
  nom,
  date_maj: dateMaj,
  description: text(10_000),
  siret: z
    .preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .regex(/^\d{14}$/, "SIRET sur 14 chiffres")
        .nullish(),
    )
    .transform((v) => v ?? null),
  telephone: text(40),
  courriel: email,
  site_web: url,
  lien_source: url,
  accessibilite_lieu: url,
  horaires_accueil: openingHours,
  reseaux_porteurs: enumList(RESEAUX_PORTEURS, "reseaux_porteurs"),
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
      .trim()
      .min(5, { error: "description : 5 caractères au moins" })
      .max(10_000, { error: "description : 10 000 caractères au plus" }),
    date_maj: dateMaj,
    type: enumValue(TYPES_DE_SERVICES, "type"),
    thematiques: enumList(THEMATIQUES, "thematiques"),
    frais: enumValue(FRAIS, "frais"),
    frais_precisions: text(2000),
    publics: enumList(PUBLICS, "publics"),
    publics_precisions: text(2000),
    conditions_acces: text(2000),
    telephone: text(40),
    courriel: email,
    contact_nom_prenom: text(200),
    modes_accueil: enumList(MODES_ACCUEIL, "modes_accueil"),
    zone_eligibilite: z
      .preprocess(
        (value) => (value === null || value === undefined || value === "" ? [] : value),
        z.array(
          z
            .string()
            .regex(
              /^(\w{5}|\w{2,3}|\d{9}|france)$/,
              "zone_eligibilite : code géographique invalide",
            ),
        ),
      )
      .transform((codes) => [...new Set(codes)]),
    lien_mobilisation: url,
    modes_mobilisation: enumList(MODES_MOBILISATION, "modes_mobilisation"),
    mobilisable_par: enumList(PERSONNES_MOBILISATRICES, "mobilisable_par"),
    mobilisation_precisions: text(2000),
    volume_horaire_hebdomadaire: number(0, 168, "volume_horaire_hebdomadaire"),
    nombre_semaines: number(1, 520, "nombre_semaines"),
    horaires_accueil: openingHours,
    lien_source: url,
    ...address,
  })
  .superRefine((record, context) => {
    if (record.publics.includes("tous-publics") && record.publics.length > 1) {
      context.addIssue({
        code: "custom",
        path: ["publics"],
        message: "publics : « tous-publics » ne peut pas être combiné à d'autres valeurs",
      });
    }
  });
export type ServiceRecord = z.infer<typeof ServiceRecord>;

/** One French sentence per problem, with the field name first. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    return field && !issue.message.startsWith(field.split(".")[0] ?? "")
      ? `${field} : ${issue.message}`
      : issue.message;
  });
}
