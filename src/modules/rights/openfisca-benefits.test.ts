import { describe, expect, it } from "vitest";
import { computeOpenFiscaSituation } from "./openfisca.ts";

// A lone parent born 1997, inactive, one child born 2013, HLM tenant with a housing benefit of
// 344.42 € (the situation of OpenFisca-France tests/leximpact/2024/rsa_01_seuil_rsa_inactif_d1.yml,
// whose rsa is 696.05 € in April 2024), with the new benefits requested.
function loneParent(
  requests: Record<string, unknown>,
  parent: Record<string, unknown> = {},
): Record<string, unknown> {
  const months = (year: number, v: number) =>
    Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`${year}-${String(i + 1).padStart(2, "0")}`, v]),
    );
  return {
    individus: {
      adulte_1: {
        date_naissance: { ETERNITY: "1997-01-01" },
        activite: { "2024-01": "inactif" },
        ...parent,
      },
      enfant_1: { date_naissance: { ETERNITY: "2013-01-01" } },
    },
    familles: {
      famille_1: {
        parents: ["adulte_1"],
        enfants: ["enfant_1"],
        aide_logement: { ...months(2024, 344.42), ...months(2025, 344.42) },
        ...requests,
      },
    },
    menages: {
      logement: {
        personne_de_reference: ["adulte_1"],
        enfants: ["enfant_1"],
        statut_occupation_logement: { "2024": "locataire_hlm" },
        loyer: { ...months(2024, 400), ...months(2025, 400) },
        depcom: { "2024": "66136" },
      },
    },
  };
}

const famille = (out: ReturnType<typeof computeOpenFiscaSituation>) =>
  out.situation.familles?.famille_1 as Record<string, Record<string, unknown>>;

describe("OpenFisca API: asf, cf and aefa under OpenFisca-France's names", () => {
  it("computes asf 196.84 € (0.422 × 466.44, art. R523-7 CSS), cf 0 with one child, aefa 228.67 € for 2024", () => {
    // aefa: RSA due for November 2024 (696.05 €), a parent and one child: 152.45 × 1.5 = 228.675,
    // 228.67 € as published (décret n° 2023-1184 amounts, service-public.fr fiche F1325).
    const out = computeOpenFiscaSituation(
      loneParent({
        asf: { "2024-04": null },
        cf: { "2024-04": null },
        aefa: { "2024": null },
        rsa: { "2024-04": null },
      }),
    );
    const f = famille(out);
    expect(f.rsa).toEqual({ "2024-04": 696.05 });
    expect(f.asf).toEqual({ "2024-04": 196.84 });
    expect(f.cf).toEqual({ "2024-04": 0 });
    expect(f.aefa).toEqual({ "2024": 228.67 });
    expect(out.explanations.find((e) => e.variable === "aefa")?.eligible).toBe(true);
  });

  it("sums asf over a year asked as a year: 3 × 196.84 + 9 × 200.18 = 2 392.14 € in 2025", () => {
    // January–March 2025 on the April 2024 BMAF (466.44), April–December on 474.37:
    // 3 × 196.837 + 9 × 200.184 = 590.511 + 1 801.656 = 2 392.17 €; OpenFisca sums the months
    // rounded to the cent by this engine: 3 × 196.84 + 9 × 200.18 = 2 392.14 €.
    const out = computeOpenFiscaSituation(loneParent({ asf: { "2025": null } }));
    expect(famille(out).asf).toEqual({ "2025": 2392.14 });
  });

  it("refuses aefa asked for a month: it is a yearly variable", () => {
    expect(() => computeOpenFiscaSituation(loneParent({ aefa: { "2024-12": null } }))).toThrow(
      /annuelle/,
    );
  });
});

describe("OpenFisca API: salaire_imposable by month", () => {
  // ARS 2025 for a child of 12 on 31 December 2025: 0.9467 × 474.37 = 449.09 € (D543-1 CSS);
  // ceiling 21 880 × 1.3 = 28 444 € (arrêté du 20 décembre 2024, R543-5 CSS) against the 2023
  // income less 10 %: 36 000 € → 32 400 €, far above: no ARS.
  it("accepts twelve monthly values of 3 000 € like one yearly value of 36 000 €", () => {
    const monthly = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`2023-${String(i + 1).padStart(2, "0")}`, 3000]),
    );
    const byMonth = computeOpenFiscaSituation(
      loneParent({ ars: { "2025": null } }, { salaire_imposable: monthly }),
    );
    const byYear = computeOpenFiscaSituation(
      loneParent({ ars: { "2025": null } }, { salaire_imposable: { "2023": 36000 } }),
    );
    const none = computeOpenFiscaSituation(loneParent({ ars: { "2025": null } }));
    expect(famille(byMonth).ars).toEqual({ "2025": 0 });
    expect(famille(byYear).ars).toEqual({ "2025": 0 });
    expect(famille(none).ars).toEqual({ "2025": 449.09 });
  });

  it("refuses salaire_imposable for ETERNITY", () => {
    expect(() =>
      computeOpenFiscaSituation(loneParent({}, { salaire_imposable: { ETERNITY: 1000 } })),
    ).toThrow(/par mois/);
  });
});

