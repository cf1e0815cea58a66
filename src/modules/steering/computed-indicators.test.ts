import { describe, expect, it } from "vitest";
import { jobHandlers } from "../../jobs.ts";
import { silentLogger } from "../../platform/log/logger.ts";
import { testConfig } from "../../test/app.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { setUpAgenda } from "../appointments/test-fixtures.ts";
import {
  COMPUTED_CODES,
  computeRelaisIndicators,
  STEERING_INDICATORS_JOB,
} from "./computed-indicators.ts";
import { NOW, useSteeringDemo } from "./test-fixtures.ts";

const steering = useSteeringDemo();
const DAY = 86_400_000;

/** Appointments in November 2026 for `persons` distinct persons, booked `waitDays` ahead. */
async function appointments(
  agenda: Awaited<ReturnType<typeof setUpAgenda>>,
  persons: number,
  input: { waitDays: number; noShows: number; tag: string },
) {
  const rows = Array.from({ length: persons }, (_, index) => {
    const startsAt = new Date(Date.UTC(2026, 10, 2 + (index % 25), 9));
    return {
      organisation_id: agenda.organisationId,
      motif_id: agenda.motifId,
      lieu_id: agenda.lieuId,
      agent_id: agenda.agent.userId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 30 * 60_000),
      status: index < input.noShows ? ("noshow" as const) : ("seen" as const),
      person_name: `Personne ${input.tag} ${index}`,
      phone: null,
      email: `${input.tag}-${index}@exemple.fr`,
      channel: "agent" as const,
      booked_by_user_id: null,
      person_id: null,
      idempotency_key: null,
      cancel_token_hash: null,
      created_at: new Date(startsAt.getTime() - input.waitDays * DAY),
      updated_at: NOW,
    };
  });
  await steering.database.db.insertInto("rdv").values(rows).execute();
}

const valuesOf = (code: string, territoryCode: string) =>
  steering.database.db
    .selectFrom("steering_indicator_value")
    .select(["period", "value", "persons", "comment"])
    .where("indicator_code", "=", code)
    .where("territory_kind", "=", "structure")
    .where("territory_code", "=", territoryCode)
    .orderBy("period")
    .execute();

