import { decodeSpreadsheetText } from "../../platform/csv/csv.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { listCommunes } from "../territory/service.ts";
import { parseIndicatorCsv } from "./indicator-csv.ts";
import { listIndicators, saveIndicatorValues } from "./indicator-store.ts";
import { auditPilote, requirePilote } from "./pilote-changes.ts";

export type ImportResult = { imported: number; errors: { line: number; message: string }[] };

/**
 * A pilote imports dated indicator values from a CSV file (format in
 * indicator-csv.ts). All or nothing: one bad line and nothing is written,
 * every bad line is reported in French. A value for a territory and a date
 * already known replaces the old one.
 */
export async function importIndicatorValues(
  ctx: ServiceContext,
  bytes: Uint8Array,
  departementCode: string,
): Promise<ImportResult> {
  const pilote = requirePilote(ctx);
  const { db } = ctx;
  const [indicators, communes] = await Promise.all([
    listIndicators(db),
    listCommunes(db, departementCode),
  ]);
  const parsed = parseIndicatorCsv(decodeSpreadsheetText(bytes).text, {
    codes: new Set(indicators.map((indicator) => indicator.code)),
    departementCode,
    communeCodes: new Set(communes.map((commune) => commune.inseeCode)),
  });
  if (parsed.errors.length > 0) return { imported: 0, errors: parsed.errors };
  if (parsed.values.length === 0)
    return { imported: 0, errors: [{ line: 1, message: "Le fichier ne contient aucune valeur." }] };
  const byCode = Map.groupBy(parsed.values, (value) => value.code);
  await db.transaction().execute(async (tx) => {
    for (const [code, values] of byCode) await saveIndicatorValues(tx, code, values, ctx.now);
    await auditPilote(tx, pilote, {
      action: "steering.indicator.import",
      subjectType: "steering_indicator",
      details: { values: parsed.values.length, indicators: [...byCode.keys()] },
    });
  });
  return { imported: parsed.values.length, errors: [] };
}
