import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserContext } from "../../platform/http/context.ts";
import { UnreadableUpload, UploadTooLarge } from "../../platform/http/streamed-upload.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { CHUNK_LINES } from "./non-take-up-runs.ts";
import { receiveNonTakeUpUpload } from "./non-take-up-upload.ts";
import { userContextFor } from "./test-fixtures.ts";

let database: TestDatabase;
let ctx: UserContext;

beforeAll(async () => {
  database = await createTestDatabase();
  const user = await makeUser(database.db, { role: "pilote" });
  ctx = userContextFor(database.db, user, new Date("2025-06-10T10:00:00Z"));
});
afterAll(async () => {
  await database.close();
});

const HEADER =
  "id;depcom;logement;loyer;aide_logement;enfants_naissances;demandeur_naissance;demandeur_activite;demandeur_salaire_m3;demandeur_salaire_m2;demandeur_salaire_m1;demandeur_salaire_m;prestations_percues";
const FAMILY =
  ";92050;locataire;650;300;2016-09-01|2019-02-15;1990-04-12;salarie;500;500;500;500;af";

/** The form as a browser encodes it, served in pieces of `size` bytes (no length known). */
async function formStream(content: string, size: number) {
  const form = new FormData();
  form.set("_csrf", "jeton");
  form.set("mois", "2025-06");
  form.set("fichier", new File([content], "population.csv", { type: "text/csv" }));
  const request = new Request("http://localhost/", { method: "POST", body: form });
  const bytes = new Uint8Array(await request.arrayBuffer());
  const boundary = /boundary=(.+)$/.exec(request.headers.get("content-type") ?? "")?.[1] ?? "";
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
  return { body, boundary, length: bytes.length };
}

/** The request a server receives with that body. */
function asRequest(body: ReadableStream<Uint8Array>, boundary: string): Request {
  return new Request("http://localhost/", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  } as RequestInit);
}

async function receive(content: string, size: number, maxBytes = 10 * 1024 * 1024) {
  const { body, boundary } = await formStream(content, size);
  const seen: Record<string, string>[] = [];
  const id = await receiveNonTakeUpUpload(ctx, asRequest(body, boundary), {
    maxBytes,
    beforeFile: (fields) => {
      seen.push({ ...fields });
      return "2025-06";
    },
  });
  return { id, seen };
}

async function storedChunks(runId: string) {
  return database.db
    .selectFrom("rights_batch_chunk")
    .select(["seq", "first_line", "content"])
    .where("run_id", "=", runId)
    .orderBy("seq")
    .execute();
}

const countRuns = async () =>
  Number(
    (
      await database.db
        .selectFrom("rights_batch_run")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const countChunks = async () =>
  (await database.db.selectFrom("rights_batch_chunk").select("seq").execute()).length;

describe("streamed upload of a population file", () => {
  it("stores the same chunks as splitting the whole text, whatever the size of the network pieces", async () => {
    // A BOM, CRLF line ends, an accented commune line, a bad row, and more than one chunk.
    const rows = Array.from({ length: CHUNK_LINES + 7 }, (_, i) => `F-${i}${FAMILY}`);
    rows.splice(2, 0, "Éloïse;92050;locataire;;;;pas-une-date;;;;;;");
    const text = `${HEADER}\r\n${rows.join("\r\n")}\r\n`;
    const lines = text.split(/\r?\n/);
    const expected = [
      { seq: 0, first_line: 2, content: lines.slice(1, 1 + CHUNK_LINES).join("\n") },
      { seq: 1, first_line: 2 + CHUNK_LINES, content: lines.slice(1 + CHUNK_LINES).join("\n") },
    ];
    for (const size of [7, 1000, 64 * 1024]) {
      const { id, seen } = await receive(`\uFEFF${text}`, size);
      expect(seen).toEqual([{ _csrf: "jeton", mois: "2025-06" }]);
      expect(await storedChunks(id)).toEqual(expected);
      const run = await database.db
        .selectFrom("rights_batch_run")
        .select(["header", "chunks_total"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(run).toEqual({ header: HEADER, chunks_total: 2 });
    }
  });

  it("keeps the run « receiving » while the file streams in, and « pending » once it is whole", async () => {
    const rows = Array.from({ length: CHUNK_LINES + 5 }, (_, i) => `F-${i}${FAMILY}`);
    const { body, boundary } = await formStream(`${HEADER}\n${rows.join("\n")}\n`, 64 * 1024);
    // The network holds the rest of the file until the test lets it through.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const reader = body.getReader();
    let pieces = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (++pieces === 3) await held;
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    });
    const receiving = receiveNonTakeUpUpload(ctx, asRequest(slow, boundary), {
      maxBytes: 10 * 1024 * 1024,
      beforeFile: () => "2025-06",
    });
    // The run this upload makes: the only one not there before it.
    const earlier = (await database.db.selectFrom("rights_batch_run").select("id").execute()).map(
      (row) => row.id,
    );
    const statusOf = async () =>
      database.db
        .selectFrom("rights_batch_run")
        .select(["id", "status", "chunks_total"])
        .where("ran_by", "=", ctx.actor.userId)
        .$if(earlier.length > 0, (query) => query.where("id", "not in", earlier))
        .executeTakeFirst();
    await vi.waitFor(async () => expect((await statusOf())?.status).toBe("receiving"));
    release();
    const id = await receiving;
    expect(await statusOf()).toEqual({ id, status: "pending", chunks_total: 2 });
  });

  it("refuses a body over the cap while it streams, and keeps nothing of what was stored", async () => {
    const before = await countRuns();
    const chunksBefore = await countChunks();
    const rows = Array.from({ length: CHUNK_LINES * 3 }, (_, i) => `F-${i}${FAMILY}`);
    const text = `${HEADER}\n${rows.join("\n")}\n`;
    // The cap falls in the third chunk: two chunks were stored, then removed.
    const cap = Math.round(text.length * 0.8);
    await expect(receive(text, 16 * 1024, cap)).rejects.toBeInstanceOf(UploadTooLarge);
    expect(await countRuns()).toBe(before);
    expect(await countChunks()).toBe(chunksBefore);
  });

  it("refuses a body cut before its end, and keeps nothing", async () => {
    const before = await countRuns();
    const { body, boundary, length } = await formStream(
      `${HEADER}\n${`F-1${FAMILY}\n`.repeat(20_000)}`,
      4096,
    );
    const reader = body.getReader();
    let sent = 0;
    const cut = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done || sent > length / 2) return controller.close();
        sent += value.length;
        controller.enqueue(value);
      },
    });
    await expect(
      receiveNonTakeUpUpload(ctx, asRequest(cut, boundary), {
        maxBytes: 10 * 1024 * 1024,
        beforeFile: () => "2025-06",
      }),
    ).rejects.toBeInstanceOf(UnreadableUpload);
    expect(await countRuns()).toBe(before);
  });
});
