// The duplicate warning is no oracle (issue 20, item 2): a structure that may
// not see a person's record gets the same answer whether or not the person
// exists (the record is created), the structure holding the existing record
// is told, every match is audited, and opening records is rate-limited.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { RECORD_CREATION_LIMIT } from "./new-person-routes.tsx";
import { postNewRecord } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let sst: string;
let stranger: string;
let owner: TestClient;
let existing: { parcoursId: string; personId: string };
const now = new Date("2026-11-23T09:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => now });
  sst = await makeOrganisation(database.db, { kind: "sst" });
  stranger = await makeOrganisation(database.db, { kind: "association" });
  owner = await signInNewUser(app, database.db, "travailleur_social", sst);
  const { parcoursId } = await postNewRecord(owner, {
    lastName: "Barthélémy",
    firstName: "Noémie",
    birthDate: "1991-08-17",
    consentScope: "suivi",
    organisationId: sst,
  });
  const row = await database.db
    .selectFrom("parcours")
    .select("person_id")
    .where("id", "=", parcoursId)
    .executeTakeFirstOrThrow();
  existing = { parcoursId, personId: row.person_id };
});
afterAll(() => database?.close());

describe("the duplicate check at record creation", () => {
  it("answers a structure without consent the same for a near-duplicate and for nobody, and tells the holder", async () => {
    const worker = await signInNewUser(app, database.db, "travailleur_social", stranger);
    const probe = await postNewRecord(worker, {
      lastName: "Barthelemy",
      firstName: "Noemie",
      birthDate: "1991-08-17",
      consentScope: "suivi",
      organisationId: stranger,
    });
    const nobody = await postNewRecord(worker, {
      lastName: "Personne",
      firstName: "Inexistante",
      birthDate: "1991-08-18",
      consentScope: "suivi",
      organisationId: stranger,
    });
    expect(probe.response.status).toBe(303);
    expect(nobody.response.status).toBe(probe.response.status);
    expect(await probe.response.text()).toBe("");
    // The new record page says nothing of the other one either.
    await worker.get(`/pro/dossiers/${probe.parcoursId}`);
    expect(worker.lastHtml).not.toContain("1991-08-17".split("-").reverse().join("/"));
    expect(worker.lastHtml).not.toContain("peut-être");

    // The structure holding the existing record sees the flag, to merge or link.
    await owner.get(`/pro/dossiers/${existing.parcoursId}`);
    expect(owner.lastHtml).toContain("Un autre dossier a peut-être été ouvert pour cette personne");
    const flags = await database.db
      .selectFrom("person_duplicate_flag")
      .select(["person_id", "flagged_by_organisation_id"])
      .execute();
    expect(flags).toEqual([{ person_id: existing.personId, flagged_by_organisation_id: stranger }]);

    // The check that matched is in the existing person's trail.
    const checks = await database.db
      .selectFrom("audit_event")
      .select(["actor_organisation_id", "details"])
      .where("person_id", "=", existing.personId)
      .where("action", "=", "person.duplicate_check")
      .execute();
    expect(checks).toEqual([{ actor_organisation_id: stranger, details: { visible: false } }]);
  });

  it("still shows a likely duplicate the worker may already open (409, with a link)", async () => {
    const { response } = await postNewRecord(owner, {
      lastName: "BARTHELEMY",
      firstName: "Noémie",
      birthDate: "1991-08-17",
      consentScope: "suivi",
      organisationId: sst,
    });
    expect(response.status).toBe(409);
    expect(owner.lastHtml).toContain(`/pro/dossiers/${existing.parcoursId}`);
  });

  it("refuses the duplicate check to the front desk, which may not open records", async () => {
    const desk = await signInNewUser(app, database.db, "agent_accueil", sst);
    const { response } = await postNewRecord(desk, {
      lastName: "Barthélémy",
      firstName: "Noémie",
      birthDate: "1991-08-17",
      consentScope: "suivi",
      organisationId: sst,
    });
    expect(response.status).toBe(403);
  });

  it("limits the records one worker opens in an hour", async () => {
    const worker = await signInNewUser(app, database.db, "travailleur_social", stranger);
    const statuses: number[] = [];
    for (let index = 0; index <= RECORD_CREATION_LIMIT.limit; index++) {
      const { response } = await postNewRecord(worker, {
        lastName: `Essai${index}`,
        firstName: "Balayage",
        // A different day each: none is a likely duplicate of another.
        birthDate: `1950-01-${String(index + 1).padStart(2, "0")}`,
        consentScope: "suivi",
        organisationId: stranger,
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, RECORD_CREATION_LIMIT.limit).every((s) => s === 303)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
