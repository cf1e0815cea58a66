import { describe, expect, it } from "vitest";
import { computeOpenFiscaSituation, OpenFiscaSituationError } from "./openfisca.ts";

// The situation of OpenFisca-France tests/leximpact/2024/rsa_01_seuil_rsa_inactif_d1.yml, reduced
// to the variables this engine reads; expected rsa 665.43 (2024-01), 696.05 (2024-04), ars 441.58 (2024).
function rsa01(requests: Record<string, unknown>) {
  const loyer: Record<string, number> = {};
  const aide: Record<string, number> = {};
  for (let m = 1; m <= 12; m++) {
    const k = `2024-${String(m).padStart(2, "0")}`;
    loyer[k] = 400;
    aide[k] = 344.42;
  }
  return {
    individus: {
      adulte_1: {
        date_naissance: { ETERNITY: "1997-01-01" },
        activite: { "2024-01": "inactif" },
        statut_marital: { "2024": "celibataire" },
      },
      enfant_1: { date_naissance: { "2024": "2013-01-01" } },
    },
    familles: {
      famille_n_1: {
        parents: ["adulte_1"],
        enfants: ["enfant_1"],
        aide_logement: aide,
        ...requests,
      },
    },
    foyers_fiscaux: { declaration: { declarants: ["adulte_1"], personnes_a_charge: ["enfant_1"] } },
    menages: {
      logement: {
        personne_de_reference: ["adulte_1"],
        enfants: ["enfant_1"],
        statut_occupation_logement: { "2024": "locataire_hlm" },
        loyer,
        depcom: { "2024": "66136" },
      },
    },
  };
}

describe("OpenFisca situation adapter", () => {
  it("fills in rsa and ars like OpenFisca-France (rsa_01: 665.43, 696.05, ars 441.58)", () => {
    const out = computeOpenFiscaSituation(
      rsa01({
        rsa: { "2024-01": null, "2024-04": null },
        ars: { "2024": null },
        cmu_c: { "2024-04": null },
      }),
    );
    const famille = out.situation.familles?.famille_n_1 as Record<string, Record<string, unknown>>;
    expect(famille.rsa).toEqual({ "2024-01": 665.43, "2024-04": 696.05 });
    expect(famille.ars).toEqual({ "2024": 441.58 });
    expect(famille.cmu_c).toEqual({ "2024-04": true });
    expect(
      out.explanations.find((e) => e.variable === "rsa" && e.period === "2024-04")?.steps.length,
    ).toBeGreaterThan(2);
    expect(out.warnings.some((w) => w.includes("statut_marital"))).toBe(true);
    expect(out.notCovered[0]?.benefit).toBe("aide_logement_accession");
  });

  it("sums a monthly variable requested for a year, as OpenFisca does (3 × 665.43 + 9 × 696.05 = 8 260.74)", () => {
    const out = computeOpenFiscaSituation(rsa01({ rsa: { "2024": null } }));
    expect(
      (out.situation.familles?.famille_n_1 as Record<string, Record<string, unknown>> | undefined)
        ?.rsa,
    ).toEqual({ "2024": 8260.74 });
  });

  it("computes the individual aah and the ménage's chèque énergie", () => {
    const out = computeOpenFiscaSituation({
      individus: {
        p: {
          date_naissance: { ETERNITY: "1980-01-01" },
          taux_incapacite: { "2025-04": 0.8 },
          aah: { "2025-04": null },
        },
      },
      familles: { f: { parents: ["p"] } },
      foyers_fiscaux: { ff: { declarants: ["p"], rfr: { "2023": 5000 } } },
      menages: {
        m: {
          personne_de_reference: "p",
          statut_occupation_logement: { "2025-04": "locataire_vide" },
          cheque_energie: { "2025": null },
        },
      },
    });
    // AAH 1 033.32 € (décret 2025-297); chèque énergie 194 € for one UC under 5 700 € (arrêté du 3 mars 2023).
    expect((out.situation.individus.p as Record<string, Record<string, unknown>>).aah).toEqual({
      "2025-04": 1033.32,
    });
    expect(
      (out.situation.menages?.m as Record<string, Record<string, unknown>> | undefined)
        ?.cheque_energie,
    ).toEqual({ "2025": 194 });
  });

  it("rejects an unknown variable with a French message naming it", () => {
    const run = () =>
      computeOpenFiscaSituation(rsa01({ allocation_imaginaire: { "2024-01": null } }));
    expect(run).toThrow(OpenFiscaSituationError);
    expect(run).toThrow("« allocation_imaginaire »");
    try {
      run();
    } catch (error) {
      expect((error as OpenFiscaSituationError).code).toBe("unknown_variable");
      expect((error as OpenFiscaSituationError).path).toBe(
        "familles.famille_n_1.allocation_imaginaire",
      );
    }
  });

  it("refuses to compute an input-only variable, naming it", () => {
    expect(() =>
      computeOpenFiscaSituation(rsa01({ rsa_isolement_recent: { "2024-04": null } })),
    ).toThrow("« rsa_isolement_recent »");
  });

  it("rejects a malformed period, naming it", () => {
    expect(() => computeOpenFiscaSituation(rsa01({ rsa: { "2024-13": null } }))).toThrow(
      "« 2024-13 »",
    );
    expect(() => computeOpenFiscaSituation(rsa01({ ars: { "2024-08": null } }))).toThrow(
      "annuelle",
    );
    expect(() => computeOpenFiscaSituation(rsa01({ rsa: null }))).toThrow("par période");
  });

  it("rejects a structure that is not a situation", () => {
    expect(() => computeOpenFiscaSituation({ familles: {} })).toThrow(OpenFiscaSituationError);
  });
});
