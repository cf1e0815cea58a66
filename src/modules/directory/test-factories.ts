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
