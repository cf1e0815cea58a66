// Zones of the aides personnelles au logement (art. D823-16 CCH; arrêté du 17 mars 1978 relatif
// au classement des communes par zones, as amended): zone 1 is the Paris agglomeration (with
// the former zone 1 bis: Paris and the communes of the petite couronne) and the villes
// nouvelles of Île-de-France; zone 2 the rest of Île-de-France, the agglomerations of more
// than 100 000 inhabitants, Corsica and the overseas départements; zone 3 elsewhere.
// Shipped as data for the demonstration territory only: Paris and the petite couronne — the
// Hauts-de-Seine (its 36 communes), the Seine-Saint-Denis and the Val-de-Marne — are zone 1
// as a whole, as communes of the Paris agglomeration. Another commune has no zone here: the
// engine then assumes zone 2 (the zone OpenFisca-France also assumes) and says so, unless the
// zone is given.

export type AlZone = 1 | 2 | 3;

/** Départements entirely in zone 1 (Paris and the petite couronne). */
const ZONE_1_DEPARTEMENTS = new Set(["75", "92", "93", "94"]);

/** The zone of a commune, or undefined when the engine does not know it. */
export function zoneOfCommune(depcom: string): AlZone | undefined {
  return ZONE_1_DEPARTEMENTS.has(depcom.slice(0, 2)) ? 1 : undefined;
}

/** The zone assumed for a commune the engine does not know. */
export const DEFAULT_ZONE: AlZone = 2;
