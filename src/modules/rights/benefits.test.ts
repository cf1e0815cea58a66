import { describe, expect, it } from "vitest";
import { cssCeilingsFor } from "./css.ts";
import { simulate } from "./engine.ts";
import { parseMonth } from "./period.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

describe("allocations familiales", () => {
  // Source: OpenFisca-France tests/formulas/af_majoration_age_2026.yaml (décret n° 2026-138):
  // couple, three children born 2012-02-28 (or 2012-03-01), 2014-01-01, 2016-01-01, March 2026.
  const family = (eldest: string) =>
    makeHousehold({
      members: [
        makeMember({ birthDate: "1980-01-01" }),
        makeMember({ role: "conjoint", birthDate: "1980-01-01" }),
        makeMember({ role: "enfant", birthDate: eldest }),
        makeMember({ role: "enfant", birthDate: "2014-01-01" }),
        makeMember({ role: "enfant", birthDate: "2016-01-01" }),
      ],
    });

  it("keeps the majoration at 14 for a child whose 14th birthday precedes 1 March 2026 (af_majoration = 474.37 × 0.16)", () => {
    const r = simulate(family("2012-02-28"), "2026-03").results.af;
    const step = r.steps.find((s) => s.text.startsWith("Majoration pour âge"));
    expect(step?.amountCents).toBe(Math.round(47437 * 0.16));
    // Base for three children: (32 % + 41 %) × 474.37 = 346.29 (D521-1 CSS), plus the majoration 75.90.
    expect(r.amountCents).toBe(34629 + 7590);
  });

  it("gives no majoration at 14 to a child born on 1 March 2012 (af_majoration = 0)", () => {
    const r = simulate(family("2012-03-01"), "2026-03").results.af;
    expect(r.steps.some((s) => s.text.startsWith("Majoration pour âge"))).toBe(false);
    expect(r.amountCents).toBe(34629);
  });

  it("gives no majoration in February 2026 to the child born 2012-02-28, still 13 on the first of the month", () => {
    // In February 2026 the child born 2012-02-28 is 13 on the 1st of the month: no majoration;
    // base with the BMAF of April 2025 (474.37): 346.29 €.
    expect(simulate(family("2012-02-28"), "2026-02").results.af.amountCents).toBe(34629);
  });

  it("halves the AF above the first ceiling (D521-3 CSS; 2025 ceilings 78 565 € / 104 719 € for two children)", () => {
    // 2023 taxable income 95 000 € → 85 500 € after 10 %: between the two ceilings → 0.32 × 474.37 / 2 = 75.90 €.
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1980-01-01", taxableIncome: { "2023": 9500000 } }),
        makeMember({ role: "enfant", birthDate: "2015-01-01" }),
        makeMember({ role: "enfant", birthDate: "2017-01-01" }),
      ],
    });
    expect(simulate(h, "2025-06").results.af.amountCents).toBe(7590);
  });

  it("uses the BMAF of each year: 149.26 € for two children in April 2024, 151.80 € in April 2025 (0.32 × 466.44 and 0.32 × 474.37)", () => {
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1980-01-01" }),
        makeMember({ role: "enfant", birthDate: "2015-01-01" }),
        makeMember({ role: "enfant", birthDate: "2017-01-01" }),
      ],
    });
    expect(simulate(h, "2024-04").results.af.amountCents).toBe(14926);
    expect(simulate(h, "2025-04").results.af.amountCents).toBe(15180);
  });

  it("says why one child gives no AF", () => {
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1980-01-01" }),
        makeMember({ role: "enfant", birthDate: "2015-01-01" }),
      ],
    });
    expect(simulate(h, "2025-06").results.af.reason).toContain("deux enfants");
  });
});

describe("ASPA", () => {
  // Source: OpenFisca-France tests/leximpact/2024/aspa_01_retraite_pension_sous_plafond_d1.yml:
  // single owner born 1946-12-24, gross pension 812.75 €/month → aspa 199.27 € in 2024.
  const single = makeHousehold({
    members: [
      makeMember({
        birthDate: "1946-12-24",
        activity: "retraite",
        resources: everyMonth("2023-01", "2025-12", { retraiteBrute: 81275, retraiteNette: 75000 }),
      }),
    ],
    housing: { status: "proprietaire" },
  });
  it("pays 199.27 € in January 2024 (12 144.27 / 12 − 812.75)", () => {
    expect(simulate(single, "2024-01").results.aspa.amountCents).toBe(19927);
  });
  it("pays 221.54 € in January 2025 after the revaluation (circulaire Cnav 2024-39: 12 411.44 / 12 − 812.75)", () => {
    expect(simulate(single, "2025-01").results.aspa.amountCents).toBe(22154);
  });
  it("pays 9.59 € to a couple with one pension of 1 561.58 € (OpenFisca aspa_02_couple_retraites_1pension_moyenne_1_sans_pension)", () => {
    const couple = makeHousehold({
      members: [
        makeMember({
          birthDate: "1946-12-24",
          resources: everyMonth("2023-01", "2024-12", { retraiteBrute: 156158 }),
        }),
        makeMember({
          role: "conjoint",
          birthDate: "1944-05-11",
          resources: everyMonth("2023-01", "2024-12", {}),
        }),
      ],
      housing: { status: "proprietaire" },
    });
    expect(simulate(couple, "2024-03").results.aspa.amountCents).toBe(959);
  });
  it("refuses under 65 and says why", () => {
    const h = makeHousehold({ members: [makeMember({ birthDate: "1970-01-01" })] });
    expect(simulate(h, "2025-06").results.aspa.reason).toContain("65 ans");
  });
});

