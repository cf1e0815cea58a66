import { describe, expect, it } from "vitest";
import { netSalaryFromGross } from "./gross-to-net.ts";
import { computeOpenFiscaSituation, OpenFiscaSituationError } from "./openfisca.ts";

// Employee contributions of a private-sector non-cadre employee up to the plafond
// (parameters/cotisations.ts): vieillesse 6.90 % + 0.40 % (art. D242-4 CSS), Agirc-Arrco T1
// 3.15 % and CEG 0.86 % (ANI du 17 novembre 2017), CSG 9.2 % (art. L136-8 CSS) and CRDS 0.5 %
// (ordonnance 96-50) on 98.25 % of the gross (art. L136-1-2 CSS).
// 2,500 € gross: 172.50 + 10.00 + 78.75 + 21.50 + CSG 2,456.25 × 9.2 % = 225.98
// + CRDS 2,456.25 × 0.5 % = 12.28 → 521.01 € of contributions, net 1,978.99 €.

// biome-ignore lint/suspicious/noExplicitAny: tests edit the situation freely.
type Situation = Record<string, any>;

/**
 * An OpenFisca-France situation as a partner writes it (salaire_de_base, the
 * category and contract of the job, marital status, housing), unchanged:
 * a single tenant aged 40 earning 2,500 € gross a month from December 2024.
 */
function singleEmployee(): Situation {
  const months = ["2024-12", "2025-01", "2025-02", "2025-03"];
  const each = (v: unknown) => Object.fromEntries(months.map((m) => [m, v]));
  return {
    individus: {
      salarie: {
        date_naissance: { ETERNITY: "1985-02-14" },
        salaire_de_base: each(2500),
        categorie_salarie: each("prive_non_cadre"),
        contrat_de_travail: each("temps_plein"),
        activite: each("actif"),
        statut_marital: { "2025": "celibataire" },
      },
    },
    familles: {
      famille_1: { parents: ["salarie"], rsa: { "2025-03": null }, ppa: { "2025-03": null } },
    },
    foyers_fiscaux: { foyer_fiscal_1: { declarants: ["salarie"] } },
    menages: {
      menage_1: {
        personne_de_reference: ["salarie"],
        statut_occupation_logement: each("locataire_vide"),
        loyer: each(550),
        depcom: { "2025": "69123" },
      },
    },
  };
}

const famille = (out: ReturnType<typeof computeOpenFiscaSituation>) =>
  out.situation.familles?.famille_1 as Record<string, Record<string, number>>;

function errorOf(run: () => unknown): OpenFiscaSituationError {
  try {
    run();
  } catch (error) {
    if (error instanceof OpenFiscaSituationError) return error;
    throw error;
  }
  throw new Error("expected an OpenFiscaSituationError");
}

