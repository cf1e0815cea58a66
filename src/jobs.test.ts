import { describe, expect, it } from "vitest";
import { jobHandlers, SCHEDULES } from "./jobs.ts";
import {
  AUDIT_CHECKPOINT_DAILY_JOB,
  AUDIT_CHECKPOINT_JOB,
} from "./platform/audit/checkpoint-jobs.ts";
import { silentLogger } from "./platform/log/logger.ts";
import { testConfig } from "./test/app.ts";

describe("job registration", () => {
  it("has a handler for every recurring job", () => {
    const handlers = jobHandlers(testConfig(), silentLogger);
    for (const schedule of SCHEDULES)
      expect(handlers[schedule.name], schedule.name).toBeTypeOf("function");
  });

  it("anchors the audit chain's head every hour and mails it every day (decision 0017)", () => {
    const every = (name: string) => SCHEDULES.find((schedule) => schedule.name === name)?.everyMs;
    expect(every(AUDIT_CHECKPOINT_JOB)).toBe(60 * 60_000);
    expect(every(AUDIT_CHECKPOINT_DAILY_JOB)).toBe(24 * 60 * 60_000);
  });
});
