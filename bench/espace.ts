// « Mon espace » (issue 15): the vault's throughput with its encryption, and
// memory while streaming; then the lists at scale. On the embedded
// PostgreSQL server (the default of `npm start`), in a folder of its own.
//
// 1. Upload and download of 10 Mo documents through the real code paths
//    (receiveDocument: 256 KiB chunks sealed with AES-256-GCM, one INSERT
//    each; documentStream: 4 chunks per SELECT), the bytes produced and
//    consumed on the fly: the RSS is sampled every 10 ms, and its peak above
//    the level before the transfer says whether a file was ever held whole.
// 2. 10,000 spaces × 20 documents (metadata rows; contents are not needed
//    to list), a few shares each: listDocuments and listShares of random
//    spaces, p50/p95/p99.
//
//   npm run bench -- espace

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../src/db/database.ts";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { listShares } from "../src/modules/espace/space-sharing.ts";
import { signIn } from "../src/modules/espace/space-sign-in.ts";
import {
  documentStream,
  findDocument,
  listDocuments,
  receiveDocument,
} from "../src/modules/espace/vault.ts";
import type { ResidentActor } from "../src/platform/access/actor.ts";
import { sealChunk } from "../src/platform/crypto/document-cipher.ts";
import { percentile, round } from "./latency.ts";

export type EspaceBenchOptions = {
  spaces?: number;
  documentsPerSpace?: number;
  transfers?: number;
  runs?: number;
};

const MB = 1024 * 1024;
const FILE_BYTES = 10 * MB;
const progress = (message: string) => process.stderr.write(`  espace: ${message}\n`);

/** 10 Mo of a PDF, produced 64 KiB at a time: the source never holds the file. */
async function* pdfStream(bytes: number) {
  const piece = randomBytes(64 * 1024);
  piece.write("%PDF-1.7\n");
  for (let sent = 0; sent < bytes; sent += piece.length) {
    yield sent === 0 ? piece : piece.subarray(0, Math.min(piece.length, bytes - sent));
    if (sent === 0) piece.write("xxxxxxxxx");
  }
}

/** Samples the RSS and the heap every 10 ms while `work` runs; returns their peaks above the start. */
async function withRss<T>(work: () => Promise<T>) {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed + start.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  try {
    const started = performance.now();
    const result = await work();
    sample();
    return {
      result,
      ms: performance.now() - started,
      rssPeakAboveStartMb: round((peakRss - start.rss) / MB),
      heapPeakAboveStartMb: round((peakHeap - start.heapUsed - start.arrayBuffers) / MB),
    };
  } finally {
    clearInterval(timer);
  }
}

