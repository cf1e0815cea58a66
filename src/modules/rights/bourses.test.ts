import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Member, Schooling } from "./household.ts";
import { plainSentence } from "./plain-language.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Bourses nationales de collège (art. D531-4 and D531-7 code de l'éducation, arrêté du 22 mars
// 2016 NOR MENE1606428A, décret n° 2017-792) and de lycée (art. D531-21 and D531-29, arrêté du
// 22 mars 2016 NOR MENE1606432A), computed as OpenFisca-France (model/prestations/education.py):
// ceilings = coefficient × SMIC horaire brut of 1 July N-2, rounded to the euro (11.52 € on
// 1 July 2023, arrêté du 26 avril 2023; 11.65 € on 1 July 2024, décret du 20 décembre 2023);
// amount per pupil = rate × BMAF of 1 January N, rounded to a multiple of 3 € (BMAF 466.44 € on
// 1 January 2025, 474.37 € on 1 January 2026: instructions DSS/2B/2024/43 and DSS/2A/2C/2025/32).

const child = (id: string, birthDate: string, schooling?: Schooling): Member =>
  makeMember({ id, role: "enfant", birthDate, ...(schooling ? { schooling } : {}) });

const family = (children: readonly Member[], rfr?: Record<string, number>) =>
  makeHousehold({
    members: [makeMember({ birthDate: "1985-01-01" }), ...children],
    ...(rfr ? { rfr } : {}),
  });

describe("bourse de collège", () => {
  const twoChildren = (rfr2023: number) =>
    family([child("a", "2013-03-01", "college"), child("b", "2018-03-01", "autre")], {
      "2023": rfr2023,
    });

  it("pays échelon 2, 330 € for the school year, with a RFR of 10 000 € and two children (October 2025)", () => {
    // Two children: échelon 2 ceiling 1 035.4 × 11.52 = 11 927.81 → 11 928 €; échelon 3
    // 365.3 × 11.52 = 4 208 €. 0.7091 × 466.44 = 330.75 → 110.25 × 3 → 110 × 3 = 330 €.
    const r = simulate(twoChildren(1_000_000), "2025-10").results.bourse_college;
    expect(r.eligible).toBe(true);
    expect(r.amountCents).toBe(33000);
    expect(r.periodicity).toBe("annuelle");
    expect(r.detail?.echelon).toBe(2);
    expect(r.detail?.schoolYear).toBe("2025-2026");
  });

  it("keeps échelon 2 at a RFR equal to its ceiling (11 928 €) and falls to échelon 1, 120 €, one euro above", () => {
    // 0.256 × 466.44 = 119.41 → 39.80 × 3 → 40 × 3 = 120 €.
    expect(simulate(twoChildren(1_192_800), "2025-10").results.bourse_college.detail?.echelon).toBe(
      2,
    );
    const above = simulate(twoChildren(1_192_900), "2025-10").results.bourse_college;
    expect(above.detail?.echelon).toBe(1);
    expect(above.amountCents).toBe(12000);
  });

  it("refuses above the échelon 1 ceiling (1 915.3 × 11.52 = 22 064 € for two children), saying the limit", () => {
    const r = simulate(twoChildren(2_206_500), "2025-10").results.bourse_college;
    expect(r.eligible).toBe(false);
    expect(r.reason).toMatch(/limite de 22\s064,00\s€/u);
  });

  it("says no child is in collège when the questionnaire did not say so", () => {
    const r = simulate(family([child("a", "2013-03-01")], { "2023": 0 }), "2025-10").results;
    expect(r.bourse_college.eligible).toBe(false);
    expect(r.bourse_college.reason).toBe("Aucun enfant au collège d'après vos réponses.");
  });

  it("estimates the RFR from the declared resources when it is not given, and says it is an estimate", () => {
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1985-01-01",
          resources: everyMonth("2023-01", "2025-12", { salaireNet: 50000 }),
        }),
        child("a", "2013-03-01", "college"),
      ],
    });
    const r = simulate(h, "2025-10").results.bourse_college;
    expect(r.detail?.rfrEstimated).toBe(true);
    // 12 × 500 € × 90 % = 5 400 €: one child, échelon 2 (841.2 × 11.52 = 9 691 €), 330 €.
    expect(r.detail?.echelon).toBe(2);
    expect(r.steps.some((s) => s.text.includes("estimé"))).toBe(true);
  });
});

describe("bourse de lycée", () => {
  const fourChildren = (rfr2024: number) =>
    family(
      [
        child("a", "2010-03-01", "lycee"),
        child("b", "2013-03-01", "college"),
        child("c", "2016-03-01"),
        child("d", "2019-03-01"),
      ],
      { "2024": rfr2024 },
    );

  it("pays échelon 6, 1 071 €, with four children and a RFR of 5 000 € (September 2026)", () => {
    // Four children: échelon 6 ceiling 481.7 × 11.65 = 5 611.81 → 5 612 €.
    // 2.2584 × 474.37 = 1 071.32 → 357.11 × 3 → 357 × 3 = 1 071 €.
    const r = simulate(fourChildren(500_000), "2026-09").results;
    expect(r.bourse_lycee.amountCents).toBe(107100);
    expect(r.bourse_lycee.detail?.echelon).toBe(6);
    // The same family's collège pupil: échelon 3 (502.3 × 11.65 = 5 852 €), 1.1075 × 474.37 =
    // 525.37 → 175.12 × 3 → 525 €.
    expect(r.bourse_college.amountCents).toBe(52500);
  });

  it("falls to échelon 5, 957 €, one euro above the échelon 6 ceiling", () => {
    // 2.0147 × 474.37 = 955.71 → 318.57 × 3 → 319 × 3 = 957 €.
    const r = simulate(fourChildren(561_300), "2026-09").results.bourse_lycee;
    expect(r.detail?.echelon).toBe(5);
    expect(r.amountCents).toBe(95700);
  });

  it("counts each pupil: two lycéens at échelon 6 receive twice the amount", () => {
    const h = family([child("a", "2009-03-01", "lycee"), child("b", "2010-03-01", "lycee")], {
      "2024": 0,
    });
    const r = simulate(h, "2026-09").results.bourse_lycee;
    // Two children, échelon 6: 1 071 € each.
    expect(r.amountCents).toBe(214200);
    expect(plainSentence(r)).toBe(
      "Vous pourriez recevoir environ 2\u202f142\u202f€ pour l'année scolaire de bourse de lycée, en trois fois, parce que vos enfants vont au lycée et que vos revenus sont modestes.",
    );
  });
});
