import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import { recordAudit } from "./audit.ts";
import {
  type CheckpointStore,
  checkpointStore,
  compareWithCheckpoint,
  formatCheckpoint,
  parseCheckpoint,
  readCheckpoints,
  verifyAuditTrail,
  writeCheckpoint,
} from "./checkpoint.ts";
import { auditCheckpointDailyHandler, auditCheckpointHandler } from "./checkpoint-jobs.ts";

const SECRET = "un-secret-de-test-pour-les-points-de-controle-0123";
const AT = new Date("2026-03-02T08:00:00Z");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

let store: CheckpointStore;
beforeEach(() => {
  store = checkpointStore({
    dataDir: mkdtempSync(join(tmpdir(), "relais-audit-")),
    secret: SECRET,
  });
});

async function writeEvents(count: number) {
  await database.db.transaction().execute(async (tx) => {
    for (let index = 0; index < count; index++) {
      await recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "test.event",
        subjectType: "test",
        subjectId: String(index),
        at: AT,
      });
    }
  });
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

async function lastSeq(): Promise<number> {
  const row = await database.db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirstOrThrow();
  return Number(row.seq ?? 0);
}

describe("checkpoint lines", () => {
  const key = checkpointStore({ dataDir: "/unused", secret: SECRET }).key;
  const checkpoint = { seq: 12, hash: "a".repeat(64), count: 12, at: AT };

  it("reads back a line it signed", () => {
    expect(parseCheckpoint(key, formatCheckpoint(key, checkpoint))).toEqual(checkpoint);
  });

  it("refuses a line whose content changed after signing, or signed with another key", () => {
    const line = JSON.parse(formatCheckpoint(key, checkpoint));
    expect(parseCheckpoint(key, JSON.stringify({ ...line, count: 11 }))).toBeUndefined();
    const otherKey = checkpointStore({ dataDir: "/unused", secret: `${SECRET}-autre` }).key;
    expect(parseCheckpoint(otherKey, formatCheckpoint(key, checkpoint))).toBeUndefined();
    expect(parseCheckpoint(key, "pas du json")).toBeUndefined();
  });

  it("compares a head with a checkpoint: fewer events or another hash at its seq is a break", () => {
    const state = { lastSeq: 12, count: 12, hashAtCheckpoint: "a".repeat(64) };
    expect(compareWithCheckpoint(checkpoint, state)).toBeUndefined();
    expect(compareWithCheckpoint(checkpoint, { ...state, lastSeq: 20, count: 20 })).toBeUndefined();
    expect(compareWithCheckpoint(checkpoint, { ...state, lastSeq: 9, count: 9 })).toMatchObject({
      brokenAt: 10,
      reason: expect.stringMatching(/derniers événements ont disparu.*3 manquent/),
    });
    expect(
      compareWithCheckpoint(checkpoint, {
        ...state,
        lastSeq: 14,
        count: 14,
        hashAtCheckpoint: "b".repeat(64),
      }),
    ).toMatchObject({ brokenAt: 12 });
  });
});

