import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText, detectDelimiter, parseCsv, toCsv } from "./csv.ts";

const cell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("", '"', '""', ",", ";", "\t", "\n", "\r\n", "a\rb", "Café ; « x »", " espace "),
);
// parseCsv drops rows whose cells are all empty (blank lines): keep one non-empty cell.
const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.tuple(
    fc.array(fc.stringMatching(/^[a-z_]{1,12}$/), { minLength: width, maxLength: width }),
    fc.array(
      fc
        .array(cell, { minLength: width, maxLength: width })
        .filter((row) => row.some((value) => value !== "")),
      { maxLength: 8 },
    ),
  ),
);

describe("CSV reader and writer (property)", () => {
  it("reads back exactly what it wrote, for each delimiter", () => {
    fc.assert(
      fc.property(table, fc.constantFrom(",", ";", "\t"), ([header, rows], delimiter) => {
        const text = toCsv(header, rows, delimiter);
        const parsed = parseCsv(text, delimiter);
        expect(parsed.rows.map((row) => row.cells)).toEqual([header, ...rows]);
      }),
      { numRuns: 300 },
    );
  });

  it("guesses the delimiter from a header of two columns or more", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z_]{1,12}$/), { minLength: 2, maxLength: 8 }),
        fc.constantFrom(",", ";", "\t"),
        (header, delimiter) => {
          const text = toCsv(header, [header], delimiter);
          expect(detectDelimiter(text.split(/\r?\n/, 1)[0] ?? "")).toBe(delimiter);
          expect(parseCsv(text).rows[1]?.cells).toEqual(header);
        },
      ),
    );
  });

  it("gives each row the line number where it starts, counting lines inside quotes", () => {
    const { rows } = parseCsv('id,nom\n1,"deux\nlignes"\n\n2,fin\n');
    expect(rows.map((row) => row.line)).toEqual([1, 2, 5]);
  });

  it("decodes UTF-8 (with or without BOM) and falls back to Windows-1252", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (text) => {
        const encoded = new TextEncoder().encode(`\uFEFF${text}`);
        const decoded = decodeText(encoded);
        expect(decoded.encoding).toBe("utf-8");
        expect(decoded.text).toBe(text.replace(/^\uFEFF/, ""));
      }),
    );
    expect(decodeText(Uint8Array.from([0x43, 0x61, 0x66, 0xe9]))).toEqual({
      text: "Café",
      encoding: "windows-1252",
    });
  });
});
