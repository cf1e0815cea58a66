import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Member } from "./household.ts";
import { makeHousehold, makeMember } from "./testing.ts";

// PAJE allocation de base at the full rate: 41.65 % of the BMAF (art. D531-3 CSS, décret
// 2018-312); BMAF 445.93 € until March 2024, 466.44 € from April 2024, 474.37 € from April 2025,
// 478.16 € from April 2026 (art. L551-1 CSS, instructions DSS/2B/2023/41, DSS/2B/2024/43,
// DSS/2A/2C/2025/32, DSS/2B/2026/46). Full-rate ceiling = the complément familial's (art.
// L531-3 CSS since loi 2017-1836, art. 37; R531-1 and R522-2): base × (1 + 25 % for each of
// the first two children + 30 % from the third) + a majoration for a lone parent or two
// incomes; base 23 296 € / majoration 9 363 € in 2024, 24 414 € / 9 812 € in 2025. Resources:
// year N-2, less 10 %. Paid from the month after the birth to the month before the 3rd birthday.

const kids = (births: readonly string[]): Member[] =>
  births.map((b) => makeMember({ id: `e-${b}`, role: "enfant", birthDate: b }));

const household = (taxable: Record<string, number>, births: readonly string[], couple = true) =>
  makeHousehold({
    members: [
      makeMember({ birthDate: "1990-01-01", activity: "salarie", taxableIncome: taxable }),
      ...(couple
        ? [makeMember({ id: "conjoint", role: "conjoint", birthDate: "1991-01-01" })]
        : []),
      ...kids(births),
    ],
  });

describe("PAJE allocation de base", () => {
  it("follows the BMAF: 185.73 € in March 2024, 194.27 € from April 2024 (0.4165 × 445.93, × 466.44)", () => {
    // 2022 income 20 000 € → 18 000 € ≤ 23 296 × 1.25 = 29 120 € (couple, one income, 1 child).
    const h = household({ "2022": 2000000 }, ["2023-06-10"]);
    expect(simulate(h, "2024-03").results.paje_base.amountCents).toBe(18573);
    expect(simulate(h, "2024-04").results.paje_base.amountCents).toBe(19427);
  });

  it("197.58 € in March 2026 and 199.15 € from April 2026 (0.4165 × 474.37, × 478.16)", () => {
    const h = household({ "2024": 2000000 }, ["2025-06-10"]);
    expect(simulate(h, "2026-03").results.paje_base.amountCents).toBe(19758);
    expect(simulate(h, "2026-04").results.paje_base.amountCents).toBe(19915);
  });

  it("reads the new ceiling in January 2025: 29 700 € is above 29 120 € (2024) but under 30 517.50 € (2025)", () => {
    // 33 000 € in 2022 and 2023 → 29 700 € after 10 %.
    const h = household({ "2022": 3300000, "2023": 3300000 }, ["2024-06-10"]);
    const december = simulate(h, "2024-12").results.paje_base;
    expect(december.eligible).toBe(false);
    expect(december.reason).toContain("taux partiel");
    expect(simulate(h, "2025-01").results.paje_base.amountCents).toBe(19427);
  });

  it("raises the ceiling of a lone parent by 9 812 € in 2025: 31 500 € ≤ 40 329.50 €", () => {
    // 35 000 € → 31 500 € > 30 517.50 € for a couple with one income, ≤ 30 517.50 + 9 812 alone.
    expect(
      simulate(household({ "2023": 3500000 }, ["2024-06-10"]), "2025-05").results.paje_base
        .eligible,
    ).toBe(false);
    expect(
      simulate(household({ "2023": 3500000 }, ["2024-06-10"], false), "2025-05").results.paje_base
        .amountCents,
    ).toBe(19758);
  });

  it("starts the month after the birth and stops the month of the third birthday", () => {
    const born = household({ "2023": 2000000 }, ["2025-01-15"]);
    expect(simulate(born, "2025-01").results.paje_base.eligible).toBe(false);
    expect(simulate(born, "2025-02").results.paje_base.amountCents).toBe(19427);
    const three = household({ "2023": 2000000 }, ["2022-06-10"]);
    expect(simulate(three, "2025-05").results.paje_base.amountCents).toBe(19758);
    expect(simulate(three, "2025-06").results.paje_base.eligible).toBe(false);
  });

  it("replaces the complément familial in the same month (art. L522-1 CSS)", () => {
    // Three children of 3 or more and a baby; 40 000 € → 36 000 € ≤ 24 414 × 2.1 = 51 269.40 €.
    const births = ["2012-05-01", "2014-05-01", "2016-05-01"];
    const withBaby = simulate(household({ "2023": 4000000 }, [...births, "2024-09-01"]), "2025-04");
    expect(withBaby.results.paje_base.amountCents).toBe(19758);
    expect(withBaby.results.cf.eligible).toBe(false);
    expect(withBaby.results.cf.reason).toContain("PAJE");
    // Without the baby, the CF is paid: 0.4165 × 474.37 = 197.58 €.
    const without = simulate(household({ "2023": 4000000 }, births), "2025-04");
    expect(without.results.cf.amountCents).toBe(19758);
  });
});
