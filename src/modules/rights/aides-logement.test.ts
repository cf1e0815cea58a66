import { describe, expect, it } from "vitest";
import { simulate, simulateOutcomes } from "./engine.ts";
import { BENEFITS } from "./household.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Aides au logement of a tenant (art. D823-16, D823-17 CCH; arrêté du 27 septembre 2019):
//   aide = L + C − Pp, Pp = P0 + (Tf + TL) × (R − R0), then − 5 € and − CRDS 0.5 %.
// Figures: arrêté du 22 septembre 2023 (from 1 October 2023), arrêté du 27 septembre 2024
// (from 1 October 2024), arrêté du 5 septembre 2025 (from 1 October 2025); R0 of 2024
// (arrêté du 15 décembre 2023) and 2025 (arrêté du 30 décembre 2024).

const single = (salary: number, housing = {}) =>
  makeHousehold({
    depcom: "92050", // Nanterre: zone 1
    housing: { status: "locataire", rent: 50000, ...housing },
    members: [
      makeMember({
        birthDate: "1985-02-01",
        activity: "salarie",
        resources: everyMonth("2022-01", "2026-12", salary > 0 ? { salaireNet: salary } : {}),
      }),
    ],
  });

describe("aides au logement of a tenant", () => {
  it("gives a single person in zone 1 with 1 000 €/month 152.10 € in September 2024, 163.10 € in October 2024", () => {
    const h = single(100000);
    // September 2024 (values of 1 October 2023). R = 12 × 1 000 − 10 % = 10 800 €.
    // L = min(500, 319.30) = 319.30; C = 58.08; P0 = max(8.5 % × 377.38 = 32.08, 37.91) = 37.91.
    // RL = 319.30 / 278.28 (zone 2 ceiling) = 114.74 %; TL = 0.45 % × 30 + 0.68 % × 39.74 % =
    // 0.405 %; Tp = 2.83 % + 0.405 % = 3.235 %; Pp = 37.91 + 3.235 % × (10 800 − 5 186) = 219.52.
    // 319.30 + 58.08 − 219.52 = 157.86; − 5 = 152.86; × 0.995 = 152.10 €.
    const sept = simulate(h, "2024-09").results.aide_logement;
    expect(sept.eligible).toBe(true);
    expect(sept.amountCents).toBe(15210);
    expect(sept.label).toBe("Allocation de logement sociale (ALS)");
    // October 2024: L = 329.71, C = 59.97, P0 = 39.15; RL = 329.71 / 287.35 = 114.74 %, same TL.
    // Pp = 39.15 + 181.61 = 220.76; 329.71 + 59.97 − 220.76 = 168.92; − 5 = 163.92 → 163.10 €.
    expect(simulate(h, "2024-10").results.aide_logement.amountCents).toBe(16310);
  });

  it("gives 164.67 € in September 2025 and 168.29 € in October 2025 (R0 2025: 5 235 €)", () => {
    const h = single(100000);
    // September 2025: values of 1 October 2024; Pp = 39.15 + 3.235 % × (10 800 − 5 235) = 219.18.
    // 389.68 − 219.18 = 170.50; − 5 = 165.50; × 0.995 = 164.67 €.
    expect(simulate(h, "2025-09").results.aide_logement.amountCents).toBe(16467);
    // October 2025: L = 333.14, C = 60.59, P0 = 39.56; RL = 333.14 / 290.34 = 114.74 %.
    // Pp = 39.56 + 180.03 = 219.59; 393.73 − 219.59 = 174.14; − 5 = 169.14; × 0.995 = 168.29 €.
    expect(simulate(h, "2025-10").results.aide_logement.amountCents).toBe(16829);
  });

  it("gives a couple with two children in the private sector 262.58 € of ALF in October 2025", () => {
    const h = makeHousehold({
      depcom: "92050",
      housing: { status: "locataire", rent: 90000 },
      members: [
        makeMember({
          birthDate: "1985-02-01",
          activity: "salarie",
          resources: everyMonth("2023-01", "2026-12", { salaireNet: 180000 }),
        }),
        makeMember({ id: "c", role: "conjoint", birthDate: "1987-03-01", activity: "inactif" }),
        makeMember({ id: "e1", role: "enfant", birthDate: "2015-04-01" }),
        makeMember({ id: "e2", role: "enfant", birthDate: "2018-09-01" }),
      ],
    });
    // Ceiling zone 1, 2 dependents: 454.10 + 65.89 = 519.99 = L. C = 60.59 + 2 × 13.74 = 88.07.
    // P0 = 8.5 % × 608.06 = 51.69. R = 21 600 − 10 % = 19 440 → 19 500 €; R0 = 9 148 €.
    // RL = 519.99 / (399.89 + 58.21) = 113.51 %; TL = 0.135 + 0.68 % × 38.51 = 0.397 %;
    // Tp = 2.38 % + 0.397 % = 2.777 %; Pp = 51.69 + 2.777 % × 10 352 = 339.16.
    // 519.99 + 88.07 − 339.16 = 268.90; − 5 = 263.90; × 0.995 = 262.58 €.
    const r = simulate(h, "2025-10").results.aide_logement;
    expect(r.amountCents).toBe(26258);
    expect(r.label).toBe("Allocation de logement familiale (ALF)");
    expect(r.detail?.aide).toBe("alf");
    // The same in an HLM: the APL, same amount (the réduction de loyer de solidarité is not modelled).
    const hlm = { ...h, housing: { ...h.housing, conventionne: true } };
    const apl = simulate(hlm, "2025-10").results.aide_logement;
    expect([apl.label, apl.amountCents]).toEqual(["Aide personnalisée au logement (APL)", 26258]);
  });

  it("takes 75 % of the ceiling in colocation and the colocation forfait charges", () => {
    // October 2025, no income: ceiling 333.14 × 0.75 = 249.86 (249.855); C = 30.29;
    // P0 = max(8.5 % × 280.15 = 23.81, 39.56) = 39.56; 249.86 + 30.29 − 39.56 = 240.59;
    // − 5 = 235.59; × 0.995 = 234.41 €.
    const r = simulate(single(0, { shared: true }), "2025-10").results.aide_logement;
    expect(r.amountCents).toBe(23441);
  });

  it("pays nothing when resources are high, and says why", () => {
    const r = simulate(single(350000), "2025-10").results.aide_logement;
    expect(r.eligible).toBe(false);
    expect(r.amountCents).toBe(0);
    expect(r.reason).toMatch(/ressources/);
  });

  it("does not compute, and says so, for an owner repaying a loan, a foyer or a self-employed person", () => {
    const accedant = simulate(single(100000, { status: "accedant", rent: 70000 }), "2025-10");
    expect(accedant.results.aide_logement.reason).toMatch(/^Non calculé.*prêt/);
    expect(accedant.notCovered.map((n) => n.benefit)).toEqual([
      "aide_logement_accession",
      "aide_logement_foyer",
      "aide_logement_independants",
      "bourse_lycee_primes",
    ]);
    expect(
      simulate(single(100000, { foyer: true }), "2025-10").results.aide_logement.reason,
    ).toMatch(/^Non calculé.*foyer/);
    const independant = makeHousehold({
      ...single(100000),
      members: [makeMember({ birthDate: "1985-02-01", activity: "independant" })],
    });
    expect(simulate(independant, "2025-10").results.aide_logement.reason).toMatch(
      /^Non calculé.*indépendant/,
    );
  });

  it("explains the calculation in words, with the zone and the resources of the 12 months", () => {
    const steps = simulate(single(100000), "2025-10").results.aide_logement.steps.map(
      (s) => s.text,
    );
    expect(steps.join("\n")).toMatch(/zone 1/);
    expect(steps.join("\n")).toMatch(/2024-09 à 2025-08/);
    expect(steps.at(-1)).toBe("Aide au logement du mois, après la CRDS de 0,5 % : 168,29 €");
  });

  it("marks it already received when the household declares a housing benefit", () => {
    const r = simulate(single(100000, { housingBenefit: 16000 }), "2025-10").results.aide_logement;
    expect(r.alreadyReceived).toBe(true);
  });

  it("gives the batch's hot path the same outcome, at its place in BENEFITS order", () => {
    const h = single(100000);
    const outcomes = simulateOutcomes(h, "2025-10");
    expect(outcomes[BENEFITS.indexOf("aide_logement")]?.amount).toBe(16829);
  });
});

