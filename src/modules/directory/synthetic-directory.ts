import type { ServiceContext } from "../../platform/http/context.ts";
import { saveRecords } from "./directory-store.ts";
import { ServiceRecord, StructureRecord } from "./record-schema.ts";
import { THEMATIQUES } from "./vocabulary.ts";

/**
 * A large synthetic directory for benchmarks (`relais seed --directory-size N`):
 * deterministic (same N, same rows), source "relais-synthetique", marked demo.
 */
const WORDS = [
  "aide",
  "alimentaire",
  "colis",
  "domiciliation",
  "logement",
  "emploi",
  "numérique",
  "santé",
  "budget",
  "énergie",
  "juridique",
  "famille",
  "enfants",
  "vestiaire",
  "accueil",
  "écoute",
  "insertion",
  "formation",
  "mobilité",
  "français",
];
const THEMES = Object.keys(THEMATIQUES);
const HOURS = [
  "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
  "Tu,Th 14:00-18:00",
  "Mo-Sa 08:30-19:00",
  "We 09:00-12:00",
  null,
];

export async function seedSyntheticDirectory(
  ctx: Pick<ServiceContext, "db" | "now">,
  size: number,
  communes: {
    inseeCode: string;
    name: string;
    latitude: number | null;
    longitude: number | null;
    postcodes: string[];
  }[],
): Promise<number> {
  const { db, now } = ctx;
  let state = 42;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  const batch = 2_000;
  for (let start = 0; start < size; start += batch) {
    const structures: StructureRecord[] = [];
    const services: ServiceRecord[] = [];
    for (let i = start; i < Math.min(size, start + batch); i++) {
      const commune = communes[i % communes.length];
      if (!commune) break;
      const place = {
        commune: commune.name,
        code_insee: commune.inseeCode,
        code_postal: commune.postcodes[0] ?? null,
        latitude: commune.latitude === null ? null : commune.latitude + (random() - 0.5) * 0.03,
        longitude: commune.longitude === null ? null : commune.longitude + (random() - 0.5) * 0.04,
      };
      if (i % 4 === 0) {
        structures.push(
          StructureRecord.parse({
            source: "relais-synthetique",
            id: `st-${i}`,
            nom: `Structure synthétique ${i}`,
            date_maj: "2026-01-01",
            ...place,
          }),
        );
      }
      const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
      services.push(
        ServiceRecord.parse({
          source: "relais-synthetique",
          structure_id: `st-${i - (i % 4)}`,
          id: `sv-${i}`,
          nom: `Service ${words[0]} ${words[1]} ${i}`,
          description: `Service synthétique de test : ${words.join(", ")}. Accueil et orientation.`,
          date_maj: "2026-01-01",
          thematiques: [...new Set([pick(THEMES), pick(THEMES)])],
          modes_accueil: ["en-presentiel"],
          horaires_accueil: pick(HOURS),
          ...place,
        }),
      );
    }
    await db
      .transaction()
      .execute((tx) => saveRecords(tx, { structures, services }, { isDemo: true, now }));
  }
  return size;
}
