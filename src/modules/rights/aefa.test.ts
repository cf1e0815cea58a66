import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import type { Member } from "./household.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Prime de Noël: 152.45 € for a person alone at the RSA, + 50 % for the second person, + 30 %
// for each further one, + 40 % from the third child (décret n° 2023-1184 du 14 décembre 2023,
// art. 2; the same amounts for December 2024 and December 2025 as published by
// service-public.fr, fiche F1325). Published amounts, truncated to the cent: 228.67 € (2
// persons), 274.41 € (3), 320.14 € (couple, 2 children), 335.39 € (alone, 3 children),
// 381.12 € (couple, 3 children), 442.10 € (couple, 4 children).

const children = (n: number): Member[] =>
  Array.from({ length: n }, (_, i) =>
    makeMember({ id: `e${i}`, role: "enfant", birthDate: `${2010 + i}-02-01` }),
  );
const foyer = (couple: boolean, n: number, salary = 0): ReturnType<typeof makeHousehold> =>
  makeHousehold({
    members: [
      makeMember({
        birthDate: "1985-01-01",
        activity: salary > 0 ? "salarie" : "inactif",
        resources: everyMonth("2023-01", "2026-12", { salaireNet: salary }),
      }),
      ...(couple
        ? [makeMember({ id: "conjoint", role: "conjoint", birthDate: "1986-01-01" })]
        : []),
      ...children(n),
    ],
    // Maintenance-free lone parents get the ASF; it does not change who is at the RSA here.
  });

describe("prime de Noël (aide exceptionnelle de fin d'année)", () => {
  it.each([
    [false, 0, 15245],
    [false, 1, 22867],
    [true, 0, 22867],
    [false, 2, 27441],
    [true, 1, 27441],
    [true, 2, 32014],
    [false, 3, 33539],
    [true, 3, 38112],
    [true, 4, 44210],
  ])("couple %s with %i children at the RSA in December 2025: %i cents", (couple, n, cents) => {
    const r = simulate(foyer(couple, n), "2025-12").results;
    expect(r.rsa.eligible).toBe(true);
    expect(r.aefa.eligible).toBe(true);
    expect(r.aefa.amountCents).toBe(cents);
    expect(r.aefa.periodicity).toBe("annuelle");
  });

  it("uses the December 2024 amounts in 2024 and the December 2025 ones in 2025 (unchanged: 152.45 €)", () => {
    const alone = foyer(false, 0);
    const y2024 = simulate(alone, "2024-11").results.aefa;
    expect(y2024.amountCents).toBe(15245);
    expect(y2024.steps.some((s) => s.text.includes("Prime de Noël 2024"))).toBe(true);
    expect(simulate(alone, "2025-11").results.aefa.amountCents).toBe(15245);
  });

  it("says that the décret of December 2026 is not known yet and keeps the 2025 amounts", () => {
    const r = simulate(foyer(false, 0), "2026-12").results.aefa;
    expect(r.amountCents).toBe(15245);
    expect(r.steps.some((s) => s.text.includes("pas encore connu"))).toBe(true);
  });

  it("is not for a foyer without RSA", () => {
    const r = simulate(foyer(false, 0, 200000), "2025-12").results;
    expect(r.rsa.eligible).toBe(false);
    expect(r.aefa.eligible).toBe(false);
    expect(r.aefa.reason).toContain("RSA");
  });

  it("counts as already received when the RSA is (it comes without a claim)", () => {
    const h = { ...foyer(false, 0), benefitsReceived: ["rsa" as const] };
    const r = simulate(h, "2025-12").results.aefa;
    expect(r.eligible).toBe(true);
    expect(r.alreadyReceived).toBe(true);
  });
});
