import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestApp } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { NON_TAKE_UP_CODE } from "./demo-indicators.ts";
import { toOpenDataCsv } from "./open-data-csv.ts";

const NOW = new Date("2026-12-06T09:00:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
  await database.db
    .updateTable("steering_action")
    .set({ published: false })
    .where("number", "=", 47)
    .execute();
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(async () => {
  await database.close();
});

type PlanJson = {
  licence: { name: string };
  axes: { themes: { actions: { numero: number; statut: string }[] }[] }[];
};

describe("open data", () => {
  it("serves the same published actions in /api/v1/plan as on /plan, drafts in neither", async () => {
    const response = await app.request("/api/v1/plan");
    expect(response.status).toBe(200);
    const plan = (await response.json()) as PlanJson;
    expect(plan.licence.name).toContain("Licence Ouverte 2.0");
    const apiNumbers = plan.axes.flatMap((a) =>
      a.themes.flatMap((t) => t.actions.map((x) => x.numero)),
    );
    const html = await (await app.request("/plan")).text();
    const pageNumbers = [...html.matchAll(/href="\/plan\/actions\/(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(apiNumbers).toEqual(pageNumbers);
    expect(apiNumbers).toContain(9);
    expect(apiNumbers).not.toContain(47);
  });

  it("downloads the actions as CSV with the same rows", async () => {
    const response = await app.request("/plan.csv");
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "axe;theme;theme_titre;action;action_titre;statut;action_nationale_suivie",
    );
    expect(lines).toHaveLength(1 + 54);
    expect(
      lines.some(
        (line) => line.startsWith("1;2;") && line.includes(";9;Mettre à disposition un simulateur"),
      ),
    ).toBe(true);
  });

  it("lists the indicators in JSON and CSV", async () => {
    const body = (await (await app.request("/api/v1/indicateurs")).json()) as {
      indicateurs: { code: string }[];
    };
    expect(body.indicateurs.map((i) => i.code)).toContain("C07");
    const csv = await (await app.request("/indicateurs.csv")).text();
    expect(csv).toContain("C07;Contexte territorial;Pauvreté monétaire");
  });

  it("gives null and secret_statistique for a figure under 11 persons, in JSON and CSV", async () => {
    const body = (await (
      await app.request(`/api/v1/indicateurs/${NON_TAKE_UP_CODE}/valeurs`)
    ).json()) as {
      valeurs: {
        territoire_code: string;
        date: string;
        valeur: number | null;
        secret_statistique: boolean;
      }[];
    };
    const secret = body.valeurs.filter((v) => v.secret_statistique);
    expect(secret.length).toBeGreaterThan(0);
    expect(secret.every((v) => v.valeur === null)).toBe(true);
    const stored = await database.db
      .selectFrom("steering_indicator_value")
      .select(["territory_code", "period", "value", "persons"])
      .where("indicator_code", "=", NON_TAKE_UP_CODE)
      .where("persons", "<", 11)
      .execute();
    expect(stored.length).toBe(secret.length);
    const csv = await (await app.request(`/indicateurs/${NON_TAKE_UP_CODE}/valeurs.csv`)).text();
    for (const row of stored) {
      expect(csv).toContain(`${row.territory_code};`);
      expect(csv).not.toMatch(
        new RegExp(`;${row.territory_code};[^;]*;${row.period};${Number(row.value)};`),
      );
    }
    expect(csv).toContain("secret statistique");
  });

  it("embeds schema.org Dataset metadata with the licence and the downloads", async () => {
    for (const [page, csv] of [
      ["/plan", "/plan.csv"],
      [`/indicateurs/${NON_TAKE_UP_CODE}`, `/indicateurs/${NON_TAKE_UP_CODE}/valeurs.csv`],
    ]) {
      const html = await (await app.request(page as string)).text();
      const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
      const dataset = JSON.parse(match?.[1] ?? "{}") as {
        "@type": string;
        license: string;
        distribution: { contentUrl: string }[];
      };
      expect(dataset["@type"]).toBe("Dataset");
      expect(dataset.license).toContain("licence-ouverte");
      expect(dataset.distribution.map((d) => new URL(d.contentUrl).pathname)).toContain(csv);
    }
  });

  it("answers 404 for an unknown indicator", async () => {
    expect((await app.request("/api/v1/indicateurs/NOPE/valeurs")).status).toBe(404);
  });

  it("describes the three paths in the OpenAPI document", async () => {
    const document = (await (await app.request("/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/plan",
        "/api/v1/indicateurs",
        "/api/v1/indicateurs/{code}/valeurs",
      ]),
    );
  });
});

describe("toOpenDataCsv", () => {
  it("quotes a cell holding a semicolon, a quote or a line break", () => {
    expect(
      toOpenDataCsv(
        ["a", "b"],
        [
          ["x;y", 'dit "oui"'],
          [null, 2.5],
        ],
      ),
    ).toBe('a;b\n"x;y";"dit ""oui"""\n;2.5\n');
  });
});
