// Lists of persons are reads of each person's data: the read and its audit
// events happen in one transaction, with one insert for all the events, and
// the audit chain stays valid. The attention list is bounded.

import type { InsertQueryNode, KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/database.ts";
import { verifyAuditChain } from "../../platform/audit/audit.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { ATTENTION_LIMIT, recordsNeedingAttention } from "./attention-list.ts";
import { listRecords } from "./persons.ts";
import { contextFor, makeActor } from "./test-fixtures.ts";

// Monday 23 November 2026, 10:00 in Paris.
const context = { now: new Date("2026-11-23T09:00:00Z") };
const TODAY = "2026-11-23";
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** Counts the transactions, the reads outside them and the inserts made through the returned handle. */
function countingInserts(db: Db) {
  const inserts: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      if (node.kind === "InsertQueryNode") {
        inserts.push((node as InsertQueryNode).into?.table.identifier.name ?? "");
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  const counted = db.withPlugin(plugin);
  const transactions = vi.spyOn(counted, "transaction");
  // Reads outside a transaction go through the handle itself; inside one, through the transaction.
  const readsOutside = vi.spyOn(counted, "selectFrom");
  return { db: counted, inserts, transactions, readsOutside };
}

/** Persons with an open parcours shared with `organisationId`, inserted in bulk. */
async function makeParcours(
  organisationId: string,
  people: { lastName: string; lastContactDate: string; birthDate?: string; inCareAse?: boolean }[],
) {
  const db = database.db;
  const persons = await db
    .insertInto("person")
    .values(
      people.map((p) => ({
        last_name: p.lastName,
        first_name: "Test",
        birth_date: p.birthDate ?? "1980-01-01",
        search_name: `${p.lastName.toLowerCase()} test`,
        in_care_ase: p.inCareAse ?? false,
        created_by_organisation_id: organisationId,
        created_at: context.now,
      })),
    )
    .returning("id")
    .execute();
  const parcours = await db
    .insertInto("parcours")
    .values(
      persons.map((person, index) => ({
        person_id: person.id,
        opened_at: new Date("2024-01-01T09:00:00Z"),
        last_contact_at: new Date(`${people[index]?.lastContactDate}T09:00:00Z`),
      })),
    )
    .returning(["id", "person_id"])
    .execute();
  await db
    .insertInto("parcours_member")
    .values(
      parcours.map((p) => ({
        parcours_id: p.id,
        organisation_id: organisationId,
        joined_at: new Date(),
      })),
    )
    .execute();
  await db
    .insertInto("person_consent")
    .values(
      persons.map((person) => ({
        person_id: person.id,
        organisation_id: organisationId,
        scope: "suivi" as const,
        collected_by_user_id: null,
        collected_at: new Date(),
      })),
    )
    .execute();
  return parcours;
}

describe("listing persons", () => {
  it("reads and audits every person shown in one transaction with one audit insert", async () => {
    const sst = await makeOrganisation(database.db, { kind: "sst" });
    const worker = await makeActor(database.db, {
      role: "travailleur_social",
      organisationId: sst,
    });
    const shown = await makeParcours(sst, [
      { lastName: "Abadie", lastContactDate: TODAY },
      { lastName: "Bernard", lastContactDate: TODAY },
      { lastName: "Carpentier", lastContactDate: TODAY },
    ]);
    const counted = countingInserts(database.db);
    const rows = await listRecords(contextFor(counted.db, worker, context.now), {});
    expect(rows.map((row) => row.lastName)).toEqual(["Abadie", "Bernard", "Carpentier"]);
    expect(counted.transactions).toHaveBeenCalledTimes(1);
    expect(counted.readsOutside).not.toHaveBeenCalled();
    expect(counted.inserts).toEqual(["audit_event"]);
    const events = await database.db
      .selectFrom("audit_event")
      .select(["subject_id", "person_id", "actor_user_id"])
      .where("action", "=", "person.list")
      .orderBy("seq")
      .execute();
    expect(events).toEqual(
      shown.map((p) => ({
        subject_id: p.id,
        person_id: p.person_id,
        actor_user_id: worker.userId,
      })),
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});

describe("records needing attention", () => {
  it(`shows at most ${ATTENTION_LIMIT}, the young person leaving care first, then the oldest contact, audited in one insert`, async () => {
    const sst = await makeOrganisation(database.db, { kind: "sst" });
    const responsable = await makeActor(database.db, {
      role: "responsable_structure",
      organisationId: sst,
    });
    // One day apart from 1 May 2026, all more than three months ago: index 0 is the oldest contact.
    const old = Array.from({ length: ATTENTION_LIMIT + 5 }, (_, index) => ({
      lastName: `Ancien${String(index).padStart(3, "0")}`,
      lastContactDate: new Date(Date.UTC(2026, 4, 1) + index * 86_400_000)
        .toISOString()
        .slice(0, 10),
    }));
    expect(old.at(-1)?.lastContactDate).toBe("2026-08-13");
    await makeParcours(sst, [
      ...old,
      { lastName: "Récent", lastContactDate: TODAY },
      // Turns 18 on 2027-02-10, within six months, contacted yesterday.
      {
        lastName: "Jeune",
        lastContactDate: "2026-11-22",
        birthDate: "2009-02-10",
        inCareAse: true,
      },
    ]);
    const auditBefore = await verifyAuditChain(database.db);
    const counted = countingInserts(database.db);
    const attention = await recordsNeedingAttention(
      contextFor(counted.db, responsable, context.now),
      sst,
    );
    expect(attention).toHaveLength(ATTENTION_LIMIT);
    expect(attention[0]).toMatchObject({ name: "Test Jeune", reasons: ["ase_turning_18"] });
    expect(attention.slice(1).map((a) => a.name)).toEqual(
      old.slice(0, ATTENTION_LIMIT - 1).map((p) => `Test ${p.lastName}`),
    );
    expect(counted.transactions).toHaveBeenCalledTimes(1);
    expect(counted.readsOutside).not.toHaveBeenCalled();
    expect(counted.inserts).toEqual(["audit_event"]);
    expect(await verifyAuditChain(database.db)).toEqual({
      ok: true,
      events: auditBefore.events + ATTENTION_LIMIT,
    });
  });
});

describe("records needing attention among many structures", () => {
  it("lists the structure's records without contact, then those with an overdue action, whatever older records other structures hold", async () => {
    const sst = await makeOrganisation(database.db, { kind: "sst" });
    const other = await makeOrganisation(database.db, { kind: "sst" });
    const responsable = await makeActor(database.db, {
      role: "responsable_structure",
      organisationId: sst,
    });
    // Older than all of ours: they would fill the list if it were cut before the structure's filter.
    await makeParcours(
      other,
      Array.from({ length: ATTENTION_LIMIT + 5 }, (_, index) => ({
        lastName: `Autre${String(index).padStart(3, "0")}`,
        lastContactDate: `2025-0${1 + (index % 9)}-15`,
      })),
    );
    const ours = await makeParcours(sst, [
      { lastName: "SansContactB", lastContactDate: "2026-07-01" },
      { lastName: "SansContactA", lastContactDate: "2026-06-01" },
      { lastName: "RetardB", lastContactDate: "2026-11-20" },
      { lastName: "RetardA", lastContactDate: "2026-10-01" },
      { lastName: "AJour", lastContactDate: "2026-11-01" },
      { lastName: "ActionFaite", lastContactDate: "2026-11-02" },
      // Contact on 23 August in Paris: exactly three months, not yet flagged.
      { lastName: "TroisMois", lastContactDate: "2026-08-23" },
    ]);
    const objectives = await database.db
      .insertInto("plan_objective")
      .values(
        [2, 3, 4, 5].map((index) => ({
          parcours_id: ours[index]!.id,
          theme: "emploi",
          title: "Retrouver un emploi",
          created_at: new Date(),
          updated_at: new Date(),
        })),
      )
      .returning(["id", "parcours_id"])
      .execute();
    const due = ["2026-11-01", "2026-11-22", "2026-12-15", "2026-10-01"] as const;
    const status = ["a_faire", "en_cours", "a_faire", "faite"] as const;
    await database.db
      .insertInto("plan_action")
      .values(
        objectives.map((objective, index) => ({
          objective_id: objective.id,
          parcours_id: objective.parcours_id,
          title: "Envoyer le CV",
          assignee: "referent",
          due_date: due[index]!,
          status: status[index]!,
          created_at: new Date(),
          updated_at: new Date(),
        })),
      )
      .execute();
    const attention = await recordsNeedingAttention(
      contextFor(database.db, responsable, context.now),
      sst,
    );
    expect(attention.map((a) => [a.name, a.reasons])).toEqual([
      ["Test SansContactA", ["no_contact"]],
      ["Test SansContactB", ["no_contact"]],
      ["Test RetardA", ["overdue_actions"]],
      ["Test RetardB", ["overdue_actions"]],
    ]);
  });
});
