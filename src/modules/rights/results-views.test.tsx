import { describe, expect, it } from "vitest";
import { simulate } from "./engine.ts";
import { GUIDANCE } from "./guidance.ts";
import { BENEFITS, type Household, type Member } from "./household.ts";
import { plainSentence, plainStepText, termsIn } from "./plain-language.ts";
import { ResultsView } from "./results-views.tsx";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

// A FALC reading of every explanation the engine writes, for a set of households that opens
// every benefit: no term of the trade is left unexplained, no formula, French typography.

const child = (id: string, birthDate: string, extra: Partial<Member> = {}): Member =>
  makeMember({ id, role: "enfant", birthDate, ...extra });
const salary = (net: number) => everyMonth("2023-01", "2026-12", { salaireNet: net });

const HOUSEHOLDS: Readonly<Record<string, Household>> = {
  "worker alone, tenant": makeHousehold({
    members: [
      makeMember({ birthDate: "1990-01-01", activity: "salarie", resources: salary(110000) }),
    ],
    housing: { status: "locataire", rent: 55000 },
  }),
  "lone parent, collège and lycée, HLM": makeHousehold({
    members: [
      makeMember({ birthDate: "1982-01-01", activity: "salarie", resources: salary(60000) }),
      child("a", "2010-05-01", { schooling: "lycee" }),
      child("b", "2013-05-01", { schooling: "college" }),
      child("c", "2024-05-01"),
    ],
    housing: { status: "locataire", rent: 60000, conventionne: true },
    isolatedSince: "2026-06",
  }),
  "couple, three children, no income": makeHousehold({
    members: [
      makeMember({ birthDate: "1985-01-01", activity: "chomeur" }),
      makeMember({ id: "conjoint", role: "conjoint", birthDate: "1986-01-01", pregnant: true }),
      child("a", "2012-05-01", { schooling: "college" }),
      child("b", "2016-05-01"),
      child("c", "2019-05-01"),
    ],
    housing: { status: "heberge_gratuitement" },
  }),
  "retired, alone": makeHousehold({
    members: [
      makeMember({
        birthDate: "1955-01-01",
        activity: "retraite",
        resources: everyMonth("2023-01", "2026-12", { retraiteNette: 70000 }),
      }),
    ],
    housing: { status: "locataire", rent: 45000 },
  }),
  "disabled adult": makeHousehold({
    members: [makeMember({ birthDate: "1980-01-01", activity: "inactif", disabilityRate: 0.8 })],
    housing: { status: "proprietaire" },
  }),
};

/**
 * Words of the trade a resident would not understand alone. Kept apart from the glossary on
 * purpose: a new step using one of them fails here until the glossary explains it.
 */
const TRADE_TERMS: readonly RegExp[] = [
  /montant forfaitaire/i,
  /forfait logement/i,
  /BMAF/,
  /base ressources/i,
  /abattement/i,
  /CRDS/,
  /unités? de consommation/i,
  /revenu fiscal de référence/i,
  /plafond/i,
  /majoration|majoré/i,
  /échelon/i,
  /participation personnelle/i,
  /prestations familiales/i,
  /\bASF\b/,
  /revenus d'activité/i,
  /bonification/i,
  /\bSMIC\b/,
  /taux d'incapacité/i,
  /\bMDPH\b/,
  /différentiel/i,
  /Cerfa/,
  /allocataire/i,
];

/** What must never reach a resident: formulas, codes, months as « 2026-09 ». */
const FORBIDDEN: readonly RegExp[] = [
  / − /,
  /\bmax\(/,
  /\bN-[12]\b/,
  /\b\d{4}-\d{2}\b/,
  /\(s\)/,
  /\b(?:Tf|TL|P0|R0|Pp)\b/,
  /[^\u00a0\u202f][:;?!](?:\s|$)/,
];

describe("a FALC reading of every explanation", () => {
  for (const [name, household] of Object.entries(HOUSEHOLDS)) {
    it(`leaves no term of the trade unexplained and no formula: ${name}`, () => {
      const result = simulate(household, "2026-10");
      let eligible = 0;
      for (const r of Object.values(result.results)) {
        const steps = r.steps.map((s) => plainStepText(s.text));
        const guidance = GUIDANCE[r.benefit];
        const texts = [
          ...steps,
          ...(r.eligible ? [plainSentence(r)] : []),
          ...guidance.documents,
          guidance.procedure.text,
        ];
        if (r.eligible) eligible++;
        const explained = termsIn([...r.steps.map((s) => s.text), ...texts]);
        for (const term of TRADE_TERMS) {
          const found = texts.map((t) => term.exec(t)?.[0]).find(Boolean);
          if (found === undefined) continue;
          expect(
            explained.some((t) => t.pattern.test(found)),
            `${r.benefit}: « ${found} » is not explained`,
          ).toBe(true);
        }
        for (const text of steps)
          for (const pattern of FORBIDDEN)
            expect(text, `${r.benefit}: ${pattern} in « ${text} »`).not.toMatch(pattern);
      }
      expect(eligible).toBeGreaterThan(1);
    });
  }

  it("shows on the page, under the calculation, the meaning of each term it uses", () => {
    const result = simulate(
      HOUSEHOLDS["lone parent, collège and lycée, HLM"] as Household,
      "2026-10",
    );
    const html = String(<ResultsView result={result} places={[]} />);
    // The RSA's calculation uses the forfait logement: its meaning is given right there.
    expect(html).toContain("<dt>forfait logement</dt>");
    expect(html).toContain("<dt>BMAF</dt>");
    expect(html).toContain("Le détail du calcul pour octobre 2026");
    // The prime d'activité reads three months: the two earlier ones are folded apart.
    expect(html).toMatch(/Le calcul des mois d(?:'|&#39;)avant/);
    expect(html).not.toMatch(/<li>2026-0\d — /);
    // Bourses: the school year whose barème is used.
    expect(html).toMatch(/barème de l(?:'|&#39;)année scolaire 2025-2026/);
    // Every benefit the household may get says what to do and what to bring.
    const entitled = BENEFITS.filter((b) => result.results[b].eligible);
    expect(html.split("Que faire maintenant").length - 1).toBe(entitled.length);
  });

  it("gives every benefit what to bring and an official page to apply", () => {
    for (const b of BENEFITS) {
      expect(GUIDANCE[b].documents.length, b).toBeGreaterThan(0);
      expect(GUIDANCE[b].procedure.href, b).toMatch(
        /^https:\/\/(www\.service-public\.fr|chequeenergie\.gouv\.fr)\//,
      );
    }
  });
});
