import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// Allocation de soutien familial: 42.2 % of the BMAF per child (art. R523-7 CSS, décret
// n° 2022-1370 du 27 octobre 2022); BMAF 466.44 € from 1 April 2024 (instruction
// DSS/2B/2024/43), 474.37 € from 1 April 2025 (instruction DSS/2A/2C/2025/32), 478.16 €
// from 1 April 2026 (instruction DSS/2B/2026/46) — art. L551-1 CSS.

const loneParent = (children: readonly string[], maintenance = 0, extra = {}) =>
  makeHousehold({
    members: [
      makeMember({
        birthDate: "1988-05-10",
        activity: "inactif",
        resources: everyMonth("2023-01", "2026-12", {
          ...(maintenance > 0 ? { pensionsAlimentaires: maintenance } : {}),
        }),
      }),
      ...children.map((b) => makeMember({ id: `c-${b}`, role: "enfant", birthDate: b })),
    ],
    ...extra,
  });

describe("allocation de soutien familial", () => {
  it("pays 196.84 € per child in March 2025 and 200.18 € from April 2025 (0.422 × 466.44 and 0.422 × 474.37)", () => {
    const h = loneParent(["2015-03-01"]);
    // 0.422 × 466.44 = 196.837 → 196.84 €; 0.422 × 474.37 = 200.184 → 200.18 €.
    expect(simulate(h, "2025-03").results.asf.amountCents).toBe(19684);
    expect(simulate(h, "2025-04").results.asf.amountCents).toBe(20018);
  });

  it("pays 201.78 € per child from April 2026 (0.422 × 478.16), 403.57 € for two children", () => {
    const one = loneParent(["2015-03-01"]);
    // March 2026 still on the April 2025 BMAF: 200.18 €; April 2026: 0.422 × 478.16 = 201.784 €.
    expect(simulate(one, "2026-03").results.asf.amountCents).toBe(20018);
    expect(simulate(one, "2026-04").results.asf.amountCents).toBe(20178);
    // Two children: 2 × 201.784 = 403.567 → 403.57 €.
    expect(
      simulate(loneParent(["2015-03-01", "2018-06-01"]), "2026-04").results.asf.amountCents,
    ).toBe(40357);
  });

  it("tops up a lower maintenance: 200.18 − 150 = 50.18 € (differential ASF, art. L523-1 CSS)", () => {
    const r = simulate(loneParent(["2015-03-01"], 15000), "2025-06").results.asf;
    expect(r.eligible).toBe(true);
    expect(r.amountCents).toBe(5018);
  });

  it("pays no differential ASF under 15 € (art. D523-3 CSS): 200.18 − 190 = 10.18 €", () => {
    const r = simulate(loneParent(["2015-03-01"], 19000), "2025-06").results.asf;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("10,18");
  });

  it("pays nothing when the maintenance reaches the ASF", () => {
    const r = simulate(loneParent(["2015-03-01"], 25000), "2025-06").results.asf;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("pension alimentaire");
  });

  it("stops at 20: a child born 2005-01-01 opens no ASF in June 2025 (art. R512-2 CSS)", () => {
    const r = simulate(loneParent(["2005-01-01"]), "2025-06").results.asf;
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain("20 ans");
  });

  it("is not for a couple", () => {
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1988-05-10" }),
        makeMember({ id: "c", role: "conjoint", birthDate: "1989-05-10" }),
        makeMember({ id: "e", role: "enfant", birthDate: "2015-03-01" }),
      ],
    });
    expect(simulate(h, "2025-06").results.asf.eligible).toBe(false);
  });
});

describe("ASF in the RSA resources (art. R262-10-1 CASF: at most 22.5 % of the BMAF per child)", () => {
  // Lone parent, no income, child born 2015, tenant without housing benefit, not recently isolated.
  // RSA June 2025: 646.52 × 1.5 = 969.78 (décret n° 2025-293, R262-1 CASF).
  it("counts the full ASF at the flat 22.5 %: 969.78 − 0.225 × 474.37 = 969.78 − 106.733 = 863.05 €", () => {
    expect(simulate(loneParent(["2015-03-01"]), "2025-06").results.rsa.amountCents).toBe(86305);
  });

  it("counts a differential ASF below the flat amount as paid: 969.78 − 150 − 50.184 = 769.60 €", () => {
    // Maintenance 150 € counted as a resource (average of the three months), ASF 200.184 − 150 = 50.184.
    expect(simulate(loneParent(["2015-03-01"], 15000), "2025-06").results.rsa.amountCents).toBe(
      76960,
    );
  });

  it("counts no ASF under 15 €: 969.78 − 190 = 779.78 €", () => {
    expect(simulate(loneParent(["2015-03-01"], 19000), "2025-06").results.rsa.amountCents).toBe(
      77978,
    );
  });

  it("counts no ASF for a child of 21 (RSA child under 25, ASF child under 20): 969.78 €", () => {
    // Child born 2004-01-01 is 21 in June 2025: still in the RSA foyer (+50 %), no ASF.
    expect(simulate(loneParent(["2004-01-01"]), "2025-06").results.rsa.amountCents).toBe(96978);
  });

  it("uses the April 2024 BMAF in April 2024: 635.71 × 1.5 − 0.225 × 466.44 = 953.565 − 104.949 = 848.62 €", () => {
    // RSA montant forfaitaire 635.71 € from 1 April 2024 (décret n° 2024-396).
    expect(simulate(loneParent(["2015-03-01"]), "2024-04").results.rsa.amountCents).toBe(84862);
  });
});

describe("ASF in the prime d'activité resources (art. R844-4 CSS)", () => {
  it("counts a differential ASF under 15 € as nothing, month by month", () => {
    // Lone parent earning 1 000 € net, 190 € maintenance, child born 2015, tenant, July 2025
    // (quarter April–June 2025, same values each month: décret 2025-294, SMIC 11.88 €).
    // Forfaitaire 633.21 × 1.5 = 949.815; pente 0.5985 × 1 000 = 598.50;
    // bonification 184.27 × (1 000 − 700.92) / 724.68 = 76.049;
    // resources 1 000 + 190 (ASF 10.18 € not paid, D523-3 CSS) = 1 190 > forfaitaire.
    // 949.815 + 76.049 + 598.50 − 1 190 = 434.36 €.
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1988-05-10",
          activity: "salarie",
          resources: everyMonth("2024-01", "2025-12", {
            salaireNet: 100000,
            pensionsAlimentaires: 19000,
          }),
        }),
        makeMember({ id: "e", role: "enfant", birthDate: "2015-03-01" }),
      ],
    });
    expect(simulate(h, "2025-07").results.ppa.amountCents).toBe(43436);
  });
});
