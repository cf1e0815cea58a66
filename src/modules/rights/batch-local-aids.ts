import { csvField } from "./batch-csv.ts";
import type { Household } from "./household.ts";
import { evaluateLocalAid, type LocalAidVersion, nationalFromOutcomes } from "./local-aids.ts";
import type { Outcome } from "./outcome.ts";

/**
 * The found.csv lines of the Département's own aids a household probably qualifies for
 * (prestation « aide_locale:<id> »), shared by the pilot's batch runs (non-take-up-runs.ts) and
 * `relais simulate --batch` (cli.ts). Whether the household already gets one is unknown: the
 * label says so, and the summary and counts stay those of the national benefits.
 */
export function localAidLines(
  household: Household | undefined,
  outcomes: readonly Outcome[] | undefined,
  item: { line: number; id: string; depcom: string },
  aids: readonly LocalAidVersion[],
  month: string,
): string[] {
  if (household === undefined || outcomes === undefined) return [];
  const national = nationalFromOutcomes(outcomes, household);
  const lines: string[] = [];
  for (const aid of aids) {
    const result = evaluateLocalAid(aid, household, month, national);
    if (!result.eligible) continue;
    const amount = aid.definition.amount;
    lines.push(
      [
        String(item.line),
        csvField(item.id),
        item.depcom,
        `aide_locale:${aid.aidId}`,
        csvField(`${result.name} (aide du Département, perception inconnue)`),
        result.amountCents === null ? "" : (result.amountCents / 100).toFixed(2),
        amount.kind === "non_chiffre" ? "" : amount.periodicity,
      ].join(";"),
    );
  }
  return lines;
}
