import { describe, expect, it } from "vitest";
import { ANONYMOUS, type UserActor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { demoLocalAids } from "./demo-local-aids.ts";
import { simulate } from "./engine.ts";
import { definitionToForm, formToDefinition, parseEuros } from "./local-aid-definition-fields.ts";
import { sampleHouseholds } from "./local-aid-samples.ts";
import {
  averageResources,
  ceilingFor,
  evaluateLocalAid,
  evaluateLocalAids,
  type LocalAidDefinition,
  LocalAidDefinitionSchema,
  type LocalAidVersion,
} from "./local-aids.ts";
import { parseMonth } from "./period.ts";
import { rightsRules } from "./policy.ts";
import { everyMonth, makeHousehold, makeMember } from "./test-fixtures.ts";

const BASE: LocalAidDefinition = {
  name: "Aide d'essai",
  description: "Pour les tests.",
  giver: "Département",
  conditions: [],
  amount: { kind: "fixe", cents: 10_000, periodicity: "mensuelle" },
  apply: { text: "Au CCAS", documents: [] },
  source: { text: "Exemple de démonstration" },
  demo: true,
};
const version = (
  definition: Partial<LocalAidDefinition>,
  validFrom = "2024-01",
  validUntil: string | null = null,
): LocalAidVersion => ({
  aidId: "aid",
  number: 1,
  validFrom,
  validUntil,
  definition: { ...BASE, ...definition },
});

// A lone parent with two children (born 2012-03-10 and 2020-06-01), tenant in Nanterre,
// salary 900 € and maintenance 150 € a month.
const PARENT = makeHousehold({
  depcom: "92050",
  members: [
    makeMember({
      birthDate: "1985-05-20",
      activity: "salarie",
      resources: everyMonth("2024-01", "2027-12", {
        salaireNet: 90_000,
        pensionsAlimentaires: 15_000,
      }),
    }),
    makeMember({ id: "e1", role: "enfant", birthDate: "2012-03-10" }),
    makeMember({ id: "e2", role: "enfant", birthDate: "2020-06-01" }),
  ],
});
const evaluate = (d: Partial<LocalAidDefinition>, month = "2026-03", household = PARENT) =>
  evaluateLocalAid(
    version(d),
    household,
    month,
    simulate(household, month, { explain: false }).results,
  );

describe("a local aid's conditions, evaluated", () => {
  it("averages the foyer's own resources over M-3..M-1: (900 + 150) € × 3 / 3 = 1,050 €", () => {
    expect(averageResources(PARENT, parseMonth("2026-03") as number)).toBe(105_000);
    // Unknown months count as nothing: in February 2024 only January is known → 1,050 / 3 = 350 €.
    expect(averageResources(PARENT, parseMonth("2024-02") as number)).toBe(35_000);
  });

  it("reads the ceiling of the household's size, then adds the per-person amount beyond the table", () => {
    expect(ceilingFor([100_000, 150_000], 30_000, 1)).toBe(100_000);
    expect(ceilingFor([100_000, 150_000], 30_000, 2)).toBe(150_000);
    // 5 persons: 1,500 + 3 × 300 = 2,400 €.
    expect(ceilingFor([100_000, 150_000], 30_000, 5)).toBe(240_000);
  });

  it("resources: 3 persons at 1,050 € qualify under a ceiling of 1,050 € and not under 1,049.99 €", () => {
    const at = (ceiling: number) =>
      evaluate({
        conditions: [
          { type: "ressources", ceilings: [50_000, 80_000, ceiling], perExtraPerson: 0 },
        ],
      });
    expect(at(105_000).eligible).toBe(true);
    expect(at(104_999).eligible).toBe(false);
    expect(at(104_999).checks[0]?.text).toMatch(/1\s049,99 € pour 3 personnes/);
  });

  it("children under an age on the first day of the month: the elder turns 14 on 10 March 2026", () => {
    const twoUnder14 = { conditions: [{ type: "enfants" as const, minimum: 2, ageBelow: 14 }] };
    expect(evaluate(twoUnder14, "2026-03").eligible).toBe(true); // 1 March: 13 years old
    expect(evaluate(twoUnder14, "2026-04").eligible).toBe(false); // 1 April: 14
  });

  it("age of the demandeur, residence, housing and national benefits", () => {
    expect(evaluate({ conditions: [{ type: "age", minimum: 40 }] }, "2026-03").eligible).toBe(true);
    expect(evaluate({ conditions: [{ type: "age", maximum: 39 }] }, "2026-03").eligible).toBe(
      false,
    );
    expect(evaluate({ conditions: [{ type: "residence", departement: "92" }] }).eligible).toBe(
      true,
    );
    expect(evaluate({ conditions: [{ type: "residence", departement: "93" }] }).eligible).toBe(
      false,
    );
    expect(
      evaluate({ conditions: [{ type: "residence", departement: "92", communes: ["92025"] }] })
        .eligible,
    ).toBe(false);
    expect(evaluate({ conditions: [{ type: "logement", statuses: ["locataire"] }] }).eligible).toBe(
      true,
    );
    expect(
      evaluate({ conditions: [{ type: "logement", statuses: ["proprietaire"] }] }).eligible,
    ).toBe(false);
    // Two children under 20: the allocations familiales are due (art. L521-1 CSS); the AAH is not.
    expect(evaluate({ conditions: [{ type: "prestation", benefits: ["af"] }] }).eligible).toBe(
      true,
    );
    expect(evaluate({ conditions: [{ type: "prestation", benefits: ["aah"] }] }).eligible).toBe(
      false,
    );
  });

  it("amounts: fixed, or read by household size (3 persons → the 3rd amount; 6 → the last one)", () => {
    const table = {
      kind: "bareme" as const,
      bySize: [1_000, 2_000, 3_000, 4_000],
      periodicity: "annuelle" as const,
    };
    expect(evaluate({ amount: table }).amountCents).toBe(3_000);
    expect(evaluate({ amount: table }).amountText).toBe("30 € par an");
    expect(
      evaluate({ amount: { kind: "non_chiffre", text: "Au cas par cas" } }).amountCents,
    ).toBeNull();
  });

  it("keeps only the versions valid in the month, on both sides of their dates", () => {
    const versions = [
      version(
        { name: "V1", amount: { kind: "fixe", cents: 100, periodicity: "mensuelle" } },
        "2024-01",
        "2025-12",
      ),
      version(
        { name: "V2", amount: { kind: "fixe", cents: 200, periodicity: "mensuelle" } },
        "2026-01",
      ),
    ];
    const national = {};
    expect(evaluateLocalAids(versions, PARENT, "2025-12", national).map((r) => r.name)).toEqual([
      "V1",
    ]);
    expect(evaluateLocalAids(versions, PARENT, "2026-01", national).map((r) => r.name)).toEqual([
      "V2",
    ]);
    expect(evaluateLocalAids(versions, PARENT, "2030-07", national).map((r) => r.name)).toEqual([
      "V2",
    ]);
  });
});

describe("the definition is data, checked by zod", () => {
  it("refuses an unknown condition, an extra key, a formula and a link that is not https or local", () => {
    const bad = [
      { ...BASE, conditions: [{ type: "formule", code: "household.members.length > 2" }] },
      { ...BASE, conditions: [{ type: "age", minimum: 18, eval: "1" }] },
      { ...BASE, amount: { kind: "formule", expression: "100 * taille" } },
      { ...BASE, apply: { text: "x", href: "javascript:alert(1)", documents: [] } },
      { ...BASE, conditions: [{ type: "age", minimum: 60, maximum: 18 }] },
    ];
    for (const definition of bad)
      expect(LocalAidDefinitionSchema.safeParse(definition).success).toBe(false);
    expect(LocalAidDefinitionSchema.safeParse(BASE).success).toBe(true);
  });

  it("the two demo aids are valid and say they are demonstration examples", () => {
    for (const { definition } of demoLocalAids("92")) {
      expect(LocalAidDefinitionSchema.parse(definition).demo).toBe(true);
      expect(definition.source.text).toMatch(/^Exemple de démonstration/);
    }
  });
});

describe("the form ↔ the definition", () => {
  it("reads euros written the French way", () => {
    expect(parseEuros("1 200,50")).toBe(120_050);
    expect(parseEuros("1200")).toBe(120_000);
    expect(parseEuros("")).toBeUndefined();
    expect(parseEuros("douze")).toBeNaN();
  });

  it("round-trips every demo aid through the form", () => {
    for (const { definition, validFrom } of demoLocalAids("92")) {
      const parsed = formToDefinition(definitionToForm(definition, validFrom), "92");
      expect(parsed).toEqual({ ok: true, definition, validFrom });
    }
  });

  it("reads several boxes ticked (housing, benefits) as one condition each", () => {
    const parsed = formToDefinition(
      {
        ...definitionToForm(BASE, "2026-01"),
        logement: ["locataire", "heberge_gratuitement"],
        prestations: ["rsa", "ppa"],
      },
      "92",
    );
    expect(parsed.ok && parsed.definition.conditions).toEqual([
      { type: "logement", statuses: ["locataire", "heberge_gratuitement"] },
      { type: "prestation", benefits: ["rsa", "ppa"] },
    ]);
    const forged = formToDefinition(
      { ...definitionToForm(BASE, "2026-01"), prestations: ["rsa", "eval(1)"] },
      "92",
    );
    expect(forged.ok ? {} : forged.errors).toEqual({ prestations: "Une prestation de la liste." });
  });

  it("refuses ceilings out of order or decreasing, with a message on the field", () => {
    const values = {
      ...definitionToForm(BASE, "2026-01"),
      plafond_1: "1000",
      plafond_2: "",
      plafond_3: "1500",
    };
    const parsed = formToDefinition(values, "92");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.plafond_3).toContain("dans l'ordre");
    const decreasing = formToDefinition({ ...values, plafond_2: "900", plafond_3: "" }, "92");
    expect(decreasing.ok ? {} : decreasing.errors).toEqual({
      plafond_2: "Un plafond ne baisse pas quand le foyer grandit.",
    });
  });
});

