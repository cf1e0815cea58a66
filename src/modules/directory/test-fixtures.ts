import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { SERVICE_JSON_SCHEMA, STRUCTURE_JSON_SCHEMA } from "./data-inclusion-schema.ts";
import { ServiceRecord, StructureRecord } from "./record-schema.ts";

/** Valid data·inclusion records with only what a test cares about. */
export function makeStructure(overrides: Partial<Record<string, unknown>> = {}): StructureRecord {
  return StructureRecord.parse({
    source: "test",
    id: "structure-1",
    nom: "Structure de test",
    date_maj: "2026-01-15",
    code_insee: "92050",
    commune: "Nanterre",
    code_postal: "92000",
    latitude: 48.8924,
    longitude: 2.2071,
    ...overrides,
  });
}

export function makeService(overrides: Partial<Record<string, unknown>> = {}): ServiceRecord {
  return ServiceRecord.parse({
    source: "test",
    structure_id: "structure-1",
    id: "service-1",
    nom: "Service de test",
    description: "Un service pour les tests de l'annuaire.",
    date_maj: "2026-01-15",
    code_insee: "92050",
    commune: "Nanterre",
    code_postal: "92000",
    latitude: 48.8924,
    longitude: 2.2071,
    modes_accueil: ["en-presentiel"],
    ...overrides,
  });
}

// ajv-formats is CommonJS: its default export is the plugin itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A JSON-schema validator (ajv, draft 2020-12, formats) for data·inclusion records. */
export function dataInclusionValidator() {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  const structure = ajv.compile(STRUCTURE_JSON_SCHEMA);
  const service = ajv.compile(SERVICE_JSON_SCHEMA);
  /** The records that fail, each with ajv's errors. */
  return function invalidRecords(
    kind: "structure" | "service",
    records: unknown[],
  ): { index: number; errors: string[] }[] {
    const validate = kind === "structure" ? structure : service;
    return records.flatMap((record, index) =>
      validate(record)
        ? []
        : [
            {
              index,
              errors: (validate.errors ?? []).map(
                (error) => `${error.instancePath} ${error.message ?? ""}`,
              ),
            },
          ],
    );
  };
}
