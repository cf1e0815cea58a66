/**
 * Statistical secrecy: no published figure is computed from fewer than 11
 * persons (the threshold the INSEE and the DREES apply to small counts), so
 * that nobody can be recognised behind a number. The number itself never
 * leaves the service: pages, API and CSV get « secret statistique ».
 */
export const SECRECY_THRESHOLD = 11;

export const SECRET_LABEL = "secret statistique";

export type PublishedFigure =
  | { kind: "value"; value: number }
  | { kind: "secret" }
  | { kind: "missing" };

/** `persons` unknown (an official figure) is published as given. */
export function publishedFigure(
  value: string | number | null,
  persons: number | null,
): PublishedFigure {
  if (persons !== null && persons < SECRECY_THRESHOLD) return { kind: "secret" };
  if (value === null) return { kind: "missing" };
  return { kind: "value", value: Number(value) };
}

export function formatFigure(figure: PublishedFigure, unit: string): string {
  if (figure.kind === "secret") return SECRET_LABEL;
  if (figure.kind === "missing") return "non disponible";
  const number = figure.value.toLocaleString("fr-FR", { maximumFractionDigits: 2 });
  if (unit === "%") return `${number} %`;
  return unit === "" ? number : `${number} ${unit}`;
}
