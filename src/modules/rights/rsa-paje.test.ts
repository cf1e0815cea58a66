import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { makeHousehold, makeMember } from "./test-fixtures.ts";

// Art. R262-11 CASF: the PAJE allocation de base is not counted in the RSA resources of a parent
// in a situation of L262-9 (RSA majoré, here a lone parent) until the last day of the month in
// which the child reaches three months. OpenFisca-France does not model this exception (its
// rsa_base_ressources_prestations_familiales counts paje_base every month): Relais does.
// Allocation de base at the full rate: 41.65 % of the BMAF (474.37 € from 1 April 2025) = 197.58 €.

const PAJE_BASE_JUNE_2025 = Math.round(0.4165 * 47437);

const loneParent = (childBirth: string) =>
  makeHousehold({
    members: [
      makeMember({ id: "demandeur", birthDate: "1995-01-01" }),
      makeMember({ id: "bebe", role: "enfant", birthDate: childBirth }),
    ],
  });

const pajeStep = (month: string, childBirth: string) =>
  simulate(loneParent(childBirth), month).results.rsa.steps.find((s) =>
    s.text.startsWith("Allocation de base de la PAJE du mois"),
  );

describe("RSA of a lone parent and the PAJE allocation de base (R262-11 CASF)", () => {
  it("does not count the allocation de base in the month the child reaches 3 months, and says why", () => {
    // Born 15 March 2025: three months on 15 June 2025, left out until 30 June.
    const rsa = simulate(loneParent("2025-03-15"), "2025-06").results.rsa;
    expect(rsa.detail?.majore).toBe(true);
    expect(rsa.steps.some((s) => s.text.includes("art. R262-11 CASF"))).toBe(true);
    expect(pajeStep("2025-06", "2025-03-15")).toBeUndefined();
  });

  it("counts it from the next month: the RSA of July is lower by exactly the allocation de base (197.58 €)", () => {
    const june = simulate(loneParent("2025-03-15"), "2025-06").results.rsa.amountCents;
    const july = simulate(loneParent("2025-03-15"), "2025-07").results.rsa.amountCents;
    expect(pajeStep("2025-07", "2025-03-15")?.amountCents).toBe(PAJE_BASE_JUNE_2025);
    expect(june - july).toBe(PAJE_BASE_JUNE_2025);
  });

  it("counts it for a couple with the same baby (no majoration, L262-9 does not apply)", () => {
    const couple = makeHousehold({
      members: [
        makeMember({ id: "demandeur", birthDate: "1995-01-01" }),
        makeMember({ id: "conjoint", role: "conjoint", birthDate: "1995-01-01" }),
        makeMember({ id: "bebe", role: "enfant", birthDate: "2025-03-15" }),
      ],
    });
    const step = simulate(couple, "2025-06").results.rsa.steps.find((s) =>
      s.text.startsWith("Allocation de base de la PAJE du mois"),
    );
    expect(step?.amountCents).toBe(PAJE_BASE_JUNE_2025);
  });

  it("leaves it out through the end of the month for a child born on the 1st (three months on 1 June)", () => {
    expect(pajeStep("2025-06", "2025-03-01")).toBeUndefined();
    expect(pajeStep("2025-07", "2025-03-01")?.amountCents).toBe(PAJE_BASE_JUNE_2025);
  });
});
