import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

/**
 * CSV files as spreadsheets write them, read with `csv-parse` and written
 * with `csv-stringify`: one set of rules for every import and export.
 * - Text is UTF-8 (a byte order mark is dropped) or, failing that,
 *   Windows-1252/Latin-1, as a French Excel saves it.
 * - The separator is guessed from the header line (";" from a French Excel,
 *   "," or tab elsewhere) when the format does not fix it.
 * - Quotes are doubled inside quoted cells; a quoted cell may span lines.
 * - Each row keeps the 1-based line number where it starts, for the French
 *   error messages (« ligne 12 : … »); blank rows are skipped.
 */

export type CsvDelimiter = "," | ";" | "\t";

/** The bytes as text: UTF-8 when they are valid UTF-8 (without its BOM), Windows-1252 otherwise. */
export function decodeSpreadsheetText(bytes: Uint8Array): {
  text: string;
  encoding: "utf-8" | "windows-1252";
} {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** The separator used most often outside quotes in the header line; "," when there is none. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as CsvDelimiter]++;
  }
  const best = (Object.entries(counts) as [CsvDelimiter, number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ",";
}

export interface CsvRow {
  /** 1-based line number where the row starts. */
  readonly line: number;
  readonly cells: string[];
}

/** A file whose quotes do not close: the French message names the line. */
export class CsvSyntaxError extends Error {
  /** The problem without its line, for a list that prints « Ligne N : » itself. */
  readonly problem = "un guillemet ouvert n'est pas refermé.";
  constructor(readonly line: number) {
    super(`Ligne ${line} : un guillemet ouvert n'est pas refermé.`);
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Rows of cells with their line numbers; rows whose cells are all empty are
 * dropped. A stray quote inside an unquoted cell is kept as text; a quote
 * that never closes throws `CsvSyntaxError`.
 */
export function parseCsv(
  text: string,
  delimiter: CsvDelimiter = detectDelimiter(text.split(/\r?\n|\r/, 1)[0] ?? ""),
): { delimiter: CsvDelimiter; rows: CsvRow[] } {
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      raw: true,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    if (error instanceof CsvError) throw new CsvSyntaxError(Number(error.lines) || 1);
    throw error;
  }
  const rows: CsvRow[] = [];
  let line = 1;
  for (const { record, raw } of records) {
    // `raw` holds the row's own line breaks and the one that ends it: the next row starts after them.
    if (record.some((cell) => cell !== "")) rows.push({ line, cells: record });
    line += raw.match(LINE_BREAK)?.length ?? 0;
  }
  return { delimiter, rows };
}

export interface CsvWriteOptions {
  readonly delimiter?: CsvDelimiter;
  readonly recordDelimiter?: "\n" | "\r\n";
  /** Also quote a cell holding any of the three separators, so that the file reads back whichever is guessed. */
  readonly quoteEverySeparator?: boolean;
}

/**
 * A whole CSV file: the header then the rows, `null` as an empty cell. A
 * cell is quoted when it holds a quote, a line break or the separator.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  options: CsvWriteOptions = {},
): string {
  return stringify([header, ...rows] as (string | number | null)[][], {
    delimiter: options.delimiter ?? ",",
    record_delimiter: options.recordDelimiter ?? "\r\n",
    quoted_match: options.quoteEverySeparator ? /[,;\t\r\n]/ : /[\r\n]/,
  });
}
