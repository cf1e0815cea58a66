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

/**
 * A data·inclusion 1.0.8 file that Relais did not write: every value of every
 * referential, `null` and `[]` where the schema allows them, texts with their
 * own whitespace, long telephones and texts, school holidays in opening
 * hours, every kind of eligibility code. Deterministic; for tests.
 */

const COMMUNES = ["92002", "92004", "92012", "92025", "92040", "92050", "92063", "92073"];
const HOURS = [
  "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
  "Mo-Fr 09:00-17:00; SH off; PH off",
  "Tu,Th 14:00-18:00; SH Tu 10:00-12:00",
  "24/7",
  'Mo-Sa 08:30-12:30 || "sur rendez-vous"',
];
const ZONES: (string[] | null)[] = [
  null,
  ["92050"],
  ["92"],
  ["200054781"],
  ["200057982", "92063"],
  ["99100"],
  ["france"],
  ["2A", "2B", "75056"],
];
const LONG_TEXT = `${"Les conditions sont précisées au premier rendez-vous. ".repeat(60)} `;

const keys = (vocabulary: Record<string, string>) => Object.keys(vocabulary);

/** `count` values cycling through the vocabulary, starting at `offset`, without repeats. */
function cycle(values: string[], offset: number, count: number): string[] {
  const picked = new Set<string>();
  for (let i = 0; picked.size < Math.min(count, values.length); i++)
    picked.add(values[(offset + i) % values.length] as string);
  return [...picked];
}

/** A list, `null` or `[]` (when the schema allows an empty list). */
function listOrNot(i: number, values: string[], count: number, emptyAllowed: boolean) {
  if (i % 7 === 3) return null;
  if (emptyAllowed && i % 11 === 5) return [];
  return cycle(values, i, count);
}

export function generateDataInclusionFile(
  sizes: { structures: number; services: number },
  today: string,
): { structures: Record<string, unknown>[]; services: Record<string, unknown>[] } {
  const structures = Array.from({ length: sizes.structures }, (_, i) => {
    const commune = COMMUNES[i % COMMUNES.length] as string;
    return {
      source: `producteur-${i % 14}`,
      id: `structure-${i}`,
      nom: i % 9 === 0 ? `  Maison des solidarités n° ${i}  ` : `Structure d'accueil ${i}`,
      date_maj: i % 5 === 0 ? today : `202${i % 6}-0${1 + (i % 9)}-1${i % 10}`,
      description: i % 4 === 0 ? null : `Accueil, écoute et orientation.\n\nStructure ${i}.`,
      lien_source: i % 3 === 0 ? null : `https://exemple.fr/structures/${i}`,
      siret: i % 2 === 0 ? null : String(10_000_000_000_000 + i),
      telephone:
        i % 6 === 0
          ? "01 41 12 34 56 (accueil social, du lundi au vendredi)"
          : `01 47 00 00 ${String(i % 100).padStart(2, "0")}`,
      courriel: i % 5 === 1 ? null : `contact${i}@exemple.fr`,
      site_web: i % 4 === 2 ? null : `https://structure-${i}.exemple.fr/`,
      horaires_accueil: i % 8 === 7 ? null : HOURS[i % HOURS.length],
      accessibilite_lieu: i % 2 === 0 ? null : `https://acceslibre.beta.gouv.fr/lieu-${i}/`,
      reseaux_porteurs: listOrNot(i, keys(RESEAUX_PORTEURS), 1 + (i % 3), true),
      commune: `Commune ${commune}`,
      code_postal: i % 10 === 9 ? null : `92${String(100 + (i % 200)).slice(0, 3)}`,
      code_insee: commune,
      adresse: `${i} rue de la République`,
      complement_adresse: i % 3 === 0 ? "  Bâtiment B, 2e étage " : null,
      longitude: i % 12 === 11 ? null : 2.2 + (i % 50) / 1000,
      latitude: i % 12 === 11 ? null : 48.85 + (i % 40) / 1000,
    };
  });
  const services = Array.from({ length: sizes.services }, (_, i) => {
    const structure = structures[i % structures.length] as (typeof structures)[number];
    const remote = i % 10 === 4;
    const publics =
      i % 13 === 0
        ? ["tous-publics"]
        : listOrNot(
            i,
            keys(PUBLICS).filter((key) => key !== "tous-publics"),
            2,
            false,
          );
    return {
      source: structure.source,
      structure_id: structure.id,
      id: `service-${i}`,
      nom: `Service ${keys(THEMATIQUES)[i % keys(THEMATIQUES).length]?.split("--")[1] ?? i} ${i}`.slice(
        0,
        150,
      ),
      description: i % 17 === 0 ? "Aide." : `Un accompagnement près de chez vous.  Service ${i}.`,
      lien_source: i % 3 === 0 ? null : `https://exemple.fr/services/${i}`,
      date_maj: `202${i % 6}-1${i % 3}-0${1 + (i % 9)}`,
      type: i % 8 === 7 ? null : keys(TYPES_DE_SERVICES)[i % keys(TYPES_DE_SERVICES).length],
      thematiques: listOrNot(i, keys(THEMATIQUES), 1 + (i % 3), true),
      frais: i % 5 === 4 ? null : keys(FRAIS)[i % 2],
      frais_precisions: i % 19 === 0 ? LONG_TEXT : i % 2 === 0 ? null : "Adhésion : 2 € par an",
      publics,
      publics_precisions: i % 23 === 0 ? LONG_TEXT : null,
      conditions_acces: i % 29 === 0 ? LONG_TEXT : i % 3 === 0 ? "Sur orientation" : null,
      telephone: i % 6 === 0 ? "01 41 12 34 56 (accueil social, du lundi au vendredi)" : null,
      courriel: i % 4 === 0 ? null : `service${i}@exemple.fr`,
      contact_nom_prenom: i % 5 === 0 ? "Camille Martin" : null,
      modes_accueil: listOrNot(i, keys(MODES_ACCUEIL), 1 + (i % 2), true),
      zone_eligibilite: ZONES[i % ZONES.length] ?? null,
      lien_mobilisation: i % 4 === 1 ? `https://exemple.fr/mobiliser/${i}` : null,
      modes_mobilisation: listOrNot(i, keys(MODES_MOBILISATION), 1 + (i % 4), false),
      mobilisable_par: listOrNot(i, keys(PERSONNES_MOBILISATRICES), 1 + (i % 2), false),
      mobilisation_precisions: i % 31 === 0 ? LONG_TEXT : null,
      volume_horaire_hebdomadaire: i % 3 === 0 ? null : [0, 1, 2.5, 12, 35][i % 5],
      nombre_semaines: i % 4 === 0 ? null : [1, 3, 12, 52][i % 4],
      horaires_accueil: i % 6 === 5 ? null : HOURS[(i + 1) % HOURS.length],
      commune: remote ? null : structure.commune,
      code_postal: remote ? null : structure.code_postal,
      code_insee: remote ? null : structure.code_insee,
      adresse: remote ? null : structure.adresse,
      complement_adresse: null,
      longitude: remote ? null : structure.longitude,
      latitude: remote ? null : structure.latitude,
    };
  });
  return { structures, services };
}
