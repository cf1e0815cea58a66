import type { Config } from "./config.ts";
import type { JobHandlers } from "./platform/jobs/worker.ts";
import type { Logger } from "./platform/log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler, smtpTransport } from "./platform/mail/outbox.ts";

/** Every background job the app runs, by name. Modules add theirs here. */
export function jobHandlers(config: Config, _logger: Logger): JobHandlers {
  return {
    [DELIVER_MAIL_JOB]: deliverMailHandler(
      config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined,
      config.mailFrom,
    ),
  };
}