describe("audit trail against its checkpoints", () => {
  it("verifies an intact trail and its checkpoint", async () => {
    await writeEvents(5);
    const outcome = await writeCheckpoint(database.db, store, AT);
    expect(outcome).toMatchObject({ written: true, checkpoint: { seq: await lastSeq() } });
    await writeEvents(2);
    const result = await verifyAuditTrail(database.db, store);
    expect(result).toMatchObject({ ok: true, events: await lastSeq(), checkpointLines: 1 });
    expect(result.checkpoint?.seq).toBe((await lastSeq()) - 2);
  });

  it("keeps the file append-only: a second checkpoint is added after the first, never over it", async () => {
    await writeEvents(1);
    await writeCheckpoint(database.db, store, AT);
    const first = readFileSync(store.file, "utf8");
    await writeEvents(1);
    await writeCheckpoint(database.db, store, new Date(AT.getTime() + 3_600_000));
    const second = readFileSync(store.file, "utf8");
    expect(second.startsWith(first)).toBe(true);
    expect(second.trim().split("\n")).toHaveLength(2);
    const reading = await readCheckpoints(store);
    expect(reading).toMatchObject({ lines: 2, forgedLines: [], latest: { line: 2 } });
  });

  it("reports a forged checkpoint line (bad signature), with its line number", async () => {
    await writeEvents(1);
    await writeCheckpoint(database.db, store, AT);
    const line = JSON.parse(readFileSync(store.file, "utf8").trim());
    writeFileSync(store.file, `${JSON.stringify({ ...line, count: line.count + 1000 })}\n`, {
      flag: "a",
    });
    const result = await verifyAuditTrail(database.db, store);
    expect(result).toMatchObject({ ok: false, brokenAt: undefined });
    expect(!result.ok && result.reason).toMatch(/signature de la ligne 2 ne correspond pas/);
    // Nothing new is anchored on a forged file.
    expect(await writeCheckpoint(database.db, store, AT)).toMatchObject({ written: false });
  });

  it("detects the deletion of the LAST events, which the hash chain alone cannot see", async () => {
    await writeEvents(4);
    const anchored = await lastSeq();
    await writeCheckpoint(database.db, store, AT);
    await tamper(`DELETE FROM audit_event WHERE seq > ${anchored - 2}`);
    const result = await verifyAuditTrail(database.db, store);
    expect(result).toMatchObject({ ok: false, brokenAt: anchored - 1, events: anchored - 2 });
    expect(!result.ok && result.reason).toMatch(/derniers événements ont disparu.*2 manquent/);
    // The hourly job anchors nothing over a cut tail: it fails, and says why.
    await expect(auditCheckpointHandler(store)({}, { db: database.db, now: AT })).rejects.toThrow(
      /derniers événements ont disparu/,
    );
    expect((await readCheckpoints(store)).lines).toBe(1);
  });

  it("detects a cut tail rewritten with as many new events: the hash at the checkpoint's seq differs", async () => {
    // The tail above was cut: start from a new anchor on the shortened trail.
    await writeEvents(2);
    const anchored = await lastSeq();
    await writeCheckpoint(database.db, store, AT);
    await tamper(`DELETE FROM audit_event WHERE seq > ${anchored - 1}`);
    await database.db.transaction().execute((tx) =>
      recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "test.rewritten",
        subjectType: "test",
        at: AT,
      }),
    );
    const result = await verifyAuditTrail(database.db, store);
    expect(result).toMatchObject({ ok: false, brokenAt: anchored });
    expect(!result.ok && result.reason).toMatch(`l'événement n° ${anchored} ne correspond plus`);
  });

  it("detects an altered event in the middle, with its seq, before looking at checkpoints", async () => {
    await writeEvents(3);
    await tamper("UPDATE audit_event SET details = '{\"falsifié\": true}' WHERE seq = 2");
    const result = await verifyAuditTrail(database.db, store);
    expect(result).toMatchObject({ ok: false, brokenAt: 2, events: 1 });
    expect(!result.ok && result.reason).toMatch(/modifié/);
  });
});

describe("daily checkpoint job", () => {
  it("mails the checkpoint to the data-protection officers only, and the alert when the trail is broken", async () => {
    const fresh = await createTestDatabase();
    try {
      const organisationId = await makeOrganisation(fresh.db, { name: "Département test" });
      const dpo = await makeUser(fresh.db, { role: "dpo", organisationId });
      await makeUser(fresh.db, { role: "admin", organisationId });
      await fresh.db.transaction().execute((tx) =>
        recordAudit(tx, {
          actor: { userId: null, organisationId: null },
          action: "test.event",
          subjectType: "test",
          at: AT,
        }),
      );
      await auditCheckpointDailyHandler(store)({}, { db: fresh.db, now: AT });
      const mails = await fresh.db
        .selectFrom("outbox_message")
        .select(["recipient", "subject", "text_body"])
        .execute();
      expect(mails.map((mail) => mail.recipient)).toEqual([dpo.email]);
      expect(mails[0]?.subject).toMatch(/point de contrôle du journal d'audit/);
      const line = readFileSync(store.file, "utf8").trim();
      expect(mails[0]?.text_body).toContain(line);
      expect(mails[0]?.text_body).toContain("Nombre d'événements : 1");

      await sql
        .raw("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
        .execute(fresh.db);
      await sql.raw("DELETE FROM audit_event").execute(fresh.db);
      await auditCheckpointDailyHandler(store)({}, { db: fresh.db, now: AT });
      const alert = await fresh.db
        .selectFrom("outbox_message")
        .select(["subject", "text_body"])
        .where("subject", "like", "%ALERTE%")
        .executeTakeFirstOrThrow();
      expect(alert.text_body).toMatch(/derniers événements ont disparu/);
      expect((await readCheckpoints(store)).lines).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