describe("the computed aide au logement brings the forfait logement (art. R262-10 CASF, R844-3 CSS)", () => {
  const person = (salary: number, rent?: number) =>
    makeHousehold({
      depcom: "92050",
      housing: { status: "locataire", ...(rent === undefined ? {} : { rent }) },
      members: [
        makeMember({
          birthDate: "1985-02-01",
          activity: salary > 0 ? "salarie" : "inactif",
          resources: everyMonth("2023-01", "2026-12", salary > 0 ? { salaireNet: salary } : {}),
        }),
      ],
    });

  it("lowers the RSA of a tenant without income by 12 % of the montant forfaitaire", () => {
    // Without the rent, no aide au logement is computed: RSA = 646.52 € in October 2025.
    expect(simulate(person(0), "2025-10").results.rsa.amountCents).toBe(64652);
    // Rent 500 €: aide au logement 333.14 + 60.59 − 39.56 = 354.17; − 5 = 349.17; × 0.995 = 347.42 €.
    // RSA = 646.52 − 12 % × 646.52 (77.58, less than the aid) = 568.94 € (décret n° 2025-293).
    const r = simulate(person(0, 50000), "2025-10").results;
    expect(r.aide_logement.amountCents).toBe(34742);
    expect(r.rsa.amountCents).toBe(56894);
    // September 2024: aid 319.30 + 58.08 − 37.91 − 5 = 334.47 × 0.995 = 332.80 €;
    // RSA 635.71 − 12 % × 635.71 = 559.42 € (décret n° 2024-396).
    const sept = simulate(person(0, 50000), "2024-09").results;
    expect([sept.aide_logement.amountCents, sept.rsa.amountCents]).toEqual([33280, 55942]);
  });

  it("lowers the prime d'activité of a worker at 1 000 € by 12 % of its montant forfaitaire", () => {
    // October 2025 (quarter July–September 2025): 307.76 € without the aid; with it, each month
    // loses 12 % × 633.21 = 75.985 € (décret n° 2025-294): 307.76 − 75.99 = 231.77 €.
    expect(simulate(person(100000), "2025-10").results.ppa.amountCents).toBe(30776);
    const r = simulate(person(100000, 50000), "2025-10").results;
    expect(r.aide_logement.amountCents).toBe(16829);
    expect(r.ppa.amountCents).toBe(23177);
  });
});
