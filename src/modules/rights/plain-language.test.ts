import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import {
  plainSentence,
  plainStepText,
  roundEuros,
  stepsByMonth,
  termsIn,
} from "./plain-language.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

describe("the plain first sentence of a result", () => {
  it("rounds to the euro with a narrow no-break space: 30 764 cents read « 308 € »", () => {
    expect(roundEuros(30764)).toBe("308\u202f€");
    expect(roundEuros(123456)).toBe("1\u202f235\u202f€");
  });

  it("says the prime d'activité of a worker at 1 000 € in June 2025 (307.64 €, rsa-ppa.test.ts) in everyday words", () => {
    const h = makeHousehold({
      members: [
        makeMember({
          birthDate: "1990-01-01",
          resources: everyMonth("2024-01", "2025-12", { salaireNet: 100000 }),
        }),
      ],
    });
    const r = simulate(h, "2025-06").results;
    expect(plainSentence(r.ppa)).toBe(
      "Vous pourriez recevoir environ 308\u202f€ par mois de prime d'activité, parce que vous travaillez et que vos revenus sont modestes.",
    );
    // The CSS of the same person: 14 € a month (css.test.ts).
    expect(plainSentence(r.css)).toBe(
      "Vous pourriez avoir la complémentaire santé solidaire pour environ 14\u202f€ par mois pour tout le foyer, parce que vos revenus sont modestes. Elle paie la part de vos soins que la Sécurité sociale ne rembourse pas.",
    );
  });

  it("says the prime de Noël is paid in December because the foyer is at the RSA", () => {
    const h = makeHousehold({ members: [makeMember({ birthDate: "1985-01-01" })] });
    expect(plainSentence(simulate(h, "2025-12").results.aefa)).toBe(
      "Vous pourriez recevoir environ 152\u202f€ en décembre (la « prime de Noël »), parce que vous touchez le RSA.",
    );
  });

  it("uses no term of the trade in any sentence (BMAF, forfait, montant forfaitaire, ressources N-2)", () => {
    const h = makeHousehold({
      members: [
        makeMember({ birthDate: "1988-01-01" }),
        makeMember({ id: "a", role: "enfant", birthDate: "2012-01-01" }),
        makeMember({ id: "b", role: "enfant", birthDate: "2014-01-01" }),
        makeMember({ id: "c", role: "enfant", birthDate: "2016-01-01" }),
      ],
    });
    const results = Object.values(simulate(h, "2025-12").results).filter((r) => r.eligible);
    expect(results.length).toBeGreaterThan(4);
    for (const r of results) {
      const sentence = plainSentence(r);
      expect(sentence).toMatch(/^Vous pourriez /);
      expect(sentence).not.toMatch(/BMAF|forfait|N-2|montant forfaitaire|plafond/);
    }
  });
});

describe("a calculation step as a resident reads it", () => {
  it("writes months in words, formula symbols in words, and French spacing", () => {
    expect(plainStepText("Ressources (2026-09 à 2026-11) : 500,00 €")).toBe(
      "Ressources (septembre 2026 à novembre 2026)\u00a0: 500,00 €",
    );
    expect(plainStepText("3 personne(s) : le plafond − les ressources")).toBe(
      "3 personnes\u00a0: le plafond moins les ressources",
    );
    expect(plainStepText("1 enfant(s) ; 1,8 unité(s)")).toBe("1 enfant\u202f; 1,8 unité");
  });

  it("shows the latest month's steps first and keeps the earlier months apart", () => {
    const steps = [
      { text: "2026-09 — a" },
      { text: "2026-10 — b" },
      { text: "2026-11 — c" },
      { text: "moyenne" },
    ];
    const { current, earlier } = stepsByMonth(steps);
    expect(current.map((s) => s.text)).toEqual(["2026-11 — c", "moyenne"]);
    expect(earlier.map((m) => m.month)).toEqual(["2026-09", "2026-10"]);
  });

  it("finds the terms of the trade a text uses, with their meaning", () => {
    const terms = termsIn(["Forfait logement : une somme", "32 % de la BMAF"]).map((t) => t.term);
    expect(terms).toEqual(["forfait logement", "BMAF"]);
  });
});
