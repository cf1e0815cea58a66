import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// The 2026 changes of the legal parameters, each with a hand-computed amount on both sides.
// Fixed months only: nothing here depends on today's date. Households are tenants paying rent
// without housing benefit (no forfait logement), with no resources unless stated.

const single = (resources = {}, birthDate = "1986-05-10", extra = {}) =>
  makeHousehold({ members: [makeMember({ birthDate, resources, ...extra })] });
const amount = (
  h: ReturnType<typeof single>,
  month: string,
  benefit: "rsa" | "ppa" | "aah" | "aspa" | "af",
) => simulate(h, month).results[benefit].amountCents;

describe("prime d'activité: bonification from 120 to 138 SMIC hours and from 29.101 % to 37.7 % (décret n° 2026-222, art. 1, D843-2 CSS), montant forfaitaire 633.21 → 638.28 € (décret n° 2026-222, art. 2)", () => {
  // A single person earning 1,800 € net, above both 120 h and 138 h of SMIC (138 × 12.31 = 1,698.78 €):
  // the bonification is at its maximum on each side, so the SMIC does not matter. Pente 59.85 %
  // (art. D843-3 CSS since April 2025): 0.5985 × 1,800 = 1,077.30 €.
  const h = single(everyMonth("2025-12", "2026-09", { salaireNet: 180000 }));

  it("pays 94.78 € in April 2026 (quarter January–March 2026, all before the change)", () => {
    // 633.21 + 29.101 % × 633.21 (= 184.27) + 1,077.30 − 1,800 = 94.78 €.
    expect(amount(h, "2026-04", "ppa")).toBe(9478);
  });

  it("pays 115.26 € in May 2026: February and March before, April after", () => {
    // April: 638.28 + 37.7 % × 638.28 (= 240.63) + 1,077.30 − 1,800 = 156.21 €;
    // (94.78 + 94.78 + 156.21) / 3 = 115.256… → 115.26 €.
    expect(amount(h, "2026-05", "ppa")).toBe(11526);
  });

  it("pays 156.21 € in July 2026 (quarter April–June 2026, all after)", () => {
    expect(amount(h, "2026-07", "ppa")).toBe(15621);
  });

  it("gives a partial bonification between 120 and 138 SMIC hours after the change", () => {
    // 1,500 € net in a month of SMIC 12.02 € (décret n° 2025-1228): 59 h = 709.18 €, 120 h = 1,442.40 €,
    // 138 h = 1,658.76 €. Before (March): full bonification 184.27 €, monthly 633.21 + 184.27
    // + 0.5985 × 1,500 (= 897.75) − 1,500 = 215.23 €. After (April): 240.63 × (1,500 − 709.18)
    // / (1,658.76 − 709.18) = 240.63 × 790.82 / 949.58 = 200.399 €, monthly 638.28 + 200.399
    // + 897.75 − 1,500 = 236.429 €. PPA of May: (215.23 + 215.23 + 236.429) / 3 = 222.296 → 222.30 €.
    const partial = single(everyMonth("2026-01", "2026-05", { salaireNet: 150000 }));
    expect(amount(partial, "2026-04", "ppa")).toBe(21523);
    expect(amount(partial, "2026-05", "ppa")).toBe(22230);
  });
});

