/**
 * CSV for the open data downloads: semicolon-separated (what a French
 * spreadsheet opens directly), UTF-8, a dot for decimals, quotes doubled,
 * one header line. Pure.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    if (value === null) return "";
    const text = String(value);
    return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((row) => row.map(cell).join(";")).join("\n")}\n`;
}
