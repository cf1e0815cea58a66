import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { recordAudit, recordAuditBatch, verifyAuditChain } from "./audit.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The instant the test events are recorded at (the audit takes it from the caller's clock). */
const AT = new Date("2026-02-02T10:00:00Z");

async function writeEvents(count: number) {
  for (let index = 0; index < count; index++) {
    await database.db.transaction().execute((tx) =>
      recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "test.event",
        subjectType: "test",
        subjectId: String(index),
        details: { index, nested: { b: 1, a: [1, 2] } },
        at: AT,
      }),
    );
  }
}

/** Tampering needs the append-only trigger off, as an attacker with SQL access would do. */
async function tamper(statement: string) {
  await sql
    .raw("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    .execute(database.db);
  await sql.raw(statement).execute(database.db);
  await sql
    .raw("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
    .execute(database.db);
}

describe("audit trail", () => {
  it("chains events and verifies an untouched trail", async () => {
    await writeEvents(5);
    expect(await verifyAuditChain(database.db, 2)).toEqual({ ok: true, events: 5 });
  });

  it("chains a batch after single events, and single events after it, into one valid trail", async () => {
    const before = await verifyAuditChain(database.db);
    const seqs = await database.db.transaction().execute((tx) =>
      recordAuditBatch(
        tx,
        [3, 1, 2].map((index) => ({
          actor: { userId: null, organisationId: null },
          action: "test.batch",
          subjectType: "test",
          subjectId: `lot-${index}`,
          details: { index, nested: { z: true, a: null } },
          at: AT,
        })),
      ),
    );
    const events = before.events;
    expect(seqs).toEqual([events + 1, events + 2, events + 3]);
    const stored = await database.db
      .selectFrom("audit_event")
      .select("subject_id")
      .where("action", "=", "test.batch")
      .orderBy("seq")
      .execute();
    expect(stored.map((row) => row.subject_id)).toEqual(["lot-3", "lot-1", "lot-2"]);
    await writeEvents(1);
    expect(await database.db.transaction().execute((tx) => recordAuditBatch(tx, []))).toEqual([]);
    expect(await verifyAuditChain(database.db, 2)).toEqual({ ok: true, events: events + 4 });
  });

  it("refuses updates and deletions through the append-only trigger", async () => {
    await expect(
      sql`UPDATE audit_event SET action = 'x' WHERE seq = 1`.execute(database.db),
    ).rejects.toThrow(/ajout seul/);
    await expect(sql`DELETE FROM audit_event WHERE seq = 1`.execute(database.db)).rejects.toThrow(
      /ajout seul/,
    );
  });

  it("rolls back the event with the transaction that wrote it", async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await recordAudit(tx, {
          actor: { userId: null, organisationId: null },
          action: "test.rolled_back",
          subjectType: "test",
          at: AT,
        });
        throw new Error("échec volontaire");
      }),
    ).rejects.toThrow("échec volontaire");
    const rolledBack = await database.db
      .selectFrom("audit_event")
      .select("seq")
      .where("action", "=", "test.rolled_back")
      .execute();
    expect(rolledBack).toEqual([]);
  });

  it("finds the first edited event", async () => {
    await tamper("UPDATE audit_event SET details = '{\"index\": 99}' WHERE seq = 3");
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 3, events: 2 });
  });

  it("finds a deleted event", async () => {
    await tamper("DELETE FROM audit_event WHERE seq = 3");
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 4, events: 2 });
    expect(result.ok === false && result.reason).toMatch(/manquant/);
  });
});
