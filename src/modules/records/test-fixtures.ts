import type { Db } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import type { Role } from "../../platform/access/roles.ts";
import { loadMemberships } from "../../platform/auth/sessions.ts";
import type { UserContext } from "../../platform/http/context.ts";
import type { TestClient } from "../../test/app.ts";
import { makeUser } from "../../test/factories.ts";
import type { ConsentScope } from "./tables.ts";

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

/**
 * A person's record opened through the new-record form, the person's consent
 * given, as a worker's browser sends it. The caller checks the answer it
 * cares about; `parcoursId` is read from the redirect.
 */
export async function postNewRecord(
  browser: TestClient,
  person: {
    lastName: string;
    firstName: string;
    birthDate: string;
    consentScope: ConsentScope;
    organisationId: string;
  },
): Promise<{ response: Response; parcoursId: string }> {
  const response = await browser.post(
    "/pro/dossiers/nouveau",
    {
      lastName: person.lastName,
      firstName: person.firstName,
      birthDate: person.birthDate,
      consent: "1",
      consentScope: person.consentScope,
      organisationId: person.organisationId,
    },
    { tokenFrom: "/pro/dossiers/nouveau" },
  );
  const parcoursId = (response.headers.get("location") ?? "").split("/").pop() ?? "";
  return { response, parcoursId };
}

/** The service context a records use case takes in a test: the database, the worker, the test's instant. */
export function contextFor(db: Db, actor: UserActor, now: Date): UserContext {
  return { db, actor, now, requestId: null };
}
