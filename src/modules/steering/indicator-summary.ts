import type { IndicatorView, PublicValue } from "./indicator-store.ts";
import { formatFigure } from "./secrecy.ts";

/**
 * What the chart shows and the sentence that says it for a screen reader:
 * for a commune-level indicator, every commune at the latest date; for a
 * département-level one, its series over time.
 */
export function indicatorSummary(
  indicator: Pick<IndicatorView, "geographicLevel" | "unit">,
  values: PublicValue[],
  /** For a commune-level indicator: the date shown (the latest when absent or unknown). */
  period?: string,
): {
  chartTitle: string;
  chartValues: PublicValue[];
  text: string;
  periods: string[];
  period: string;
} {
  if (values.length === 0)
    return { chartTitle: "", chartValues: [], text: "", periods: [], period: "" };
  if (indicator.geographicLevel === "commune") {
    const periods = [...new Set(values.map((value) => value.period))].sort();
    const latest =
      period !== undefined && periods.includes(period)
        ? period
        : (periods[periods.length - 1] ?? "");
    const chartValues = values.filter(
      (value) => value.period === latest && value.territoryKind === "commune",
    );
    const shown = chartValues.filter((value) => value.figure.kind === "value");
    const secret = chartValues.length - shown.length;
    const highest = shown.reduce<PublicValue | undefined>(
      (best, value) =>
        best &&
        best.figure.kind === "value" &&
        value.figure.kind === "value" &&
        best.figure.value >= value.figure.value
          ? best
          : value,
      undefined,
    );
    const parts = [`Au ${latest}, ${chartValues.length} communes.`];
    if (highest)
      parts.push(
        `Le chiffre le plus haut : ${highest.territoryName}, ${formatFigure(highest.figure, indicator.unit)}.`,
      );
    if (secret > 0) parts.push(`${secret} commune${secret > 1 ? "s" : ""} en secret statistique.`);
    return {
      chartTitle: `Par commune, au ${latest}`,
      chartValues,
      text: parts.join(" "),
      periods,
      period: latest,
    };
  }
  const chartValues = values.filter((value) => value.territoryKind === "departement");
  const first = chartValues[0];
  const last = chartValues[chartValues.length - 1];
  const text =
    first && last
      ? `De ${first.period} à ${last.period} : ${formatFigure(first.figure, indicator.unit)} puis ${formatFigure(last.figure, indicator.unit)}.${
          last.target === null
            ? ""
            : ` Objectif : ${formatFigure({ kind: "value", value: last.target }, indicator.unit)}.`
        }`
      : "";
  return {
    chartTitle: "Dans le département, au fil du temps",
    chartValues,
    text,
    periods: [],
    period: "",
  };
}
