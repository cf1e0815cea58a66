import { toCsv } from "../../platform/csv/csv.ts";

/**
 * CSV for the open data downloads: semicolon-separated (what a French
 * spreadsheet opens directly), UTF-8, a dot for decimals, one header line.
 */
export function toOpenDataCsv(header: string[], rows: (string | number | null)[][]): string {
  return toCsv(header, rows, { delimiter: ";", recordDelimiter: "\n" });
}
