import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { createLieu, createPlage } from "./agenda-admin.ts";
import { placeStatistics, WITHOUT_PLACE } from "./place-statistics.ts";
import type { RdvStatus } from "./tables.ts";
import { contextAt, responsableOf, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let other: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;
let south: string;
let closed: string;
let secondAgent: string;

/** A fixture row written as it stands in the table: past ones cannot be booked any more. */
async function appointment(input: {
  organisationId?: string;
  motifId?: string;
  lieuId: string | null;
  agentId?: string;
  date: string;
  time: string;
  status: RdvStatus;
}) {
  const startsAt = parisToDate(input.date, input.time);
  await database.db
    .insertInto("rdv")
    .values({
      organisation_id: input.organisationId ?? agenda.organisationId,
      motif_id: input.motifId ?? agenda.motifId,
      lieu_id: input.lieuId,
      agent_id: input.agentId ?? agenda.agent.userId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 20 * 60_000),
      status: input.status,
      person_name: "Personne de test",
      phone: "0612345678",
      email: null,
      channel: "agent",
      booked_by_user_id: null,
      person_id: null,
      idempotency_key: null,
      cancel_token_hash: null,
      created_at: TEST_NOW,
      updated_at: TEST_NOW,
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  other = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => TEST_NOW });
  const park = agenda.lieuId;
  secondAgent = (
    await makeUser(database.db, {
      role: "travailleur_social",
      organisationId: agenda.organisationId,
    })
  ).userId;
  south = await createLieu(
    database.db,
    {
      organisationId: agenda.organisationId,
      name: "Maison des solidarités Sud",
      address: "3 place du Marché, 92160 Antony",
    },
    TEST_NOW,
  );
  closed = await createLieu(
    database.db,
    {
      organisationId: agenda.organisationId,
      name: "Antenne sans permanence",
      address: "1 rue Haute, 92160 Antony",
    },
    TEST_NOW,
  );
  // The second agent receives at the southern place on Thursdays only.
  await createPlage(
    database.db,
    {
      organisationId: agenda.organisationId,
      agentId: secondAgent,
      lieuId: south,
      motifIds: [agenda.motifId],
      firstDay: "2026-11-26",
      startTime: "14:00",
      endTime: "16:00",
      recurrence: { everyWeeks: 1, weekdays: [4] },
    },
    TEST_NOW,
  );
  // The park: 4 past (2 seen, 1 no-show, 1 cancelled by the person), 1 to come, 1 cancelled by the service.
  await appointment({ lieuId: park, date: "2026-11-16", time: "09:00", status: "seen" });
  await appointment({ lieuId: park, date: "2026-11-16", time: "10:00", status: "seen" });
  await appointment({ lieuId: park, date: "2026-11-17", time: "09:00", status: "noshow" });
  await appointment({ lieuId: park, date: "2026-11-18", time: "09:00", status: "excused" });
  await appointment({ lieuId: park, date: "2026-11-25", time: "10:00", status: "unknown" });
  await appointment({ lieuId: park, date: "2026-11-26", time: "10:00", status: "revoked" });
  // More than 90 days ago: outside the period.
  await appointment({ lieuId: park, date: "2026-07-01", time: "09:00", status: "seen" });
  // The south: 1 past no-show, 2 to come.
  const atSouth = { lieuId: south, agentId: secondAgent };
  await appointment({ ...atSouth, date: "2026-11-19", time: "14:00", status: "noshow" });
  await appointment({ ...atSouth, date: "2026-12-03", time: "14:00", status: "unknown" });
  await appointment({ ...atSouth, date: "2026-12-03", time: "14:30", status: "unknown" });
  // By phone: 1 past, seen.
  await appointment({
    lieuId: null,
    motifId: agenda.phoneMotifId,
    date: "2026-11-20",
    time: "14:00",
    status: "seen",
  });
  // Another structure's appointment: not the responsable's figures.
  await appointment({
    organisationId: other.organisationId,
    motifId: other.motifId,
    lieuId: other.lieuId,
    agentId: other.agent.userId,
    date: "2026-11-16",
    time: "11:00",
    status: "noshow",
  });
});
afterAll(async () => {
  await database.close();
});

const responsableActor = () => responsableOf(agenda.organisationId);

describe("figures per place", () => {
  it("counts each place's appointments of the last 90 days and finds its first free slot", async () => {
    const rows = await placeStatistics(
      contextAt(database.db, TEST_NOW, responsableActor()),
      agenda.organisationId,
    );
    const byPlace = Object.fromEntries(
      rows.map((r) => [
        r.lieuId ?? "none",
        [r.past, r.seen, r.noShow, r.cancelled, r.upcoming, r.noShowRate, r.daysToFirstSlot],
      ]),
    );
    // [past, seen, no-show, cancelled, to come, no-show rate, days to the first free slot]
    expect(byPlace).toEqual({
      // Monday 09:00 + 60 min notice: 10:00 the same day, 1/24 of a day.
      [agenda.lieuId]: [4, 2, 1, 2, 1, 1 / 3, 0],
      // Thursday 26 14:00 is 3 days and 5 hours away: 3.2.
      [south]: [1, 0, 1, 0, 2, 1, 3.2],
      [closed]: [0, 0, 0, 0, 0, null, null],
      // By phone, agents only (no notice): Monday 14:00, 5 hours away.
      none: [1, 1, 0, 0, 0, 0, 0.2],
    });
    expect(rows.map((r) => r.lieuName)).toEqual([
      "Antenne sans permanence",
      "Espace solidarité du Parc",
      "Maison des solidarités Sud",
      WITHOUT_PLACE,
    ]);
  });
});

describe("the statistics page", () => {
  it("shows the figures per place to the responsable and the pilote only", async () => {
    const roles = [
      ["responsable_structure", 200],
      ["pilote", 200],
      ["travailleur_social", 403],
      ["agent_accueil", 403],
    ] as const;
    for (const [role, status] of roles) {
      const user = await makeUser(database.db, {
        role,
        organisationId: role === "pilote" ? undefined : agenda.organisationId,
      });
      const client = new TestClient(app);
      await client.login(user.email, user.password);
      const response = await client.get("/pro/rendez-vous/statistiques");
      expect([role, response.status]).toEqual([role, status]);
      if (status === 200) {
        expect(client.lastHtml).toContain("<caption>Par lieu</caption>");
        expect(client.lastHtml).toContain("Maison des solidarités Sud");
      } else {
        expect(client.lastHtml).not.toContain("Maison des solidarités Sud");
      }
    }
  });
});
