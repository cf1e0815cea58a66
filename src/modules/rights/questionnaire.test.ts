import { describe, expect, it } from "vitest";
import {
  type Answers,
  answersToHousehold,
  checkStep,
  firstIncompleteStep,
  normaliseDate,
  openAnswers,
  parseEuros,
  rfrYears,
  sealAnswers,
} from "./questionnaire.ts";
import { simulate } from "./service.ts";
import { SINGLE_PARENT_ANSWERS } from "./test-fixtures.ts";

describe("resident questionnaire", () => {
  it("gives the conformance amounts (RSA 106.45 €, prime d'activité 301.17 €) for the single parent of rsa-ppa.test.ts in June 2025", () => {
    expect(firstIncompleteStep(SINGLE_PARENT_ANSWERS, "2025-06")).toBeUndefined();
    const r = simulate(answersToHousehold(SINGLE_PARENT_ANSWERS, "2025-06"), "2025-06").results;
    expect(r.rsa.amountCents).toBe(10645);
    expect(r.ppa.amountCents).toBe(30117);
    expect(r.af.amountCents).toBe(15180);
  });

  it("asks again the ages step when a child is added after it was answered", () => {
    const more: Answers = { ...SINGLE_PARENT_ANSWERS, foyer: { couple: "non", enfants: "3" } };
    expect(firstIncompleteStep(more, "2025-06")).toBe("ages");
    const errors = checkStep("ages", more.ages ?? {}, more, "2025-06");
    expect(errors.enfant3).toBe("Indiquez la date de naissance de l'enfant 3");
  });

  it("refuses an amount that is not a number, in French, naming the field", () => {
    const errors = checkStep(
      "ressources",
      { salaire: "beaucoup" },
      SINGLE_PARENT_ANSWERS,
      "2025-06",
    );
    expect(errors.salaire).toBe(
      "Votre salaire : indiquez un montant en euros, par exemple 650 ou 650,50",
    );
  });

  it("requires the rent of a tenant", () => {
    const errors = checkStep(
      "logement",
      { statut: "locataire", loyer: "", commune: "92050" },
      SINGLE_PARENT_ANSWERS,
      "2025-06",
    );
    expect(errors.loyer).toContain("loyer mensuel");
  });

  it("reads the kind of rented dwelling: HLM gives the APL, a foyer is not computed", () => {
    const withRental = (location: string): Answers => ({
      ...SINGLE_PARENT_ANSWERS,
      logement: {
        statut: "locataire",
        loyer: "650",
        aide_logement: "",
        commune: "92050",
        location,
      },
    });
    expect(
      checkStep("logement", withRental("hlm").logement ?? {}, SINGLE_PARENT_ANSWERS, "2025-06"),
    ).toEqual({});
    const hlm = answersToHousehold(withRental("hlm"), "2025-06");
    expect(hlm.housing.conventionne).toBe(true);
    expect(simulate(hlm, "2025-06").results.aide_logement.label).toBe(
      "Aide personnalisée au logement (APL)",
    );
    const foyer = simulate(answersToHousehold(withRental("foyer"), "2025-06"), "2025-06");
    expect(foyer.results.aide_logement.reason).toMatch(/^Non calculé/);
    expect(answersToHousehold(withRental("meuble"), "2025-06").housing.furnished).toBe(true);
    expect(answersToHousehold(withRental(""), "2025-06").housing.conventionne).toBeUndefined();
  });

  it("reads French amounts and dates typed without a date picker", () => {
    expect(parseEuros("1 234,56 €")).toBe(123456);
    expect(parseEuros("")).toBe(0);
    expect(parseEuros("12,3,4")).toBeUndefined();
    expect(normaliseDate("5/3/1990")).toBe("1990-03-05");
  });

  it("carries the answers in a signed field and refuses one that was altered", () => {
    const token = sealAnswers(SINGLE_PARENT_ANSWERS, "secret");
    expect(openAnswers(token, "secret")).toEqual(SINGLE_PARENT_ANSWERS);
    const [body] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ foyer: { couple: "oui" } })).toString("base64url")}.${token.split(".")[1]}`;
    expect(body).toBeTruthy();
    expect(openAnswers(forged, "secret")).toBeUndefined();
    expect(openAnswers(token, "another")).toBeUndefined();
  });
});

describe("the pregnancy question", () => {
  const alone = {
    ...SINGLE_PARENT_ANSWERS,
    foyer: { couple: "non", enfants: "0" },
    ages: { naissance: "1998-04-12" },
    situation: { activite: "inactif", handicap: "non", grossesse: "oui" },
    ressources: { salaire: "", chomage: "", retraite: "", autres: "", pension_alimentaire: "" },
  };

  it("is optional: a form without it is still complete", () => {
    const { grossesse: _, ...without } = alone.situation;
    expect(checkStep("situation", without, alone, "2026-02")).toEqual({});
    expect(
      checkStep("situation", { ...without, grossesse: "peut-être" }, alone, "2026-02"),
    ).toEqual({
      grossesse: "Dites si vous attendez un enfant",
    });
  });

  it("makes a future mother without income eligible to the prime à la naissance (1 089.87 € gross, 2.2975 × 474.37) and the RSA majoré", () => {
    const household = answersToHousehold(alone, "2026-02");
    expect(household.members[0]?.pregnant).toBe(true);
    const results = simulate(household, "2026-02").results;
    expect(results.paje_naissance.amountCents).toBe(108987);
    // Majoration for a pregnant woman alone (art. L262-9 CASF): 128.412 % of the base.
    expect(results.rsa.detail?.majore).toBe(true);
    const notPregnant = answersToHousehold(
      { ...alone, situation: { activite: "inactif", handicap: "non" } },
      "2026-02",
    );
    expect(simulate(notPregnant, "2026-02").results.paje_naissance.eligible).toBe(false);
  });
});

describe("the school and revenu fiscal de référence questions (bourses)", () => {
  const withSchool = (ressources: Record<string, string>): Answers => ({
    ...SINGLE_PARENT_ANSWERS,
    ages: { ...SINGLE_PARENT_ANSWERS.ages, enfant1_ecole: "college", enfant2_ecole: "autre" },
    ressources: { ...SINGLE_PARENT_ANSWERS.ressources, ...ressources },
  });

  it("are optional: the answers of a form sent before them are still complete", () => {
    expect(firstIncompleteStep(SINGLE_PARENT_ANSWERS, "2025-10")).toBeUndefined();
  });

  it("reads the child's school and the RFR of N-2, written on the avis d'impôt of N-1", () => {
    const h = answersToHousehold(withSchool({ rfr: "9 000" }), "2026-10");
    expect(h.members.find((m) => m.id === "enfant1")?.schooling).toBe("college");
    expect(h.rfr).toEqual({ "2024": 900000 });
    expect(rfrYears("2026-10")).toEqual({ income: 2024, notice: 2025 });
    const r = simulate(h, "2026-10").results.bourse_college;
    expect(r.eligible).toBe(true);
    expect(r.detail?.rfrEstimated).toBe(false);
  });

  it("estimates the RFR on « je ne sais pas », even with a figure typed, and says so", () => {
    const h = answersToHousehold(withSchool({ rfr: "9000", rfr_inconnu: "oui" }), "2026-10");
    expect(h.rfr).toBeUndefined();
    const r = simulate(h, "2026-10").results.bourse_college;
    expect(r.detail?.rfrEstimated).toBe(true);
    expect(r.steps.map((s) => s.text).join(" ")).toContain("estimé à partir des revenus");
  });

  it("refuses an RFR that is not an amount, and an unknown school, in French", () => {
    expect(checkStep("ressources", { rfr: "beaucoup" }, withSchool({}), "2026-10").rfr).toBe(
      "Le revenu fiscal de référence : indiquez un montant en euros, par exemple 650 ou 650,50",
    );
    expect(
      checkStep("ages", { ...withSchool({}).ages, enfant1_ecole: "cm2" }, withSchool({}), "2026-10")
        .enfant1_ecole,
    ).toBe("Dites où va l'enfant 1 cette année");
  });
});
