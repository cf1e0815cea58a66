import type { Db } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import type { UserContext } from "../../platform/http/context.ts";
import type { TestClient } from "../../test/app.ts";
import type { ConsentScope } from "./tables.ts";

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
