import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, ageOn, anniversary, normaliseName, searchName } from "./person-name.ts";

describe("normaliseName", () => {
  it("drops accents, case and punctuation", () => {
    expect(normaliseName("  Éloïse  D'ARCY-Martin ")).toBe("eloise d arcy martin");
    expect(normaliseName("Lætitia Cœur")).toBe("laetitia coeur");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(normaliseName(normaliseName(value))).toBe(normaliseName(value));
      }),
    );
  });

  it("builds the search name as last name then first name", () => {
    expect(searchName("Dupont", "Émile")).toBe("dupont emile");
  });
});

describe("dates", () => {
  it("counts age in whole years, the day before and on the birthday", () => {
    expect(ageOn("2008-06-15", "2026-06-14")).toBe(17);
    expect(ageOn("2008-06-15", "2026-06-15")).toBe(18);
  });

  it("computes the 18th birthday and month shifts with clamping", () => {
    expect(anniversary("2008-06-15", 18)).toBe("2026-06-15");
    expect(anniversary("2008-02-29", 18)).toBe("2026-03-01");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2026-05-10", -3)).toBe("2026-02-10");
  });
});
