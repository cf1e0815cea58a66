import type { Db, Tx } from "../../db/database.ts";
import { findDepartement, listCommunes } from "../territory/service.ts";
import type { IndicatorDefinition } from "./demo-indicators.ts";
import { type PublishedFigure, publishedFigure } from "./secrecy.ts";
import type { TerritoryKind } from "./tables.ts";

export type IndicatorValueInput = {
  territoryKind: TerritoryKind;
  territoryCode: string;
  period: string;
  value: number | null;
  target?: number | null;
  persons?: number | null;
  isDemo?: boolean;
  comment?: string;
};

/** A value as it may be published: the figure after statistical secrecy. */
export type PublicValue = {
  territoryKind: TerritoryKind;
  territoryCode: string;
  territoryName: string;
  period: string;
  figure: PublishedFigure;
  target: number | null;
  isDemo: boolean;
  comment: string;
};

export async function insertIndicators(tx: Tx, definitions: IndicatorDefinition[], now: Date) {
  await tx
    .insertInto("steering_indicator")
    .values(
      definitions.map((d) => ({
        code: d.code,
        family: d.family,
        name: d.name,
        definition: d.definition,
        unit: d.unit,
        source: d.source,
        producer: d.producer,
        method: d.method,
        geographic_level: d.geographicLevel,
        better_when: d.betterWhen,
        computed_by_relais: d.computedByRelais,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
}

/** Writes dated values; a value for the same territory and date replaces the old one. */
export async function saveIndicatorValues(
  tx: Tx | Db,
  code: string,
  values: IndicatorValueInput[],
  now: Date,
): Promise<void> {
  if (values.length === 0) return;
  await tx
    .insertInto("steering_indicator_value")
    .values(
      values.map((v) => ({
        indicator_code: code,
        territory_kind: v.territoryKind,
        territory_code: v.territoryCode,
        period: v.period,
        value: v.value,
        target: v.target ?? null,
        persons: v.persons ?? null,
        is_demo: v.isDemo ?? false,
        comment: v.comment ?? "",
        created_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["indicator_code", "territory_kind", "territory_code", "period"])
        .doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          target: eb.ref("excluded.target"),
          persons: eb.ref("excluded.persons"),
          is_demo: eb.ref("excluded.is_demo"),
          comment: eb.ref("excluded.comment"),
        })),
    )
    .execute();
}

export type IndicatorView = {
  code: string;
  family: string;
  name: string;
  definition: string;
  unit: string;
  source: string;
  producer: string;
  method: string;
  geographicLevel: TerritoryKind;
  betterWhen: "up" | "down" | "neutral";
  computedByRelais: boolean;
  valueCount: number;
};

export async function listIndicators(db: Db): Promise<IndicatorView[]> {
  const rows = await db
    .selectFrom("steering_indicator")
    .selectAll("steering_indicator")
    // A count(*) per indicator reads only the values' index (no row of the table).
    .select((eb) =>
      eb
        .selectFrom("steering_indicator_value")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("steering_indicator_value.indicator_code", "=", "steering_indicator.code")
        .as("value_count"),
    )
    .orderBy("steering_indicator.code")
    .execute();
  return rows.map(toView);
}

export async function findIndicator(db: Db, code: string): Promise<IndicatorView | undefined> {
  if (!/^[A-Z][A-Z0-9_]{0,30}$/.test(code)) return undefined;
  const row = await db
    .selectFrom("steering_indicator")
    .selectAll("steering_indicator")
    // A count(*) per indicator reads only the values' index (no row of the table).
    .select((eb) =>
      eb
        .selectFrom("steering_indicator_value")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("steering_indicator_value.indicator_code", "=", "steering_indicator.code")
        .as("value_count"),
    )
    .where("steering_indicator.code", "=", code)
    .executeTakeFirst();
  return row ? toView(row) : undefined;
}

function toView(row: {
  code: string;
  family: string;
  name: string;
  definition: string;
  unit: string;
  source: string;
  producer: string;
  method: string;
  geographic_level: TerritoryKind;
  better_when: "up" | "down" | "neutral";
  computed_by_relais: boolean;
  value_count: number | string | null;
}): IndicatorView {
  return {
    code: row.code,
    family: row.family,
    name: row.name,
    definition: row.definition,
    unit: row.unit,
    source: row.source,
    producer: row.producer,
    method: row.method,
    geographicLevel: row.geographic_level,
    betterWhen: row.better_when,
    computedByRelais: row.computed_by_relais,
    valueCount: Number(row.value_count),
  };
}

type ValueRow = {
  territory_kind: TerritoryKind;
  territory_code: string;
  period: string;
  value: string | null;
  target: string | null;
  persons: number | null;
  is_demo: boolean;
  comment: string;
};

const VALUE_COLUMNS = [
  "territory_kind",
  "territory_code",
  "period",
  "value",
  "target",
  "persons",
  "is_demo",
  "comment",
] as const;

/** Rows as they may be published: named territories, figures after statistical secrecy. */
async function toPublicValues(
  db: Db,
  rows: ValueRow[],
  departementCode: string,
): Promise<PublicValue[]> {
  const structureIds = [
    ...new Set(
      rows.filter((row) => row.territory_kind === "structure").map((row) => row.territory_code),
    ),
  ];
  const [communes, departement, structures] = await Promise.all([
    listCommunes(db, departementCode),
    findDepartement(db, departementCode),
    // A structure's values (indicators computed by Relais) are named after the organisation.
    structureIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("organisation")
          .select(["id", "name"])
          .where("id", "in", structureIds)
          .execute(),
  ]);
  const names = new Map(communes.map((commune) => [commune.inseeCode, commune.name]));
  const structureNames = new Map(structures.map((row) => [row.id, row.name]));
  return rows.map((row) => ({
    territoryKind: row.territory_kind,
    territoryCode: row.territory_code,
    territoryName:
      row.territory_kind === "departement"
        ? row.territory_code === departement?.code
          ? departement.name
          : `Département ${row.territory_code}`
        : row.territory_kind === "structure"
          ? (structureNames.get(row.territory_code) ?? "Structure")
          : (names.get(row.territory_code) ?? row.territory_code),
    period: row.period,
    figure: publishedFigure(row.value, row.persons),
    target: row.target === null ? null : Number(row.target),
    isDemo: row.is_demo,
    comment: row.comment,
  }));
}

/** An indicator's values, by date then territory, after statistical secrecy (the API, the CSV). */
export async function publicIndicatorValues(
  db: Db,
  code: string,
  departementCode: string,
): Promise<PublicValue[]> {
  const rows = await db
    .selectFrom("steering_indicator_value")
    .select(VALUE_COLUMNS)
    .where("indicator_code", "=", code)
    .orderBy("period")
    .orderBy("territory_kind", "desc")
    .orderBy("territory_code")
    .execute();
  return toPublicValues(db, rows, departementCode);
}

/**
 * What /indicateurs/{code} shows, without reading every month of every
 * commune: the dates that have commune values, the département's series,
 * and the communes' and structures' values at one date (the one asked when
 * known, else the latest).
 */
export async function indicatorPageValues(
  db: Db,
  code: string,
  departementCode: string,
  askedPeriod: string | undefined,
): Promise<{ periods: string[]; period: string; values: PublicValue[] }> {
  const periods = (
    await db
      .selectFrom("steering_indicator_value")
      .select("period")
      .distinct()
      .where("indicator_code", "=", code)
      .where("territory_kind", "=", "commune")
      .orderBy("period")
      .execute()
  ).map((row) => row.period);
  const period =
    askedPeriod !== undefined && periods.includes(askedPeriod)
      ? askedPeriod
      : (periods[periods.length - 1] ?? "");
  // Two index range scans (indicator, kind[, territory], then the date) rather than one OR.
  const [series, atPeriod] = await Promise.all([
    db
      .selectFrom("steering_indicator_value")
      .select(VALUE_COLUMNS)
      .where("indicator_code", "=", code)
      .where("territory_kind", "=", "departement")
      .orderBy("period")
      .orderBy("territory_code")
      .execute(),
    db
      .selectFrom("steering_indicator_value")
      .select(VALUE_COLUMNS)
      .where("indicator_code", "=", code)
      .where("territory_kind", "in", ["commune", "structure"])
      .where("period", "=", period)
      .orderBy("territory_kind")
      .orderBy("territory_code")
      .execute(),
  ]);
  // By date, the département before its communes at the same date (as publicIndicatorValues).
  const rows = [...series, ...atPeriod].sort((a, b) =>
    a.period === b.period
      ? Number(a.territory_kind !== "departement") - Number(b.territory_kind !== "departement")
      : a.period < b.period
        ? -1
        : 1,
  );
  return { periods, period, values: await toPublicValues(db, rows, departementCode) };
}
