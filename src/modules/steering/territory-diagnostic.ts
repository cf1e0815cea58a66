import type { ExpressionBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Database } from "../../db/schema.ts";
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
  // The latest value of each indicator on each side: two top-1 lookups per
  // indicator on the (indicator, kind, territory, period) index, never every month.
  const latest =
    (kind: "commune" | "departement", code: string) =>
    (eb: ExpressionBuilder<Database, "steering_indicator">) =>
      eb
        .selectFrom("steering_indicator_value as v")
        .select(["v.period", "v.value", "v.persons", "v.is_demo"])
        .whereRef("v.indicator_code", "=", "steering_indicator.code")
        .where("v.territory_kind", "=", kind)
        .where("v.territory_code", "=", code)
        .orderBy("v.period", "desc")
        .limit(1);
  const values = await db
    .selectFrom("steering_indicator")
    .leftJoinLateral(
      (eb) => latest("commune", communeCode)(eb).as("c"),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) => latest("departement", departementCode)(eb).as("d"),
      (join) => join.onTrue(),
    )
    .select([
      "steering_indicator.code",
      "steering_indicator.name",
      "steering_indicator.unit",
      "c.period as communePeriod",
      "c.value as communeValue",
      "c.persons as communePersons",
      "c.is_demo as communeDemo",
      "d.period as departementPeriod",
      "d.value as departementValue",
      "d.persons as departementPersons",
      "d.is_demo as departementDemo",
    ])
    .where((eb) => eb.or([eb("c.period", "is not", null), eb("d.period", "is not", null)]))
    .orderBy("steering_indicator.code")
    .execute();
  const rows = new Map<string, DiagnosticRow>(
    values.map((value) => [
      value.code,
      {
        code: value.code,
        name: value.name,
        unit: value.unit,
        commune:
          value.communePeriod === null
            ? null
            : {
                period: value.communePeriod,
                figure: publishedFigure(value.communeValue, value.communePersons),
              },
        departement:
          value.departementPeriod === null
            ? null
            : {
                period: value.departementPeriod,
                figure: publishedFigure(value.departementValue, value.departementPersons),
              },
        isDemo: Boolean(value.communeDemo) || Boolean(value.departementDemo),
      },
    ]),
  );
  return { communeName: commune.name, rows: [...rows.values()] };
}
