import type { IndicatorValueInput } from "./indicator-store.ts";

/**
 * Demonstration values, marked as such (is_demo): the official files cannot
 * be downloaded here. One figure comes from the seed itself: « près de 12 % »
 * of the Hauts-de-Seine population under the poverty line (seed 002,
 * déclaration préalable des partenaires), used for 2015.
 */
export function demoPovertyValues(departementCode: string): IndicatorValueInput[] {
  const invented: [string, number][] = [
    ["2016-01-01", 12.2],
    ["2017-01-01", 12.1],
    ["2018-01-01", 12.4],
    ["2019-01-01", 12.0],
  ];
  return [
    {
      territoryKind: "departement",
      territoryCode: departementCode,
      period: "2015-01-01",
      value: 12,
      target: 11,
      comment: "« Près de 12 % » selon la stratégie 2015-2017. Objectif : démonstration.",
      isDemo: false,
    },
    ...invented.map(([period, value]) => ({
      territoryKind: "departement" as const,
      territoryCode: departementCode,
      period,
      value,
      target: 11,
      isDemo: true,
      comment: "Valeur de démonstration.",
    })),
  ];
}

/**
 * Invented non-take-up counts per commune for three months, deterministic
 * (from the INSEE code): every fifth commune has few households, to show
 * the statistical secrecy.
 */
export function demoNonTakeUpValues(communeCodes: string[]): IndicatorValueInput[] {
  const months = ["2026-09-01", "2026-10-01", "2026-11-01"];
  return communeCodes.flatMap((code, index) =>
    months.map((period, month) => {
      const households =
        index % 5 === 0 ? 3 + month : 20 + ((Number(code) * 37 + month * 11) % 140);
      return {
        territoryKind: "commune" as const,
        territoryCode: code,
        period,
        value: Math.round(households * 1.4),
        persons: households,
        isDemo: true,
        comment: "Valeur de démonstration.",
      };
    }),
  );
}
