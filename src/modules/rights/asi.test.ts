import { describe, expect, it } from "vitest";
import { findNonTakeUp } from "./batch.ts";
import { simulate } from "./engine.ts";
import type { MonthlyResources } from "./household.ts";
import { computeOpenFiscaSituation } from "./openfisca.ts";
import { type Answers, answersToHousehold, checkStep } from "./questionnaire.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Allocation supplémentaire d'invalidité (L815-24, L815-24-1, D815-19 CSS), differential since
// April 2020: yearly ceiling / 12 − the monthly resources of the three months before.
// Ceilings, person alone (or one beneficiary in a couple) / both members of a couple:
// 10 794.79 / 18 890.89 € from April 2024 (circulaire Cnav 2024-13), 10 978.30 / 19 212.03 € from
// April 2025 (circulaire Cnav 2025-13), 11 066.13 / 19 365.73 € from April 2026 (× 1.008, the
// April 2026 coefficient of L161-25 CSS).

const months = (r: MonthlyResources) => everyMonth("2024-01", "2026-12", r);

const single = (r: MonthlyResources, birthDate = "1980-01-01") =>
  makeHousehold({ members: [makeMember({ id: "demandeur", birthDate, resources: months(r) })] });

describe("ASI of a person alone", () => {
  it("pays 914.86 − 600 = 314.86 € in June 2025 to a person with a 600 € invalidity pension", () => {
    const r = simulate(single({ pensionInvalidite: 60000 }), "2025-06").results.asi;
    expect(r.eligible).toBe(true);
    expect(r.amountCents).toBe(31486);
    expect(r.detail).toEqual({ demandeur: 31486 });
    expect(r.steps.at(-1)?.amountCents).toBe(31486);
  });

  it("pays 899.57 − 600 = 299.57 € in March 2025, before the revaluation (10 794.79 / 12)", () => {
    expect(simulate(single({ pensionInvalidite: 60000 }), "2025-03").results.asi.amountCents).toBe(
      29957,
    );
  });

  it("pays 922.18 − 600 = 322.18 € in April 2026 (11 066.13 / 12)", () => {
    expect(simulate(single({ pensionInvalidite: 60000 }), "2026-04").results.asi.amountCents).toBe(
      32218,
    );
  });

  it("gives nothing when the resources reach the ceiling (pension 950 €)", () => {
    const r = simulate(single({ pensionInvalidite: 95000 }), "2025-06").results.asi;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("plafond");
  });

  it("gives nothing without an invalidity pension, and says why", () => {
    const r = simulate(single({ salaireNet: 50000 }), "2025-06").results.asi;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("pension d'invalidité");
  });

  it("stops at the legal retirement age (64), where the ASPA takes over", () => {
    const r = simulate(single({ pensionInvalidite: 60000 }, "1961-01-01"), "2025-06").results.asi;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("ASPA");
  });

  it("counts the ASI and the pension in the RSA resources (914.86 € > RSA for one person: no RSA)", () => {
    const r = simulate(single({ pensionInvalidite: 60000 }), "2025-06").results.rsa;
    expect(r.eligible).toBe(false);
    expect(r.steps.find((s) => s.text.startsWith("AAH, ASI ou ASPA"))?.amountCents).toBe(31486);
  });
});

describe("ASI of a couple", () => {
  const couple = (demandeur: MonthlyResources, conjoint: MonthlyResources) =>
    makeHousehold({
      members: [
        makeMember({ id: "demandeur", birthDate: "1975-01-01", resources: months(demandeur) }),
        makeMember({
          id: "conjoint",
          role: "conjoint",
          birthDate: "1975-01-01",
          resources: months(conjoint),
        }),
      ],
    });

  it("shares the couple's ASI in two when both receive a pension: (1 601.00 − 1 000) / 2 = 300.50 € each", () => {
    // 19 212.03 / 12 = 1 601.0025 €; resources 500 + 500 €: 601.00 €, 300.50 € each.
    const r = simulate(
      couple({ pensionInvalidite: 50000 }, { pensionInvalidite: 50000 }),
      "2025-06",
    ).results.asi;
    expect(r.amountCents).toBe(60100);
    expect(r.detail).toEqual({ demandeur: 30050, conjoint: 30050 });
  });

  it("uses the ceiling of a person alone when only one receives a pension, with the spouse's income: 914.86 − 800 = 114.86 €", () => {
    const r = simulate(couple({ pensionInvalidite: 50000 }, { salaireNet: 30000 }), "2025-06")
      .results.asi;
    expect(r.amountCents).toBe(11486);
    expect(r.detail).toEqual({ demandeur: 11486, conjoint: 0 });
  });
});

describe("ASI through the questionnaire, the OpenFisca API and the batch", () => {
  it("reads the invalidity pension from the questionnaire and computes the ASI (314.86 €)", () => {
    const answers: Answers = {
      foyer: { couple: "non", enfants: "0" },
      ages: { naissance: "1980-01-01" },
      situation: { activite: "inactif", handicap: "non" },
      ressources: { salaire: "", chomage: "", retraite: "", invalidite: "600", autres: "" },
      logement: { statut: "locataire", loyer: "", aide_logement: "", commune: "92050" },
      prestations: { percues: "" },
    };
    expect(
      checkStep("ressources", answers.ressources as Record<string, string>, answers, "2025-06"),
    ).toEqual({});
    const household = answersToHousehold(answers, "2025-06");
    expect(household.members[0]?.resources?.["2025-05"]?.pensionInvalidite).toBe(60000);
    expect(simulate(household, "2025-06").results.asi.amountCents).toBe(31486);
  });

  it("answers OpenFisca's asi for an individual from pensions_invalidite (314.86 €)", () => {
    const out = computeOpenFiscaSituation({
      individus: {
        p: {
          date_naissance: { ETERNITY: "1980-01-01" },
          pensions_invalidite: { "2025": 7200 },
          asi: { "2025-06": null },
        },
      },
      familles: { f: { parents: ["p"] } },
      menages: { m: { personne_de_reference: ["p"] } },
    });
    expect((out.situation.individus.p as Record<string, Record<string, unknown>>).asi).toEqual({
      "2025-06": 314.86,
    });
  });

  it("finds the ASI a household does not receive in the batch, from demandeur_pension_invalidite", async () => {
    const file = [
      "id;depcom;demandeur_naissance;demandeur_pension_invalidite;pensions_alimentaires;prestations_percues",
      "I-1;92050;1980-01-01;600;;",
      "I-2;92050;1980-01-01;600;;asi",
      // With 100 € of maintenance as well: 914.86 − 700 = 214.86 €.
      "I-3;92050;1980-01-01;600;100;",
      "",
    ].join("\n");
    const found: Record<string, number | undefined> = {};
    for await (const item of findNonTakeUp([file], { month: "2025-06" }))
      if (item.kind === "household")
        found[item.id] = item.findings.find((f) => f.benefit === "asi")?.amountCents;
    expect(found).toEqual({ "I-1": 31486, "I-2": undefined, "I-3": 21486 });
  });
});
