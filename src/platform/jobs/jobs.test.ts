import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { createLogger, silentLogger } from "../log/logger.ts";
import { claimNextJob, enqueueJob, requeueStaleJobs, retryDelayMs } from "./queue.ts";
import { runDueJobs } from "./worker.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
beforeEach(async () => {
  await database.db.deleteFrom("job").execute();
});
afterAll(() => database.close());

const at = (iso: string) => new Date(iso);

async function jobRow(id: number) {
  return database.db.selectFrom("job").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("job queue", () => {
  it("runs a due job once and marks it done", async () => {
    const seen: unknown[] = [];
    const id = await enqueueJob(
      database.db,
      "test.echo",
      { value: 42 },
      { runAt: at("2026-01-01T10:00:00Z") },
    );
    const ran = await runDueJobs(
      database.db,
      { "test.echo": async (payload) => void seen.push(payload) },
      silentLogger,
      () => at("2026-01-01T10:00:01Z"),
    );
    expect(ran).toBe(1);
    expect(seen).toEqual([{ value: 42 }]);
    expect((await jobRow(id ?? 0)).status).toBe("done");
  });

  it("does not run a job before its time", async () => {
    await enqueueJob(database.db, "test.echo", {}, { runAt: at("2026-01-01T12:00:00Z") });
    const ran = await runDueJobs(database.db, { "test.echo": async () => {} }, silentLogger, () =>
      at("2026-01-01T11:59:59Z"),
    );
    expect(ran).toBe(0);
  });

  it("retries a failing job with a growing delay, then gives up after max attempts", async () => {
    const id =
      (await enqueueJob(
        database.db,
        "test.fail",
        {},
        { runAt: at("2026-01-01T10:00:00Z"), maxAttempts: 3 },
      )) ?? 0;
    const failing = { "test.fail": async () => Promise.reject(new Error("serveur indisponible")) };
    let now = at("2026-01-01T10:00:00Z");
    await runDueJobs(database.db, failing, silentLogger, () => now);
    let row = await jobRow(id);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      last_error: "serveur indisponible",
    });
    expect(row.run_at.getTime() - now.getTime()).toBe(retryDelayMs(1));

    now = new Date(row.run_at.getTime());
    await runDueJobs(database.db, failing, silentLogger, () => now);
    row = await jobRow(id);
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.run_at.getTime() - now.getTime()).toBe(retryDelayMs(2));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    now = new Date(row.run_at.getTime());
    await runDueJobs(database.db, failing, silentLogger, () => now);
    expect(await jobRow(id)).toMatchObject({ status: "failed", attempts: 3 });
  });

  it("puts back a job left running by a process that stopped (restart)", async () => {
    const id =
      (await enqueueJob(database.db, "test.echo", {}, { runAt: at("2026-01-01T10:00:00Z") })) ?? 0;
    const claimed = await claimNextJob(database.db, "crashed-worker", at("2026-01-01T10:00:00Z"));
    expect(claimed?.id).toBe(id);
    expect(await requeueStaleJobs(database.db, at("2026-01-01T10:01:00Z"))).toBe(0);
    expect(await requeueStaleJobs(database.db, at("2026-01-01T10:06:00Z"))).toBe(1);
    const ran = await runDueJobs(database.db, { "test.echo": async () => {} }, silentLogger, () =>
      at("2026-01-01T10:06:00Z"),
    );
    expect(ran).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("keeps one waiting job per singleton key", async () => {
    const runAt = at("2026-01-01T10:00:00Z");
    const first = await enqueueJob(database.db, "test.daily", {}, { runAt, singletonKey: "daily" });
    const second = await enqueueJob(
      database.db,
      "test.daily",
      {},
      { runAt, singletonKey: "daily" },
    );
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
  });

  it("keeps neither the recipient's address nor phone number of a failed delivery, in the job table or the logs", async () => {
    const id =
      (await enqueueJob(
        database.db,
        "test.deliver",
        {},
        { runAt: at("2026-01-01T10:00:00Z"), maxAttempts: 2 },
      )) ?? 0;
    const refusal =
      "550 5.1.1 <usager.nom@exemple.fr>: boîte inconnue; SMS refusé pour 06 12 34 56 78 et +33 6 12 34 56 78";
    const failing = { "test.deliver": async () => Promise.reject(new Error(refusal)) };
    const lines: string[] = [];
    const logger = createLogger("debug", {}, (line) => lines.push(line));
    const expected = "550 5.1.1 <[adresse]>: boîte inconnue; SMS refusé pour [numéro] et [numéro]";
    const contactDetails = [
      "usager.nom@exemple.fr",
      "exemple.fr",
      "06 12 34 56 78",
      "+33 6",
      "12 34 56 78",
    ];

    await runDueJobs(database.db, failing, logger, () => at("2026-01-01T10:00:00Z"));
    const retried = await jobRow(id);
    expect(retried).toMatchObject({ status: "pending", last_error: expected });

    await runDueJobs(database.db, failing, logger, () => retried.run_at);
    const failed = await jobRow(id);
    expect(failed).toMatchObject({ status: "failed", last_error: expected });

    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { message: "job failed", outcome: "retry", error: expected },
      { message: "job failed", outcome: "failed", error: expected },
    ]);
    for (const text of [retried.last_error, failed.last_error, ...lines]) {
      for (const detail of contactDetails) expect(text).not.toContain(detail);
    }
  });

  it("fails a job with no handler instead of losing it", async () => {
    const id =
      (await enqueueJob(database.db, "test.unknown", {}, { runAt: at("2026-01-01T10:00:00Z") })) ??
      0;
    await runDueJobs(database.db, {}, silentLogger, () => at("2026-01-01T10:00:00Z"));
    expect((await jobRow(id)).last_error).toContain("Aucun traitement");
  });
});

