import type { Tx } from "../../db/database.ts";
import { listCommunes } from "../territory/service.ts";
import { insertDemoFollowUp } from "./action-sheet.ts";

export { type ActionChange, updateAction } from "./action-sheet.ts";

import { insertBudgetLines } from "./budget.ts";
import { insertCommitments } from "./commitment-store.ts";
import { SEED_COMMITMENTS } from "./commitments.ts";
import { COMPUTED_INDICATORS } from "./computed-indicators.ts";
import { SEED_BUDGET } from "./demo-budget.ts";
import { DEMO_FOLLOW_UP } from "./demo-follow-up.ts";
import { DEMO_GOVERNANCE } from "./demo-governance.ts";
import { NON_TAKE_UP_CODE, SEED_INDICATORS } from "./demo-indicators.ts";
import { DEMO_PLAN } from "./demo-plan.ts";
import { demoNonTakeUpValues, demoPovertyValues } from "./demo-values.ts";
import { insertGovernance } from "./governance.ts";
import { insertIndicators, saveIndicatorValues } from "./indicator-store.ts";
import { insertPlan } from "./plan-store.ts";

export { type BudgetLine, formatMillions, listBudget } from "./budget.ts";
export { type Commitment, listCommitments, markCommitment } from "./commitment-store.ts";
export {
  computeRelaisIndicators,
  relaisIndicatorsHandler,
  STEERING_INDICATORS_JOB,
} from "./computed-indicators.ts";
export type { IndicatorView, PublicValue } from "./indicator-store.ts";
export {
  findIndicator,
  indicatorPageValues,
  listIndicators,
  publicIndicatorValues,
} from "./indicator-store.ts";
/**
 * The steering module's public face: the plan as data, its indicators, and
 * the demo loader. Other modules import only from here.
 */
export type { ActionSheet, ActionSummary, PlanView } from "./plan-store.ts";
export { findPlan, requireActionSheet } from "./plan-store.ts";
export { recordNonTakeUpIndicator } from "./relais-indicators.ts";

/** The indicator list of seed 002 and Relais's own: reference data, not demo. */
export async function loadIndicatorDefinitions(tx: Tx, now: Date): Promise<void> {
  await insertIndicators(tx, [...SEED_INDICATORS, ...COMPUTED_INDICATORS], now);
}

/**
 * Loads the 2015-2017 strategy (seed 002) and demonstration values of two
 * indicators. Demo only: never in production.
 */
export async function seedSteeringDemo(tx: Tx, departementCode: string, now: Date): Promise<void> {
  const planId = await insertPlan(tx, DEMO_PLAN, now);
  await insertGovernance(tx, planId, DEMO_GOVERNANCE, now);
  for (const [number, followUp] of DEMO_FOLLOW_UP) {
    await insertDemoFollowUp(tx, planId, number, followUp, now);
  }
  // The seeds' own figures, not invented: is_demo false, each line sourced.
  await insertBudgetLines(tx, SEED_BUDGET, now, false);
  await insertCommitments(tx, SEED_COMMITMENTS, now);
  await loadIndicatorDefinitions(tx, now);
  await saveIndicatorValues(tx, "C07", demoPovertyValues(departementCode), now);
  const communes = await listCommunes(tx, departementCode);
  await saveIndicatorValues(
    tx,
    NON_TAKE_UP_CODE,
    demoNonTakeUpValues(communes.map((commune) => commune.inseeCode)),
    now,
  );
}
