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

/** Marker radius and label size, in the map's units (600 wide, about 330 px on a phone). */
const MARKER_RADIUS = 18;
const NAME_SIZE = 20;

/**
 * Markers placed without overlap: each in turn, at its place when free,
 * otherwise on the nearest free spot of a spiral around it (a thin line then
 * joins it to its true place). Pure; the order is the results' order.
 */
export function spreadMarkers(
  positions: { x: number; y: number }[],
  radius: number,
): { x: number; y: number; moved: boolean }[] {
  const placed: { x: number; y: number; moved: boolean }[] = [];
  const free = (x: number, y: number) =>
    placed.every((other) => (other.x - x) ** 2 + (other.y - y) ** 2 >= (2 * radius + 2) ** 2);
  for (const { x, y } of positions) {
    if (free(x, y)) {
      placed.push({ x, y, moved: false });
      continue;
    }
    let spot = { x, y };
    for (let step = 1; step < 400; step++) {
      const angle = step * 0.7;
      const distance = radius * (1 + step * 0.12);
      const candidate = { x: x + Math.cos(angle) * distance, y: y + Math.sin(angle) * distance };
      if (free(candidate.x, candidate.y)) {
        spot = candidate;
        break;
      }
    }
    placed.push({ ...spot, moved: true });
  }
  return placed;
}

/**
 * The map of a search: centred on the chosen commune (or the person's
 * position) and zoomed to the results around it, with the names of the
 * communes in view and numbered markers that never cover each other. Without
 * a centre, the whole département.
 */
export function ResultsMap({
  shapes,
  points,
  origin,
  names = new Map(),
}: {
  shapes: CommuneShape[];
  points: Point[];
  origin?: { latitude: number; longitude: number } | undefined;
  /** Commune names by INSEE code, written at each commune's centre. */
  names?: ReadonlyMap<string, string>;
}) {
  if (origin) return <LocalMap shapes={shapes} points={points} origin={origin} names={names} />;
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

/** Square map centred on `origin`, wide enough for every point (at least 1.5 km each side). */
function LocalMap({
  shapes,
  points,
  origin,
  names,
}: {
  shapes: CommuneShape[];
  points: Point[];
  origin: { latitude: number; longitude: number };
  names: ReadonlyMap<string, string>;
}) {
  const size = 600;
  const scaleX = Math.cos((origin.latitude * Math.PI) / 180);
  // Half the side, in degrees of latitude: the farthest point, plus a margin.
  const minHalf = 1.5 / 111;
  const half =
    Math.max(
      minHalf,
      ...points.map((point) =>
        Math.max(
          Math.abs(point.latitude - origin.latitude),
          Math.abs(point.longitude - origin.longitude) * scaleX,
        ),
      ),
    ) * 1.15;
  const scale = size / 2 / half;
  const px = (lon: number) => size / 2 + (lon - origin.longitude) * scaleX * scale;
  const py = (lat: number) => size / 2 - (lat - origin.latitude) * scale;
  const fixed = (value: number) => value.toFixed(1);
  const inView = (x: number, y: number, margin: number) =>
    x >= -margin && x <= size + margin && y >= -margin && y <= size + margin;
  // A commune is drawn when its bounding box meets the view.
  const visible = shapes.filter((shape) => {
    const box = boundsOf(shape.ring.map(([lon, lat]) => ({ lon, lat })));
    return (
      px(box.maxLon) >= 0 && px(box.minLon) <= size && py(box.minLat) >= 0 && py(box.maxLat) <= size
    );
  });
  const markers = spreadMarkers(
    points.map((point) => ({ x: px(point.longitude), y: py(point.latitude) })),
    MARKER_RADIUS,
  );
  return (
    <svg
      class="directory-map directory-map--local"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-labelledby="carte-titre"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="carte-titre">
        Carte schématique centrée sur le lieu de votre recherche (point noir), avec le nom des
        communes et les {points.length} lieux de cette page (les numéros renvoient à la liste)
      </title>
      {visible.map((shape) => (
        <path
          class="directory-map__commune"
          d={`M${shape.ring.map(([lon, lat]) => `${fixed(px(lon))},${fixed(py(lat))}`).join("L")}Z`}
        />
      ))}
      {visible.flatMap((shape) => {
        const name = names.get(shape.inseeCode);
        const x = px(shape.centre.longitude);
        const y = py(shape.centre.latitude);
        if (!name || !inView(x, y, -NAME_SIZE)) return [];
        return [
          <text
            class="directory-map__name"
            x={fixed(x)}
            y={fixed(y - MARKER_RADIUS - 6)}
            text-anchor="middle"
          >
            {name}
          </text>,
        ];
      })}
      <circle class="directory-map__origin" cx={fixed(size / 2)} cy={fixed(size / 2)} r="8" />
      {points.map((point, index) => {
        const marker = markers[index] as { x: number; y: number; moved: boolean };
        return (
          <g class="directory-map__point">
            {marker.moved && (
              <line
                class="directory-map__leader"
                x1={fixed(px(point.longitude))}
                y1={fixed(py(point.latitude))}
                x2={fixed(marker.x)}
                y2={fixed(marker.y)}
              />
            )}
            <circle cx={fixed(marker.x)} cy={fixed(marker.y)} r={String(MARKER_RADIUS)} />
            <text x={fixed(marker.x)} y={fixed(marker.y + 7)} text-anchor="middle">
              {point.number}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
