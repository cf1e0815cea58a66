import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Member } from "./household.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Sourced cases for the complémentaire santé solidaire participation, the ARS by age band
// around its ceiling, and the RSA neutralisation of an unemployment benefit that stops.
// Households are tenants paying rent without housing benefit: no forfait logement.

describe("complémentaire santé solidaire: participation by age on 1 January (arrêté du 21 octobre 2019; service-public F10027: 8 € up to 29, 14 € from 30 to 49, 21 € from 50 to 59, 25 € from 60 to 69, 30 € from 70)", () => {
  // Ceilings from 1 April 2025 (arrêté du 28 mars 2025): 1 person 10,339 € / 13,957 €,
  // 2 persons 15,508 € / 20,936 €, 4 persons 21,711 € / 29,311 €.

  it("asks 21 € of a single person aged 54 with 12,000 € of unemployment benefit a year (between 10,339 and 13,957 €)", () => {
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1970-06-01",
          resources: everyMonth("2024-05", "2025-06", { chomageNet: 100000 }),
        }),
      ],
    });
    const css = simulate(h, "2025-06").results.css;
    expect([css.eligible, css.amountCents, css.detail?.participation]).toEqual([true, 2100, true]);
  });

  it("asks 55 € of a couple aged 62 and 72 with 18,000 € of pensions (25 € + 30 €)", () => {
    const pension = (birthDate: string, cents: number, role: Member["role"]) =>
      makeMember({
        birthDate,
        role,
        resources: everyMonth("2024-05", "2025-06", { retraiteNette: cents }),
      });
    const h = makeHousehold({
      members: [
        pension("1962-10-01", 90000, "demandeur"),
        pension("1952-10-01", 60000, "conjoint"),
      ],
    });
    // Ages on 1 January 2025: 62 and 72. Resources 12 × 1,500 = 18,000 € (the ASPA is left out, R861-10 CSS).
    const css = simulate(h, "2025-06").results.css;
    expect([css.eligible, css.amountCents]).toEqual([true, 5500]);
  });

  it("asks 38 € of a couple aged 28 and 35 with two children (8 + 14 + 8 + 8 €)", () => {
    // 24,000 € of unemployment benefit + allocations familiales 12 × 151.80 € (32 % of the BMAF
    // 474.37 €, D521-1 CSS) = 25,821.60 €, between 21,711 and 29,311 € for 4 persons.
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1996-03-01",
          resources: everyMonth("2024-05", "2025-06", { chomageNet: 200000 }),
        }),
        makeMember({ role: "conjoint", birthDate: "1989-03-01" }),
        makeMember({ role: "enfant", birthDate: "2017-03-01" }),
        makeMember({ role: "enfant", birthDate: "2020-03-01" }),
      ],
    });
    const r = simulate(h, "2025-06").results;
    expect(r.af.amountCents).toBe(15180);
    expect([r.css.eligible, r.css.amountCents]).toEqual([true, 3800]);
  });
});

describe("allocation de rentrée scolaire 2025 by age band, at the ceiling and just above (D543-1, R543-5 CSS; service-public F1878)", () => {
  // BMAF from 1 April 2025: 474.37 €. Gross amounts: 89.72 % → 425.60 €, 94.67 % → 449.09 €,
  // 97.95 % → 464.65 €. Paid after CRDS (F1878): 423.48 €, 446.85 €, 462.33 €.
  // Ceiling for one child: 21,880 € × 1.3 = 28,444 € (instruction DSS/2B/2024/181 du 20 décembre 2024; F1878).
  // Resources of 2023: the engine takes 90 % of the declared yearly income (10 % deduction),
  // so 31,604.44 € declared → 28,444.00 € and 31,715.56 € declared → 28,544.00 €.
  const withChild = (birthDate: string, declared: number) =>
    makeHousehold({
      members: [
        makeMember({ birthDate: "1985-01-01", taxableIncome: { "2023": declared } }),
        makeMember({ role: "enfant", birthDate }),
      ],
    });
  const bands = [
    { band: "6 to 10", birthDate: "2017-05-01", gross: 42560, paid: 42348 },
    { band: "11 to 14", birthDate: "2013-05-01", gross: 44909, paid: 44685 },
    { band: "15 to 18", birthDate: "2009-05-01", gross: 46465, paid: 46233 },
  ];

  for (const { band, birthDate, gross, paid } of bands) {
    it(`pays the full ARS for a child aged ${band} at the ceiling, and 100 € less just above it`, () => {
      const atCeiling = simulate(withChild(birthDate, 3160444), "2025-08").results.ars;
      expect([atCeiling.amountCents, atCeiling.detail?.paid]).toEqual([gross, paid]);
      // 100 € above: differential ARS = ceiling + gross − resources = gross − 100 € (R543-5 CSS),
      // paid after the CRDS truncated to the cent.
      const above = simulate(withChild(birthDate, 3171556), "2025-08").results.ars;
      const differential = gross - 10000;
      expect(above.amountCents).toBe(differential);
      expect(above.detail?.paid).toBe(differential - Math.floor(differential * 0.005));
      expect(above.steps.some((s) => s.text.includes("ARS différentielle"))).toBe(true);
    });
  }

  it("pays no ARS when the differential would be under 15 € (14.09 €)", () => {
    // 28,879.00 € of resources (3,208,778 cents declared × 90 %): 28,444 + 449.09 − 28,879 = 14.09 € < 15 € (D543-2 CSS).
    const r = simulate(withChild("2013-05-01", 3208778), "2025-08").results.ars;
    expect(r.eligible).toBe(false);
  });
});

describe("RSA: an unemployment benefit that stops is neutralised (art. R262-13 CASF)", () => {
  // Single person aged 40, 800 € of unemployment benefit in March–May 2025.
  // RSA montant forfaitaire from April 2025: 646.52 € (décret n° 2025-293).
  const person = (june: object) =>
    makeHousehold({
      members: [
        makeMember({
          birthDate: "1985-01-01",
          resources: {
            ...everyMonth("2025-03", "2025-05", { chomageNet: 80000 }),
            "2025-06": june,
          },
        }),
      ],
    });

  it("pays the full 646.52 € in June 2025 when the benefit stops in June without another income", () => {
    const rsa = simulate(person({}), "2025-06").results.rsa;
    expect(rsa.amountCents).toBe(64652);
    expect(rsa.steps.some((s) => s.text.includes("Allocation chômage arrêtée"))).toBe(true);
  });

  it("pays nothing while the benefit goes on (800 € > 646.52 €)", () => {
    expect(simulate(person({ chomageNet: 80000 }), "2025-06").results.rsa.amountCents).toBe(0);
  });

  it("does not neutralise it when a pension replaces it in June: 646.52 − 800 < 0", () => {
    expect(simulate(person({ retraiteNette: 20000 }), "2025-06").results.rsa.amountCents).toBe(0);
  });
});
