/**
 * The keys a search looks up in `directory_service.search_keys` (migration
 * 0101): places (commune, ~1 km grid cells, eligibility zones), alone or
 * combined with a theme category. They only narrow: every row the exact
 * filters of search.ts keep carries at least one of them, so results are the
 * same with or without them.
 */
import { boundingBox } from "./geo.ts";
import { themeCategory } from "./vocabulary.ts";

/** Cell size in degrees; must match directory_search_keys() in migration 0101. */
export const CELL_LAT_DEGREES = 0.01;
export const CELL_LON_DEGREES = 0.015;
/** Beyond this many cells (a radius of about 10 km), the plain path is as good. */
export const MAX_CELLS = 400;

const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;
/** Slack for floating-point differences between this bound and SQL's haversine. */
const MARGIN_KM = 0.001;
/** Slack in degrees on a cell's edges: the floor() in SQL decides, not these bounds. */
const EDGE_DEGREES = 1e-9;

/** The cell holding a point, as directory_search_keys() writes it. */
export function cellKey(latitude: number, longitude: number): string {
  return `g:${Math.floor(latitude / CELL_LAT_DEGREES)}:${Math.floor(longitude / CELL_LON_DEGREES)}`;
}

/**
 * A lower bound of the haversine distance from `origin` to any point of the
 * box: each term of the haversine at its smallest, independently.
 */
function minDistanceKm(
  origin: { latitude: number; longitude: number },
  minLat: number,
  maxLat: number,
  minLon: number,
  maxLon: number,
): number {
  const gap = (value: number, low: number, high: number) =>
    value < low ? low - value : value > high ? value - high : 0;
  const dLat = gap(origin.latitude, minLat, maxLat) * RAD;
  const dLon = Math.min(Math.PI, gap(origin.longitude, minLon, maxLon) * RAD);
  const cosLat = Math.max(0, Math.min(Math.cos(minLat * RAD), Math.cos(maxLat * RAD)));
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.max(0, Math.cos(origin.latitude * RAD)) * cosLat * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The place keys of a search around `origin`: the grid cells of the bounding
 * box that come within `radiusKm`, the commune, and the eligibility zones of
 * services without position. Undefined when too many cells: search without keys.
 */
export function placeKeys(
  origin: { latitude: number; longitude: number },
  radiusKm: number,
  communeCode: string | undefined,
  zone: string[],
): string[] | undefined {
  const box = boundingBox(origin, radiusKm);
  const fromLat = Math.floor(box.minLat / CELL_LAT_DEGREES);
  const toLat = Math.floor(box.maxLat / CELL_LAT_DEGREES);
  const fromLon = Math.floor(box.minLon / CELL_LON_DEGREES);
  const toLon = Math.floor(box.maxLon / CELL_LON_DEGREES);
  if (!Number.isFinite(fromLat + toLat + fromLon + toLon)) return undefined;
  if ((toLat - fromLat + 1) * (toLon - fromLon + 1) > MAX_CELLS * 2) return undefined;
  const keys: string[] = [];
  for (let lat = fromLat; lat <= toLat; lat++) {
    for (let lon = fromLon; lon <= toLon; lon++) {
      const nearest = minDistanceKm(
        origin,
        lat * CELL_LAT_DEGREES - EDGE_DEGREES,
        (lat + 1) * CELL_LAT_DEGREES + EDGE_DEGREES,
        lon * CELL_LON_DEGREES - EDGE_DEGREES,
        (lon + 1) * CELL_LON_DEGREES + EDGE_DEGREES,
      );
      if (nearest <= radiusKm + MARGIN_KM) keys.push(`g:${lat}:${lon}`);
    }
  }
  if (keys.length > MAX_CELLS) return undefined;
  if (communeCode) keys.push(`c:${communeCode}`);
  for (const code of zone) keys.push(`z:${code}`);
  return keys;
}

/**
 * The keys to look up: the places alone, or each place with the category of
 * the theme asked for (a category, or a full thematique's category).
 */
export function searchKeys(places: string[], theme: string | undefined): string[] {
  if (!theme) return places;
  const category = theme.includes("--") ? themeCategory(theme) : theme;
  return places.map((place) => `${place}:t:${category}`);
}
