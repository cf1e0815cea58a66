import { describe, expect, it } from "vitest";
import { parseMonth } from "../period.ts";
import { ALL_PARAMETERS, FIRST_MONTH, parametersFor } from "./resolve.ts";

describe("legal parameters", () => {
  it("give every value a start date, a unit and a legal reference", () => {
    expect(ALL_PARAMETERS.length).toBeGreaterThan(60);
    for (const p of ALL_PARAMETERS) {
      expect(p.unit).toBeTruthy();
      expect(p.values.length).toBeGreaterThan(0);
      for (const v of p.values) {
        expect(v.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(v.ref.text.length).toBeGreaterThan(5);
      }
    }
  });

  it("resolve every month from October 2023 (first PPA quarter of January 2024) to December 2026", () => {
    const from = (parseMonth(FIRST_MONTH) as number) - 3;
    const to = parseMonth("2026-12") as number;
    for (let m = from; m <= to; m++) expect(() => parametersFor(m)).not.toThrow();
  });

  it("change the RSA montant forfaitaire on 1 April of 2024, 2025 and 2026 (décrets 2024-396, 2025-293, 2026-220)", () => {
    const rsa = (month: string) => parametersFor(parseMonth(month) as number).rsaBase;
    expect([rsa("2024-03"), rsa("2024-04"), rsa("2025-04"), rsa("2026-04")]).toEqual([
      60775, 63571, 64652, 65169,
    ]);
  });
});
