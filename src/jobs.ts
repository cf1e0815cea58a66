import type { Config } from "./config.ts";
import {
  APPOINTMENTS_RETENTION_JOB,
  appointmentsRetentionHandler,
} from "./modules/appointments/retention.ts";
import { REMINDER_JOB, reminderHandler } from "./modules/appointments/service.ts";
import { ESPACE_RETENTION_JOB, spaceRetentionHandler } from "./modules/espace/service.ts";
import { RECORDS_RETENTION_JOB, retentionHandler } from "./modules/records/record-retention.ts";
import {
  NON_TAKE_UP_JOB,
  NON_TAKE_UP_PURGE_JOB,
  nonTakeUpHandler,
  nonTakeUpPurgeHandler,
} from "./modules/rights/non-take-up-runs.ts";
import { relaisIndicatorsHandler, STEERING_INDICATORS_JOB } from "./modules/steering/service.ts";
import { checkpointStore } from "./platform/audit/checkpoint.ts";
import {
  AUDIT_CHECKPOINT_DAILY_JOB,
  AUDIT_CHECKPOINT_JOB,
  auditCheckpointDailyHandler,
  auditCheckpointHandler,
} from "./platform/audit/checkpoint-jobs.ts";
import { MAINTENANCE_JOB, maintenanceHandler } from "./platform/jobs/maintenance.ts";
import type { JobHandlers, Schedule } from "./platform/jobs/worker.ts";
import type { Logger } from "./platform/log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler, smtpTransport } from "./platform/mail/outbox.ts";
import { DELIVER_SMS_JOB, deliverSmsHandler, httpSmsProvider } from "./platform/mail/sms.ts";

/** Every background job the app runs, by name. Modules add theirs here. */
export function jobHandlers(config: Config, _logger: Logger): JobHandlers {
  return {
    [MAINTENANCE_JOB]: maintenanceHandler({
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    }),
    [RECORDS_RETENTION_JOB]: retentionHandler(config.recordsRetention),
    [DELIVER_MAIL_JOB]: deliverMailHandler(
      config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined,
      config.mailFrom,
    ),
    // Without SMS_HTTP_URL the SMS are held in the outbox, never marked sent.
    [DELIVER_SMS_JOB]: deliverSmsHandler(config.sms ? httpSmsProvider(config.sms) : undefined),
    [REMINDER_JOB]: reminderHandler(),
    [NON_TAKE_UP_JOB]: nonTakeUpHandler(),
    [NON_TAKE_UP_PURGE_JOB]: nonTakeUpPurgeHandler(),
    [APPOINTMENTS_RETENTION_JOB]: appointmentsRetentionHandler(),
    [AUDIT_CHECKPOINT_JOB]: auditCheckpointHandler(checkpointStore(config)),
    [AUDIT_CHECKPOINT_DAILY_JOB]: auditCheckpointDailyHandler(checkpointStore(config)),
    [STEERING_INDICATORS_JOB]: relaisIndicatorsHandler(config.departementCode),
    [ESPACE_RETENTION_JOB]: spaceRetentionHandler({
      inactiveMonths: config.espaceInactiveMonths,
      documentUnusedMonths: config.espaceDocumentUnusedMonths,
    }),
  };
}

/** Recurring jobs; modules add theirs here. */
export const SCHEDULES: readonly Schedule[] = [
  { name: MAINTENANCE_JOB, everyMs: 60 * 60_000 },
  { name: RECORDS_RETENTION_JOB, everyMs: 24 * 60 * 60_000 },
  { name: NON_TAKE_UP_PURGE_JOB, everyMs: 24 * 60 * 60_000 },
  { name: APPOINTMENTS_RETENTION_JOB, everyMs: 24 * 60 * 60_000 },
  { name: AUDIT_CHECKPOINT_JOB, everyMs: 60 * 60_000 },
  { name: AUDIT_CHECKPOINT_DAILY_JOB, everyMs: 24 * 60 * 60_000 },
  { name: STEERING_INDICATORS_JOB, everyMs: 24 * 60 * 60_000 },
  { name: ESPACE_RETENTION_JOB, everyMs: 24 * 60 * 60_000 },
];