describe("gross salary (salaire_de_base) in an OpenFisca situation", () => {
  it("converts 2,500 € gross into 1,978.99 € net with the employee contributions of a non-cadre", () => {
    expect(netSalaryFromGross(250000, "2025-03-01")).toBe(197899);
    // 1,700 € gross: 117.30 + 6.80 + 53.55 + 14.62 + 153.66 + 8.35 = 354.28 → 1,345.72 €.
    expect(netSalaryFromGross(170000, "2026-03-01")).toBe(134572);
  });

  it("does not convert above the plafond mensuel (3,864 € in 2024, 3,925 € in 2025)", () => {
    expect(netSalaryFromGross(390000, "2024-12-01")).toBeUndefined();
    expect(netSalaryFromGross(390000, "2025-01-01")).toBeTypeOf("number");
  });

  it("computes RSA 0 and prime d'activité 32.01 € in March 2025 for a single tenant earning 2,500 € gross", () => {
    // Quarter December 2024 – February 2025, all with the same parameters: PPA montant forfaitaire
    // 622.63 € (décret 2024-403), 61 % of earnings (art. D843-3 CSS), SMIC 11.88 € (décret
    // 2024-951); net 1,978.99 € > 120 h × 11.88 € = 1,425.60 €, so the full bonification
    // 29.101 % × 622.63 € = 181.19 € (art. D843-2 CSS).
    // Each month: 622.63 + 181.19 + 0.61 × 1,978.99 − max(1,978.99, 622.63) = 32.0139 → 32.01 €.
    // RSA (montant forfaitaire 635.71 €, décret 2024-396): resources 1,978.99 € a month exceed it.
    const out = computeOpenFiscaSituation(singleEmployee());
    expect(famille(out).ppa).toEqual({ "2025-03": 32.01 });
    expect(famille(out).rsa).toEqual({ "2025-03": 0 });
    expect(out.warnings.some((w) => w.includes("salaire_de_base"))).toBe(false);
  });

  it("keeps a salaire_net given for the same month, as OpenFisca does with an input", () => {
    const situation = singleEmployee();
    situation.individus.salarie.salaire_net = {
      "2024-12": 1000,
      "2025-01": 1000,
      "2025-02": 1000,
    };
    // Bonification 181.19 × (1,000 − 59 h × 11.88) / (120 h × 11.88 − 59 h × 11.88)
    // = 181.19 × 299.08 / 724.68 = 74.779 €; each month 622.63 + 0.61 × 1,000 + 74.779
    // − max(1,000, 622.63) = 307.409 €. The tenant (550 € in Lyon) is now entitled to an aide
    // au logement, which brings the forfait logement: 12 % × 622.63 = 74.716 € (art. R844-3
    // CSS), so 307.409 − 74.716 = 232.693 → 232.69 €.
    expect(famille(computeOpenFiscaSituation(situation)).ppa).toEqual({ "2025-03": 232.69 });
  });

  it("refuses a gross salary above the plafond, or of another category, naming it (unsupported_value)", () => {
    const high = singleEmployee();
    high.individus.salarie.salaire_de_base["2025-01"] = 4000;
    const tooHigh = errorOf(() => computeOpenFiscaSituation(high));
    expect(tooHigh.code).toBe("unsupported_value");
    expect(tooHigh.path).toBe("individus.salarie.salaire_de_base.2025-01");
    expect(tooHigh.message).toContain("plafond mensuel de la sécurité sociale (3925 €)");

    const cadre = singleEmployee();
    cadre.individus.salarie.categorie_salarie["2025-01"] = "public_titulaire_etat";
    const other = errorOf(() => computeOpenFiscaSituation(cadre));
    expect(other.code).toBe("unsupported_value");
    expect(other.message).toContain("« public_titulaire_etat »");
  });

  it("accepts garde_alternee and invalidite when false, refuses them when true", () => {
    const off = singleEmployee();
    off.individus.salarie.garde_alternee = { "2025-03": false };
    off.individus.salarie.invalidite = { "2025-03": false };
    expect(famille(computeOpenFiscaSituation(off)).ppa).toEqual({ "2025-03": 32.01 });
    for (const name of ["garde_alternee", "invalidite"]) {
      const on = singleEmployee();
      on.individus.salarie[name] = { "2025-03": true };
      const error = errorOf(() => computeOpenFiscaSituation(on));
      expect(error.code).toBe("unsupported_value");
      expect(error.message).toContain(`« ${name} »`);
    }
  });

  it("refuses a value outside the enumeration of activite or statut_occupation_logement (unknown_value)", () => {
    const activite = singleEmployee();
    activite.individus.salarie.activite["2025-01"] = "salarie";
    const a = errorOf(() => computeOpenFiscaSituation(activite));
    expect(a.code).toBe("unknown_value");
    expect(a.message).toContain("Valeur inconnue « salarie »");
    expect(a.path).toBe("individus.salarie.activite.2025-01");

    const logement = singleEmployee();
    logement.menages.menage_1.statut_occupation_logement["2025-01"] = "locataire";
    const l = errorOf(() => computeOpenFiscaSituation(logement));
    expect(l.code).toBe("unknown_value");
    expect(l.message).toContain("« locataire »");
  });
});
