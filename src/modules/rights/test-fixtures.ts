import type { Db } from "../../db/database.ts";
import type { UserContext } from "../../platform/http/context.ts";
import type { Household, Member, MonthlyResources } from "./household.ts";
import type { Answers } from "./questionnaire.ts";

/** Small factories for tests: only what a test cares about. */
export function makeMember(overrides: Partial<Member> & Pick<Member, "birthDate">): Member {
  return { id: overrides.id ?? `m-${overrides.birthDate}`, role: "demandeur", ...overrides };
}

export function makeHousehold(
  overrides: Partial<Household> & Pick<Household, "members">,
): Household {
  // Rent unknown by default: the aide au logement (and its forfait logement) is not computed
  // unless a test gives the rent.
  return { depcom: "92050", housing: { status: "locataire" }, ...overrides };
}

/** The same resources every month over [from, to] ("YYYY-MM"). */
export function everyMonth(
  from: string,
  to: string,
  r: MonthlyResources,
): Record<string, MonthlyResources> {
  const out: Record<string, MonthlyResources> = {};
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out[`${y}-${m < 10 ? "0" : ""}${m}`] = r;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * A service context for a user of the test database with no organisation
 * (the audit trail names none): what a handler's `userContext(c)` gives.
 */
export function userContextFor(
  db: Db,
  user: { userId: string; email: string },
  now: Date,
): UserContext {
  return {
    db,
    actor: {
      kind: "user",
      userId: user.userId,
      email: user.email,
      displayName: "Agent",
      memberships: [],
    },
    now,
    requestId: null,
  };
}

/** The household of rsa-ppa.test.ts "single parent with two children and a part-time job", as answered. */
export const SINGLE_PARENT_ANSWERS: Answers = {
  foyer: { couple: "non", enfants: "2" },
  ages: {
    naissance: "1990-04-12",
    enfant1: "2016-09-01",
    enfant2: "2019-02-15",
    isole_recent: "non",
  },
  situation: { activite: "salarie", handicap: "non" },
  ressources: { salaire: "500", chomage: "", retraite: "", autres: "", pension_alimentaire: "" },
  logement: { statut: "locataire", loyer: "650", aide_logement: "300", commune: "92050" },
  prestations: { percues: "" },
};
