import type { Db } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import type { Role } from "../../platform/access/roles.ts";
import { loadMemberships } from "../../platform/auth/sessions.ts";
import { makeUser } from "../../test/factories.ts";

/** A signed-in worker as the app would see them, for service-level tests. */
export async function makeActor(
  db: Db,
  input: { role: Role; organisationId: string; email?: string },
): Promise<UserActor & { password: string }> {
  const user = await makeUser(db, input);
  return {
    kind: "user",
    userId: user.userId,
    email: user.email,
    displayName: `Agent ${user.email}`,
    memberships: await loadMemberships(db, user.userId),
    password: user.password,
  };
}
