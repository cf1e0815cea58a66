import { authorize } from "../../platform/access/policy.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { findRun, nonTakeUpByCommune } from "../rights/service.ts";
import { NON_TAKE_UP_CODE } from "./demo-indicators.ts";
import { saveIndicatorValues } from "./indicator-store.ts";
import { auditPilote } from "./pilote-changes.ts";
import { steeringRules } from "./policy.ts";

/**
 * Keeps a finished non-take-up run's counts per commune as dated values of
 * the indicator RELAIS_NR01 (dated the first day of the run's month), before
 * the run's results are purged. Only counts leave the run; a commune below
 * the secrecy threshold is stored with its persons and published as secret.
 */
export async function recordNonTakeUpIndicator(
  ctx: ServiceContext,
  runId: string,
): Promise<{ month: string; communes: number }> {
  const { db, actor, now } = ctx;
  const run = await findRun(db, runId);
  if (!run) throw new NotFound("Ce traitement n'existe pas ou ses résultats ont été supprimés.");
  authorize(actor, steeringRules.publishRunIndicator, { ranBy: run.ran_by });
  const pilote = { ...ctx, actor };
  if (run.status !== "done") throw new Invalid({ run: "Ce traitement n'est pas encore terminé." });
  const counts = await nonTakeUpByCommune(db, run.id);
  await db.transaction().execute(async (tx) => {
    await saveIndicatorValues(
      tx,
      NON_TAKE_UP_CODE,
      counts.map((count) => ({
        territoryKind: "commune" as const,
        territoryCode: count.communeCode,
        period: `${run.month}-01`,
        value: count.situations,
        persons: count.minHouseholds,
        comment: `Repérage du mois ${run.month}`,
      })),
      now,
    );
    await auditPilote(tx, pilote, {
      action: "steering.indicator.record",
      subjectType: "rights_batch_run",
      subjectId: run.id,
      details: { indicator: NON_TAKE_UP_CODE, communes: counts.length, month: run.month },
    });
  });
  return { month: run.month, communes: counts.length };
}
