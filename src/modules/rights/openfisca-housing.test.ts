import { describe, expect, it } from "vitest";
import { computeOpenFiscaSituation } from "./openfisca.ts";
import { OpenFiscaSituationError } from "./openfisca-variables.ts";

// The aides au logement in the OpenFisca situation API, under OpenFisca-France's names
// (aide_logement, apl, als, alf: monthly, famille) with its inputs (loyer,
// statut_occupation_logement, depcom, zone_apl, coloc, logement_chambre). A single person
// earning 1 000 € net a month since 2023, rent 500 €; hand calculations in the comments,
// figures of the arrêté du 5 septembre 2025 (1 October 2025) and R0 2025 (5 235 €).

const months = (from: number, to: number, v: unknown) => {
  const out: Record<string, unknown> = {};
  for (let y = from; y <= to; y++)
    for (let m = 1; m <= 12; m++) out[`${y}-${String(m).padStart(2, "0")}`] = v;
  return out;
};

function tenant(menage: Record<string, unknown>, requests: Record<string, unknown>) {
  return {
    individus: {
      salarie: {
        date_naissance: { ETERNITY: "1985-02-01" },
        activite: { "2025": "actif" },
        salaire_net: months(2023, 2025, 1000),
      },
    },
    familles: { famille_1: { parents: ["salarie"], ...requests } },
    menages: {
      menage_1: {
        personne_de_reference: ["salarie"],
        statut_occupation_logement: { "2025": "locataire_vide" },
        loyer: months(2025, 2025, 500),
        depcom: { "2025": "92050" },
        ...menage,
      },
    },
  };
}

const ASKED = {
  aide_logement: { "2025-10": null },
  apl: { "2025-10": null },
  als: { "2025-10": null },
  alf: { "2025-10": null },
};
const famille = (out: ReturnType<typeof computeOpenFiscaSituation>) =>
  out.situation.familles?.famille_1 as Record<string, Record<string, unknown>>;

describe("aides au logement in the OpenFisca situation API", () => {
  it("computes aide_logement and als for a private tenant in Nanterre (zone 1): 168.29 €", () => {
    // L = 333.14, C = 60.59, P0 = 39.56; Pp = 39.56 + 3.235 % × (10 800 − 5 235) = 219.59;
    // 393.73 − 219.59 = 174.14; − 5 = 169.14; × 0.995 = 168.29 €.
    const out = computeOpenFiscaSituation(tenant({}, ASKED));
    const f = famille(out);
    expect([f.aide_logement, f.als, f.alf, f.apl]).toEqual([
      { "2025-10": 168.29 },
      { "2025-10": 168.29 },
      { "2025-10": 0 },
      { "2025-10": 0 },
    ]);
    expect(out.explanations.find((e) => e.variable === "als")?.steps.length).toBeGreaterThan(5);
  });

  it("gives it as apl to an HLM tenant (locataire_hlm)", () => {
    const out = computeOpenFiscaSituation(
      tenant({ statut_occupation_logement: { "2025": "locataire_hlm" } }, ASKED),
    );
    expect([famille(out).apl, famille(out).als]).toEqual([{ "2025-10": 168.29 }, { "2025-10": 0 }]);
  });

  it("reads zone_apl: 115.50 € in zone 3", () => {
    // L = min(500, 272.12); C = 60.59; P0 = 39.56; RL = 272.12 / 290.34 = 93.72 % (above 75 %):
    // TL = 0.45 % × 30 % + 0.68 % × 18.72 % = 0.262 %; Tp = 3.092 %;
    // Pp = 39.56 + 3.092 % × 5 565 = 211.63; 332.71 − 211.63 = 121.08; − 5 = 116.08;
    // × 0.995 = 115.50 €.
    const out = computeOpenFiscaSituation(
      tenant({ zone_apl: { "2025-10": "zone_3" } }, { aide_logement: { "2025-10": null } }),
    );
    expect(famille(out).aide_logement).toEqual({ "2025-10": 115.5 });
  });

  it("retains two thirds of a furnished rent (locataire_meuble, 450 € → 300 €): 139.59 €", () => {
    // L = 300; C = 60.59; P0 = 39.56; RL = 300 / 290.34 = 103.33 %; TL = 0.135 + 0.68 % × 28.33
    // = 0.328 %; Tp = 3.158 %; Pp = 39.56 + 175.74 = 215.30; 360.59 − 215.30 = 145.29;
    // − 5 = 140.29; × 0.995 = 139.59 €.
    const out = computeOpenFiscaSituation(
      tenant(
        {
          statut_occupation_logement: { "2025": "locataire_meuble" },
          loyer: months(2025, 2025, 450),
        },
        { aide_logement: { "2025-10": null } },
      ),
    );
    expect(famille(out).aide_logement).toEqual({ "2025-10": 139.59 });
  });

  it("reads coloc: 75 % of the ceiling and the colocation charges", () => {
    // Ceiling 333.14 × 0.75 = 249.86; C = 30.29; P0 = max(8.5 % × 280.15, 39.56) = 39.56;
    // RL = 249.86 / 290.34 = 86.06 %; TL = 0.135 + 0.68 % × 11.06 = 0.210 %; Tp = 3.040 %;
    // Pp = 39.56 + 3.04 % × 5 565 = 208.74; 280.15 − 208.74 = 71.41; − 5 = 66.41 → 66.08 €.
    const out = computeOpenFiscaSituation(
      tenant({ coloc: { "2025-10": true } }, { aide_logement: { "2025-10": null } }),
    );
    expect(famille(out).aide_logement).toEqual({ "2025-10": 66.08 });
  });

  it("says an owner repaying a loan is not computed: 0 with the reason and notCovered", () => {
    const out = computeOpenFiscaSituation(
      tenant(
        { statut_occupation_logement: { "2025": "primo_accedant" } },
        { aide_logement: { "2025-10": null } },
      ),
    );
    expect(famille(out).aide_logement).toEqual({ "2025-10": 0 });
    expect(out.explanations[0]?.reason).toMatch(/^Non calculé/);
    expect(out.notCovered.map((n) => n.benefit)).toContain("aide_logement_accession");
  });

  it("still reads a given aide_logement as the benefit received, and refuses an unknown zone", () => {
    const given = computeOpenFiscaSituation(
      tenant({}, { aide_logement: { "2025-10": 120 }, rsa: { "2025-10": null } }),
    );
    expect(famille(given).aide_logement).toEqual({ "2025-10": 120 });
    let error: unknown;
    try {
      computeOpenFiscaSituation(tenant({ zone_apl: { "2025-10": "zone_4" } }, ASKED));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpenFiscaSituationError);
    expect((error as OpenFiscaSituationError).code).toBe("unknown_value");
  });
});
