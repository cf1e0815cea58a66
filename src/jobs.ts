import type { Config } from "./config.ts";
import { MAINTENANCE_JOB, maintenanceHandler } from "./platform/jobs/maintenance.ts";
import type { JobHandlers, Schedule } from "./platform/jobs/worker.ts";
import type { Logger } from "./platform/log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler, smtpTransport } from "./platform/mail/outbox.ts";

/** Every background job the app runs, by name. Modules add theirs here. */
export function jobHandlers(config: Config, _logger: Logger): JobHandlers {
  return {
    [MAINTENANCE_JOB]: maintenanceHandler({
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    }),
    [DELIVER_MAIL_JOB]: deliverMailHandler(
      config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined,
      config.mailFrom,
    ),
  };
}

/** Recurring jobs; modules add theirs here. */
export const SCHEDULES: readonly Schedule[] = [{ name: MAINTENANCE_JOB, everyMs: 60 * 60_000 }];
