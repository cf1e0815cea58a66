import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, decodeSpreadsheetText, detectDelimiter, parseCsv, toCsv } from "./csv.ts";

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
        const text = toCsv(header, rows, { delimiter, quoteEverySeparator: true });
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
          const text = toCsv(header, [header], { delimiter, quoteEverySeparator: true });
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
        const decoded = decodeSpreadsheetText(encoded);
        expect(decoded.encoding).toBe("utf-8");
        expect(decoded.text).toBe(text.replace(/^\uFEFF/, ""));
      }),
    );
    expect(decodeSpreadsheetText(Uint8Array.from([0x43, 0x61, 0x66, 0xe9]))).toEqual({
      text: "Café",
      encoding: "windows-1252",
    });
  });

  it("keeps a stray quote inside a cell and names the line of a quote never closed", () => {
    expect(parseCsv('a;b\n1;dit "oui"\n', ";").rows[1]?.cells).toEqual(["1", 'dit "oui"']);
    expect(() => parseCsv('a;b\n1;2\n3;"jamais fermé\n4;5\n', ";")).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a;b\n1;2\n3;"jamais fermé\n4;5\n', ";")).toThrow(/^Ligne \d+ :/);
  });

  it("writes a semicolon file quoting only what needs it, and a comma file quoting every separator", () => {
    const rows = [
      ["x;y", 'dit "oui"'],
      [null, 2.5],
      ["a,b", "c\td"],
    ];
    expect(toCsv(["a", "b"], rows, { delimiter: ";", recordDelimiter: "\n" })).toBe(
      'a;b\n"x;y";"dit ""oui"""\n;2.5\na,b;c\td\n',
    );
    expect(toCsv(["a", "b"], rows, { quoteEverySeparator: true })).toBe(
      'a,b\r\n"x;y","dit ""oui"""\r\n,2.5\r\n"a,b","c\td"\r\n',
    );
  });
});
