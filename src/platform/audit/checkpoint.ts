import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { frenchDateTime } from "../time/french-dates.ts";
import { GENESIS_HASH, verifyAuditChain } from "./audit.ts";

/**
 * The chain's head, anchored outside the database (decision 0017). The hash
 * chain finds an edited or deleted event in the middle, but a trail whose
 * LAST events were cut still verifies: nothing after them points back. A
 * checkpoint (head seq, head hash, count, time), signed and appended to a file
 * beside the data and mailed to the data-protection officer, is what a cut
 * tail is compared against.
 */

export const CHECKPOINT_FILE_NAME = "audit-checkpoints.jsonl";

export type Checkpoint = { seq: number; hash: string; count: number; at: Date };
export type ReadCheckpoint = Checkpoint & { line: number };

export type CheckpointStore = { file: string; key: Buffer };

/** Where checkpoints go: the data folder, with a key derived from the platform's secret. */
export function checkpointStore(config: { dataDir: string; secret: string }): CheckpointStore {
  return { file: join(config.dataDir, CHECKPOINT_FILE_NAME), key: checkpointKey(config.secret) };
}

/**
 * HMAC key of the checkpoints, derived from RELAIS_SECRET (HKDF-SHA256) so that
 * no other key has to be kept: whoever holds the secret could forge a line,
 * which is why each line is also mailed to the data-protection officer.
 */
export function checkpointKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "relais", "audit-checkpoint-v1", 32));
}

function sign(key: Buffer, checkpoint: Checkpoint): string {
  const canonical = JSON.stringify([
    1,
    checkpoint.seq,
    checkpoint.hash,
    checkpoint.count,
    checkpoint.at.toISOString(),
  ]);
  return createHmac("sha256", key).update(canonical).digest("hex");
}

/** One line of the file: JSON, its signature last. */
export function formatCheckpoint(key: Buffer, checkpoint: Checkpoint): string {
  return JSON.stringify({
    v: 1,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    count: checkpoint.count,
    at: checkpoint.at.toISOString(),
    sig: sign(key, checkpoint),
  });
}

const LineSchema = z.object({
  v: z.literal(1),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  count: z.number().int().min(0),
  at: z.iso.datetime(),
  sig: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A line's checkpoint when its signature holds; undefined for a forged or garbled line. */
export function parseCheckpoint(key: Buffer, text: string): Checkpoint | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  // A file's line, not a request: a bad line is a finding (undefined), not an Invalid to answer.
  const parsed = LineSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const checkpoint = {
    seq: parsed.data.seq,
    hash: parsed.data.hash,
    count: parsed.data.count,
    at: new Date(parsed.data.at),
  };
  const expected = Buffer.from(sign(key, checkpoint), "hex");
  const given = Buffer.from(parsed.data.sig, "hex");
  return timingSafeEqual(expected, given) ? checkpoint : undefined;
}

export type CheckpointReading = {
  /** The last line whose signature holds. */
  latest: ReadCheckpoint | undefined;
  /** Line numbers (from 1) whose signature does not hold. */
  forgedLines: number[];
  lines: number;
};

/** Reads every line of the file; a missing file is an empty reading (a new installation). */
export function readCheckpointText(key: Buffer, text: string): CheckpointReading {
  const reading: CheckpointReading = { latest: undefined, forgedLines: [], lines: 0 };
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    reading.lines++;
    const checkpoint = parseCheckpoint(key, line);
    if (checkpoint) reading.latest = { ...checkpoint, line: index + 1 };
    else reading.forgedLines.push(index + 1);
  }
  return reading;
}

export async function readCheckpoints(store: CheckpointStore): Promise<CheckpointReading> {
  let text: string;
  try {
    text = await readFile(store.file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { latest: undefined, forgedLines: [], lines: 0 };
    }
    throw error;
  }
  return readCheckpointText(store.key, text);
}

/**
 * Appends one line. The file is opened O_APPEND (never truncated, never
 * rewritten: every write lands after what is there) and flushed to disk
 * before the job reports success.
 */
export async function appendCheckpoint(
  store: CheckpointStore,
  checkpoint: Checkpoint,
): Promise<string> {
  const line = formatCheckpoint(store.key, checkpoint);
  await mkdir(dirname(store.file), { recursive: true });
  const handle = await open(
    store.file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND,
    0o600,
  );
  try {
    await handle.write(`${line}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return line;
}

export type ChainHead = { seq: number; hash: string; count: number };

/** The last event and the number of events, read in one statement (one snapshot). */
export async function readChainHead(db: Db): Promise<ChainHead> {
  const result = await sql<{ seq: string | null; hash: string | null; count: string }>`
    SELECT last.seq, last.hash, (SELECT count(*) FROM audit_event) AS count
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1) AS last
        ON true`.execute(db);
  const row = result.rows[0];
  return {
    seq: Number(row?.seq ?? 0),
    hash: row?.hash ?? GENESIS_HASH,
    count: Number(row?.count ?? 0),
  };
}

export type CheckpointMismatch = { brokenAt: number; reason: string };

/**
 * Compares the database with a checkpoint (pure): fewer events than it
 * counted, or another event at its seq, is a cut or rewritten tail.
 */
export function compareWithCheckpoint(
  checkpoint: Checkpoint,
  state: { lastSeq: number; count: number; hashAtCheckpoint: string | undefined },
): CheckpointMismatch | undefined {
  const when = frenchDateTime(checkpoint.at);
  if (state.lastSeq < checkpoint.seq || state.count < checkpoint.count) {
    const missing = Math.max(checkpoint.count - state.count, checkpoint.seq - state.lastSeq);
    return {
      brokenAt: state.lastSeq + 1,
      reason: `les derniers événements ont disparu : le point de contrôle du ${when} en comptait ${checkpoint.count} (jusqu'au n° ${checkpoint.seq}), le journal n'en a plus que ${state.count} ; ${missing} manquent`,
    };
  }
  const expectedHash = checkpoint.seq === 0 ? GENESIS_HASH : state.hashAtCheckpoint;
  if (expectedHash !== checkpoint.hash) {
    return {
      brokenAt: checkpoint.seq,
      reason: `l'événement n° ${checkpoint.seq} ne correspond plus au point de contrôle du ${when} (journal réécrit à partir de lui ?)`,
    };
  }
  return undefined;
}

