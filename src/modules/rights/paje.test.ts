import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Member } from "./household.ts";
import { makeHousehold, makeMember } from "./test-fixtures.ts";

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

  it("pays the partial rate between the two ceilings: 29 700 € in December 2024 is above 29 120 € but under 34 791.25 €", () => {
    // 33 000 € in 2022 and 2023 → 29 700 € after 10 %. Partial-rate ceiling 2024: 27 833 × 1.25
    // (arrêté du 22 décembre 2023); 20.825 % × 466.44 = 97.14 € (art. D531-3 CSS).
    const h = household({ "2022": 3300000, "2023": 3300000 }, ["2024-06-10"]);
    const december = simulate(h, "2024-12").results.paje_base;
    expect([december.amountCents, december.detail?.taux]).toEqual([9714, "partiel"]);
    // January 2025: the full-rate ceiling is now 24 414 × 1.25 = 30 517.50 € ≥ 29 700 €.
    const january = simulate(h, "2025-01").results.paje_base;
    expect([january.amountCents, january.detail?.taux]).toEqual([19427, "plein"]);
  });

  it("raises the ceiling of a lone parent by 9 812 € in 2025: 31 500 € ≤ 40 329.50 €; a couple gets the partial rate", () => {
    // 35 000 € → 31 500 € > 30 517.50 € (full rate, couple with one income), ≤ 29 169 × 1.25 =
    // 36 461.25 € (partial rate, arrêté du 20 décembre 2024): 20.825 % × 474.37 = 98.79 €.
    expect(
      simulate(household({ "2023": 3500000 }, ["2024-06-10"]), "2025-05").results.paje_base
        .amountCents,
    ).toBe(9879);
    expect(
      simulate(household({ "2023": 3500000 }, ["2024-06-10"], false), "2025-05").results.paje_base
        .amountCents,
    ).toBe(19758);
  });

  it("is refused above the allocation's own ceiling: 37 800 € > 36 461.25 € (couple, one child, 2025)", () => {
    const above = simulate(household({ "2023": 4200000 }, ["2024-06-10"]), "2025-05").results
      .paje_base;
    expect(above.eligible).toBe(false);
    expect(above.reason).toContain("plafond de l'allocation de base");
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

// Prime à la naissance: 229.75 % of the BMAF per child expected (art. L531-2, D531-2 CSS),
// paid in the 7th month of pregnancy — the month two months before the birth, as in
// OpenFisca-France — under the allocation de base's ceiling (its partial rate's, R531-1),
// the unborn child counting; the CAF pays it net of the 0.5 % CRDS.
describe("PAJE prime à la naissance", () => {
  const expecting = (taxable: Record<string, number>, births: readonly string[], couple = true) =>
    household(taxable, births, couple);

  it("1 089.87 € gross, 1 084.43 € paid in May 2025 for a birth in July (2.2975 × 474.37; CRDS 5.44 €)", () => {
    const h = expecting({ "2023": 3000000 }, ["2025-07-15"]);
    const may = simulate(h, "2025-05").results.paje_naissance;
    expect([may.eligible, may.amountCents, may.detail?.paid, may.periodicity]).toEqual([
      true,
      108987,
      108443,
      "ponctuelle",
    ]);
    // Only in that month: not in April (M+3) nor in June (M+1).
    expect(simulate(h, "2025-04").results.paje_naissance.eligible).toBe(false);
    expect(simulate(h, "2025-06").results.paje_naissance.eligible).toBe(false);
  });

  it("follows the BMAF on both sides of 1 April: 1 071.65 € in March 2025 (× 466.44), 1 098.57 € in April 2026 (× 478.16)", () => {
    const march2025 = simulate(expecting({ "2023": 3000000 }, ["2025-05-20"]), "2025-03");
    expect(march2025.results.paje_naissance.amountCents).toBe(107165);
    const march2026 = simulate(expecting({ "2024": 3000000 }, ["2026-05-20"]), "2026-03");
    expect(march2026.results.paje_naissance.amountCents).toBe(108987);
    const april2026 = simulate(expecting({ "2024": 3000000 }, ["2026-06-20"]), "2026-04");
    expect(april2026.results.paje_naissance.amountCents).toBe(109857);
  });

  it("counts the unborn child in the ceiling: 43 753.50 € is due, 43 754.40 € is not (29 169 × 1.5, couple, 2025)", () => {
    // One child already (born 2020) + the one expected = 2 dependants: 29 169 × (1 + 2 × 25 %).
    const at = simulate(expecting({ "2023": 4861500 }, ["2020-02-01", "2025-09-01"]), "2025-07");
    expect(at.results.paje_naissance.amountCents).toBe(108987);
    const over = simulate(expecting({ "2023": 4861600 }, ["2020-02-01", "2025-09-01"]), "2025-07");
    expect(over.results.paje_naissance.eligible).toBe(false);
    expect(over.results.paje_naissance.reason).toContain("plafond de la prime");
  });

  it("raises a lone parent's ceiling by 11 725 € in 2025: 48 186.25 € for a first child", () => {
    // 53 540 € → 48 186 € ≤ 36 461.25 + 11 725; 53 541 € → 48 186.90 € > it.
    expect(
      simulate(expecting({ "2023": 5354000 }, ["2025-09-01"], false), "2025-07").results
        .paje_naissance.eligible,
    ).toBe(true);
    expect(
      simulate(expecting({ "2023": 5354100 }, ["2025-09-01"], false), "2025-07").results
        .paje_naissance.eligible,
    ).toBe(false);
  });

  it("pays one prime per child for twins, and estimates it for a pregnancy of unknown term", () => {
    const twins = expecting({ "2023": 3000000 }, ["2025-09-01", "2025-09-01"]);
    expect(simulate(twins, "2025-07").results.paje_naissance.amountCents).toBe(2 * 108987);
    const pregnant = makeHousehold({
      members: [
        makeMember({ birthDate: "1995-01-01", pregnant: true, taxableIncome: { "2024": 1500000 } }),
      ],
    });
    const result = simulate(pregnant, "2026-02").results.paje_naissance;
    expect([result.amountCents, result.detail?.grossesse]).toEqual([108987, true]);
  });

  it("is not a resource of the RSA; the allocation de base is (art. R262-6 and R262-11 CASF)", () => {
    // A couple without income and a baby born 15 January 2025, June 2025: RSA forfaitaire for
    // 3 persons 646.52 × 1.8 = 1 163.736 €, minus the allocation de base 197.58 € = 966.16 €.
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1990-01-01", activity: "chomeur", taxableIncome: { "2023": 0 } }),
        makeMember({
          id: "conjoint",
          role: "conjoint",
          birthDate: "1991-01-01",
          activity: "chomeur",
        }),
        makeMember({ id: "bebe", role: "enfant", birthDate: "2025-01-15" }),
      ],
    });
    const june = simulate(h, "2025-06").results;
    expect(june.paje_base.amountCents).toBe(19758);
    expect(june.rsa.amountCents).toBe(96616);
    expect(
      june.rsa.steps.some((step) =>
        step.text.startsWith(
          "Allocation de base de la PAJE du mois (la prime à la naissance n'est pas comptée) : 197,58",
        ),
      ),
    ).toBe(true);
    // Expecting a second child in August 2025: the prime is due in June, the RSA is the same.
    const expectingToo = makeHousehold({
      ...h,
      members: [
        ...h.members,
        makeMember({ id: "attendu", role: "enfant", birthDate: "2025-08-20" }),
      ],
    });
    const withPrime = simulate(expectingToo, "2025-06").results;
    expect(withPrime.paje_naissance.amountCents).toBe(108987);
    expect(withPrime.rsa.amountCents).toBe(june.rsa.amountCents);
  });
});
