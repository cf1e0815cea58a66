import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { BENEFITS, type Household } from "./household.ts";
import { everyMonth } from "./test-fixtures.ts";

// Properties of the engine over random households (no figures: invariants of the law's shape).
const householdArb: fc.Arbitrary<Household> = fc
  .record({
    birthYear: fc.integer({ min: 1930, max: 2005 }),
    couple: fc.boolean(),
    children: fc.array(fc.integer({ min: 2006, max: 2025 }), { maxLength: 5 }),
    salary: fc.integer({ min: 0, max: 500000 }),
    chomage: fc.integer({ min: 0, max: 200000 }),
    pension: fc.integer({ min: 0, max: 300000 }),
    rate: fc.constantFrom(undefined, 0.5, 0.8),
    housingBenefit: fc.integer({ min: 0, max: 40000 }),
    status: fc.constantFrom(
      "locataire",
      "proprietaire",
      "heberge_gratuitement",
      "sans_domicile",
    ) as fc.Arbitrary<Household["housing"]["status"]>,
  })
  .map((r) => ({
    depcom: "92050",
    housing: {
      status: r.status,
      rent: r.status === "locataire" ? 50000 : 0,
      housingBenefit: r.housingBenefit,
    },
    members: [
      {
        id: "a",
        role: "demandeur" as const,
        birthDate: `${r.birthYear}-06-15`,
        ...(r.rate ? { disabilityRate: r.rate } : {}),
        resources: everyMonth("2023-01", "2026-12", {
          salaireNet: r.salary,
          chomageNet: r.chomage,
          retraiteNette: r.pension,
        }),
      },
      ...(r.couple
        ? [{ id: "b", role: "conjoint" as const, birthDate: `${r.birthYear + 1}-02-01` }]
        : []),
      ...r.children.map((y, i) => ({
        id: `c${i}`,
        role: "enfant" as const,
        birthDate: `${y}-03-10`,
      })),
    ],
  }));

describe("engine properties", () => {
  it("returns non-negative integer cents, and a reason whenever a benefit is refused", () => {
    fc.assert(
      fc.property(
        householdArb,
        fc.constantFrom("2024-01", "2024-07", "2025-04", "2025-06", "2026-04"),
        (h, month) => {
          const r = simulate(h, month, { explain: false }).results;
          for (const b of BENEFITS) {
            expect(Number.isInteger(r[b].amountCents)).toBe(true);
            expect(r[b].amountCents).toBeGreaterThanOrEqual(0);
            if (!r[b].eligible) expect(r[b].reason).toBeTruthy();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never pays RSA below 6 € nor a prime d'activité below 15 € (R262-39 CASF, D843-1 CSS)", () => {
    fc.assert(
      fc.property(householdArb, (h) => {
        const r = simulate(h, "2025-06", { explain: false }).results;
        if (r.rsa.eligible) expect(r.rsa.amountCents).toBeGreaterThanOrEqual(600);
        if (r.ppa.eligible) expect(r.ppa.amountCents).toBeGreaterThanOrEqual(1500);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same amounts with and without explanations", () => {
    fc.assert(
      fc.property(householdArb, (h) => {
        const a = simulate(h, "2025-06", { explain: false }).results;
        const b = simulate(h, "2025-06").results;
        for (const k of BENEFITS) expect(a[k].amountCents).toBe(b[k].amountCents);
      }),
      { numRuns: 100 },
    );
  });

  it("never lowers the RSA when the salary falls by `cut` (same household, everything else equal)", () => {
    fc.assert(
      fc.property(householdArb, fc.integer({ min: 1, max: 100000 }), (h, cut) => {
        const demandeur = h.members[0];
        if (!demandeur?.resources) return;
        // Only the salary moves: unemployment benefit, pension and every other field stay as they are.
        const resources = Object.fromEntries(
          Object.entries(demandeur.resources).map(([month, r]) => [
            month,
            { ...r, salaireNet: Math.max(0, (r.salaireNet ?? 0) - cut) },
          ]),
        );
        const lower: Household = {
          ...h,
          members: [{ ...demandeur, resources }, ...h.members.slice(1)],
        };
        expect(
          simulate(lower, "2025-06", { explain: false }).results.rsa.amountCents,
        ).toBeGreaterThanOrEqual(
          simulate(h, "2025-06", { explain: false }).results.rsa.amountCents,
        );
      }),
      { numRuns: 300 },
    );
  });
});
