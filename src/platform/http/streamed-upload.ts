// A form with one file, read as a stream with busboy: the fields that come
// before the file are handed over with it, and the file's bytes flow to the
// handler as they arrive (never the whole body in memory). A browser sends
// the fields in the order of the form: put the file input last.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";

export class UnreadableUpload extends Error {
  override name = "UnreadableUpload";
}

/** The body went over `maxBodyBytes`: reading stopped there. */
export class UploadTooLarge extends Error {
  override name = "UploadTooLarge";
}

export type UploadedFile = {
  /**
   * The fields read before the file; those after it are added as the body is
   * read (they are all there once `bytes` has been read to its end).
   */
  fields: Record<string, string>;
  fileName: string;
  declaredType: string;
  bytes: AsyncIterable<Uint8Array>;
};

/**
 * Reads `request` and calls `handle` once, for the file field `fileField`
 * (or with no file when the form had none). Other files are skipped. Text
 * fields are capped at `maxFieldBytes`; a longer one fails the form. A body
 * over `maxBodyBytes` (counted as it arrives, whatever its declared length)
 * stops the reading: the file's stream fails with `UploadTooLarge`, thrown
 * here too. What `handle` throws is thrown here,
 * once the body has been read to its end. A body that breaks off (cut
 * connection, malformed multipart) throws `UnreadableUpload`, once `handle`
 * has settled (so that it can clean up what it stored).
 */
export async function readStreamedUpload<T>(
  request: Request,
  options: {
    fileField: string;
    maxFieldBytes?: number;
    maxFields?: number;
    maxBodyBytes?: number;
  },
  handle: (file: UploadedFile | { fields: Record<string, string>; bytes: undefined }) => Promise<T>,
): Promise<T> {
  const body = request.body;
  if (!body) throw new UnreadableUpload("corps absent");
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: Object.fromEntries(request.headers),
      limits: {
        files: 1,
        fields: options.maxFields ?? 20,
        fieldSize: options.maxFieldBytes ?? 4096,
        parts: (options.maxFields ?? 20) + 1,
      },
    });
  } catch {
    throw new UnreadableUpload("en-tête multipart invalide");
  }
  return new Promise<T>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
    let work: Promise<T> | undefined;
    let failure: unknown;
    let refused = false;
    /** Stops reading: the rest of the body is not read, the file's stream fails with `error`. */
    const stop = (error?: Error) => {
      failure ??= error;
      source.unpipe(parser);
      source.destroy();
      parser.destroy(error);
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) stop(new UnreadableUpload(`champ ${name} trop long`));
      else fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      // Its failure reaches the handler that reads it; one that is not read fails silently.
      stream.on("error", () => undefined);
      if (work || name !== options.fileField) {
        stream.resume();
        return;
      }
      work = handle({
        fields,
        fileName: info.filename ?? "",
        declaredType: info.mimeType,
        bytes: stream,
      });
      // A refusal midway: the rest of the body is not read, the refusal is the answer.
      work.catch(() => {
        refused = true;
        stop();
      });
    });
    parser.on("error", (error) => {
      if (!refused)
        failure ??= new UnreadableUpload(error instanceof Error ? error.message : "multipart");
    });
    parser.on("close", () => {
      const finished = work ?? (failure ? undefined : handle({ fields, bytes: undefined }));
      if (!finished) return reject(failure);
      finished.then(
        (value) => (failure ? reject(failure) : resolve(value)),
        (error) => reject(failure ?? error),
      );
    });
    let received = 0;
    const maxBodyBytes = options.maxBodyBytes ?? Number.POSITIVE_INFINITY;
    source
      .on("data", (chunk: Uint8Array) => {
        received += chunk.byteLength;
        if (received > maxBodyBytes) stop(new UploadTooLarge());
      })
      .on("error", (error) => stop(new UnreadableUpload(error.message)))
      .pipe(parser);
  });
}
