import type { CommuneShape } from "../territory/service.ts";

type Point = { latitude: number; longitude: number; label: string; number: number };

/**
 * The département's communes and the results as an SVG drawn on the server:
 * no tile server, no network, no script. An equirectangular projection
 * scaled by cos(latitude) is exact enough at a département's size.
 */
export function ResultsMap({
  shapes,
  points,
  origin,
}: {
  shapes: CommuneShape[];
  points: Point[];
  origin?: { latitude: number; longitude: number } | undefined;
}) {
  const all = [
    ...shapes.flatMap((shape) => shape.ring.map(([lon, lat]) => ({ lon, lat }))),
    ...points.map((point) => ({ lon: point.longitude, lat: point.latitude })),
  ];
  if (all.length === 0) return null;
  const minLon = Math.min(...all.map((p) => p.lon));
  const maxLon = Math.max(...all.map((p) => p.lon));
  const minLat = Math.min(...all.map((p) => p.lat));
  const maxLat = Math.max(...all.map((p) => p.lat));
  const scaleX = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const width = 600;
  const spanX = Math.max(1e-6, (maxLon - minLon) * scaleX);
  const spanY = Math.max(1e-6, maxLat - minLat);
  const scale = (width - 20) / spanX;
  const height = Math.round(spanY * scale + 20);
  const x = (lon: number) => (10 + (lon - minLon) * scaleX * scale).toFixed(1);
  const y = (lat: number) => (10 + (maxLat - lat) * scale).toFixed(1);
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
      {shapes.map((shape) => (
        <path
          class="directory-map__commune"
          d={`M${shape.ring.map(([lon, lat]) => `${x(lon)},${y(lat)}`).join("L")}Z`}
        />
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
