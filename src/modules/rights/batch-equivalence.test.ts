import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BATCH_COLUMNS, type BatchColumn, type BatchItem, findNonTakeUp } from "./batch.ts";
import { isReceived, simulate, simulateOutcomes } from "./engine.ts";
import {
  type Activity,
  BENEFITS,
  type BenefitId,
  type Household,
  type HousingStatus,
  type Member,
  type MonthlyResources,
} from "./household.ts";

// The batch (CSV row → household → eight outcomes, its own fast path) must give,
// for every household, exactly what the single simulation gives: same eligibility,
// same amounts. Random households are written as population rows (BATCH.md) and,
// independently, as the Household the row describes; an optimisation of the batch
// path that changes any figure fails here.

const MONTHS = ["2024-01", "2024-04", "2024-09", "2025-01", "2025-04", "2025-06", "2026-03"];
const ACTIVITIES: readonly Activity[] = [
  "salarie",
  "independant",
  "chomeur",
  "etudiant",
  "retraite",
  "inactif",
];
const HOUSING: readonly HousingStatus[] = [
  "locataire",
  "proprietaire",
  "accedant",
  "heberge_gratuitement",
  "sans_domicile",
];

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const date = fc
  .record({
    y: fc.integer({ min: 0, max: 99 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => ({ yearsBack: y, m, d }));
/** Cents, sometimes nothing (empty column), sometimes written with a comma. */
const amount = (max: number) =>
  fc.option(
    fc.record({ cents: fc.integer({ min: 0, max }), comma: fc.boolean(), whole: fc.boolean() }),
    {
      nil: undefined,
    },
  );
type Amount = { cents: number; comma: boolean; whole: boolean } | undefined;

const adultArb = fc.record({
  birth: date,
  activity: fc.option(fc.constantFrom(...ACTIVITIES), { nil: undefined }),
  salaries: fc.tuple(amount(400000), amount(400000), amount(400000), amount(400000)),
  stopsThisMonth: fc.boolean(),
  chomage: amount(200000),
  retraite: amount(300000),
  retraiteBrute: amount(330000),
  incapacite: fc.option(fc.constantFrom(30, 50, 60, 79, 80, 95), { nil: undefined }),
  rsdae: fc.boolean(),
  revenusN2: amount(5000000),
});
type Adult = typeof adultArb extends fc.Arbitrary<infer T> ? T : never;

const rowArb = fc.record({
  depcom: fc.constantFrom("92050", "92025", "66136", "2A004"),
  housing: fc.option(fc.constantFrom(...HOUSING), { nil: undefined }),
  rent: amount(150000),
  housingBenefit: amount(60000),
  isolatedMonthsAgo: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  children: fc.array(
    fc.record({
      age: fc.integer({ min: 0, max: 24 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    }),
    { maxLength: 5 },
  ),
  maintenance: amount(60000),
  rfr: amount(6000000),
  received: fc.subarray([...BENEFITS]),
  demandeur: adultArb,
  conjoint: fc.option(adultArb, { nil: undefined }),
});
type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function euros(a: Amount): string {
  if (a === undefined) return "";
  const units = Math.floor(a.cents / 100);
  const rest = a.cents % 100;
  if (a.whole && rest === 0) return String(units);
  return `${units}${a.comma ? "," : "."}${pad(rest)}`;
}
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthName = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;

/** The row of the population file. */
function toCsvRow(spec: RowSpec, id: string, month: string): string {
  const year = Number(month.slice(0, 4));
  const row: Partial<Record<BatchColumn, string>> = {
    id,
    depcom: spec.depcom,
    logement: spec.housing ?? "",
    loyer: euros(spec.rent),
    aide_logement: euros(spec.housingBenefit),
    isole_depuis:
      spec.isolatedMonthsAgo === undefined
        ? ""
        : monthName(monthIndex(month) - spec.isolatedMonthsAgo),
    enfants_naissances: spec.children
      .map((c) => `${year - c.age}-${pad(c.m)}-${pad(c.d)}`)
      .join("|"),
    pensions_alimentaires: euros(spec.maintenance),
    rfr_n2: euros(spec.rfr),
    prestations_percues: spec.received.join("|"),
  };
  const adult = (who: "demandeur" | "conjoint", a: Adult) => {
    row[`${who}_naissance`] =
      `${year - 18 - a.birth.yearsBack}-${pad(a.birth.m)}-${pad(a.birth.d)}`;
    row[`${who}_activite`] = a.activity ?? "";
    row[`${who}_salaire_m3`] = euros(a.salaries[0]);
    row[`${who}_salaire_m2`] = euros(a.salaries[1]);
    row[`${who}_salaire_m1`] = euros(a.salaries[2]);
    row[`${who}_salaire_m`] = a.stopsThisMonth ? "0" : euros(a.salaries[3]);
    row[`${who}_chomage`] = euros(a.chomage);
    row[`${who}_retraite`] = euros(a.retraite);
    row[`${who}_retraite_brute`] = euros(a.retraiteBrute);
    row[`${who}_incapacite`] = a.incapacite === undefined ? "" : String(a.incapacite);
    row[`${who}_rsdae`] = a.rsdae ? "1" : "";
    row[`${who}_revenus_n2`] = euros(a.revenusN2);
  };
  adult("demandeur", spec.demandeur);
  if (spec.conjoint) adult("conjoint", spec.conjoint);
  return BATCH_COLUMNS.map((c) => row[c] ?? "").join(";");
}

/** The household the row describes, built by hand from BATCH.md (not by the batch's reader). */
function toHousehold(spec: RowSpec, month: string): Household {
  const m = monthIndex(month);
  const year = Number(month.slice(0, 4));
  const yearN2 = String(year - 2);
  const cents = (a: Amount) => a?.cents;
  const maintenance = cents(spec.maintenance);
  const adult = (who: "demandeur" | "conjoint", a: Adult): Member => {
    const resources: Record<string, MonthlyResources> = {};
    for (let i = 0; i < 4; i++) {
      const salary = i === 3 && a.stopsThisMonth ? 0 : cents(a.salaries[i]);
      if (i === 3 && salary === undefined) break;
      resources[monthName(m - 3 + i)] = {
        salaireNet: salary ?? 0,
        chomageNet: cents(a.chomage) ?? 0,
        retraiteNette: cents(a.retraite) ?? 0,
        retraiteBrute: cents(a.retraiteBrute),
        pensionsAlimentaires: who === "demandeur" && maintenance ? maintenance : undefined,
      };
    }
    const revenusN2 = cents(a.revenusN2);
    return {
      id: who,
      role: who,
      birthDate: `${year - 18 - a.birth.yearsBack}-${pad(a.birth.m)}-${pad(a.birth.d)}`,
      resources,
      ...(a.activity ? { activity: a.activity } : {}),
      ...(a.incapacite === undefined ? {} : { disabilityRate: a.incapacite / 100 }),
      ...(a.rsdae ? { rsdae: true } : {}),
      ...(revenusN2 === undefined ? {} : { taxableIncome: { [yearN2]: revenusN2 } }),
    };
  };
  const members: Member[] = [adult("demandeur", spec.demandeur)];
  if (spec.conjoint) members.push(adult("conjoint", spec.conjoint));
  for (const [i, c] of spec.children.entries())
    members.push({
      id: `enfant${i + 1}`,
      role: "enfant",
      birthDate: `${year - c.age}-${pad(c.m)}-${pad(c.d)}`,
    });
  const rfr = cents(spec.rfr);
  return {
    depcom: spec.depcom,
    members,
    housing: {
      status: spec.housing ?? "locataire",
      rent: cents(spec.rent) ?? 0,
      housingBenefit: cents(spec.housingBenefit) ?? 0,
    },
    benefitsReceived: spec.received,
    ...(spec.isolatedMonthsAgo === undefined
      ? {}
      : { isolatedSince: monthName(m - spec.isolatedMonthsAgo) }),
    ...(rfr === undefined ? {} : { rfr: { [yearN2]: rfr } }),
  };
}

describe("batch and single simulation agree", () => {
  it("finds, for every household of a file, exactly the benefits simulate() grants and the household does not receive, with the same amounts", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...MONTHS),
        async (specs, month) => {
          const file = [
            BATCH_COLUMNS.join(";"),
            ...specs.map((s, i) => toCsvRow(s, `H${i}`, month)),
          ].join("\n");
          const items: BatchItem[] = [];
          for await (const item of findNonTakeUp([file], { month, yieldAll: true }))
            items.push(item);
          expect(items.map((i) => i.kind)).toEqual(specs.map(() => "household"));
          specs.forEach((spec, i) => {
            const item = items[i] as Extract<BatchItem, { kind: "household" }>;
            expect(item.id).toBe(`H${i}`);
            expect(item.line).toBe(i + 2);
            const household = toHousehold(spec, month);
            const results = simulate(household, month, { explain: false }).results;
            const expected: { benefit: BenefitId; amountCents: number }[] = [];
            for (const b of BENEFITS)
              if (
                results[b].eligible &&
                !isReceived(b, spec.received, household.housing.housingBenefit)
              )
                expected.push({ benefit: b, amountCents: results[b].amountCents });
            expect(
              item.findings.map((f) => ({ benefit: f.benefit, amountCents: f.amountCents })),
            ).toEqual(expected);
            // The batch's outcomes of every benefit, found or not.
            const outcomes = simulateOutcomes(household, month);
            BENEFITS.forEach((b, k) => {
              expect({ b, eligible: outcomes[k]?.eligible, amount: outcomes[k]?.amount }).toEqual({
                b,
                eligible: results[b].eligible,
                amount: results[b].amountCents,
              });
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the same amounts with explanations as without", () => {
    fc.assert(
      fc.property(rowArb, fc.constantFrom(...MONTHS), (spec, month) => {
        const household = toHousehold(spec, month);
        const lean = simulate(household, month, { explain: false }).results;
        const full = simulate(household, month).results;
        for (const b of BENEFITS) {
          expect(lean[b].eligible).toBe(full[b].eligible);
          expect(lean[b].amountCents).toBe(full[b].amountCents);
        }
      }),
      { numRuns: 200 },
    );
  });
});
