import { describe, expect, it } from "vitest";
import type { CommuneShape } from "../territory/service.ts";
import { ResultsMap, spreadMarkers } from "./map-views.tsx";

// Two square communes side by side, 0.1° wide.
const SHAPES: CommuneShape[] = [
  {
    inseeCode: "92001",
    centre: { latitude: 48.85, longitude: 2.25 },
    ring: [
      [2.2, 48.8],
      [2.3, 48.8],
      [2.3, 48.9],
      [2.2, 48.9],
    ],
  },
  {
    inseeCode: "92002",
    centre: { latitude: 48.85, longitude: 2.35 },
    ring: [
      [2.3, 48.8],
      [2.4, 48.8],
      [2.4, 48.9],
      [2.3, 48.9],
    ],
  },
];

const html = (points: { latitude: number; longitude: number }[]) =>
  String(
    <ResultsMap
      shapes={SHAPES}
      points={points.map((point, index) => ({
        ...point,
        label: `Lieu ${index}`,
        number: index + 1,
      }))}
    />,
  );
const paths = (svg: string) =>
  [...svg.matchAll(/<path class="directory-map__commune" d="([^"]+)"/g)].map((match) => match[1]);
/** The second commune's right edge, in px from the left. */
const lastX = (svg: string) =>
  Math.max(...[...(paths(svg)[1] ?? "").matchAll(/([\d.]+),[\d.]+/g)].map((m) => Number(m[1])));

describe("the results map", () => {
  it("draws the communes the same way on every page whose results lie among them", () => {
    const first = html([{ latitude: 48.85, longitude: 2.25 }]);
    const second = html([{ latitude: 48.82, longitude: 2.38 }]);
    expect(paths(first)).toHaveLength(2);
    expect(paths(second)).toEqual(paths(first));
    // The communes fill the 600 px width, less a 10 px margin each side.
    expect(paths(first)[0]).toMatch(/^M10\.0,/);
    expect(lastX(first)).toBeCloseTo(590, 0);
  });

  it("widens the map for a result outside the communes, and draws them smaller", () => {
    const inside = html([{ latitude: 48.85, longitude: 2.25 }]);
    // 0.2° east of the communes' edge: the span goes from 0.2° to 0.4°.
    const outside = html([{ latitude: 48.85, longitude: 2.6 }]);
    expect(lastX(outside)).toBeCloseTo(300, 0);
    // And the pages after it are drawn as before.
    expect(paths(html([{ latitude: 48.85, longitude: 2.25 }]))).toEqual(paths(inside));
  });

  it("centres a search's map on its commune, names the communes in view and keeps markers apart", () => {
    const points = [0, 1, 2, 3, 4].map((index) => ({
      // Five places within a few metres of each other.
      latitude: 48.85 + index * 0.00001,
      longitude: 2.26,
      label: `Lieu ${index}`,
      number: index + 1,
    }));
    const svg = String(
      <ResultsMap
        shapes={SHAPES}
        points={points}
        origin={{ latitude: 48.85, longitude: 2.25 }}
        names={
          new Map([
            ["92001", "Ouestville"],
            ["92002", "Estville"],
          ])
        }
      />,
    );
    expect(svg).toContain('<circle class="directory-map__origin" cx="300.0" cy="300.0"');
    expect(svg).toContain(">Ouestville</text>");
    const centres = [...svg.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)" r="18"/g)].map(
      (match) => ({ x: Number(match[1]), y: Number(match[2]) }),
    );
    expect(centres).toHaveLength(5);
    for (const [i, a] of centres.entries())
      for (const b of centres.slice(i + 1))
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(36);
    // Moved markers are tied to their true place by a line.
    expect(svg.match(/directory-map__leader/g)?.length).toBe(4);
  });

  it("leaves a marker where it is when nothing covers it", () => {
    expect(
      spreadMarkers(
        [
          { x: 10, y: 10 },
          { x: 100, y: 100 },
        ],
        18,
      ),
    ).toEqual([
      { x: 10, y: 10, moved: false },
      { x: 100, y: 100, moved: false },
    ]);
  });
});
