import { describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import type { Role } from "../../platform/access/roles.ts";
import { Forbidden } from "../../platform/errors.ts";
import { makeUser } from "../../test/factories.ts";
import { serviceContext, userActor } from "../../test/fixtures.ts";
import { COMPUTED_INDICATORS } from "./computed-indicators.ts";
import { NON_TAKE_UP_CODE, SEED_INDICATORS } from "./demo-indicators.ts";
import { formatFigure, publishedFigure, SECRET_LABEL } from "./secrecy.ts";
import { publicIndicatorValues, recordNonTakeUpIndicator } from "./service.ts";
import { NOW, useSteeringDemo } from "./test-fixtures.ts";

const steering = useSteeringDemo();

async function actorWith(role: Role) {
  const user = await makeUser(steering.database.db, { role, now: NOW });
  const actor: UserActor = userActor(role, {
    userId: user.userId,
    organisationId: user.organisationId,
    organisationName: "D",
    organisationKind: "departement",
    email: user.email,
    displayName: "Test",
  });
  return actor;
}

/** A finished non-take-up run whose chunks found households in two communes. */
async function finishedRun(ranBy: string) {
  const run = await steering.database.db
    .insertInto("rights_batch_run")
    .values({
      ran_by: ranBy,
      month: "2026-11",
      file_name: "population.csv",
      header: "id;depcom",
      status: "done",
      chunks_total: 2,
      created_at: NOW,
      expires_at: new Date("2026-12-13T09:00:00Z"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const summaries = [
    {
      byCommune: {
        "92050": { rsa: { households: 9, totalCents: 1 }, ppa: { households: 4, totalCents: 1 } },
        "92002": { css: { households: 30, totalCents: 1 } },
      },
    },
    {
      byCommune: {
        "92050": { rsa: { households: 1, totalCents: 1 } },
        "92002": { rsa: { households: 5, totalCents: 1 } },
      },
    },
  ];
  await steering.database.db
    .insertInto("rights_batch_chunk")
    .values(
      summaries.map((summary, seq) => ({
        run_id: run.id,
        seq,
        first_line: seq * 10,
        summary: JSON.stringify(summary),
      })),
    )
    .execute();
  return run.id;
}

describe("statistical secrecy", () => {
  it.each([0, 1, 10])("hides a figure computed from %i persons", (persons) => {
    expect(publishedFigure("42", persons)).toEqual({ kind: "secret" });
    expect(formatFigure(publishedFigure("42", persons), "%")).toBe(SECRET_LABEL);
  });

  it.each([11, 12, 500])("shows a figure computed from %i persons", (persons) => {
    expect(publishedFigure("42.5", persons)).toEqual({ kind: "value", value: 42.5 });
  });

  it("shows an official figure whose count of persons is unknown", () => {
    expect(formatFigure(publishedFigure("12", null), "%")).toBe("12 %");
  });
});

describe("indicator definitions and pages", () => {
  it("loads the seed's indicator list, from C01 to FI11", async () => {
    const codes = (
      await steering.database.db.selectFrom("steering_indicator").select("code").execute()
    ).map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "C01",
        "C21",
        "HA02",
        "ASE07",
        "INS09",
        "PA09",
        "FI11",
        NON_TAKE_UP_CODE,
      ]),
    );
    expect(codes).toHaveLength(SEED_INDICATORS.length + COMPUTED_INDICATORS.length);
    expect(codes).not.toContain("C18");
  });

  it("lists the indicators by family on /indicateurs", async () => {
    const response = await steering.app.request("/indicateurs");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Contexte territorial");
    expect(html).toContain('href="/indicateurs/C07"');
    expect(html).toContain("Calculés par Relais");
  });

  it("draws the commune chart with a table and a summary, never a secret number", async () => {
    const response = await steering.app.request(`/indicateurs/${NON_TAKE_UP_CODE}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<svg");
    expect(html).toContain(
      "<caption>Les chiffres de l&#39;indicateur RELAIS_NR01 par commune, au 2026-11-01</caption>",
    );
    expect(html).toContain('id="resume"');
    expect(html).toContain("en secret statistique");
    // The demo's first commune (alphabetically: Antony) has 3 to 5 households: secret.
    const values = await publicIndicatorValues(steering.database.db, NON_TAKE_UP_CODE, "92");
    const secret = values.filter((value) => value.figure.kind === "secret");
    expect(secret.length).toBeGreaterThan(0);
    expect(values.filter((value) => value.figure.kind === "value").length).toBeGreaterThan(0);
  });

  it("shows the département series of C07 with its target and the seed's 12 %", async () => {
    const html = await (await steering.app.request("/indicateurs/C07")).text();
    expect(html).toContain("Pauvreté monétaire");
    expect(html).toContain("2015-01-01");
    expect(html).toContain("12 %");
    expect(html).toContain("Objectif");
  });

  it("shows another date of a commune-level indicator on request, the latest otherwise", async () => {
    const september = await (
      await steering.app.request(`/indicateurs/${NON_TAKE_UP_CODE}?date=2026-09-01`)
    ).text();
    expect(september).toContain("par commune, au 2026-09-01</caption>");
    expect(september).toContain('<option value="2026-09-01" selected="">');
    const unknown = await (
      await steering.app.request(`/indicateurs/${NON_TAKE_UP_CODE}?date=1999-01-01`)
    ).text();
    expect(unknown).toContain("par commune, au 2026-11-01</caption>");
  });

  it("answers 404 for an unknown code", async () => {
    expect((await steering.app.request("/indicateurs/ZZ99")).status).toBe(404);
    expect((await steering.app.request("/indicateurs/..%2Fplan")).status).toBe(404);
  });
});

describe("the indicator computed from Relais's non-take-up runs", () => {
  it("keeps the counts per commune of a pilote's run, secret under 11 households", async () => {
    const pilote = await actorWith("pilote");
    const runId = await finishedRun(pilote.userId);
    expect(
      await recordNonTakeUpIndicator(serviceContext(steering.database.db, pilote, NOW), runId),
    ).toEqual({
      month: "2026-11",
      communes: 2,
    });
    const values = (
      await publicIndicatorValues(steering.database.db, NON_TAKE_UP_CODE, "92")
    ).filter(
      (value) => value.period === "2026-11-01" && ["92050", "92002"].includes(value.territoryCode),
    );
    const byCode = new Map(values.map((value) => [value.territoryCode, value]));
    // Nanterre: 14 benefits found, at least 10 distinct households: secret.
    expect(byCode.get("92050")?.figure).toEqual({ kind: "secret" });
    // Antony: 35 benefits, at least 30 households.
    expect(byCode.get("92002")?.figure).toEqual({ kind: "value", value: 35 });
    const html = await (await steering.app.request(`/indicateurs/${NON_TAKE_UP_CODE}`)).text();
    expect(html).toContain(
      '<a href="/territoire/92050">Nanterre</a></th><td>2026-11-01</td><td>secret statistique</td>',
    );
    expect(html).toContain(
      '<a href="/territoire/92002">Antony</a></th><td>2026-11-01</td><td>35 droits</td>',
    );
  });

  it("refuses another pilote than the one who ran it, and a travailleur social", async () => {
    const owner = await actorWith("pilote");
    const runId = await finishedRun(owner.userId);
    await expect(
      recordNonTakeUpIndicator(
        serviceContext(steering.database.db, await actorWith("pilote"), NOW),
        runId,
      ),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      recordNonTakeUpIndicator(
        serviceContext(steering.database.db, await actorWith("travailleur_social"), NOW),
        runId,
      ),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});
