import type { Db } from "../../db/database.ts";
import { listCommunes } from "../territory/service.ts";
import { type PublishedFigure, publishedFigure } from "./secrecy.ts";

export type DiagnosticRow = {
  code: string;
  name: string;
  unit: string;
  commune: { period: string; figure: PublishedFigure } | null;
  departement: { period: string; figure: PublishedFigure } | null;
  isDemo: boolean;
};

/**
 * A commune's diagnostic: for each indicator with a value there or for the
 * département, the latest of each side by side, after statistical secrecy.
 * Undefined when the code is not a commune of the département.
 */
export async function territoryDiagnostic(
  db: Db,
  communeCode: string,
  departementCode: string,
): Promise<{ communeName: string; rows: DiagnosticRow[] } | undefined> {
  if (!/^\d[\dAB]\d{3}$/.test(communeCode)) return undefined;
  const commune = (await listCommunes(db, departementCode)).find(
    (c) => c.inseeCode === communeCode,
  );
  if (!commune) return undefined;
  // The latest value of each indicator on each side only: DISTINCT ON walks the
  // (indicator, kind, territory, period) index instead of sending every month.
  const values = await db
    .selectFrom("steering_indicator_value")
    .innerJoin(
      "steering_indicator",
      "steering_indicator.code",
      "steering_indicator_value.indicator_code",
    )
    .distinctOn([
      "steering_indicator_value.indicator_code",
      "steering_indicator_value.territory_kind",
    ])
    .select([
      "steering_indicator.code",
      "steering_indicator.name",
      "steering_indicator.unit",
      "steering_indicator_value.territory_kind",
      "steering_indicator_value.period",
      "steering_indicator_value.value",
      "steering_indicator_value.persons",
      "steering_indicator_value.is_demo",
    ])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("steering_indicator_value.territory_kind", "=", "commune"),
          eb("steering_indicator_value.territory_code", "=", communeCode),
        ]),
        eb.and([
          eb("steering_indicator_value.territory_kind", "=", "departement"),
          eb("steering_indicator_value.territory_code", "=", departementCode),
        ]),
      ]),
    )
    .orderBy("steering_indicator_value.indicator_code")
    .orderBy("steering_indicator_value.territory_kind")
    .orderBy("steering_indicator_value.period", "desc")
    .execute();
  const rows = new Map<string, DiagnosticRow>();
  for (const value of values) {
    const row = rows.get(value.code) ?? {
      code: value.code,
      name: value.name,
      unit: value.unit,
      commune: null,
      departement: null,
      isDemo: false,
    };
    // Only the commune's and the département's values are selected above.
    row[value.territory_kind === "commune" ? "commune" : "departement"] = {
      period: value.period,
      figure: publishedFigure(value.value, value.persons),
    };
    row.isDemo ||= value.is_demo;
    rows.set(value.code, row);
  }
  return { communeName: commune.name, rows: [...rows.values()] };
}