describe("OpenFisca API: paje_naissance", () => {
  // A couple, the second parent expecting a child born 15 July 2025 (an OpenFisca child with a
  // future birth date); 2023 income 30 000 € → 27 000 € ≤ 29 169 × 1.25 (art. R531-1 CSS).
  const couple = (requests: Record<string, unknown>, pregnant = false) => ({
    individus: {
      adulte_1: {
        date_naissance: { ETERNITY: "1990-01-01" },
        salaire_imposable: { "2023": 30000 },
      },
      adulte_2: {
        date_naissance: { ETERNITY: "1991-01-01" },
        ...(pregnant ? { enceinte: { "2025-05": true } } : {}),
      },
      ...(pregnant ? {} : { bebe: { date_naissance: { ETERNITY: "2025-07-15" } } }),
    },
    familles: {
      famille_1: {
        parents: ["adulte_1", "adulte_2"],
        enfants: pregnant ? [] : ["bebe"],
        ...requests,
      },
    },
  });

  it("is 1 089.87 € (2.2975 × 474.37, art. D531-2 CSS) in May 2025 only, 1 089.87 € over the year 2025", () => {
    const out = computeOpenFiscaSituation(
      couple({ paje_naissance: { "2025-05": null, "2025-06": null, "2025": null } }),
    );
    expect(famille(out).paje_naissance).toEqual({
      "2025-05": 1089.87,
      "2025-06": 0,
      "2025": 1089.87,
    });
  });

  it("is 0 on a pregnancy alone, as in OpenFisca (no birth date, no month of payment)", () => {
    const out = computeOpenFiscaSituation(couple({ paje_naissance: { "2025-05": null } }, true));
    expect(famille(out).paje_naissance).toEqual({ "2025-05": 0 });
  });
});

describe("OpenFisca API: bourse_college and bourse_lycee, monthly variables of the famille", () => {
  // The lone parent's child (born 2013) in collège, then in lycée; rfr of 2023 (N-2 of 2025):
  // 2 000 €. One child: échelon 3 of the collège under 296.8 × 11.52 = 3 419 € (arrêté du
  // 22 mars 2016), 1.1075 × 466.44 = 516.58 → 172 × 3 = 516 € (art. D531-7 code de l'éducation);
  // lycée échelon 6 under 244.3 × 11.52 = 2 814 €, 2.2584 × 466.44 = 1 053.41 → 351 × 3 = 1 053 €.
  const situation = (requests: Record<string, unknown>, scolarite: unknown) => {
    const s = loneParent(requests) as {
      individus: Record<string, Record<string, unknown>>;
      foyers_fiscaux?: unknown;
    };
    s.individus.enfant_1 = { ...s.individus.enfant_1, scolarite };
    s.foyers_fiscaux = {
      foyer_1: {
        declarants: ["adulte_1"],
        personnes_a_charge: ["enfant_1"],
        rfr: { "2023": 2000 },
      },
    };
    return s;
  };

  it("computes the school year's bourse de collège for a month: 516 €", () => {
    const out = computeOpenFiscaSituation(
      situation(
        { bourse_college: { "2025-10": null }, bourse_lycee: { "2025-10": null } },
        {
          "2025-10": "college",
        },
      ),
    );
    expect(famille(out).bourse_college).toEqual({ "2025-10": 516 });
    expect(famille(out).bourse_lycee).toEqual({ "2025-10": 0 });
  });

  it("reads a yearly scolarite for each month of the year: bourse de lycée 1 053 €", () => {
    const out = computeOpenFiscaSituation(
      situation({ bourse_lycee: { "2025-10": null } }, { "2025": "lycee" }),
    );
    expect(famille(out).bourse_lycee).toEqual({ "2025-10": 1053 });
  });

  it("refuses a year period, by name, and an unknown scolarite", () => {
    expect(() =>
      computeOpenFiscaSituation(situation({ bourse_college: { "2025": null } }, "college")),
    ).toThrow(/bourse_college se calcule pour un mois/);
    expect(() =>
      computeOpenFiscaSituation(situation({ bourse_college: { "2025-10": null } }, "cm2")),
    ).toThrow(/Valeur inconnue « cm2 »/);
  });
});