describe("schedules", () => {
  it("keep one waiting run per schedule, however many replicas ask", async () => {
    const { ensureScheduled } = await import("./worker.ts");
    const schedules = [{ name: "test.hourly", everyMs: 3_600_000 }];
    await ensureScheduled(database.db, schedules, at("2026-01-01T10:00:00Z"));
    await ensureScheduled(database.db, schedules, at("2026-01-01T10:00:30Z"));
    const waiting = await database.db
      .selectFrom("job")
      .selectAll()
      .where("name", "=", "test.hourly")
      .execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.run_at.toISOString()).toBe("2026-01-01T11:00:00.000Z");

    await runDueJobs(database.db, { "test.hourly": async () => {} }, silentLogger, () =>
      at("2026-01-01T11:00:00Z"),
    );
    await ensureScheduled(database.db, schedules, at("2026-01-01T11:00:01Z"));
    const next = await database.db
      .selectFrom("job")
      .select("run_at")
      .where("name", "=", "test.hourly")
      .where("status", "=", "pending")
      .execute();
    expect(next.map((row) => row.run_at.toISOString())).toEqual(["2026-01-01T12:00:01.000Z"]);
  });

  it("maintenance purges expired sessions and old rate-limit windows", async () => {
    const { maintenanceHandler } = await import("./maintenance.ts");
    const { makeUser } = await import("../../test/factories.ts");
    const { createSession } = await import("../auth/sessions.ts");
    const user = await makeUser(database.db);
    const policy = { idleMinutes: 30, absoluteHours: 12 };
    await createSession(database.db, user.userId, policy, at("2026-01-01T08:00:00Z"));
    await createSession(database.db, user.userId, policy, at("2026-01-01T10:50:00Z"));
    await database.db
      .insertInto("rate_limit")
      .values({ key: "old", window_start: at("2025-12-30T10:00:00Z"), hits: 3 })
      .execute();
    await maintenanceHandler(policy)({}, { db: database.db, now: at("2026-01-01T11:00:00Z") });
    const sessions = await database.db
      .selectFrom("user_session")
      .select("user_id")
      .where("user_id", "=", user.userId)
      .execute();
    expect(sessions).toHaveLength(1);
    expect(
      await database.db.selectFrom("rate_limit").select("key").where("key", "=", "old").execute(),
    ).toEqual([]);
  });
});

describe("withoutContactDetails", () => {
  it("keeps the reason of a delivery error but not the recipient's address or number", async () => {
    const { withoutContactDetails } = await import("./queue.ts");
    expect(withoutContactDetails("550 5.1.1 <usager.nom@exemple.fr>: boîte inconnue")).toBe(
      "550 5.1.1 <[adresse]>: boîte inconnue",
    );
    expect(withoutContactDetails("SMS refusé pour +33 6 12 34 56 78")).toBe(
      "SMS refusé pour [numéro]",
    );
    expect(withoutContactDetails("SMS refusé pour 06 12 34 56 78")).toBe(
      "SMS refusé pour [numéro]",
    );
    expect(withoutContactDetails("délai dépassé après 30 s")).toBe("délai dépassé après 30 s");
  });
});
