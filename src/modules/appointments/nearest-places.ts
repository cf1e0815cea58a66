// Where a person can be received, nearest first: the places of the online
// catalogue ordered by their distance from a point (a commune's centre or
// the person's position), then by name in French order. Pure: no I/O.

import { frenchCollator } from "../../platform/ui/french.ts";
import type { LieuView, MotifView } from "./agenda-store.ts";

export interface Position {
  latitude: number;
  longitude: number;
}

/** A place and the motifs one can book there online ("telephone": the motif's own openings). */
export interface BookablePlace {
  lieu: LieuView;
  organisationKind: string;
  motifs: { motif: MotifView; lieuKey: string }[];
}

export interface NearPlace extends BookablePlace {
  /** Null when the place's position is unknown (it then comes last). */
  distanceKm: number | null;
}

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine, the Earth as a 6,371 km sphere). */
export function distanceKm(from: Position, to: Position): number {
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The places nearest `origin` first; without an origin, in French
 * alphabetical order. `communeCode` keeps only the places of that commune.
 */
export function orderPlaces(
  places: readonly BookablePlace[],
  origin: Position | null,
  communeCode?: string,
): NearPlace[] {
  const kept = communeCode ? places.filter((p) => p.lieu.communeCode === communeCode) : places;
  const withDistance = kept.map((place) => ({
    ...place,
    distanceKm:
      origin && place.lieu.latitude !== null && place.lieu.longitude !== null
        ? distanceKm(origin, { latitude: place.lieu.latitude, longitude: place.lieu.longitude })
        : null,
  }));
  return withDistance.sort((a, b) => {
    if (a.distanceKm !== b.distanceKm) {
      if (a.distanceKm === null) return 1;
      if (b.distanceKm === null) return -1;
      return a.distanceKm - b.distanceKm;
    }
    return frenchCollator.compare(a.lieu.name, b.lieu.name);
  });
}

/**
 * The catalogue turned around: for each place, the motifs booked there, and
 * the organisation's motifs without a place (by phone…) next to them.
 */
export function placesOfCatalogue(
  catalogue: readonly { motif: MotifView; lieux: LieuView[] }[],
): BookablePlace[] {
  const places = new Map<string, BookablePlace>();
  for (const { motif, lieux } of catalogue) {
    if (motif.locationKind !== "sur_place") continue;
    for (const lieu of lieux) {
      const place = places.get(lieu.id) ?? {
        lieu,
        organisationKind: motif.organisationKind,
        motifs: [],
      };
      place.motifs.push({ motif, lieuKey: lieu.id });
      places.set(lieu.id, place);
    }
  }
  for (const { motif } of catalogue) {
    if (motif.locationKind === "sur_place") continue;
    for (const place of places.values()) {
      if (place.lieu.organisationId === motif.organisationId) {
        place.motifs.push({ motif, lieuKey: "telephone" });
      }
    }
  }
  return [...places.values()];
}
