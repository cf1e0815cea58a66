import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Source B — OpenFisca-France test tests/leximpact/2024/famille_monoparentale_un_enfant_0.8_smic_d2.yml:
// lone parent born 1985-11-05 working at 0.8 SMIC, one child born 2021-01-01, maintenance of
// 150 €/month, HLM tenant with a housing benefit of 211.18 €. The test gives
// ppa_base_ressources = 1 315.76 € from April 2024 = net salary + 150 € maintenance + 46.84 € of
// differential ASF (asf output), hence a net salary of 1 118.92 €; ppa = 261.33 € for July 2024
// (quarter April–June 2024); rsa_base_ressources above the montant forfaitaire: no RSA.
const monoparentale = makeHousehold({
  members: [
    makeMember({
      birthDate: "1985-11-05",
      activity: "salarie",
      resources: everyMonth("2023-01", "2025-12", {
        salaireNet: 111892,
        pensionsAlimentaires: 15000,
      }),
    }),
    makeMember({ role: "enfant", birthDate: "2021-01-01" }),
  ],
  housing: { status: "locataire", rent: 40000, housingBenefit: 21118 },
});

describe("prime d'activité", () => {
  it("pays 261.33 € in July 2024 to a lone parent at 0.8 SMIC (OpenFisca famille_monoparentale_un_enfant_0.8_smic)", () => {
    const r = simulate(monoparentale, "2024-07").results;
    expect(r.ppa.amountCents).toBe(26133);
    expect(r.rsa.eligible).toBe(false);
  });

  it("applies the 59.85 % pente and the April 2025 values in July 2025", () => {
    // Same household, quarter April–June 2025, hand-computed from the barèmes:
    // montant forfaitaire 633.21 × 1.5 = 949.815 (décret 2025-294); pente 0.5985 × 1 118.92 = 669.674
    // (art. D843-3 CSS as of 1 April 2025); bonification 184.27 × (1 118.92 − 59 × 11.88) / ((120 − 59) × 11.88)
    // = 106.289 (D843-2, décret 2024-951 for the SMIC); differential ASF 0.422 × 474.37 − 150 = 50.184
    // (R523-7 CSS, BMAF of April 2025); forfait logement 0.16 × 949.815 = 151.970 (R844-3).
    // 949.815 + 106.289 + 669.674 − (1 118.92 + 150 + 50.184 + 151.970) = 254.70 €.
    expect(simulate(monoparentale, "2025-07").results.ppa.amountCents).toBe(25470);
  });

  it("averages three monthly amounts each computed with its own month's parameters (June mixes March and April values)", () => {
    // Single person, 1 000 € net salary every month, tenant without housing benefit.
    // SMIC horaire 11.88 € (décret 2024-951): bonification from 59 × 11.88 = 700.92 € to 120 × 11.88 = 1 425.60 €.
    // March 2025 (décret 2024-403, pente 61 %): 622.63 + 0.61 × 1 000 + 181.19 × (1 000 − 700.92) / 724.68 − 1 000 = 307.408
    // April/May 2025 (décret 2025-294, pente 59.85 %): 633.21 + 598.50 + 184.27 × 299.08 / 724.68 − 1 000 = 307.760
    // (bonification maximale 0.29101 × montant forfaitaire, rounded to the cent, D843-2 CSS).
    // June 2025 = (307.408 + 2 × 307.760) / 3 = 307.64 €.
    const single = makeHousehold({
      members: [
        makeMember({
          birthDate: "1990-01-01",
          resources: everyMonth("2024-01", "2025-12", { salaireNet: 100000 }),
        }),
      ],
    });
    const r = simulate(single, "2025-06").results.ppa;
    expect(r.amountCents).toBe(30764);
    const months = r.steps
      .filter((s) => s.text.includes("montant forfaitaire pour"))
      .map((s) => s.text.slice(0, 7));
    expect(months).toEqual(["2025-03", "2025-04", "2025-05"]);
  });

  it("does not pay a prime below 15 € (art. D843-1 CSS)", () => {
    // Salary 2 030 €, bonification at its maximum. March 2025: 622.63 + 0.61 × 2 030 + 181.19 − 2 030 = 12.12;
    // April/May: 633.21 + 0.5985 × 2 030 + 184.27 − 2 030 = 2.435; average 5.66 € < 15 €: not paid.
    const high = makeHousehold({
      members: [
        makeMember({
          birthDate: "1990-01-01",
          resources: everyMonth("2024-01", "2025-12", { salaireNet: 203000 }),
        }),
      ],
    });
    const r = simulate(high, "2025-06").results.ppa;
    expect(r.eligible).toBe(false);
    expect(r.amountCents).toBe(0);
    expect(r.reason).toContain("5,66 €");
  });
});

describe("single parent with two children and a part-time job", () => {
  // Lone parent born 1990, children born 2016 and 2019, 500 € net a month part-time, tenant with a
  // housing benefit of 300 €, no maintenance received (the ASF is then assumed, DOMAIN.md).
  // Hand-computed for June 2025 from the barèmes cited in parameters/:
  // RSA: 646.52 × 1.8 = 1 163.736 (décret 2025-293, R262-1 CASF) − 500 − AF base 0.32 × 474.37 = 151.80
  //      − ASF forfait 2 × 0.225 × 474.37 = 213.467 (R262-10-1 CASF) − forfait logement 0.165 × 1 163.736
  //      = 192.016 (R262-9) = 106.45 €.
  // PPA: March 2025 (622.63 × 1.8 = 1 120.734; resources + FL below it) = 0.61 × 500 = 305.00;
  //      April and May (633.21 × 1.8) = 0.5985 × 500 = 299.25; average 301.17 €.
  const family = makeHousehold({
    members: [
      makeMember({
        birthDate: "1990-04-12",
        activity: "salarie",
        resources: everyMonth("2023-01", "2025-12", { salaireNet: 50000 }),
      }),
      makeMember({ role: "enfant", birthDate: "2016-09-01" }),
      makeMember({ role: "enfant", birthDate: "2019-02-15" }),
    ],
    housing: { status: "locataire", rent: 65000, housingBenefit: 30000 },
  });

  it("is entitled to RSA 106.45 € and prime d'activité 301.17 € in June 2025, with explanations", () => {
    const r = simulate(family, "2025-06").results;
    expect(r.rsa.amountCents).toBe(10645);
    expect(r.ppa.amountCents).toBe(30117);
    expect(r.rsa.steps.length).toBeGreaterThan(3);
    expect(r.ppa.steps.at(-1)?.text).toContain("moyenne des trois montants mensuels");
    expect(r.af.amountCents).toBe(15180);
    expect(r.css.detail?.participation).toBe(false);
  });

  it("gets the RSA majoré when the isolation is recent (art. L262-9 CASF)", () => {
    // 646.52 × (1.28412 + 2 × 0.42804) = 1 383.682 instead of 1 163.736:
    // 1 383.682 − 500 − 151.80 − 213.467 − 192.016 = 326.40 €.
    const recent = { ...family, isolatedSince: "2025-01" };
    const r = simulate(recent, "2025-06").results.rsa;
    expect(r.detail?.majore).toBe(true);
    expect(r.amountCents).toBe(32640);
  });
});