describe("SMIC 11.88 → 12.02 € on 1 January 2026 (décret n° 2025-1228) and 12.02 → 12.31 € on 1 June 2026 (arrêté du 22 mai 2026), seen through the PPA bonification", () => {
  // 1,000 € net, inside the bonification ramp.
  const h = single(everyMonth("2025-10", "2026-08", { salaireNet: 100000 }));

  it("pays 307.76 € in January 2026 and 306.77 € in February 2026 (January at the new SMIC)", () => {
    // SMIC 11.88: 59 h = 700.92, 120 h = 1,425.60; bonification 184.27 × 299.08 / 724.68 = 76.049 €;
    // monthly 633.21 + 76.049 + 0.5985 × 1,000 − 1,000 = 307.759 € → January PPA 307.76 €.
    // SMIC 12.02: 59 h = 709.18, 120 h = 1,442.40; bonification 184.27 × 290.82 / 733.22 = 73.088 €;
    // monthly 304.798 €. February PPA (307.759 × 2 + 304.798) / 3 = 306.772 → 306.77 €.
    expect(amount(h, "2026-01", "ppa")).toBe(30776);
    expect(amount(h, "2026-02", "ppa")).toBe(30677);
  });

  it("pays 308.49 € in July 2026 and 304.51 € in September 2026 (June onwards at the new SMIC)", () => {
    // After April 2026 (138 h, 37.7 %, 638.28 €). SMIC 12.02: 59 h = 709.18, 138 h = 1,658.76;
    // bonification 240.63 × 290.82 / 949.58 = 73.696 €; monthly 638.28 + 73.696 + 598.50 − 1,000
    // = 310.476 €. SMIC 12.31: 59 h = 726.29, 138 h = 1,698.78; bonification 240.63 × 273.71
    // / 972.49 = 67.726 €; monthly 304.506 €. July (April, May, June):
    // (310.476 × 2 + 304.506) / 3 = 308.486 → 308.49 €; September (June–August): 304.51 €.
    expect(amount(h, "2026-07", "ppa")).toBe(30849);
    expect(amount(h, "2026-09", "ppa")).toBe(30451);
  });
});

describe("April 2026 revaluations and ASPA January 2026", () => {
  it("RSA montant forfaitaire 646.52 € in March 2026, 651.69 € in April 2026 (décrets n° 2025-293 and 2026-220): couple with one child, no resources", () => {
    // 1 + 50 % + 30 % = 180 % (art. R262-1 CASF): 646.52 × 1.8 = 1,163.736 → 1,163.74 €;
    // 651.69 × 1.8 = 1,173.042 → 1,173.04 €. One child: no allocations familiales to deduct.
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1988-01-01", resources: everyMonth("2025-12", "2026-04", {}) }),
        makeMember({ role: "conjoint", birthDate: "1989-01-01" }),
        makeMember({ role: "enfant", birthDate: "2019-06-01" }),
      ],
    });
    expect(amount(h, "2026-03", "rsa")).toBe(116374);
    expect(amount(h, "2026-04", "rsa")).toBe(117304);
  });

  it("AAH 1,033.32 € in March 2026, 1,041.59 € in April 2026 (décrets n° 2025-297 and 2026-229): 80 % incapacity, no resources", () => {
    const h = single(everyMonth("2025-12", "2026-04", {}), "1986-05-10", { disabilityRate: 0.8 });
    expect(amount(h, "2026-03", "aah")).toBe(103332);
    expect(amount(h, "2026-04", "aah")).toBe(104159);
  });

  it("allocations familiales follow the BMAF 474.37 → 478.16 € (instruction DSS/2B/2026/46): 32 % for two children", () => {
    // Two children under 14, household under the first ceiling: 474.37 × 32 % = 151.7984 → 151.80 €;
    // 478.16 × 32 % = 153.0112 → 153.01 € (art. D521-1 CSS).
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1985-01-01", taxableIncome: { "2024": 2000000 } }),
        makeMember({ role: "enfant", birthDate: "2016-09-01" }),
        makeMember({ role: "enfant", birthDate: "2019-09-01" }),
      ],
    });
    expect(amount(h, "2026-03", "af")).toBe(15180);
    expect(amount(h, "2026-04", "af")).toBe(15301);
  });

  it("ASPA 12,411.44 €/year in December 2025, 12,523.14 €/year in January 2026 (circulaires Cnav 2024-39 and 2025-29): single, aged 70, no resources", () => {
    // 12,411.44 / 12 = 1,034.2867 → 1,034.29 €; 12,523.14 / 12 = 1,043.595 → 1,043.60 € (rounded
    // half up to the cent; the Cnav circulaire publishes the yearly amount).
    const h = single(everyMonth("2025-09", "2026-01", {}), "1955-03-01", { activity: "retraite" });
    expect(amount(h, "2025-12", "aspa")).toBe(103429);
    expect(amount(h, "2026-01", "aspa")).toBe(104360);
  });
});
