import type { Db } from "../../db/database.ts";
import type { Actor } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { decodeSpreadsheetText } from "../../platform/csv/csv.ts";
import { listCommunes } from "../territory/service.ts";
import { parseIndicatorCsv } from "./indicator-csv.ts";
import { listIndicators, saveIndicatorValues } from "./indicator-store.ts";
import { steeringRules } from "./policy.ts";

export type ImportResult = { imported: number; errors: { line: number; message: string }[] };

/**
 * A pilote imports dated indicator values from a CSV file (format in
 * indicator-csv.ts). All or nothing: one bad line and nothing is written,
 * every bad line is reported in French. A value for a territory and a date
 * already known replaces the old one.
 */
export async function importIndicatorValues(
  db: Db,
  actor: Actor,
  bytes: Uint8Array,
  departementCode: string,
  now: Date,
  requestId?: string | null,
): Promise<ImportResult> {
  authorize(actor, steeringRules.editPlan, undefined);
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
    for (const [code, values] of byCode) await saveIndicatorValues(tx, code, values, now);
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: actor.memberships[0]?.organisationId ?? null },
      action: "steering.indicator.import",
      subjectType: "steering_indicator",
      details: { values: parsed.values.length, indicators: [...byCode.keys()] },
      requestId: requestId ?? null,
      at: now,
    });
  });
  return { imported: parsed.values.length, errors: [] };
}
