import type { Tx } from "../../db/database.ts";
import { DEMO_PLAN } from "./demo-plan.ts";
import { insertPlan } from "./plan-store.ts";

/**
 * The steering module's public face: the plan as data, its indicators, and
 * the demo loader. Other modules import only from here.
 */
export type { ActionSheet, ActionSummary, PlanView } from "./plan-store.ts";
export { findPlan, requireActionSheet, updateAction } from "./plan-store.ts";

/** Loads the 2015-2017 strategy (seed 002) as demo data. Demo only: never in production. */
export async function seedSteeringDemo(tx: Tx, now: Date): Promise<void> {
  await insertPlan(tx, DEMO_PLAN, now);
}