export async function benchEspace(options: EspaceBenchOptions = {}) {
  const spaces = options.spaces ?? 10_000;
  const perSpace = options.documentsPerSpace ?? 20;
  const transfers = options.transfers ?? 5;
  const runs = options.runs ?? 300;
  const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-espace-"));
  const server = await startEmbeddedPostgres(dataDir);
  const opened = await openDatabase({
    kind: "embedded",
    url: server.url("postgres"),
    poolSize: 10,
  });
  const { db } = opened;
  try {
    await migrateToLatest(db);
    const now = new Date();
    const context = { db, now, requestId: null, documentsKey: randomBytes(32) };
    const session = await signIn(context, { kind: "email", value: "banc@exemple.fr" }, undefined);
    const actor: ResidentActor = {
      kind: "resident",
      espaceId: session.espaceId,
      verifiedAt: now,
      method: "code_email",
      contact: { kind: "email", value: "banc@exemple.fr" },
    };

    progress(`${transfers} envois et lectures de 10 Mo (après un pour chauffer)…`);
    const warmUp = await receiveDocument(
      context,
      actor.espaceId,
      { kind: "resident", actor },
      { title: "Chauffe", category: "autre", expiresOn: undefined },
      { fileName: "chauffe.pdf", bytes: pdfStream(FILE_BYTES) },
    );
    const warmDocument = await findDocument(db, actor.espaceId, warmUp);
    if (warmDocument)
      await new Response(documentStream(db, context.documentsKey, warmDocument)).arrayBuffer();
    await db.deleteFrom("espace_document").where("id", "=", warmUp).execute();
    const uploads = [];
    const downloads = [];
    // Whether memory grows from one file to the next (a file kept would show here).
    const baseline = process.memoryUsage().rss;
    const rssAfterEachTransferMb: number[] = [];
    for (let i = 0; i < transfers; i++) {
      const up = await withRss(() =>
        receiveDocument(
          context,
          actor.espaceId,
          { kind: "resident", actor },
          { title: `Document ${i}`, category: "autre", expiresOn: undefined },
          { fileName: "banc.pdf", bytes: pdfStream(FILE_BYTES) },
        ),
      );
      uploads.push(up);
      const document = await findDocument(db, actor.espaceId, up.result);
      if (!document) throw new Error("document introuvable après envoi");
      const down = await withRss(async () => {
        let bytes = 0;
        for await (const chunk of documentStream(db, context.documentsKey, document)) {
          bytes += chunk.length;
        }
        return bytes;
      });
      if (down.result !== FILE_BYTES)
        throw new Error(`lu ${down.result} octets au lieu de ${FILE_BYTES}`);
      downloads.push(down);
      // Keep the space under its quota for the next transfer.
      await db.deleteFrom("espace_document").where("id", "=", up.result).execute();
      rssAfterEachTransferMb.push(round((process.memoryUsage().rss - baseline) / MB));
    }
    const rate = (ms: number) => round(FILE_BYTES / MB / (ms / 1000));
    const transfer = (
      list: { ms: number; rssPeakAboveStartMb: number; heapPeakAboveStartMb: number }[],
    ) => ({
      mbPerSecond: list.map((entry) => rate(entry.ms)),
      rssPeakAboveStartMb: list.map((entry) => entry.rssPeakAboveStartMb),
      heapAndBuffersPeakAboveStartMb: list.map((entry) => entry.heapPeakAboveStartMb),
    });
    // The cipher alone, in memory: what the database and the network add is the rest.
    const plain = randomBytes(FILE_BYTES);
    const chunk = 256 * 1024;
    const cipherStarted = performance.now();
    for (let seq = 0; seq < FILE_BYTES / chunk; seq++) {
      sealChunk(
        context.documentsKey,
        actor.espaceId,
        seq,
        false,
        plain.subarray(seq * chunk, (seq + 1) * chunk),
      );
    }
    const cipherMbPerSecond = rate(performance.now() - cipherStarted);

    progress(`${spaces} espaces × ${perSpace} documents…`);
    const seedStarted = performance.now();
    await sql`
      INSERT INTO espace (id, created_at, last_active_at)
      SELECT gen_random_uuid(), ${now}, ${now} FROM generate_series(1, ${spaces})`.execute(db);
    await sql`
      INSERT INTO espace_document (id, espace_id, title, file_name, media_type, category,
                                   size_bytes, chunk_count, status, created_at, last_used_at)
      SELECT gen_random_uuid(), e.id, 'Document ' || n, 'document-' || n || '.pdf',
             'application/pdf', (ARRAY['identite','ressources','logement','famille','sante','autre'])[1 + n % 6],
             200000 + n * 1000, 1, 'ready', ${now}::timestamptz - make_interval(days => n), ${now}
        FROM espace e CROSS JOIN generate_series(1, ${perSpace}) AS n
       WHERE e.id <> ${actor.espaceId}`.execute(db);
    await sql`ANALYZE`.execute(db);
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    const ids = (
      await db.selectFrom("espace").select("id").where("id", "<>", actor.espaceId).execute()
    ).map((row) => row.id);

    progress(`${runs} listes…`);
    const listLatencies: number[] = [];
    const shareLatencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const espaceId = ids[Math.floor(Math.random() * ids.length)] ?? actor.espaceId;
      let started = performance.now();
      const listed = await listDocuments(db, espaceId);
      listLatencies.push(performance.now() - started);
      if (listed.length !== perSpace) throw new Error(`${listed.length} documents listés`);
      started = performance.now();
      await listShares(db, espaceId, now);
      shareLatencies.push(performance.now() - started);
    }
    const latency = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99),
      };
    };
    return {
      database: "postgresql embarqué (défaut)",
      fileMb: FILE_BYTES / MB,
      chunkKib: 256,
      cipherOnlyMbPerSecond: cipherMbPerSecond,
      rssAfterEachTransferAboveFirstMb: rssAfterEachTransferMb,
      upload: transfer(uploads),
      download: transfer(downloads),
      lists: {
        spaces,
        documentsPerSpace: perSpace,
        seedSeconds,
        runs,
        listDocuments: latency(listLatencies),
        listShares: latency(shareLatencies),
      },
    };
  } finally {
    await opened.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
