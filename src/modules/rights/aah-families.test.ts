import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Member } from "./household.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// AAH (L821-1 s., R821-1, R821-4, D821-2, D821-9 CSS), déconjugalisée since 1 October 2023.
// Montant maximal (D821-3): 1 016.05 € from April 2024 (décret 2024-397), 1 033.32 € from April 2025
// (décret 2025-297), 1 041.59 € from April 2026 (décret 2026-229). SMIC horaire brut: 11.88 € from
// November 2024, 12.02 € from January 2026; 151.67 h. Abattements on earnings (D821-9): 80 % up to
// 30 % of the yearly SMIC, 40 % above; yearly tranche = 0.3 × 11.88 × 151.67 × 12 = 6 486.62 €
// (2025), 0.3 × 12.02 × 151.67 × 12 = 6 563.06 € (2026). Annual evaluation: income of N-2 less
// 10 % (revenu net catégoriel), earnings after the abattements and 30 % off for a stopped activity
// (as OpenFisca-France's abattement_cessation_activite). Amounts in cents.

const disabled = (overrides: Partial<Member> = {}, children: string[] = []) =>
  makeHousehold({
    members: [
      makeMember({ id: "demandeur", birthDate: "1980-01-01", disabilityRate: 0.8, ...overrides }),
      ...children.map((birthDate, i) => makeMember({ id: `e${i}`, role: "enfant", birthDate })),
    ],
  });

describe("AAH, annual evaluation on the income of year N-2 (not working in the month)", () => {
  it("counts 226.65 € a month for 12 000 € earned in 2023, June 2025: AAH 806.67 €", () => {
    // 12 000 × 0.9 = 10 800 €; 6 486.62 × 20 % + (10 800 − 6 486.62) × 60 % = 1 297.32 + 2 588.03
    // = 3 885.35 €; × 70 % (activity stopped) = 2 719.75 € a year = 226.65 € a month;
    // AAH = 1 033.32 − 226.65 = 806.67 €.
    const r = simulate(disabled({ taxableIncome: { "2023": 1200000 } }), "2025-06").results.aah;
    expect(r.amountCents).toBe(80667);
  });

  it("uses the maximum of before the revaluation in March 2025: 1 016.05 − 226.65 = 789.40 €", () => {
    expect(
      simulate(disabled({ taxableIncome: { "2023": 1200000 } }), "2025-03").results.aah.amountCents,
    ).toBe(78940);
  });

  it("keeps the whole earnings (no 30 % for a stopped activity) for a student: 1 033.32 − 323.78 = 709.54 €", () => {
    // 3 885.35 € a year / 12 = 323.78 €.
    const r = simulate(
      disabled({ activity: "etudiant", taxableIncome: { "2023": 1200000 } }),
      "2025-06",
    ).results.aah;
    expect(r.amountCents).toBe(70954);
  });
});

describe("AAH, quarterly evaluation for a person working in ordinary employment", () => {
  it("compares the quarter's monthly average with the tranche (« en moyenne mensuelle », D821-9): 889.54 €", () => {
    // Salaries 300, 300 and 1 200 € in March–May 2025, 600 € in June: 1 800 € × 4 = 7 200 € a year;
    // 6 486.62 × 20 % + 713.38 × 60 % = 1 297.32 + 428.03 = 1 725.35 € = 143.78 € a month;
    // AAH = 1 033.32 − 143.78 = 889.54 € (month by month it would have been 825.39 €).
    const resources = {
      "2025-03": { salaireNet: 30000 },
      "2025-04": { salaireNet: 30000 },
      "2025-05": { salaireNet: 120000 },
      "2025-06": { salaireNet: 60000 },
    };
    expect(simulate(disabled({ resources }), "2025-06").results.aah.amountCents).toBe(88954);
  });

  it("counts the unemployment benefit of the quarter with the earnings: 800 € salary + 200 € ARE → 649.54 €", () => {
    // 1 000 € × 12 = 12 000 €; 1 297.32 + (12 000 − 6 486.62) × 60 % = 1 297.32 + 3 308.03
    // = 4 605.35 € = 383.78 € a month; 1 033.32 − 383.78 = 649.54 €.
    const resources = everyMonth("2025-01", "2025-06", { salaireNet: 80000, chomageNet: 20000 });
    expect(simulate(disabled({ resources }), "2025-06").results.aah.amountCents).toBe(64954);
  });
});

