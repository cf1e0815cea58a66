/**
 * Sample households on which a pilote previews a local aid before publishing
 * it: typical situations of the département, built for the month previewed
 * (ages and the last 14 months of resources are relative to it). Invented,
 * not real persons.
 */
import type { Household, Member, MonthlyResources } from "./household.ts";
import { monthKey, parseMonth } from "./period.ts";

export interface SampleHousehold {
  readonly label: string;
  readonly household: Household;
}

function birth(monthIndex: number, years: number): string {
  const index = monthIndex - years * 12 - 2;
  return `${monthKey(index)}-15`;
}

function monthly(monthIndex: number, r: MonthlyResources): Record<string, MonthlyResources> {
  const out: Record<string, MonthlyResources> = {};
  for (let back = 0; back <= 14; back++) out[monthKey(monthIndex - back)] = r;
  return out;
}

function person(
  id: string,
  role: Member["role"],
  monthIndex: number,
  age: number,
  extra: Partial<Member> = {},
  r?: MonthlyResources,
): Member {
  return {
    id,
    role,
    birthDate: birth(monthIndex, age),
    ...(r ? { resources: monthly(monthIndex, r) } : {}),
    ...extra,
  };
}

/** The samples for a month ("YYYY-MM") and the département's own commune (its chef-lieu or any). */
export function sampleHouseholds(month: string, depcom: string): SampleHousehold[] {
  const m = parseMonth(month);
  if (m === undefined) throw new Error(`Mois invalide : ${month}`);
  return [
    {
      label: "Personne seule de 35 ans sans emploi ni revenu, locataire",
      household: {
        depcom,
        members: [person("a", "demandeur", m, 35, { activity: "chomeur" }, {})],
        housing: { status: "locataire", rent: 55_000 },
      },
    },
    {
      label: "Parent seul, 2 enfants de 12 et 7 ans, salaire de 1 100 €, locataire HLM",
      household: {
        depcom,
        members: [
          person("a", "demandeur", m, 38, { activity: "salarie" }, { salaireNet: 110_000 }),
          person("e1", "enfant", m, 12),
          person("e2", "enfant", m, 7),
        ],
        housing: { status: "locataire", rent: 60_000, conventionne: true },
      },
    },
    {
      label: "Couple, 3 enfants de 14, 10 et 4 ans, salaires de 2 600 € en tout, locataire",
      household: {
        depcom,
        members: [
          person("a", "demandeur", m, 42, { activity: "salarie" }, { salaireNet: 160_000 }),
          person("b", "conjoint", m, 40, { activity: "salarie" }, { salaireNet: 100_000 }),
          person("e1", "enfant", m, 14),
          person("e2", "enfant", m, 10),
          person("e3", "enfant", m, 4),
        ],
        housing: { status: "locataire", rent: 120_000 },
      },
    },
    {
      label: "Personne de 72 ans seule, retraite de 950 €, propriétaire",
      household: {
        depcom,
        members: [
          person("a", "demandeur", m, 72, { activity: "retraite" }, { retraiteNette: 95_000 }),
        ],
        housing: { status: "proprietaire" },
      },
    },
    {
      label: "Couple sans enfant, salaires de 4 200 € en tout, locataire hors du département",
      household: {
        depcom: depcom.startsWith("75") ? "92050" : "75056",
        members: [
          person("a", "demandeur", m, 30, { activity: "salarie" }, { salaireNet: 250_000 }),
          person("b", "conjoint", m, 29, { activity: "salarie" }, { salaireNet: 170_000 }),
        ],
        housing: { status: "locataire", rent: 130_000 },
      },
    },
  ];
}
