import type { Db } from "../db/database.ts";
import type { OrganisationKind, Role } from "../platform/access/roles.ts";
import { createOrganisation, createUser } from "../platform/auth/accounts.ts";

let counter = 0;

export const TEST_PASSWORD = "mot-de-passe-de-test-1";

export async function makeOrganisation(
  db: Db,
  input: { name?: string; kind?: OrganisationKind; communeCode?: string | null; now?: Date } = {},
) {
  counter++;
  return createOrganisation(
    db,
    {
      name: input.name ?? `Organisation ${counter}`,
      kind: input.kind ?? "sst",
      ...(input.communeCode ? { communeCode: input.communeCode } : {}),
    },
    input.now ?? new Date(),
  );
}

/** A user with one role in one organisation (created when not given). */
export async function makeUser(
  db: Db,
  input: {
    role?: Role;
    organisationId?: string;
    email?: string;
    password?: string;
    now?: Date;
  } = {},
) {
  counter++;
  const organisationId = input.organisationId ?? (await makeOrganisation(db, { now: input.now }));
  const email = input.email ?? `agent${counter}-${Date.now()}@exemple.fr`;
  const userId = await createUser(
    db,
    {
      email,
      displayName: `Agent ${counter}`,
      password: input.password ?? TEST_PASSWORD,
      memberships: [{ organisationId, role: input.role ?? "travailleur_social" }],
    },
    input.now ?? new Date(),
  );
  return { userId, email, organisationId, password: input.password ?? TEST_PASSWORD };
}