const computedCount = async () =>
  Number(
    (
      await steering.database.db
        .selectFrom("steering_indicator_value")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("indicator_code", "in", COMPUTED_CODES)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("the indicators Relais computes from its own services", () => {
  it("computes waiting time and no-shows per structure, keeping their persons, by the daily job", async () => {
    const large = await setUpAgenda(steering.database.db);
    const small = await setUpAgenda(steering.database.db);
    await appointments(large, 20, { waitDays: 6, noShows: 5, tag: "grand" });
    await appointments(small, 4, { waitDays: 2, noShows: 1, tag: "petit" });

    const handler = jobHandlers(testConfig(), silentLogger)[STEERING_INDICATORS_JOB];
    expect(handler).toBeDefined();
    await handler?.({}, { db: steering.database.db, now: NOW });

    expect(await valuesOf("RELAIS_RDV01", large.organisationId)).toEqual([
      {
        period: "2026-11-01",
        value: "6",
        persons: 20,
        comment: "Calculé par Relais le 2026-12-06, sur le mois complet.",
      },
    ]);
    expect((await valuesOf("RELAIS_RDV02", large.organisationId))[0]).toMatchObject({
      value: "25",
      persons: 20,
    });
    expect((await valuesOf("RELAIS_RDV02", small.organisationId))[0]).toMatchObject({ persons: 4 });
    // The records of the demo give the département's caseload and records opened this month.
    const records = await steering.database.db
      .selectFrom("steering_indicator_value")
      .select(["indicator_code", "period"])
      .where("indicator_code", "in", ["RELAIS_CH01", "RELAIS_DO01"])
      .where("territory_kind", "=", "departement")
      .where("territory_code", "=", "92")
      .execute();
    expect(records.map((row) => row.indicator_code).sort()).toEqual(
      expect.arrayContaining(["RELAIS_CH01", "RELAIS_DO01"]),
    );
  });

  it("publishes the large structure's figure and keeps the small one secret, on the page and in the API", async () => {
    const response = await steering.app.request("/indicateurs/RELAIS_RDV02?date=2026-11-01");
    expect(response.status).toBe(200);
    const html = (await response.text()).replace(/[\u202f\u00a0]/g, " ");
    expect(html).toContain("par structure, au 2026-11-01</caption>");
    expect(html).toMatch(
      /<td>25 %<\/td><td>Calculé par Relais le 2026-12-06, sur le mois complet\.<\/td>/,
    );
    expect(html).toContain("<td>secret statistique</td>");
    const api = (await (
      await steering.app.request("/api/v1/indicateurs/RELAIS_RDV02/valeurs")
    ).json()) as {
      valeurs: { territoire_type: string; valeur: number | null; secret_statistique: boolean }[];
    };
    const structures = api.valeurs.filter((value) => value.territoire_type === "structure");
    expect(structures.some((value) => value.valeur === 25)).toBe(true);
    const secret = structures.filter((value) => value.secret_statistique);
    expect(secret.length).toBeGreaterThan(0);
    expect(secret.every((value) => value.valeur === null)).toBe(true);
    // The département's figure counts every structure.
    expect(api.valeurs.some((value) => value.territoire_type === "departement")).toBe(true);
  });

  it("is idempotent, and drops a figure that no longer exists", async () => {
    const before = await computedCount();
    await computeRelaisIndicators({ db: steering.database.db, now: NOW }, "92");
    expect(await computedCount()).toBe(before);

    const gone = await setUpAgenda(steering.database.db);
    await appointments(gone, 3, { waitDays: 1, noShows: 0, tag: "parti" });
    await computeRelaisIndicators({ db: steering.database.db, now: NOW }, "92");
    expect(await valuesOf("RELAIS_RDV01", gone.organisationId)).toHaveLength(1);
    await steering.database.db
      .updateTable("rdv")
      .set({ status: "revoked" })
      .where("organisation_id", "=", gone.organisationId)
      .execute();
    await computeRelaisIndicators({ db: steering.database.db, now: NOW }, "92");
    expect(await valuesOf("RELAIS_RDV01", gone.organisationId)).toEqual([]);
  });

  it("dates the current month's values as partial, from the injected clock", async () => {
    const december = new Date("2026-12-20T10:00:00Z");
    const agenda = await setUpAgenda(steering.database.db);
    const startsAt = new Date("2026-12-15T09:00:00Z");
    await steering.database.db
      .insertInto("rdv")
      .values({
        organisation_id: agenda.organisationId,
        motif_id: agenda.motifId,
        lieu_id: agenda.lieuId,
        agent_id: agenda.agent.userId,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 30 * 60_000),
        status: "seen",
        person_name: "Personne de décembre",
        phone: "0600000001",
        email: null,
        channel: "agent",
        booked_by_user_id: null,
        person_id: null,
        idempotency_key: null,
        cancel_token_hash: null,
        created_at: new Date(startsAt.getTime() - 3 * DAY),
        updated_at: december,
      })
      .execute();
    const result = await computeRelaisIndicators({ db: steering.database.db, now: december }, "92");
    expect(result.periods).toEqual(["2026-11-01", "2026-12-01"]);
    expect(await valuesOf("RELAIS_RDV01", agenda.organisationId)).toEqual([
      {
        period: "2026-12-01",
        value: "3",
        persons: 1,
        comment: "Calculé par Relais le 2026-12-20, mois en cours.",
      },
    ]);
  });

  it("computes the share of young people in care with a project at 18, per structure", async () => {
    const { db } = steering.database;
    const organisationId = await makeOrganisation(db, {
      kind: "sst",
      communeCode: "92050",
      now: NOW,
    });
    // 12 young people in care turn 18 in November 2026 (Paris); 9 had an objective « après 18 ans » before.
    for (let index = 0; index < 12; index++) {
      const person = await db
        .insertInto("person")
        .values({
          last_name: `Jeune${index}`,
          first_name: "Sam",
          birth_date: `2008-11-${String(index + 2).padStart(2, "0")}`,
          in_care_ase: true,
          search_name: `jeune${index} sam`,
          created_by_organisation_id: organisationId,
          created_at: new Date("2025-01-10T10:00:00Z"),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const parcours = await db
        .insertInto("parcours")
        .values({
          person_id: person.id,
          referent_user_id: null,
          referent_organisation_id: organisationId,
          status: "ouvert",
          opened_at: new Date("2025-01-10T10:00:00Z"),
          last_contact_at: new Date("2025-01-10T10:00:00Z"),
          closed_at: null,
          archived_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (index < 9) {
        await db
          .insertInto("plan_objective")
          .values({
            parcours_id: parcours.id,
            theme: "apres_18_ans",
            title: "Un projet pour après 18 ans",
            created_at: new Date("2026-09-01T10:00:00Z"),
            updated_at: new Date("2026-09-01T10:00:00Z"),
          })
          .execute();
      }
    }
    await computeRelaisIndicators({ db: db, now: NOW }, "92");
    // 9 of 12: 75 %, from 12 persons, so published (11 or more).
    expect(await valuesOf("RELAIS_ASE01", organisationId)).toEqual([
      {
        period: "2026-11-01",
        value: "75",
        persons: 12,
        comment: "Calculé par Relais le 2026-12-06, sur le mois complet.",
      },
    ]);
  });
});