describe("AAH", () => {
  const disabled = (resources = everyMonth("2022-01", "2026-12", {})) =>
    makeHousehold({
      members: [makeMember({ birthDate: "1980-01-01", disabilityRate: 0.8, resources })],
    });

  it("pays the full AAH without income: 1 016.05 € in April 2024 (décret 2024-397) and 1 033.32 € in April 2025 (décret 2025-297)", () => {
    expect(simulate(disabled(), "2024-04").results.aah.amountCents).toBe(101605);
    expect(simulate(disabled(), "2025-04").results.aah.amountCents).toBe(103332);
  });

  it("pays 971.37 € in March 2024, before the revaluation (décret 2023-328)", () => {
    expect(simulate(disabled(), "2024-03").results.aah.amountCents).toBe(97137);
  });

  it("applies the 80 % / 40 % abattements to a person working in June 2025 (D821-9 CSS)", () => {
    // Salary 800 €/month. SMIC brut mensuel = 11.88 × 151.67 = 1 801.84; 30 % = 540.55.
    // Counted: 540.55 × 20 % + (800 − 540.55) × 60 % = 108.110 + 155.670 = 263.78.
    // AAH = 1 033.32 − 263.78 = 769.54 €.
    const r = simulate(disabled(everyMonth("2024-01", "2025-12", { salaireNet: 80000 })), "2025-06")
      .results.aah;
    expect(r.amountCents).toBe(76954);
  });

  it("requires the RSDAE between 50 % and 79 % and says so", () => {
    const h = makeHousehold({
      members: [makeMember({ birthDate: "1980-01-01", disabilityRate: 0.6 })],
    });
    expect(simulate(h, "2025-06").results.aah.reason).toContain("restriction durable");
  });

  it("ignores the spouse's income since October 2023 (loi n° 2022-1158, art. 10)", () => {
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1980-01-01",
          disabilityRate: 0.8,
          resources: everyMonth("2022-01", "2026-12", {}),
        }),
        makeMember({
          role: "conjoint",
          birthDate: "1980-01-01",
          resources: everyMonth("2022-01", "2026-12", { salaireNet: 300000 }),
        }),
      ],
    });
    expect(simulate(h, "2025-06").results.aah.amountCents).toBe(103332);
  });
});

describe("complémentaire santé solidaire", () => {
  it("uses the published ceilings on each side of April 2025 (arrêtés of 26 March 2024 and March 2025)", () => {
    expect(cssCeilingsFor(parseMonth("2025-03") as number, 1)).toEqual({
      free: 10166,
      withParticipation: 13724,
    });
    expect(cssCeilingsFor(parseMonth("2025-04") as number, 1)).toEqual({
      free: 10339,
      withParticipation: 13957,
    });
    // Five persons: 21 711 + 4 135 = 25 846 € and 29 311 + 5 583 = 34 894 € (2025 table).
    expect(cssCeilingsFor(parseMonth("2025-06") as number, 5)).toEqual({
      free: 25846,
      withParticipation: 34894,
    });
  });

  // A person of 40 living alone, unemployment benefit of 1 150 €/month = 13 800 €/year, tenant.
  const unemployed = makeHousehold({
    members: [
      makeMember({
        birthDate: "1985-06-01",
        activity: "chomeur",
        resources: everyMonth("2023-01", "2026-12", { chomageNet: 115000 }),
      }),
    ],
  });
  it("refuses in March 2025: 13 800 € is above the 13 724 € ceiling", () => {
    const r = simulate(unemployed, "2025-03").results.css;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("plafond");
  });
  it("grants it with a participation of 14 € (age 30–49) in April 2025: 13 800 € is under 13 957 €", () => {
    const r = simulate(unemployed, "2025-04").results.css;
    expect(r.eligible).toBe(true);
    expect(r.detail?.participation).toBe(true);
    expect(r.amountCents).toBe(1400);
  });
  it("is free under the first ceiling", () => {
    const low = makeHousehold({
      members: [
        makeMember({
          birthDate: "1985-06-01",
          resources: everyMonth("2023-01", "2026-12", { chomageNet: 80000 }),
        }),
      ],
    });
    const r = simulate(low, "2025-06").results.css;
    expect(r.detail?.participation).toBe(false);
    expect(r.amountCents).toBe(0);
  });
});

describe("chèque énergie", () => {
  // Barème of the arrêté du 3 mars 2023 (2024 and 2025 campaigns): RFR per UC < 5 700 / 6 800 / 7 850 / 11 000 €.
  it("gives 194 € to a person alone with a 2023 RFR of 5 000 € (campaign 2025)", () => {
    const h = makeHousehold({
      members: [makeMember({ birthDate: "1960-01-01" })],
      rfr: { "2023": 500000 },
    });
    expect(simulate(h, "2025-06").results.cheque_energie.amountCents).toBe(19400);
  });
  it("gives 76 € to a couple with two children (2.1 UC) and an RFR of 20 000 € (9 524 € per UC)", () => {
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1980-01-01" }),
        makeMember({ role: "conjoint", birthDate: "1980-01-01" }),
        makeMember({ role: "enfant", birthDate: "2012-01-01" }),
        makeMember({ role: "enfant", birthDate: "2014-01-01" }),
      ],
      rfr: { "2022": 2000000 },
    });
    expect(simulate(h, "2024-04").results.cheque_energie.amountCents).toBe(7600);
  });
  it("gives nothing at 11 000 € per UC and says why", () => {
    const h = makeHousehold({
      members: [makeMember({ birthDate: "1960-01-01" })],
      rfr: { "2023": 1100000 },
    });
    const r = simulate(h, "2025-06").results.cheque_energie;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("11 000 €");
  });
});
