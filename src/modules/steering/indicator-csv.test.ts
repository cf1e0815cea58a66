import { describe, expect, it } from "vitest";
import { parseIndicatorCsv } from "./indicator-csv.ts";

const KNOWN = {
  codes: new Set(["C07", "C11"]),
  departementCode: "92",
  communeCodes: new Set(["92050", "92002"]),
};
const HEADER = "indicateur;territoire;code_territoire;date;valeur;objectif;personnes;commentaire";

describe("parseIndicatorCsv", () => {
  it("reads decimal commas, short dates and empty optional cells", () => {
    const parsed = parseIndicatorCsv(
      `${HEADER}\nC07;departement;92;2016;12,4;11;;source INSEE\nc11;commune;92050;2020-03;8.5;;40;\n`,
      KNOWN,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.values).toEqual([
      expect.objectContaining({
        code: "C07",
        period: "2016-01-01",
        value: 12.4,
        target: 11,
        persons: null,
      }),
      expect.objectContaining({
        code: "C11",
        territoryCode: "92050",
        period: "2020-03-01",
        value: 8.5,
        persons: 40,
      }),
    ]);
  });

  it("reports each bad line in French: unknown code, wrong territory, bad date, bad number", () => {
    const parsed = parseIndicatorCsv(
      [
        HEADER,
        "ZZ9;departement;92;2016;1;;;",
        "C07;departement;75;2016;1;;;",
        "C07;commune;75056;2016;1;;;",
        "C07;commune;92050;2016-02-30;1;;;",
        "C07;commune;92050;2016;douze;;;",
        "C07;region;11;2016;1;;;",
        "C07;commune;92050;2016;1;;3,5;",
      ].join("\n"),
      KNOWN,
    );
    expect(parsed.values).toEqual([]);
    expect(parsed.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(parsed.errors[0]?.message).toContain("indicateur inconnu « ZZ9 »");
    expect(parsed.errors[1]?.message).toContain("le département doit être 92");
    expect(parsed.errors[2]?.message).toContain(
      "n'est pas le code INSEE d'une commune du département",
    );
    expect(parsed.errors[3]?.message).toContain("date invalide");
    expect(parsed.errors[4]?.message).toContain("valeur : un nombre est attendu");
    expect(parsed.errors[5]?.message).toContain("territoire doit être");
    expect(parsed.errors[6]?.message).toContain("personnes");
  });

  it("refuses a second value for the same indicator, territory and date", () => {
    const parsed = parseIndicatorCsv(
      `${HEADER}\nC07;departement;92;2016;12;;;\nC07;departement;92;2016-01-01;13;;;`,
      KNOWN,
    );
    expect(parsed.errors).toEqual([
      { line: 3, message: "même indicateur, territoire et date qu'à la ligne 2." },
    ]);
  });

  it("refuses a file whose header lacks a required column", () => {
    const parsed = parseIndicatorCsv("indicateur;date;valeur\nC07;2016;12", KNOWN);
    expect(parsed.errors[0]?.message).toContain("territoire, code_territoire");
  });
});

describe("parseIndicatorCsv, quoting", () => {
  it("reads a quoted comment holding a semicolon, and names the line of a quote never closed", () => {
    const parsed = parseIndicatorCsv(
      `${HEADER}\nC07;departement;92;2016;12;;;"source ; INSEE"\n\n  \n`,
      KNOWN,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.values[0]?.comment).toBe("source ; INSEE");
    const broken = parseIndicatorCsv(
      `${HEADER}\nC07;departement;92;2016;12;;;ok\nC07;departement;92;2017;12;;;"pas fermé\n`,
      KNOWN,
    );
    expect(broken.values).toEqual([]);
    expect(broken.errors).toEqual([{ line: 3, message: "un guillemet ouvert n'est pas refermé." }]);
  });
});
