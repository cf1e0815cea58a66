// Documents are encrypted at rest with AES-256-GCM under the key from the
// environment (RELAIS_DOCUMENTS_KEY). Two forms, one cipher:
// - a whole blob (the records' documents, read and written whole);
// - sealed chunks (the personal space's vault, streamed in and out: never a
//   whole file in memory). See decision 0016.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export type DocumentMediaType = "application/pdf" | "image/png" | "image/jpeg";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The type a file really is, from its first bytes (never from its name or the
 * browser's claim): PDF "%PDF-", PNG's 8-byte signature, JPEG's SOI marker.
 */
export function sniffMediaType(bytes: Uint8Array): DocumentMediaType | undefined {
  const starts = (signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  return undefined;
}

/** AES-256-GCM; the stored blob is nonce (12) || ciphertext || tag (16). */
export function encryptDocument(key: Buffer, plain: Uint8Array, associatedData: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function decryptDocument(key: Buffer, blob: Uint8Array, associatedData: string): Buffer {
  const data = Buffer.from(blob);
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** Plain bytes per sealed chunk: 256 KiB (a 10 Mo file is 40 chunks). */
export const CHUNK_BYTES = 256 * 1024;

/**
 * What each chunk's tag authenticates besides its bytes: the document, the
 * chunk's place, and whether it is the last one. A chunk moved to another
 * document or place fails to open, and so does a file cut short (its new
 * last chunk was sealed as "more").
 */
function chunkAad(documentId: string, seq: number, isLast: boolean): Buffer {
  return Buffer.from(`${documentId}:${seq}:${isLast ? "end" : "more"}`);
}

export function sealChunk(
  key: Buffer,
  documentId: string,
  seq: number,
  isLast: boolean,
  plain: Uint8Array,
): Buffer {
  return encryptDocumentWithAad(key, plain, chunkAad(documentId, seq, isLast));
}

export function openChunk(
  key: Buffer,
  documentId: string,
  seq: number,
  isLast: boolean,
  sealed: Uint8Array,
): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, NONCE_BYTES));
  decipher.setAAD(chunkAad(documentId, seq, isLast));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

function encryptDocumentWithAad(key: Buffer, plain: Uint8Array, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/**
 * Cuts a stream of bytes into CHUNK_BYTES pieces and seals each, holding one
 * piece back so that the last one is sealed as last. Memory: two chunks.
 */
export async function* sealStream(
  key: Buffer,
  documentId: string,
  source: AsyncIterable<Uint8Array>,
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<{ seq: number; sealed: Buffer; plainBytes: number; first: Buffer }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let held: Buffer | undefined;
  let seq = 0;
  let first: Buffer | undefined;
  const release = (isLast: boolean) => {
    const chunk = held as Buffer;
    first ??= chunk.subarray(0, 16);
    const out = {
      seq,
      sealed: sealChunk(key, documentId, seq, isLast, chunk),
      plainBytes: chunk.length,
      first,
    };
    seq++;
    held = undefined;
    return out;
  };
  for await (const data of source) {
    pending.push(Buffer.from(data));
    pendingBytes += data.length;
    while (pendingBytes >= chunkBytes) {
      const joined = Buffer.concat(pending);
      const piece = joined.subarray(0, chunkBytes);
      pending = [joined.subarray(chunkBytes)];
      pendingBytes -= chunkBytes;
      if (held) yield release(false);
      held = Buffer.from(piece);
    }
  }
  if (pendingBytes > 0) {
    if (held) yield release(false);
    held = Buffer.concat(pending);
  }
  if (held) yield release(true);
}
