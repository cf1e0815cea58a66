// Inactive spaces: warned 30 days before the end of the period by every
// verified contact, deleted after it unless the person signed in again;
// broken uploads removed. Dates are fixed (the clock is an argument).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { applySpaceRetention, WARNING_DAYS } from "./space-retention.ts";
import { signIn } from "./space-sign-in.ts";
import { visitorContext } from "./test-fixtures.ts";

const T0 = new Date("2026-11-23T08:00:00Z");
const DAY = 86_400_000;
const policy = { inactiveMonths: 24 };
const at = (days: number) => new Date(T0.getTime() + days * DAY);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function spaceIds() {
  return (await database.db.selectFrom("espace").select("id").execute()).map((row) => row.id);
}

describe("retention of inactive spaces", () => {
  it("warns after 23 months by e-mail and SMS, deletes after 24, and keeps a space used again", async () => {
    const idle = await signIn(
      visitorContext(database.db, {
        now: T0,
      }),
      { kind: "email", value: "idle@exemple.fr" },
      undefined,
    );
    await database.db
      .insertInto("espace_identifier")
      .values({ espace_id: idle.espaceId, kind: "phone", value: "+33600000001", verified_at: T0 })
      .execute();
    const back = await signIn(
      visitorContext(database.db, {
        now: T0,
      }),
      { kind: "email", value: "back@exemple.fr" },
      undefined,
    );
    const active = await signIn(
      visitorContext(database.db, {
        now: at(400),
      }),
      { kind: "email", value: "active@exemple.fr" },
      undefined,
    );

    // Not yet: 23 months minus a day.
    expect((await applySpaceRetention(database.db, policy, at(365 * 2 - 40))).warned).toBe(0);
    const warnedAt = at(365 * 2 - 25);
    expect((await applySpaceRetention(database.db, policy, warnedAt)).warned).toBe(2);
    const warnings = await database.db
      .selectFrom("outbox_message")
      .select(["recipient", "channel"])
      .where("created_at", "=", warnedAt)
      .orderBy("recipient")
      .execute();
    expect(warnings).toEqual([
      { recipient: "+33600000001", channel: "sms" },
      { recipient: "back@exemple.fr", channel: "email" },
      { recipient: "idle@exemple.fr", channel: "email" },
    ]);
    // A warning is sent once.
    expect((await applySpaceRetention(database.db, policy, at(365 * 2 - 20))).warned).toBe(0);

    // One person comes back: their space is kept.
    await signIn(
      visitorContext(database.db, {
        now: at(365 * 2 - 10),
      }),
      { kind: "email", value: "back@exemple.fr" },
      undefined,
    );
    const result = await applySpaceRetention(
      database.db,
      policy,
      at(365 * 2 - 25 + WARNING_DAYS + 1),
    );
    expect(result.deleted).toBe(1);
    expect((await spaceIds()).sort()).toEqual([back.espaceId, active.espaceId].sort());
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["action", "person_id"])
      .where("action", "in", ["espace.delete", "espace.inactivity_warning"])
      .orderBy("seq")
      .execute();
    expect(audit).toEqual([
      { action: "espace.inactivity_warning", person_id: idle.espaceId },
      { action: "espace.inactivity_warning", person_id: back.espaceId },
      { action: "espace.delete", person_id: idle.espaceId },
    ]);
  });

  it("removes an upload that never finished", async () => {
    const space = await signIn(
      visitorContext(database.db, { now: T0 }),
      { kind: "email", value: "upload@exemple.fr" },
      undefined,
    );
    await database.db
      .insertInto("espace_document")
      .values({
        id: crypto.randomUUID(),
        espace_id: space.espaceId,
        title: "Coupé",
        file_name: "",
        media_type: "application/pdf",
        category: "autre",
        status: "receiving",
        deposited_by_user_id: null,
        deposited_by_organisation_id: null,
        created_at: T0,
        last_used_at: T0,
      })
      .execute();
    expect((await applySpaceRetention(database.db, policy, at(0.5))).brokenUploads).toBe(0);
    expect((await applySpaceRetention(database.db, policy, at(2))).brokenUploads).toBe(1);
  });
});
