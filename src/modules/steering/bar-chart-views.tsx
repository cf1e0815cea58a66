import { formatFigure, type PublishedFigure } from "./secrecy.ts";

export type ChartRow = { label: string; figure: PublishedFigure; target: number | null };

const WIDTH = 320;
const LABEL_WIDTH = 118;
const BAR_LEFT = LABEL_WIDTH + 4;
const BAR_SPACE = WIDTH - BAR_LEFT - 58;
const ROW_HEIGHT = 22;

/**
 * A horizontal bar chart drawn on the server (SVG, no JavaScript), sized by
 * its viewBox so that it fits a 360 px screen. Each bar carries its value as
 * text; a secret figure has no bar, only the words. The chart is described
 * by `describedBy` (a text summary) and always comes with a data table.
 */
export function BarChart({
  rows,
  unit,
  title,
  describedBy,
}: {
  rows: ChartRow[];
  unit: string;
  title: string;
  describedBy: string;
}) {
  const values = rows.flatMap((row) => [
    ...(row.figure.kind === "value" ? [row.figure.value] : []),
    ...(row.target === null ? [] : [row.target]),
  ]);
  const max = Math.max(1, ...values);
  const scale = (value: number) => Math.max(0, (value / max) * BAR_SPACE);
  const height = rows.length * ROW_HEIGHT + 4;
  return (
    <svg
      class="steering-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-describedby={describedBy}
      font-size="11"
      font-family="sans-serif"
    >
      <title>{title}</title>
      {rows.map((row, index) => {
        const y = index * ROW_HEIGHT + 2;
        const text = formatFigure(row.figure, unit);
        const barWidth = row.figure.kind === "value" ? scale(row.figure.value) : 0;
        return (
          <g>
            <text x={LABEL_WIDTH} y={y + 14} text-anchor="end" fill="#1e1e1e">
              {row.label.length > 20 ? `${row.label.slice(0, 19)}…` : row.label}
            </text>
            {barWidth > 0 && (
              <rect
                x={BAR_LEFT}
                y={y + 3}
                width={barWidth}
                height={ROW_HEIGHT - 8}
                fill="#2f4f8f"
              />
            )}
            {row.target !== null && (
              <line
                x1={BAR_LEFT + scale(row.target)}
                x2={BAR_LEFT + scale(row.target)}
                y1={y}
                y2={y + ROW_HEIGHT - 2}
                stroke="#b34000"
                stroke-width="2"
                stroke-dasharray="3 2"
              />
            )}
            <text
              x={BAR_LEFT + barWidth + 4}
              y={y + 14}
              fill="#1e1e1e"
              font-style={row.figure.kind === "value" ? "normal" : "italic"}
            >
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
