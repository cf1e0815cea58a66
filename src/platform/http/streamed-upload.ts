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

export type UploadedFile = {
  /** The fields read before the file. */
  fields: Record<string, string>;
  fileName: string;
  declaredType: string;
  bytes: AsyncIterable<Uint8Array>;
};

/**
 * Reads `request` and calls `handle` once, for the file field `fileField`
 * (or with no file when the form had none). Other files are skipped. Text
 * fields are capped at `maxFieldBytes`; a longer one fails the form. What
 * `handle` throws is thrown here, once the body has been read to its end.
 */
export async function readStreamedUpload<T>(
  request: Request,
  options: { fileField: string; maxFieldBytes?: number; maxFields?: number },
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
    let work: Promise<T> | undefined;
    let failure: unknown;
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) failure ??= new UnreadableUpload(`champ ${name} trop long`);
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (work || name !== options.fileField) {
        stream.resume();
        return;
      }
      work = handle({
        fields: { ...fields },
        fileName: info.filename ?? "",
        declaredType: info.mimeType,
        bytes: stream,
      });
      // A refusal midway: the rest of the file is read and dropped, so that
      // the parser reaches the end and the answer can be sent.
      work.catch(() => stream.resume());
    });
    parser.on("error", (error) => {
      failure ??= new UnreadableUpload(error instanceof Error ? error.message : "multipart");
      reject(failure);
    });
    parser.on("close", () => {
      if (failure) return reject(failure);
      (work ?? handle({ fields, bytes: undefined })).then(resolve, reject);
    });
    Readable.fromWeb(body as NodeReadableStream<Uint8Array>)
      .on("error", (error) => {
        failure ??= new UnreadableUpload(error.message);
        reject(failure);
      })
      .pipe(parser);
  });
}
