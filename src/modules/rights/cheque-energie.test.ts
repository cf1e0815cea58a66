import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Household } from "./household.ts";
import { makeHousehold, makeMember } from "./test-fixtures.ts";

// Chèque énergie, campaigns 2024 to 2026: barème of the arrêté du 3 mars 2023 (R124-2 code de
// l'énergie): brackets « RFR par UC inférieur à » 5 700 / 6 800 / 7 850 / 11 000 €; UC = 1 for the
// first person, 0.5 for the second, 0.3 for each further one (R124-1). OpenFisca-France still has
// the 2021 thresholds (5 600 / 6 700 / 7 700 / 10 800 €) but the same « below the threshold » reading
// (its barème is a scale whose bracket starts at the threshold).

function family(
  persons: number,
  rfrEuros: number,
  status: Household["housing"]["status"] = "locataire",
): Household {
  const members = [makeMember({ id: "demandeur", birthDate: "1980-01-01" })];
  if (persons >= 2)
    members.push(makeMember({ id: "conjoint", role: "conjoint", birthDate: "1980-01-01" }));
  for (let i = 2; i < persons; i++)
    members.push(makeMember({ id: `enfant-${i}`, role: "enfant", birthDate: `201${i}-01-01` }));
  return makeHousehold({
    members,
    housing: { status },
    rfr: { "2023": Math.round(rfrEuros * 100) },
  });
}

describe("chèque énergie at a threshold", () => {
  it("puts an income exactly at 5 700 € per UC in the second bracket (146 € for one UC, « inférieur à 5 700 € » fails)", () => {
    expect(simulate(family(1, 5700), "2025-06").results.cheque_energie.amountCents).toBe(14600);
    // One euro below: first bracket, 194 €.
    expect(simulate(family(1, 5699), "2025-06").results.cheque_energie.amountCents).toBe(19400);
  });

  it("gives nothing exactly at the ceiling, 11 000 € per UC, for a couple with three children (2.4 UC, RFR 26 400 €)", () => {
    // 1 + 0.5 + 3 × 0.3 = 2.4 UC; 26 400 / 2.4 = 11 000 € per UC: not below the ceiling.
    const at = simulate(family(5, 26400), "2025-06").results.cheque_energie;
    expect(at.eligible).toBe(false);
    expect(at.reason).toContain("11 000 €");
    // 26 399 € → 10 999.58 € per UC: last bracket, 76 € for 2 UC or more.
    expect(simulate(family(5, 26399), "2025-06").results.cheque_energie.amountCents).toBe(7600);
  });

  it("gives nothing exactly at the ceiling with 2.7 UC (couple, four children, RFR 29 700 €)", () => {
    expect(simulate(family(6, 29700), "2025-06").results.cheque_energie.eligible).toBe(false);
    expect(simulate(family(6, 29699.99), "2025-06").results.cheque_energie.amountCents).toBe(7600);
  });

  it("puts three persons (1.8 UC) exactly at 7 850 € per UC in the last bracket (63 €)", () => {
    // 1.8 UC × 7 850 = 14 130 €: last bracket of « entre 1 et 2 UC », 63 €; 14 129 € → third bracket, 113 €.
    expect(simulate(family(3, 14130), "2025-06").results.cheque_energie.amountCents).toBe(6300);
    expect(simulate(family(3, 14129), "2025-06").results.cheque_energie.amountCents).toBe(11300);
  });
});

describe("chèque énergie and the dwelling", () => {
  it("gives nothing to a person housed for free, whatever the income, and says why (L124-1 code de l'énergie)", () => {
    const r = simulate(family(1, 3000, "heberge_gratuitement"), "2025-06").results.cheque_energie;
    expect(r.eligible).toBe(false);
    expect(r.amountCents).toBe(0);
    expect(r.reason).toContain("hébergé gratuitement");
  });

  it("gives nothing to a person without a dwelling", () => {
    const r = simulate(family(1, 3000, "sans_domicile"), "2025-06").results.cheque_energie;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("propre logement");
  });

  it("gives the chèque to an owner with the same income (194 €)", () => {
    expect(
      simulate(family(1, 3000, "proprietaire"), "2025-06").results.cheque_energie.amountCents,
    ).toBe(19400);
  });
});
