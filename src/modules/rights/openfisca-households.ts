/**
 * How an OpenFisca situation maps onto the engine's households: one per
 * famille (or one of all individuals when there is no famille), with its
 * members, housing and incomes for a month; and the famille whose household
 * computes a variable requested on an individu or a ménage.
 */

import type { Household, Member, Schooling } from "./household.ts";
import type { SituationInputs } from "./openfisca-inputs.ts";
import {
  asArray,
  type Entity,
  type OpenFiscaSituation,
  OpenFiscaSituationError,
} from "./openfisca-variables.ts";

export interface OpenFiscaHouseholds {
  /** The engine's household of a famille in a month. Throws `OpenFiscaSituationError`. */
  householdOf(familleId: string, month: string): Household;
  /** The famille computing a variable of this individu, famille or ménage. */
  familleOf(entity: Entity, id: string): string;
}

export function openFiscaHouseholds(
  situation: OpenFiscaSituation,
  inputs: SituationInputs,
): OpenFiscaHouseholds {
  const { members, familyVars, foyerRfr, menageVars } = inputs;
  // One household per famille; a situation without familles is one household of all individuals.
  const familles = situation.familles ?? {
    famille: {
      parents: Object.keys(situation.individus).slice(0, 2),
      enfants: Object.keys(situation.individus).slice(2),
    },
  };

  const householdOf = (familleId: string, month: string): Household => {
    const f = familles[familleId] ?? {};
    const parents = asArray(f.parents);
    const enfants = asArray(f.enfants);
    const toMember = (id: string, role: Member["role"]): Member => {
      const m = members.get(id);
      if (m === undefined)
        throw new OpenFiscaSituationError(
          "invalid_situation",
          `familles.${familleId}`,
          `L'individu « ${id} » de la famille ${familleId} n'existe pas.`,
        );
      if (m.birthDate === undefined)
        throw new OpenFiscaSituationError(
          "invalid_situation",
          `individus.${id}.date_naissance`,
          `La date de naissance de ${id} est nécessaire.`,
        );
      return {
        id,
        role,
        birthDate: m.birthDate,
        ...(m.activity ? { activity: m.activity } : {}),
        ...(m.pregnant ? { pregnant: true } : {}),
        ...(m.disabilityRate !== undefined ? { disabilityRate: m.disabilityRate } : {}),
        ...(m.rsdae ? { rsdae: true } : {}),
        ...schoolingIn(m.schooling, month),
        resources: m.resources,
        taxableIncome: m.taxableIncome,
      };
    };
    const list: Member[] = [
      ...parents.map((id, i) => toMember(id, i === 0 ? "demandeur" : "conjoint")),
      ...enfants.map((id) => toMember(id, "enfant")),
    ];
    const first = parents[0] ?? "";
    const menageId = Object.entries(situation.menages ?? {}).find(([, v]) =>
      [...asArray(v.personne_de_reference), ...asArray(v.conjoint)].includes(first),
    )?.[0];
    const menage = menageId ? menageVars.get(menageId) : undefined;
    const rfr: Record<string, number> = {};
    for (const [foyerId, v] of Object.entries(situation.foyers_fiscaux ?? {})) {
      if (!asArray(v.declarants).some((d) => parents.includes(d))) continue;
      for (const [year, amount] of Object.entries(foyerRfr.get(foyerId) ?? {}))
        rfr[year] = (rfr[year] ?? 0) + amount;
    }
    const fam = familyVars.get(familleId);
    const housingBenefit = fam
      ? (fam.housingBenefit[month] ?? fam.housingBenefit[month.slice(0, 4)] ?? 0)
      : 0;
    const rent = menage ? (menage.rent[month] ?? menage.rent[month.slice(0, 4)] ?? 0) : 0;
    const isolated =
      fam?.isolatedMonths.includes(month) || fam?.isolatedMonths.includes(month.slice(0, 4));
    return {
      depcom: menage?.depcom ?? "00000",
      members: list,
      housing: {
        status: menage?.status ?? "locataire",
        rent,
        housingBenefit,
        ...(menage?.conventionne ? { conventionne: true } : {}),
        ...(menage?.furnished ? { furnished: true } : {}),
        ...(menage?.foyer ? { foyer: true } : {}),
        ...(menage?.shared ? { shared: true } : {}),
        ...(menage?.room ? { room: true } : {}),
        ...(menage?.zone !== undefined ? { zone: menage.zone } : {}),
      },
      ...(isolated ? { isolatedSince: month } : {}),
      rfr,
    };
  };

  const familleOfMember = (memberId: string): string => {
    const found = Object.entries(familles).find(([, v]) =>
      [...asArray(v.parents), ...asArray(v.enfants)].includes(memberId),
    );
    if (!found)
      throw new OpenFiscaSituationError(
        "invalid_situation",
        `individus.${memberId}`,
        `L'individu « ${memberId} » n'appartient à aucune famille.`,
      );
    return found[0];
  };
  const familleOfMenage = (menageId: string): string => {
    const v = situation.menages?.[menageId] ?? {};
    const people = [...asArray(v.personne_de_reference), ...asArray(v.conjoint)];
    const found = Object.entries(familles).find(([, f]) =>
      asArray(f.parents).some((p) => people.includes(p)),
    );
    if (!found)
      throw new OpenFiscaSituationError(
        "invalid_situation",
        `menages.${menageId}`,
        `Aucune famille ne correspond au ménage ${menageId}.`,
      );
    return found[0];
  };

  return {
    householdOf,
    familleOf: (entity, id) =>
      entity === "individus"
        ? familleOfMember(id)
        : entity === "menages"
          ? familleOfMenage(id)
          : id,
  };
}

/** The child's `scolarite` for the month computed (a value without period applies to every month). */
function schoolingIn(
  schooling: Readonly<Record<string, Schooling>>,
  month: string,
): { schooling?: Schooling } {
  const found = schooling[month] ?? schooling.ETERNITY;
  return found === undefined ? {} : { schooling: found };
}
