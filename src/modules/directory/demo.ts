import type { Tx } from "../../db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { type DemoCommune, demoPlaces } from "./demo-places.ts";
import { type DirectoryRecords, recordKey, saveRecords } from "./directory-store.ts";
import { ServiceRecord, StructureRecord } from "./record-schema.ts";

/**
 * The demo directory of the Hauts-de-Seine. Every structure and service is
 * marked demo (is_demo, source "relais-demo"); addresses say "(démonstration)"
 * and phone numbers are in the 01 99 00 range that ARCEP reserves for fiction.
 * Kinds of places are real (CCAS, SST, PMI, France Travail, points justice,
 * the associations named in the seeds); their details are invented.
 */

export const DEMO_SOURCE = "relais-demo";

const DATE = "2026-09-01";

function frenchPhone(index: number): string {
  return `01 99 00 ${String(Math.floor(index / 100) % 100).padStart(2, "0")} ${String(index % 100).padStart(2, "0")}`;
}

/** A point near the commune centre, the same on every run (no randomness). */
function nearCentre(commune: DemoCommune, index: number) {
  if (commune.latitude === null || commune.longitude === null) return {};
  const angle = index * 2.399963;
  const radius = 0.002 + (index % 5) * 0.0012;
  return {
    latitude: Number((commune.latitude + radius * Math.sin(angle)).toFixed(5)),
    longitude: Number((commune.longitude + radius * 1.5 * Math.cos(angle)).toFixed(5)),
  };
}

export function demoDirectoryRecords(
  communes: DemoCommune[],
  sstCommunes: Map<string, string>,
): DirectoryRecords & { organisations: Map<string, string> } {
  const structures: StructureRecord[] = [];
  const services: ServiceRecord[] = [];
  const organisations = new Map<string, string>();
  demoPlaces(communes, sstCommunes).forEach((place, index) => {
    const position = nearCentre(place.commune, index);
    const address = {
      commune: place.commune.name,
      code_postal: place.commune.postcodes[0] ?? null,
      code_insee: place.commune.inseeCode,
      adresse: `${10 + (index % 80)} rue de la Solidarité (démonstration)`,
      ...position,
    };
    if (place.organisation) organisations.set(recordKey(DEMO_SOURCE, place.id), place.organisation);
    structures.push(
      StructureRecord.parse({
        source: DEMO_SOURCE,
        id: place.id,
        nom: place.nom,
        date_maj: DATE,
        telephone: frenchPhone(index),
        horaires_accueil: place.horaires,
        reseaux_porteurs: place.reseaux ?? [],
        description: "Structure de démonstration : les informations sont fictives.",
        ...address,
      }),
    );
    place.offers.forEach((offer, offerIndex) => {
      services.push(
        ServiceRecord.parse({
          source: DEMO_SOURCE,
          structure_id: place.id,
          id: `${place.id}--${offerIndex + 1}`,
          modes_accueil: ["en-presentiel"],
          mobilisable_par: ["usagers", "professionnels"],
          modes_mobilisation: ["se-presenter"],
          publics: ["tous-publics"],
          frais: "gratuit",
          zone_eligibilite: [place.commune.inseeCode],
          telephone: frenchPhone(index),
          date_maj: DATE,
          ...offer,
          ...address,
        }),
      );
    });
  });
  return { structures, services, organisations };
}

/**
 * Saves the demo directory, linking structures to the demo organisations by
 * name, inside the seed's transaction.
 */
export async function saveDemoDirectory(
  ctx: Pick<ServiceContext, "now"> & { db: Tx },
  input: {
    communes: DemoCommune[];
    sstCommunes: Map<string, string>;
    organisationIdsByName: Map<string, string>;
  },
): Promise<{ structures: number; services: number }> {
  const records = demoDirectoryRecords(input.communes, input.sstCommunes);
  const organisationIds = new Map<string, string>();
  for (const [key, name] of records.organisations) {
    const id = input.organisationIdsByName.get(name);
    if (id) organisationIds.set(key, id);
  }
  return saveRecords(ctx.db, records, { isDemo: true, now: ctx.now, organisationIds });
}
