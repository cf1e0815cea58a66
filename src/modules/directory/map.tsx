import type { CommuneShape } from "../territory/service.ts";

type Point = { latitude: number; longitude: number; label: string; number: number };

/**
 * The département's communes and the results as an SVG drawn on the server:
 * no tile server, no network, no script. An equirectangular projection
 * scaled by cos(latitude) is exact enough at a département's size.
 */
type Bounds = { minLon: number; maxLon: number; minLat: number; maxLat: number };

function boundsOf(points: { lon: number; lat: number }[]): Bounds {
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const { lon, lat } of points) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return { minLon, maxLon, minLat, maxLat };
}

/** The communes' bounds, and their drawn paths under those bounds: the same on every page. */
const drawnShapes = new WeakMap<CommuneShape[], { bounds: Bounds; paths: string[] }>();

export function ResultsMap({
  shapes,
  points,
  origin,
}: {
  shapes: CommuneShape[];
  points: Point[];
  origin?: { latitude: number; longitude: number } | undefined;
}) {
  let drawn = drawnShapes.get(shapes);
  const shapeBounds =
    drawn?.bounds ??
    boundsOf(shapes.flatMap((shape) => shape.ring.map(([lon, lat]) => ({ lon, lat }))));
  // The results widen the map when one lies outside the communes.
  const corners =
    shapes.length > 0
      ? [
          { lon: shapeBounds.minLon, lat: shapeBounds.minLat },
          { lon: shapeBounds.maxLon, lat: shapeBounds.maxLat },
        ]
      : [];
  const { minLon, maxLon, minLat, maxLat } = boundsOf([
    ...corners,
    ...points.map((point) => ({ lon: point.longitude, lat: point.latitude })),
  ]);
  if (!Number.isFinite(minLon)) return null;
  const scaleX = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const width = 600;
  const spanX = Math.max(1e-6, (maxLon - minLon) * scaleX);
  const spanY = Math.max(1e-6, maxLat - minLat);
  const scale = (width - 20) / spanX;
  const height = Math.round(spanY * scale + 20);
  const x = (lon: number) => (10 + (lon - minLon) * scaleX * scale).toFixed(1);
  const y = (lat: number) => (10 + (maxLat - lat) * scale).toFixed(1);
  const draw = () =>
    shapes.map((shape) => `M${shape.ring.map(([lon, lat]) => `${x(lon)},${y(lat)}`).join("L")}Z`);
  const widened =
    minLon < shapeBounds.minLon ||
    maxLon > shapeBounds.maxLon ||
    minLat < shapeBounds.minLat ||
    maxLat > shapeBounds.maxLat;
  if (!drawn && !widened) {
    drawn = { bounds: shapeBounds, paths: draw() };
    drawnShapes.set(shapes, drawn);
  }
  const paths = widened || !drawn ? draw() : drawn.paths;
  return (
    <svg
      class="directory-map"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="carte-titre"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="carte-titre">
        Carte schématique des communes (zones autour du centre de chaque commune, pas leurs limites)
        et des {points.length} lieux de cette page (les numéros renvoient à la liste)
      </title>
      {paths.map((d) => (
        <path class="directory-map__commune" d={d} />
      ))}
      {origin && (
        <circle
          class="directory-map__origin"
          cx={x(origin.longitude)}
          cy={y(origin.latitude)}
          r="6"
        />
      )}
      {points.map((point) => (
        <g class="directory-map__point">
          <circle cx={x(point.longitude)} cy={y(point.latitude)} r="10" />
          <text
            x={x(point.longitude)}
            y={(Number(y(point.latitude)) + 4).toFixed(1)}
            text-anchor="middle"
          >
            {point.number}
          </text>
        </g>
      ))}
    </svg>
  );
}
