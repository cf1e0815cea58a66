import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openChunk, sealChunk, sealStream } from "./document-cipher.ts";

const key = randomBytes(32);
const DOC = "4f1c2a9e-0000-4000-8000-000000000001";

async function* pieces(bytes: Buffer, size: number) {
  for (let start = 0; start < bytes.length; start += size)
    yield bytes.subarray(start, start + size);
}

async function sealAll(bytes: Buffer, pieceSize: number, chunkBytes: number) {
  const out = [];
  for await (const chunk of sealStream(key, DOC, pieces(bytes, pieceSize), chunkBytes))
    out.push(chunk);
  return out;
}

describe("sealed chunks (AES-256-GCM per chunk)", () => {
  it("cuts any stream into fixed chunks, the last one marked, and opens back to the same bytes", async () => {
    const plain = randomBytes(10_000);
    for (const pieceSize of [1, 7, 1000, 4096, 20_000]) {
      const sealed = await sealAll(plain, pieceSize, 4096);
      expect(sealed.map((c) => c.plainBytes)).toEqual([4096, 4096, 1808]);
      const opened = sealed.map((c, i) =>
        openChunk(key, DOC, c.seq, i === sealed.length - 1, c.sealed),
      );
      expect(Buffer.concat(opened).equals(plain)).toBe(true);
    }
  });

  it("hands the first plain bytes to the caller, for the type check", async () => {
    const sealed = await sealAll(Buffer.from("%PDF-1.7 rest of it"), 3, 4096);
    expect(sealed[0]?.first.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses a chunk moved to another place, another document, or a file cut short", () => {
    const chunk = sealChunk(key, DOC, 1, false, Buffer.from("middle"));
    expect(openChunk(key, DOC, 1, false, chunk).toString()).toBe("middle");
    expect(() => openChunk(key, DOC, 2, false, chunk)).toThrow();
    expect(() => openChunk(key, "4f1c2a9e-0000-4000-8000-000000000002", 1, false, chunk)).toThrow();
    // Cut after this chunk: read as the last one, it does not open.
    expect(() => openChunk(key, DOC, 1, true, chunk)).toThrow();
    const tampered = Buffer.from(chunk);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(() => openChunk(key, DOC, 1, false, tampered)).toThrow();
    expect(() => openChunk(randomBytes(32), DOC, 1, false, chunk)).toThrow();
  });

  it("yields nothing for an empty stream", async () => {
    expect(await sealAll(Buffer.alloc(0), 10, 4096)).toEqual([]);
  });
});
