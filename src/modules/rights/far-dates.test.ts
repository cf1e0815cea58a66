// A month after the last legal values the simulator knows (VALUES_KNOWN_UNTIL):
// the amounts are computed with the latest values, and the page and the API
// say so — no crash, no silent zero. The clock is the tests' (2030), whatever
// the real date is.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { loadTerritory, readTerritory } from "../territory/service.ts";
import { assumedValuesNotice, formatEuros } from "./format.ts";
import { VALUES_KNOWN_UNTIL } from "./parameters/resolve.ts";
import { answersToHousehold } from "./questionnaire.ts";
import { simulate } from "./service.ts";
import { SINGLE_PARENT_ANSWERS } from "./test-fixtures.ts";

let database: TestDatabase;
const MARCH_2030 = new Date("2030-03-11T10:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  await loadTerritory(database.db, readTerritory("92"));
});
afterAll(async () => {
  await database.close();
});

/** Escaped as the page writes it. */
const html = (text: string) => text.replace(/'/g, "&#39;");

describe("a month after the last known legal values", () => {
  it("computes with the latest values and names the month they are from", () => {
    // A person living alone, without children: nothing in the household changes with the years.
    const alone = {
      ...SINGLE_PARENT_ANSWERS,
      foyer: { couple: "non", enfants: "0" },
      ages: { naissance: "1990-04-12", isole_recent: "non" },
    };
    const later = simulate(answersToHousehold(alone, "2030-03"), "2030-03");
    const known = simulate(answersToHousehold(alone, VALUES_KNOWN_UNTIL), VALUES_KNOWN_UNTIL);
    expect(later.valuesOf).toBe(VALUES_KNOWN_UNTIL);
    expect(known.valuesOf).toBeUndefined();
    // Same household, same values: the RSA and the prime d'activité do not fall to zero.
    expect(later.results.rsa.amountCents).toBeGreaterThan(0);
    expect(later.results.rsa.amountCents).toBe(known.results.rsa.amountCents);
    expect(later.results.ppa.amountCents).toBe(known.results.ppa.amountCents);
  });

  it("says so on the resident's results page", async () => {
    const app = createTestApp(database.db, { kind: database.kind, now: () => MARCH_2030 });
    const client = new TestClient(app);
    await client.get("/mes-droits/questions");
    const hidden = (name: string) =>
      (new RegExp(`name="${name}" value="([^"]*)"`).exec(client.lastHtml)?.[1] ?? "").replace(
        /&amp;/g,
        "&",
      );
    const steps = ["foyer", "ages", "situation", "ressources", "logement", "prestations"] as const;
    for (const step of steps) {
      await client.post("/mes-droits/questions", {
        _csrf: client.csrfToken(),
        etat: hidden("etat"),
        etape: step,
        action: "suivant",
        ...(SINGLE_PARENT_ANSWERS[step] ?? {}),
      });
    }
    const response = await client.post("/mes-droits/questions", {
      _csrf: client.csrfToken(),
      etat: hidden("etat"),
      action: "resultats",
    });
    expect(response.status).toBe(200);
    expect(client.lastHtml).toContain("Vos droits estimés");
    expect(client.lastHtml).toContain(html(assumedValuesNotice("2030-03", VALUES_KNOWN_UNTIL)));
    expect(client.lastHtml).toContain("ceux de décembre 2026");
    const expected = simulate(answersToHousehold(SINGLE_PARENT_ANSWERS, "2030-03"), "2030-03");
    expect(client.lastHtml).toContain(formatEuros(expected.results.rsa.amountCents));
  });

  it("says so in the simulations API, once per month, and not for a known month", async () => {
    const app = createTestApp(database.db, { kind: database.kind, now: () => MARCH_2030 });
    const situation = (month: string) => ({
      individus: {
        parent: {
          date_naissance: { ETERNITY: "1985-11-05" },
          salaire_net: { [month]: 600 },
        },
      },
      familles: {
        famille: { parents: ["parent"], rsa: { [month]: null }, ppa: { [month]: null } },
      },
      menages: { menage: { personne_de_reference: ["parent"], depcom: { [month]: "92050" } } },
    });
    const post = (body: unknown) =>
      app.request("/api/v1/simulations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const later = await post(situation("2030-03"));
    expect(later.status).toBe(200);
    const answer = (await later.json()) as {
      warnings: string[];
      situation: { familles: { famille: { rsa: Record<string, number> } } };
    };
    expect(answer.warnings).toEqual([assumedValuesNotice("2030-03", VALUES_KNOWN_UNTIL)]);
    expect(answer.situation.familles.famille.rsa["2030-03"]).toBeGreaterThan(0);

    const known = await post(situation("2026-11"));
    expect(((await known.json()) as { warnings: string[] }).warnings).toEqual([]);
  });
});
