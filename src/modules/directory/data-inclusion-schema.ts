import {
  FRAIS,
  MODES_ACCUEIL,
  MODES_MOBILISATION,
  PERSONNES_MOBILISATRICES,
  PUBLICS,
  RESEAUX_PORTEURS,
  SCHEMA_VERSION,
  THEMATIQUES,
  TYPES_DE_SERVICES,
} from "./vocabulary.ts";
import { ZONE_CODE_PATTERNS } from "./zone-codes.ts";

/**
 * The data·inclusion 1.0.8 records as JSON Schema (draft 2020-12), written by
 * Relais from the facts of the official schema: field names, types,
 * enumerations, which fields are required, lengths, patterns, `minItems` and
 * `uniqueItems`. Source: schemas/v1/structure.json and schemas/v1/service.json
 * of https://github.com/gip-inclusion/data-inclusion-schema, tag v1.0.8,
 * Licence Ouverte 2.0 (Etalab). The official files are not copied here; the
 * enumerations come from vocabulary.ts, transcribed from the same tag.
 *
 * Used to check that what Relais gives (exports, API records) is valid, and
 * to document the API's records in the OpenAPI document.
 */

type JsonSchema = Record<string, unknown>;

const orNull = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });
const text = orNull({ type: "string" });
const uri = orNull({ type: "string", format: "uri", minLength: 1, maxLength: 2083 });
const email = orNull({ type: "string", format: "email" });
const number = (minimum?: number) =>
  orNull({ type: "number", ...(minimum === undefined ? {} : { minimum }) });
const oneOf = (vocabulary: Record<string, string>) => ({
  type: "string",
  enum: Object.keys(vocabulary),
});
const list = (vocabulary: Record<string, string>, rules: { minItems?: number } = {}) =>
  orNull({ type: "array", items: oneOf(vocabulary), uniqueItems: true, ...rules });
const fixed = (pattern: string, length: number) =>
  orNull({ type: "string", pattern, minLength: length, maxLength: length });

const nom = { type: "string", minLength: 3, maxLength: 150 };
const dateMaj = { type: "string", format: "date" };

const address = {
  commune: text,
  code_postal: fixed("^\\d{5}$", 5),
  code_insee: fixed("^\\w{5}$", 5),
  adresse: text,
  complement_adresse: text,
  longitude: number(),
  latitude: number(),
};

export const STRUCTURE_JSON_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: `Structure data·inclusion ${SCHEMA_VERSION}`,
  type: "object",
  required: ["source", "id", "nom", "date_maj"],
  properties: {
    source: { type: "string" },
    id: { type: "string" },
    nom,
    date_maj: dateMaj,
    description: orNull({ type: "string", minLength: 5, maxLength: 10_000 }),
    lien_source: uri,
    siret: fixed("^\\d{14}$", 14),
    telephone: text,
    courriel: email,
    site_web: uri,
    horaires_accueil: text,
    accessibilite_lieu: uri,
    reseaux_porteurs: list(RESEAUX_PORTEURS),
    ...address,
  },
};

export const SERVICE_JSON_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: `Service data·inclusion ${SCHEMA_VERSION}`,
  type: "object",
  required: ["source", "structure_id", "id", "nom", "description", "date_maj"],
  properties: {
    source: { type: "string" },
    structure_id: { type: "string" },
    id: { type: "string" },
    nom,
    description: { type: "string", minLength: 5, maxLength: 10_000 },
    lien_source: uri,
    date_maj: dateMaj,
    type: orNull(oneOf(TYPES_DE_SERVICES)),
    thematiques: list(THEMATIQUES),
    frais: orNull(oneOf(FRAIS)),
    frais_precisions: text,
    publics: list(PUBLICS, { minItems: 1 }),
    publics_precisions: text,
    conditions_acces: text,
    telephone: text,
    courriel: email,
    modes_accueil: list(MODES_ACCUEIL),
    zone_eligibilite: orNull({
      type: "array",
      minItems: 1,
      items: { anyOf: ZONE_CODE_PATTERNS.map((schema) => ({ type: "string", ...schema })) },
    }),
    contact_nom_prenom: text,
    lien_mobilisation: uri,
    modes_mobilisation: list(MODES_MOBILISATION, { minItems: 1 }),
    mobilisable_par: list(PERSONNES_MOBILISATRICES, { minItems: 1 }),
    mobilisation_precisions: text,
    volume_horaire_hebdomadaire: number(0),
    nombre_semaines: orNull({ type: "integer", minimum: 1 }),
    horaires_accueil: text,
    ...address,
  },
};
