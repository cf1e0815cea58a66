import type { Db } from "../db/database.ts";
import type { OrganisationKind, Role } from "../platform/access/roles.ts";
import { createOrganisation, createUser } from "../platform/auth/accounts.ts";

let counter = 0;

export const TEST_PASSWORD = "mot-de-passe-de-test-1";

export async function makeOrganisation(
  db: Db,
  input: { name?: string; kind?: OrganisationKind } = {},
) {
  counter++;
  return createOrganisation(db, {
    name: input.name ?? `Organisation ${counter}`,
    kind: input.kind ?? "sst",
  });
}

/** A user with one role in one organisation (created when not given). */
export async function makeUser(
  db: Db,
  input: { role?: Role; organisationId?: string; email?: string; password?: string } = {},
) {
  counter++;
  const organisationId = input.organisationId ?? (await makeOrganisation(db));
  const email = input.email ?? `agent${counter}-${Date.now()}@exemple.fr`;
  const userId = await createUser(db, {
    email,
    displayName: `Agent ${counter}`,
    password: input.password ?? TEST_PASSWORD,
    memberships: [{ organisationId, role: input.role ?? "travailleur_social" }],
  });
  return { userId, email, organisationId, password: input.password ?? TEST_PASSWORD };
}
