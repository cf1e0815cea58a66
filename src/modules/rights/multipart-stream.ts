/**
 * A multipart/form-data reader that never holds the whole body: the request
 * is read chunk by chunk, each part's bytes are handed over as they arrive,
 * and only a delimiter's length of bytes is kept between two chunks (plus a
 * part's headers, capped). Hono's `parseBody()` and `Request.formData()`
 * buffer every file in memory; a population file of 200 MB must not be.
 * RFC 7578 (multipart/form-data), RFC 2046 §5.1.1 (delimiters).
 */

export interface PartHeaders {
  readonly name: string;
  /** Present for a file input (possibly empty when no file was chosen). */
  readonly fileName?: string;
}

export interface PartHandler {
  /** A part begins; may be async (the next bytes wait for it). */
  start(part: PartHeaders): void | Promise<void>;
  /** Bytes of the current part, in order; may be async. */
  data(bytes: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

export class MultipartError extends Error {
  override name = "MultipartError";
}

export class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF_CRLF = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data content type, or undefined. */
export function multipartBoundary(contentType: string | null | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function partHeaders(text: string): PartHeaders {
  const disposition = text.split("\r\n").find((line) => /^content-disposition\s*:/i.test(line));
  if (!disposition) throw new MultipartError("partie sans Content-Disposition");
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new MultipartError("partie sans nom");
  const fileName = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  return fileName === undefined ? { name } : { name, fileName };
}

/**
 * Reads `body` to its end (or until a handler throws), calling `handler` for
 * each part. Throws `BodyTooLarge` as soon as more than `maxBytes` arrived,
 * `MultipartError` when the body is not well formed. The reader is cancelled
 * on any error, so the rest of the upload is not read.
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  maxBytes: number,
  handler: PartHandler,
): Promise<void> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // Before the first boundary, pretend a CRLF preceded it: one delimiter for all.
  let buffer: Buffer = Buffer.from("\r\n");
  let state = "preamble" as "preamble" | "headers" | "data" | "done";
  let received = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) throw new BodyTooLarge();
      buffer = buffer.length === 0 ? Buffer.from(value) : Buffer.concat([buffer, value]);
      buffer = await consume(buffer);
      if (state === "done") break;
    }
    if (state !== "done") throw new MultipartError("corps multipart incomplet");
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }

  /** Handles what `buffer` holds; returns the bytes kept for the next chunk. */
  async function consume(input: Buffer): Promise<Buffer> {
    let rest = input;
    for (;;) {
      if (state === "preamble") {
        const at = rest.indexOf(delimiter);
        if (at < 0) return rest.subarray(Math.max(0, rest.length - delimiter.length));
        rest = rest.subarray(at + delimiter.length);
        state = "headers";
      } else if (state === "headers") {
        if (rest.length < 2) return rest;
        if (rest[0] === 0x2d && rest[1] === 0x2d) {
          state = "done";
          return Buffer.alloc(0);
        }
        const at = rest.indexOf(CRLF_CRLF);
        if (at < 0) {
          if (rest.length > MAX_HEADER_BYTES)
            throw new MultipartError("en-têtes de partie trop longs");
          return rest;
        }
        // The delimiter line ends with CRLF (transport padding is not sent by browsers).
        await handler.start(
          partHeaders(rest.subarray(0, at).toString("utf8").replace(/^\r\n/, "")),
        );
        rest = rest.subarray(at + CRLF_CRLF.length);
        state = "data";
      } else if (state === "data") {
        const at = rest.indexOf(delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter cut by the chunk's end.
          const keep = Math.min(rest.length, delimiter.length - 1);
          if (rest.length > keep) await handler.data(rest.subarray(0, rest.length - keep));
          return Buffer.from(rest.subarray(rest.length - keep));
        }
        if (at > 0) await handler.data(rest.subarray(0, at));
        await handler.end();
        rest = rest.subarray(at + delimiter.length);
        state = "headers";
      } else return Buffer.alloc(0);
    }
  }
}
