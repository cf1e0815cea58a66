import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can } from "../../platform/access/policy.ts";
import { ROLES } from "../../platform/access/roles.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { findParcoursAccess } from "./access.ts";
import {
  attachableParcours,
  receivedOrientations,
  recordsRules,
  visibleParcours,
} from "./policy.ts";
import { findOrientation, orientationTarget } from "./sharing.ts";
import type { ConsentScope, ParcoursStatus } from "./tables.ts";
import { makeActor } from "./test-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

type Case = {
  status: ParcoursStatus;
  members: ("a" | "b")[];
  consents: { org: "a" | "b"; scope: ConsentScope; withdrawn?: boolean }[];
};

// Member × consent × withdrawn × status: each combination the rule must decide.
const CASES: Case[] = [];
for (const status of ["ouvert", "clos", "archive"] as const) {
  for (const members of [["a"], ["b"], ["a", "b"]] as ("a" | "b")[][]) {
    for (const consent of [
      [],
      [{ org: "a" as const, scope: "suivi" as const }],
      [{ org: "a" as const, scope: "suivi_sante" as const, withdrawn: true }],
      [{ org: "b" as const, scope: "suivi" as const }],
    ]) {
      CASES.push({ status, members, consents: consent });
    }
  }
}

describe("each list twin agrees with its rule", () => {
  it("lists exactly the parcours readIdentity lets each role open, and those attachSimulation lets it attach to", async () => {
    const { db } = database;
    const orgs = { a: await makeOrganisation(db), b: await makeOrganisation(db) };
    const parcoursIds: string[] = [];
    const at = new Date("2026-01-10T10:00:00Z");
    for (const [index, testCase] of CASES.entries()) {
      const person = await db
        .insertInto("person")
        .values({
          last_name: `Cas${index}`,
          first_name: "Test",
          birth_date: "1990-01-01",
          search_name: `cas${index} test`,
          created_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const parcours = await db
        .insertInto("parcours")
        .values({
          person_id: person.id,
          status: testCase.status,
          opened_at: at,
          last_contact_at: at,
          closed_at: testCase.status === "ouvert" ? null : at,
          archived_at: testCase.status === "archive" ? at : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      parcoursIds.push(parcours.id);
      for (const member of testCase.members) {
        await db
          .insertInto("parcours_member")
          .values({ parcours_id: parcours.id, organisation_id: orgs[member], joined_at: at })
          .execute();
      }
      for (const consent of testCase.consents) {
        await db
          .insertInto("person_consent")
          .values({
            person_id: person.id,
            organisation_id: orgs[consent.org],
            scope: consent.scope,
            collected_at: at,
            withdrawn_at: consent.withdrawn ? at : null,
          })
          .execute();
      }
    }
    let compared = 0;
    for (const role of ROLES) {
      const actor = await makeActor(db, { role, organisationId: orgs.a });
      const listed = new Set(
        (await visibleParcours(db, actor).select("parcours.id").execute()).map((row) => row.id),
      );
      const attachable = new Set(
        (await attachableParcours(db, actor).select("parcours.id").execute()).map((row) => row.id),
      );
      for (const id of parcoursIds) {
        const access = await findParcoursAccess(db, id);
        if (!access) throw new Error("parcours manquant");
        expect(listed.has(id), `${role} / ${JSON.stringify(access)}`).toBe(
          can(actor, recordsRules.readIdentity, access),
        );
        expect(attachable.has(id), `attach: ${role} / ${JSON.stringify(access)}`).toBe(
          can(actor, recordsRules.attachSimulation, access),
        );
        compared++;
      }
    }
    expect(compared).toBe(ROLES.length * CASES.length);
  });
});

describe("the orientations received agree with viewOrientation", () => {
  it("lists exactly the orientations each role may see, consent given, withdrawn or never given", async () => {
    const { db } = database;
    const from = await makeOrganisation(db);
    const orgs = { a: await makeOrganisation(db), b: await makeOrganisation(db) };
    const at = new Date("2026-01-10T10:00:00Z");
    const orientationIds: string[] = [];
    const consents = [undefined, "active", "withdrawn"] as const;
    let index = 0;
    for (const to of ["a", "b"] as const) {
      for (const consent of consents) {
        for (const status of ["proposee", "acceptee", "annulee"] as const) {
          index++;
          const person = await db
            .insertInto("person")
            .values({
              last_name: `Orientation${index}`,
              first_name: "Test",
              birth_date: "1990-01-01",
              search_name: `orientation${index} test`,
              created_at: at,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const parcours = await db
            .insertInto("parcours")
            .values({ person_id: person.id, opened_at: at, last_contact_at: at })
            .returning("id")
            .executeTakeFirstOrThrow();
          if (consent) {
            await db
              .insertInto("person_consent")
              .values({
                person_id: person.id,
                organisation_id: orgs[to],
                scope: "suivi",
                collected_at: at,
                withdrawn_at: consent === "withdrawn" ? at : null,
              })
              .execute();
          }
          const orientation = await db
            .insertInto("orientation")
            .values({
              parcours_id: parcours.id,
              from_organisation_id: from,
              to_organisation_id: orgs[to],
              status,
              decision_reason: status === "annulee" ? "Retrait" : null,
              created_at: at,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          orientationIds.push(orientation.id);
        }
      }
    }
    let compared = 0;
    for (const role of ROLES) {
      const actor = await makeActor(db, { role, organisationId: orgs.a });
      const listed = new Set(
        (await receivedOrientations(db, actor).select("r.id").execute()).map((row) => row.id),
      );
      for (const id of orientationIds) {
        const orientation = await findOrientation(db, id);
        if (!orientation) throw new Error("orientation manquante");
        const target = orientationTarget(orientation);
        expect(listed.has(id), `${role} / ${JSON.stringify(target)}`).toBe(
          can(actor, recordsRules.viewOrientation, target),
        );
        compared++;
      }
    }
    expect(compared).toBe(ROLES.length * orientationIds.length);
  });
});
