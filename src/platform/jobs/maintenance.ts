import { purgeExpiredSessions, type SessionPolicy } from "../auth/sessions.ts";
import { purgeOldRateLimits } from "../http/rate-limit.ts";
import type { JobHandler } from "./worker.ts";

export const MAINTENANCE_JOB = "platform.maintenance";

/** Hourly: purges expired sessions and rate-limit windows older than a day. */
export function maintenanceHandler(policy: SessionPolicy): JobHandler {
  return async (_payload, { db, now }) => {
    await purgeExpiredSessions(db, policy, now);
    await purgeOldRateLimits(db, new Date(now.getTime() - 24 * 3_600_000));
  };
}