async function compareDatabase(
  db: Db,
  checkpoint: Checkpoint,
): Promise<CheckpointMismatch | undefined> {
  const head = await readChainHead(db);
  const atCheckpoint =
    checkpoint.seq === 0
      ? undefined
      : await db
          .selectFrom("audit_event")
          .select("hash")
          .where("seq", "=", checkpoint.seq)
          .executeTakeFirst();
  return compareWithCheckpoint(checkpoint, {
    lastSeq: head.seq,
    count: head.count,
    hashAtCheckpoint: atCheckpoint?.hash,
  });
}

export type TrailVerification = {
  /** Events verified intact, from the first. */
  events: number;
  /** The latest checkpoint whose signature holds, if any. */
  checkpoint: ReadCheckpoint | undefined;
  checkpointLines: number;
} & (
  | { ok: true }
  | {
      ok: false;
      /** The first event in question; undefined when only the checkpoint file is in question. */
      brokenAt: number | undefined;
      reason: string;
    }
);

function forgedReason(lines: number[]): string {
  const [first] = lines;
  return lines.length === 1
    ? `le fichier des points de contrôle a été altéré : la signature de la ligne ${first} ne correspond pas`
    : `le fichier des points de contrôle a été altéré : les signatures de ${lines.length} lignes ne correspondent pas (la première : ligne ${first})`;
}

/**
 * The whole check, shared by `relais audit verify` and the audit viewer:
 * every hash of the chain, then the chain's head against the latest signed
 * checkpoint. The first problem found is the one reported.
 */
export async function verifyAuditTrail(
  db: Db,
  store: CheckpointStore,
  options: { givenLine?: string | undefined } = {},
): Promise<TrailVerification> {
  const [chain, reading] = await Promise.all([verifyAuditChain(db), readCheckpoints(store)]);
  const base = { events: chain.events, checkpoint: reading.latest, checkpointLines: reading.lines };
  if (!chain.ok) {
    return { ...base, ok: false, brokenAt: chain.brokenAt, reason: chain.reason };
  }
  if (reading.forgedLines.length > 0) {
    return { ...base, ok: false, brokenAt: undefined, reason: forgedReason(reading.forgedLines) };
  }
  if (reading.latest) {
    const mismatch = await compareDatabase(db, reading.latest);
    if (mismatch) return { ...base, ok: false, ...mismatch };
  }
  // A line kept outside (the officer's e-mail): the file itself may have been cut.
  if (options.givenLine !== undefined) {
    const given = parseCheckpoint(store.key, options.givenLine.trim());
    if (!given) {
      return {
        ...base,
        ok: false,
        brokenAt: undefined,
        reason:
          "le point de contrôle donné n'a pas une signature valide (falsifié, ou signé avec un autre RELAIS_SECRET)",
      };
    }
    const mismatch = await compareDatabase(db, given);
    if (mismatch) return { ...base, ok: false, ...mismatch };
  }
  return { ...base, ok: true };
}

export type CheckpointOutcome =
  | { written: true; line: string; checkpoint: Checkpoint }
  | { written: false; reason: string };

/**
 * Writes a checkpoint of the head as it is now, after checking the head
 * against the previous checkpoint (cheap: two small queries): a head that
 * went backwards is never anchored, or the cut would become the reference.
 * `fullCheck` also recomputes every hash first (the daily run).
 */
export async function writeCheckpoint(
  db: Db,
  store: CheckpointStore,
  now: Date,
  options: { fullCheck: boolean } = { fullCheck: false },
): Promise<CheckpointOutcome> {
  if (options.fullCheck) {
    const verification = await verifyAuditTrail(db, store);
    if (!verification.ok) return { written: false, reason: verification.reason };
  } else {
    const reading = await readCheckpoints(store);
    if (reading.forgedLines.length > 0) {
      return { written: false, reason: forgedReason(reading.forgedLines) };
    }
    if (reading.latest) {
      const mismatch = await compareDatabase(db, reading.latest);
      if (mismatch) return { written: false, reason: mismatch.reason };
    }
  }
  const head = await readChainHead(db);
  const checkpoint: Checkpoint = { ...head, at: now };
  const line = await appendCheckpoint(store, checkpoint);
  return { written: true, line, checkpoint };
}
