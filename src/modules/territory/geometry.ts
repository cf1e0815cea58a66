import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Ring = [number, number][];
export type CommuneShape = {
  inseeCode: string;
  ring: Ring;
  centre: { latitude: number; longitude: number };
};

const DATA_DIR = join(import.meta.dirname, "..", "..", "..", "data", "territory");

/** Area centroid of a closed ring of [longitude, latitude] (shoelace formula). */
export function ringCentroid(ring: Ring): { latitude: number; longitude: number } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i] ?? [0, 0];
    const [x1, y1] = ring[i + 1] ?? [0, 0];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-12) {
    const [lon = 0, lat = 0] = ring[0] ?? [];
    return { latitude: lat, longitude: lon };
  }
  return { latitude: y / (3 * area), longitude: x / (3 * area) };
}

type GeoJson = {
  type?: string;
  features?: {
    properties?: Record<string, unknown>;
    geometry?: { type?: string; coordinates?: unknown };
  }[];
};

/** Commune shapes from a GeoJSON FeatureCollection (property `code`, Polygon or MultiPolygon: largest ring). */
export function shapesFromGeoJson(json: unknown): CommuneShape[] {
  const collection = json as GeoJson;
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) return [];
  const shapes: CommuneShape[] = [];
  for (const feature of collection.features) {
    const code = String(feature.properties?.code ?? feature.properties?.code_insee ?? "");
    const geometry = feature.geometry;
    let rings: Ring[] = [];
    if (geometry?.type === "Polygon") rings = [(geometry.coordinates as Ring[])[0] ?? []];
    if (geometry?.type === "MultiPolygon") {
      rings = (geometry.coordinates as Ring[][]).map((polygon) => polygon[0] ?? []);
    }
    const ring = rings.sort((a, b) => b.length - a.length)[0];
    if (!/^[0-9][0-9AB][0-9]{3}$/.test(code) || !ring || ring.length < 4) continue;
    shapes.push({ inseeCode: code, ring, centre: ringCentroid(ring) });
  }
  return shapes;
}

/** The shipped contours of a département, when Relais ships them (the 92 today). */
export function readShippedShapes(departementCode: string): CommuneShape[] {
  const file = join(DATA_DIR, `communes-${departementCode}.geojson`);
  if (!existsSync(file)) return [];
  return shapesFromGeoJson(JSON.parse(readFileSync(file, "utf8")));
}
