import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { makeHousehold, makeMember } from "./test-fixtures.ts";

// Allocations familiales just above an income ceiling: the complément dégressif (L521-1 al. 4 and
// D521-3 CSS): (ceiling + 12 × AF at the new rate − resources) / 12 a month, when positive.
// Resources: taxable income of year N-2 after the 10 % deduction. Ceilings for two children:
// 2025 (income 2023) 78 565 € / 104 719 €; 2026 (income 2024) 79 980 € / 106 604 € (D521-3).
// BMAF: 474.37 € from 1 April 2025, 478.16 € from 1 April 2026. Base for two children: 32 % BMAF.

const family = (taxable: Record<string, number>) =>
  makeHousehold({
    members: [
      makeMember({ id: "demandeur", birthDate: "1985-01-01", taxableIncome: taxable }),
      makeMember({ id: "e1", role: "enfant", birthDate: "2015-01-01" }),
      makeMember({ id: "e2", role: "enfant", birthDate: "2017-01-01" }),
    ],
  });

describe("AF complément dégressif", () => {
  it("adds 60.48 € just above the first ceiling in June 2025 (total 136.38 €)", () => {
    // 87 500 € × 0.9 = 78 750 €, 185 € above 78 565 €: AF at 50 % = 0.32 × 474.37 / 2 = 75.8992 €;
    // complément = 75.8992 − 185 / 12 = 60.4825 €; AF paid = 136.3817 → 136.38 €.
    const r = simulate(family({ "2023": 8750000 }), "2025-06").results.af;
    expect(r.amountCents).toBe(13638);
    expect(r.steps.some((s) => s.text.startsWith("Complément dégressif"))).toBe(true);
  });

  it("uses the 2026 ceiling before the April revaluation: 141.80 € in February 2026", () => {
    // 2024 income 89 000 € × 0.9 = 80 100 €, 120 € above 79 980 €: 75.8992 + (75.8992 − 10) = 141.7984.
    expect(simulate(family({ "2024": 8900000 }), "2026-02").results.af.amountCents).toBe(14180);
  });

  it("uses the BMAF of April 2026 after it: 143.01 € in April 2026", () => {
    // 0.32 × 478.16 / 2 = 76.5056 €; 76.5056 + (76.5056 − 10) = 143.0112 → 143.01 €.
    expect(simulate(family({ "2024": 8900000 }), "2026-04").results.af.amountCents).toBe(14301);
  });

  it("adds a complément above the second ceiling too (64.98 € in June 2025)", () => {
    // 116 500 € × 0.9 = 104 850 €, 131 € above 104 719 €: AF at 25 % = 37.9496 €;
    // 37.9496 + (37.9496 − 131 / 12) = 64.9825 → 64.98 €.
    expect(simulate(family({ "2023": 11650000 }), "2025-06").results.af.amountCents).toBe(6498);
  });

  it("adds nothing when the excess exceeds twelve months of AF (75.90 €)", () => {
    // 95 000 € × 0.9 = 85 500 €, 6 935 € above: 6 935 / 12 = 577.92 € > 75.90 €.
    const r = simulate(family({ "2023": 9500000 }), "2025-06").results.af;
    expect(r.amountCents).toBe(7590);
    expect(r.steps.some((s) => s.text.startsWith("Complément dégressif"))).toBe(false);
  });

  it("counts only the modulated base in the RSA resources, not the complément (as OpenFisca-France: min(af_base, af))", () => {
    // Same family, no income in the quarter: the RSA counts 75.90 € of AF (0.32 × 474.37 / 2), not 136.38 €.
    const r = simulate(family({ "2023": 8750000 }), "2025-06").results.rsa;
    const step = r.steps.find((s) => s.text.startsWith("Allocations familiales, part de base"));
    expect(step?.amountCents).toBe(7590);
  });
});
