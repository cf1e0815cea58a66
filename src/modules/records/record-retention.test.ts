import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { applyRetention } from "./record-retention.ts";
import { closeParcours, createPersonWithParcours } from "./service.ts";
import { contextFor, makeActor } from "./test-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("retention", () => {
  it("archives a closed parcours 2 years after the last contact, purges it 5 years later, and audits both", async () => {
    const { db } = database;
    const sst = await makeOrganisation(db);
    const responsable = await makeActor(db, { role: "responsable_structure", organisationId: sst });
    const opened = new Date("2020-01-10T10:00:00Z");
    const { parcoursId, personId } = await createPersonWithParcours(
      contextFor(db, responsable, opened),
      {
        lastName: "Ancien",
        firstName: "Dossier",
        birthDate: "1960-05-05",
        inCareAse: false,
        consentScope: "suivi",
        organisationId: sst,
      },
    );
    await closeParcours(contextFor(db, responsable, new Date("2020-06-01T10:00:00Z")), parcoursId);
    const policy = { activeMonthsAfterLastContact: 24, archiveYears: 5 };
    expect(await applyRetention({ db, now: new Date("2022-05-01T00:00:00Z") }, policy)).toEqual({
      archived: 0,
      purged: 0,
      personsDeleted: 0,
    });
    expect(
      (await applyRetention({ db, now: new Date("2022-06-02T00:00:00Z") }, policy)).archived,
    ).toBe(1);
    expect(
      (await applyRetention({ db, now: new Date("2027-06-01T00:00:00Z") }, policy)).purged,
    ).toBe(0);
    expect(await applyRetention({ db, now: new Date("2027-06-03T00:00:00Z") }, policy)).toEqual({
      archived: 0,
      purged: 1,
      personsDeleted: 1,
    });
    expect(
      await db.selectFrom("person").select("id").where("id", "=", personId).executeTakeFirst(),
    ).toBeUndefined();
    const events = await db
      .selectFrom("audit_event")
      .select("action")
      .where("person_id", "=", personId)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      "person.create",
      "parcours.close",
      "parcours.archive",
      "parcours.purge",
    ]);
  });
});
