/**
 * The population file's streaming reader: chunks (strings or bytes) in, one
 * record per line out, with its line number. Handles CRLF, a UTF-8 BOM, chunk
 * boundaries anywhere (even inside a multi-byte character) and double-quoted
 * fields ("" for a quote). A quoted field may not span lines: population files
 * do not need it, and it keeps a malformed row from swallowing the rest of the file.
 *
 * Why hand-written when every other CSV goes through csv-parse
 * (src/platform/csv/csv.ts): this reader is on the batch's hot path, and
 * `Row` (batch-row.ts) reads most fields in place from the line without
 * making a string of them. Measured on 2026-12-06 (2 shared cores, same
 * process, 300,000 synthetic households, run twice): parsing alone, this
 * reader 544,000–870,000 rows per CPU-second, csv-parse (streaming,
 * `relax_column_count`) 194,000–199,000; the whole batch (parse + simulate +
 * summary), 172,000 households per CPU-second with this reader against 94,000
 * with csv-parse feeding `Row` its field arrays: +83 % CPU per household, under
 * the bench's 200,000 target (`npm run bench -- rights`: 199,993 with this reader).
 * The outputs also keep `csvField` for found.csv's lines (one to several per
 * household): csv-stringify cost 13–16 µs a line against 3 µs here.
 */

export interface CsvLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly text: string;
}

/** Lines grouped by chunk read: a caller processes a chunk without a promise per line. */
export async function* readLineBatches(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<CsvLine[]> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let line = 0;
  let first = true;
  for await (const chunk of source) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    const batch: CsvLine[] = [];
    let start = 0;
    let nl = pending.indexOf("\n", start);
    while (nl !== -1) {
      let text = pending.slice(start, nl);
      if (text.endsWith("\r")) text = text.slice(0, -1);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      line++;
      batch.push({ line, text });
      start = nl + 1;
      nl = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
    if (batch.length > 0) yield batch;
  }
  pending += decoder.decode();
  if (pending.length > 0) {
    if (pending.endsWith("\r")) pending = pending.slice(0, -1);
    if (first && pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
    line++;
    yield [{ line, text: pending }];
  }
}

/** Line by line. */
export async function* readLines(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<CsvLine> {
  for await (const batch of readLineBatches(source)) yield* batch;
}

export class CsvSyntaxError extends Error {}

/** Splits one line into fields. */
export function splitFields(text: string, separator: string): string[] {
  if (text.indexOf('"') === -1) return text.split(separator);
  const fields: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError("guillemet non fermé");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      if (i < text.length && text[i] !== separator)
        throw new CsvSyntaxError("caractère inattendu après un champ entre guillemets");
      fields.push(value);
      i++;
    } else {
      const next = text.indexOf(separator, i);
      const end = next === -1 ? text.length : next;
      fields.push(text.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

/** Quotes a field for output when it needs it. */
export function csvField(value: string, separator = ";"): string {
  return value.includes(separator) || value.includes('"') || value.includes("\n")
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}