describe("samples for the preview", () => {
  it("build the same situations whatever the month: the retired person is 72 in 2025 and in 2031", () => {
    for (const month of ["2025-01", "2031-07"]) {
      const samples = sampleHouseholds(month, "92050");
      const retired = samples[3]?.household;
      const index = parseMonth(month) as number;
      const year = Math.floor(index / 12);
      expect(year - Number(retired?.members[0]?.birthDate.slice(0, 4))).toBeLessThanOrEqual(73);
      expect(averageResources(retired as never, index)).toBe(95_000);
    }
  });
});

function actor(role: Role): UserActor {
  return {
    kind: "user",
    userId: "user-1",
    email: "agent@exemple.fr",
    displayName: "Agent",
    memberships: [
      { organisationId: "org", organisationName: "org", organisationKind: "departement", role },
    ],
  };
}

describe("who may define the Département's aids (role × action)", () => {
  // Every role of the platform: only these two may.
  const allowed = new Set<Role>(["pilote", "admin"]);
  it.each(ROLES)("%s", (role) => {
    expect(can(actor(role), rightsRules.manageLocalAids, undefined)).toBe(allowed.has(role));
  });
  it("an anonymous visitor may not", () => {
    expect(can(ANONYMOUS, rightsRules.manageLocalAids, undefined)).toBe(false);
  });
});
