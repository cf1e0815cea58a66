// Zones of the aides personnelles au logement (art. D823-16 CCH; arrêté du 17 mars 1978 relatif
// au classement des communes par zones, as amended): zone 1 is the Paris agglomeration (with
// the former zone 1 bis: Paris and the communes of the petite couronne) and the villes
// nouvelles of Île-de-France; zone 2 the rest of Île-de-France, the agglomerations of more
// than 100 000 inhabitants, Corsica and the overseas départements; zone 3 elsewhere.
// Shipped as data for the demonstration territory only: the 36 communes of the Hauts-de-Seine
// (code officiel géographique, data/territory/communes-92-centres.json), all in zone 1 as
// communes of the Paris agglomeration. Paris, the Seine-Saint-Denis and the Val-de-Marne are
// zone 1 as a whole. Another commune has no zone here: the engine then assumes zone 2 (the
// zone OpenFisca-France also assumes) and says so, unless the zone is given.

export type AlZone = 1 | 2 | 3;

const HAUTS_DE_SEINE = [
  "92002",
  "92004",
  "92007",
  "92009",
  "92012",
  "92014",
  "92019",
  "92020",
  "92022",
  "92023",
  "92024",
  "92025",
  "92026",
  "92032",
  "92033",
  "92035",
  "92036",
  "92040",
  "92044",
  "92046",
  "92047",
  "92048",
  "92049",
  "92050",
  "92051",
  "92060",
  "92062",
  "92063",
  "92064",
  "92071",
  "92072",
  "92073",
  "92075",
  "92076",
  "92077",
  "92078",
];

/** Commune INSEE code → zone, for the communes the engine knows. */
export const ZONE_BY_COMMUNE: ReadonlyMap<string, AlZone> = new Map(
  HAUTS_DE_SEINE.map((code) => [code, 1 as AlZone]),
);

/** Départements entirely in zone 1 (Paris and the petite couronne). */
const ZONE_1_DEPARTEMENTS = new Set(["75", "92", "93", "94"]);

/** The zone of a commune, or undefined when the engine does not know it. */
export function zoneOfCommune(depcom: string): AlZone | undefined {
  const known = ZONE_BY_COMMUNE.get(depcom);
  if (known !== undefined) return known;
  return ZONE_1_DEPARTEMENTS.has(depcom.slice(0, 2)) ? 1 : undefined;
}

/** The zone assumed for a commune the engine does not know. */
export const DEFAULT_ZONE: AlZone = 2;
