import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readShippedCentres, ringCentroid, voronoiShapes } from "./geometry.ts";

/** Ray casting: is the point inside the ring? */
function contains(ring: [number, number][], longitude: number, latitude: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (
      yi > latitude !== yj > latitude &&
      longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi
    ) {
      inside = !inside;
    }
  }
  return inside;
}

describe("readShippedCentres", () => {
  it("has a centre for each of the 36 communes of the 92, inside the département's extent", () => {
    const centres = readShippedCentres("92");
    expect(centres.size).toBe(36);
    // Nanterre's town hall is at about 48.89 N, 2.21 E (IGN): its centre is within 2 km.
    const nanterre = centres.get("92050");
    expect(nanterre?.latitude).toBeCloseTo(48.89, 1);
    expect(nanterre?.longitude).toBeCloseTo(2.2, 1);
    for (const centre of centres.values()) {
      expect(centre.latitude).toBeGreaterThan(48.7);
      expect(centre.latitude).toBeLessThan(48.96);
    }
  });

  it("has nothing for a département whose centres are not shipped", () => {
    expect(readShippedCentres("59").size).toBe(0);
  });
});

describe("voronoiShapes", () => {
  it("gives each commune of the 92 a cell that holds its own centre and no other", () => {
    const centres = [...readShippedCentres("92")].map(([inseeCode, centre]) => ({
      inseeCode,
      ...centre,
    }));
    const shapes = voronoiShapes(centres);
    expect(shapes).toHaveLength(36);
    for (const shape of shapes) {
      expect(
        contains(shape.ring, shape.centre.longitude, shape.centre.latitude),
        shape.inseeCode,
      ).toBe(true);
      for (const other of centres) {
        if (other.inseeCode !== shape.inseeCode) {
          expect(contains(shape.ring, other.longitude, other.latitude)).toBe(false);
        }
      }
    }
  });

  it("puts any point of a cell nearer to its own centre than to the others (property)", () => {
    const point = fc.record({
      latitude: fc.double({ min: 48, max: 49, noNaN: true }),
      longitude: fc.double({ min: 2, max: 3, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(point, {
          minLength: 3,
          maxLength: 12,
          selector: (p) => `${p.latitude.toFixed(3)}:${p.longitude.toFixed(3)}`,
        }),
        (points) => {
          const centres = points.map((p, index) => ({ inseeCode: String(index), ...p }));
          const kx = Math.cos(
            (centres.reduce((s, c) => s + c.latitude, 0) / centres.length) * (Math.PI / 180),
          );
          const distance = (
            a: { latitude: number; longitude: number },
            b: { latitude: number; longitude: number },
          ) => Math.hypot((a.longitude - b.longitude) * kx, a.latitude - b.latitude);
          for (const shape of voronoiShapes(centres)) {
            if (shape.ring.length < 4) continue;
            const probe = ringCentroid(shape.ring);
            const own = distance(probe, shape.centre);
            for (const other of centres)
              expect(own).toBeLessThanOrEqual(distance(probe, other) + 1e-9);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