describe("AAH of a parent: the ceiling rises by half for each dependent child (D821-2 CSS)", () => {
  // 40 000 € earned in N-2: 36 000 € after 10 %; 2025: 1 297.32 + (36 000 − 6 486.62) × 60 %
  // = 19 005.35 € × 70 % = 13 303.75 € a year = 1 108.65 € a month.
  it("gives nothing to a person alone: 1 108.65 € a month is above 12 months of AAH", () => {
    const r = simulate(disabled({ taxableIncome: { "2023": 4000000 } }), "2025-06").results.aah;
    expect(r.eligible).toBe(false);
  });

  it("gives 441.33 € with one child (ceiling 1.5 × 1 033.32 = 1 549.98 € a month) and 957.99 € with two", () => {
    const one = simulate(
      disabled({ taxableIncome: { "2023": 4000000 } }, ["2015-05-01"]),
      "2025-06",
    ).results.aah;
    expect(one.amountCents).toBe(44133);
    expect(one.steps.some((s) => s.text.includes("1 enfant(s) à charge"))).toBe(true);
    const two = simulate(
      disabled({ taxableIncome: { "2023": 4000000 } }, ["2015-05-01", "2017-05-01"]),
      "2025-06",
    ).results.aah;
    // 2 × 1 033.32 − 1 108.65 = 957.99 €.
    expect(two.amountCents).toBe(95799);
  });

  it("follows the April 2026 revaluation: 443.12 € in March 2026, 455.52 € in April 2026", () => {
    // 2024 income 40 000 €, SMIC 12.02 €: 1 312.61 + (36 000 − 6 563.06) × 60 % = 18 974.77 €
    // × 70 % = 13 282.34 € a year = 1 106.86 € a month. March: 1.5 × 1 033.32 − 1 106.86 = 443.12 €;
    // April: 1.5 × 1 041.59 − 1 106.86 = 455.52 €.
    const h = disabled({ taxableIncome: { "2024": 4000000 } }, ["2015-05-01"]);
    expect(simulate(h, "2026-03").results.aah.amountCents).toBe(44312);
    expect(simulate(h, "2026-04").results.aah.amountCents).toBe(45552);
  });
});

describe("AAH of a young adult living on their own (R821-1 CSS: from 16 when no longer a dependent child)", () => {
  it("pays the full AAH to a 19-year-old who is the demandeur of their own foyer, and says why", () => {
    const r = simulate(disabled({ birthDate: "2006-03-01" }), "2025-06").results.aah;
    expect(r.amountCents).toBe(103332);
    expect(r.steps.some((s) => s.text.includes("dès 16 ans"))).toBe(true);
  });

  it("refuses at 15", () => {
    const r = simulate(disabled({ birthDate: "2010-03-01" }), "2025-06").results.aah;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("16 ans");
  });

  it("does not count the young adult as a child of the parents: two parents and a 19-year-old of their own have no AF", () => {
    // The same 19-year-old, still in the parents' foyer, would be their child (AF from two children
    // under 20); living on their own, the parents' foyer has a single child: no AF.
    const parents = makeHousehold({
      members: [
        makeMember({ id: "demandeur", birthDate: "1975-01-01" }),
        makeMember({ id: "conjoint", role: "conjoint", birthDate: "1975-01-01" }),
        makeMember({ id: "e1", role: "enfant", birthDate: "2012-01-01" }),
      ],
    });
    expect(simulate(parents, "2025-06").results.af.eligible).toBe(false);
    const withYoungAdult = makeHousehold({
      members: [
        ...parents.members,
        makeMember({ id: "e2", role: "enfant", birthDate: "2006-03-01", disabilityRate: 0.8 }),
      ],
    });
    const r = simulate(withYoungAdult, "2025-06").results;
    expect(r.af.eligible).toBe(true);
    // A child of the foyer is not an adult of it: no AAH is computed for them there.
    expect(r.aah.detail).toEqual({ demandeur: 0, conjoint: 0 });
  });
});

describe("AAH with an invalidity pension and the ASI (L821-1 al. 2 CSS: not cumulable beyond the maximum)", () => {
  it("completes the pension (400 €) and the ASI (514.86 €) up to 1 033.32 €: AAH 118.46 € in June 2025", () => {
    // ASI: 10 978.30 / 12 − 400 = 914.86 − 400 = 514.86 €; AAH = 1 033.32 − 400 − 514.86 = 118.46 €.
    const h = disabled({
      birthDate: "1975-01-01",
      resources: everyMonth("2023-01", "2025-06", { pensionInvalidite: 40000 }),
    });
    const r = simulate(h, "2025-06").results;
    expect(r.asi.amountCents).toBe(51486);
    expect(r.aah.amountCents).toBe(11846);
    expect(r.aah.steps.some((s) => s.text.includes("pension d'invalidité"))).toBe(true);
  });
});
