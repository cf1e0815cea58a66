import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize, parseQuery, toTsQuery } from "./search-query.ts";
import { THESAURUS } from "./thesaurus.ts";

const WORD = /^[a-z0-9]+$/;
// What people type, and what attackers type: any text, and text built from
// the characters that mean something to SQL, to to_tsquery or to HTML.
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc
    .array(
      fc.constantFrom(
        "'",
        '"',
        ";",
        "--",
        "&",
        "|",
        "!",
        "<->",
        ":*",
        "(",
        ")",
        "\\",
        "<script>",
        " ",
        "é",
        "Œ",
        "manger",
        "colis alimentaire",
        "DROP TABLE",
        "\u0000",
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join("")),
);

describe("parseQuery (property)", () => {
  it("never throws, and every word it outputs is only letters and digits", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const query = parseQuery(text, THESAURUS);
        for (const group of query.groups) {
          for (const words of group.alternatives) {
            expect(words.length).toBeGreaterThan(0);
            for (const word of words) expect(word).toMatch(WORD);
          }
        }
        expect(query.normalized).toBe(normalize(query.normalized));
        expect(query.normalized).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        expect(query.groups.length).toBeLessThanOrEqual(8);
      }),
      { numRuns: 500 },
    );
  });

  it("builds a to_tsquery text with nothing but words, parentheses, |, & and <->", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom("&" as const, "|" as const), (text, join) => {
        const tsQuery = toTsQuery(parseQuery(text, THESAURUS).groups, join);
        const stripped = tsQuery.replace(/<->|[a-z0-9()|& ]/g, "");
        expect(stripped).toBe("");
        // Balanced parentheses, none empty.
        expect(tsQuery).not.toContain("()");
        expect((tsQuery.match(/\(/g) ?? []).length).toBe((tsQuery.match(/\)/g) ?? []).length);
      }),
      { numRuns: 500 },
    );
  });

  it("maps everyday words to the thesaurus: « manger » points to food aid", () => {
    const query = parseQuery("Je cherche à MANGER", THESAURUS);
    expect(query.thematiques).toContain("equipement-et-alimentation--alimentation");
    expect(query.groups).toHaveLength(1);
  });
});
