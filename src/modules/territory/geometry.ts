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

type ShippedCentres = { centres: { code: string; latitude: number; longitude: number }[] };

/** The commune centres Relais ships for a département (the 92 today), as sourced figures. */
export function readShippedCentres(
  departementCode: string,
): Map<string, { latitude: number; longitude: number }> {
  const file = join(DATA_DIR, `communes-${departementCode}-centres.json`);
  if (!existsSync(file)) return new Map();
  const data = JSON.parse(readFileSync(file, "utf8")) as ShippedCentres;
  return new Map(
    data.centres.map((centre) => [
      centre.code,
      { latitude: centre.latitude, longitude: centre.longitude },
    ]),
  );
}

type XY = [number, number];

/** Keeps the part of a convex polygon where (p − m)·n ≤ 0 (Sutherland–Hodgman, one edge). */
function clipHalfPlane(polygon: XY[], m: XY, n: XY): XY[] {
  const side = (p: XY) => (p[0] - m[0]) * n[0] + (p[1] - m[1]) * n[1];
  const result: XY[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const current = polygon[i] as XY;
    const next = polygon[(i + 1) % polygon.length] as XY;
    const a = side(current);
    const b = side(next);
    if (a <= 0) result.push(current);
    if ((a < 0 && b > 0) || (a > 0 && b < 0)) {
      const t = a / (a - b);
      result.push([
        current[0] + t * (next[0] - current[0]),
        current[1] + t * (next[1] - current[1]),
      ]);
    }
  }
  return result;
}

/** Convex hull (monotone chain), counter-clockwise. */
function convexHull(points: XY[]): XY[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: XY, a: XY, b: XY) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: XY[]) => {
    const chain: XY[] = [];
    for (const point of list) {
      while (
        chain.length >= 2 &&
        cross(chain[chain.length - 2] as XY, chain[chain.length - 1] as XY, point) <= 0
      ) {
        chain.pop();
      }
      chain.push(point);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

/**
 * A schematic map when no licensed contours are shipped: each commune is the
 * Voronoi cell of its centre (the points nearer to it than to any other
 * centre), clipped to the centres' convex hull widened by `margin`. It shows
 * where communes lie relative to each other; it is not their legal boundary.
 */
export function voronoiShapes(
  centres: { inseeCode: string; latitude: number; longitude: number }[],
  margin = 0.35,
): CommuneShape[] {
  if (centres.length === 0) return [];
  const meanLatitude = centres.reduce((sum, c) => sum + c.latitude, 0) / centres.length;
  const kx = Math.cos((meanLatitude * Math.PI) / 180);
  const sites: XY[] = centres.map((c) => [c.longitude * kx, c.latitude]);
  const hull = convexHull(sites);
  const cx = hull.reduce((sum, p) => sum + p[0], 0) / hull.length;
  const cy = hull.reduce((sum, p) => sum + p[1], 0) / hull.length;
  const widened: XY[] = (hull.length >= 3 ? hull : sites).map(([x, y]) => [
    cx + (x - cx) * (1 + margin),
    cy + (y - cy) * (1 + margin),
  ]);
  return centres.map((centre, index) => {
    const site = sites[index] as XY;
    let cell = widened;
    sites.forEach((other, otherIndex) => {
      if (otherIndex === index) return;
      const midpoint: XY = [(site[0] + other[0]) / 2, (site[1] + other[1]) / 2];
      cell = clipHalfPlane(cell, midpoint, [other[0] - site[0], other[1] - site[1]]);
    });
    const ring: Ring = cell.map(([x, y]) => [x / kx, y]);
    if (ring.length > 0) ring.push(ring[0] as [number, number]);
    return {
      inseeCode: centre.inseeCode,
      ring,
      centre: { latitude: centre.latitude, longitude: centre.longitude },
    };
  });
}
