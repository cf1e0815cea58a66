import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Member } from "./household.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Complément familial: 41.65 % of the BMAF (art. D522-1 CSS), 62.48 % when the resources are at
// most half the ceiling (art. L522-3 and D522-2 CSS); BMAF 466.44 € from April 2024, 474.37 € from
// April 2025, 478.16 € from April 2026 (art. L551-1 CSS, instructions DSS/2B/2024/43,
// DSS/2A/2C/2025/32, DSS/2B/2026/46). Ceiling (art. R522-2 CSS): base × (1 + 25 % for each of
// the first two children + 30 % from the third), + a flat majoration for a lone parent or a
// couple with two incomes; base 24 414 € and majoration 9 812 € in 2025 (instruction
// DSS/2B/2024/181), 24 853 € and 9 989 € in 2026 (instruction DSS/2B/2025/177). Resources: the
// year N-2, less 10 %.

const THREE = ["2012-05-01", "2014-05-01", "2016-05-01"];
const kids = (births: readonly string[]): Member[] =>
  births.map((b) => makeMember({ id: `e-${b}`, role: "enfant", birthDate: b }));

const couple = (taxable: Record<string, number>, births = THREE, conjoint: Partial<Member> = {}) =>
  makeHousehold({
    members: [
      makeMember({ birthDate: "1982-01-01", activity: "salarie", taxableIncome: taxable }),
      makeMember({ id: "conjoint", role: "conjoint", birthDate: "1983-01-01", ...conjoint }),
      ...kids(births),
    ],
  });

describe("complément familial", () => {
  it("pays the base CF, 194.27 € in March 2025 and 197.58 € in April 2025 (0.4165 × 466.44 and 0.4165 × 474.37)", () => {
    // 2023 income 40 000 € → 36 000 € after 10 %; couple with one income, 3 children:
    // ceiling 24 414 × 1.8 = 43 945.20 €, half 21 972.60 €: base CF.
    const h = couple({ "2023": 4000000 });
    expect(simulate(h, "2025-03").results.cf.amountCents).toBe(19427);
    const april = simulate(h, "2025-04").results.cf;
    expect(april.amountCents).toBe(19758);
    expect(april.detail?.majore).toBe(false);
  });

  it("pays the CF majoré under half the ceiling: 296.39 € in March 2026, 298.75 € from April 2026", () => {
    // 20 000 € → 18 000 € ≤ 24 853 × 1.8 / 2 = 22 367.70 € (2026 ceilings):
    // 0.6248 × 474.37 = 296.386 € then 0.6248 × 478.16 = 298.754 €.
    const h = couple({ "2024": 2000000 });
    const march = simulate(h, "2026-03").results.cf;
    expect(march.amountCents).toBe(29639);
    expect(march.detail?.majore).toBe(true);
    expect(simulate(h, "2026-04").results.cf.amountCents).toBe(29875);
  });

  it("pays a differential CF just above the ceiling: (43 945.20 + 12 × 197.575 − 45 000) / 12 = 109.68 €", () => {
    // 50 000 € → 45 000 €, above the one-income ceiling 43 945.20 € by less than 12 × 197.575 €.
    const r = simulate(couple({ "2023": 5000000 }), "2025-06").results.cf;
    expect(r.amountCents).toBe(10968);
    expect(r.detail?.differentiel).toBe(true);
  });

  it("raises the ceiling for a lone parent: 45 000 € ≤ 43 945.20 + 9 812 = 53 757.20 €, base CF", () => {
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1982-01-01", taxableIncome: { "2023": 5000000 } }),
        ...kids(THREE),
      ],
    });
    expect(simulate(h, "2025-06").results.cf.amountCents).toBe(19758);
  });

  it("raises the ceiling for two incomes each at least 13.6 % of the 2023 PASS (43 992 × 0.136 = 5 982.91 €)", () => {
    // 2023: 4 000 € a month and 500 € a month (6 000 € ≥ 5 982.91 €): (48 000 + 6 000) × 0.9 =
    // 48 600 € ≤ 53 757.20 €: base CF. At 450 € a month (5 400 €) the couple has one income:
    // (48 000 + 5 400) × 0.9 = 48 060 € > 43 945.20 + 12 × 197.575 = 46 316.10 €: no CF.
    const withSalaries = (second: number) =>
      makeHousehold({
        members: [
          makeMember({
            birthDate: "1982-01-01",
            activity: "salarie",
            resources: everyMonth("2023-01", "2025-12", { salaireNet: 400000 }),
          }),
          makeMember({
            id: "conjoint",
            role: "conjoint",
            birthDate: "1983-01-01",
            activity: "salarie",
            resources: everyMonth("2023-01", "2025-12", { salaireNet: second }),
          }),
          ...kids(THREE),
        ],
      });
    expect(simulate(withSalaries(50000), "2025-06").results.cf.amountCents).toBe(19758);
    const one = simulate(withSalaries(45000), "2025-06").results.cf;
    expect(one.eligible).toBe(false);
    expect(one.reason).toContain("plafond");
  });

  it("needs three children aged 3 or more: a child of 2 does not open the right", () => {
    const r = simulate(
      couple({ "2023": 2000000 }, ["2012-05-01", "2014-05-01", "2023-01-01"]),
      "2025-06",
    ).results.cf;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("trois enfants");
  });

  it("counts a child of 20 (until 21, art. R522-1 CSS)", () => {
    // Child born 2005-01-01 is 20 in June 2025; 36 000 € ≤ 43 945.20 €: base CF 197.58 €.
    const h = couple({ "2023": 4000000 }, ["2005-01-01", "2014-05-01", "2016-05-01"]);
    expect(simulate(h, "2025-06").results.cf.amountCents).toBe(19758);
  });
});

describe("CF in the RSA resources (art. R262-10-1 CASF: the CF majoré counts at the base rate)", () => {
  it("counts 197.575 € of a CF majoré of 296.39 €: RSA 1 616.30 − 346.29 − 197.575 = 1 072.43 €", () => {
    // Couple without income, three children of 9 to 13, tenant without housing benefit, June 2025.
    // RSA montant forfaitaire 646.52 × 2.5 = 1 616.30 (décret n° 2025-293; R262-1 CASF: 5 persons);
    // AF base (32 % + 41 %) × 474.37 = 346.29 (D521-1 CSS); CF counted 0.4165 × 474.37 = 197.575.
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1982-01-01", activity: "inactif", taxableIncome: { "2023": 0 } }),
        makeMember({
          id: "conjoint",
          role: "conjoint",
          birthDate: "1983-01-01",
          activity: "inactif",
          taxableIncome: { "2023": 0 },
        }),
        ...kids(THREE),
      ],
    });
    const r = simulate(h, "2025-06").results;
    expect(r.cf.amountCents).toBe(29639);
    expect(r.rsa.amountCents).toBe(107243);
  });
});
