import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { SIMULATION_EXAMPLE } from "./api.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind });
});
afterAll(async () => {
  await database.close();
});

// biome-ignore lint/suspicious/noExplicitAny: a test edits the example freely.
type Situation = Record<string, any>;

function post(body: unknown) {
  return app.request("/api/v1/simulations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("POST /api/v1/simulations", () => {
  it("fills the requested variables of a lone parent with one child: ppa 261.33 € in July 2024, as rsa-ppa.test.ts", async () => {
    const response = await post(SIMULATION_EXAMPLE);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      situation: {
        familles: { famille: { ppa: Record<string, number>; rsa: Record<string, number> } };
      };
      explanations: { variable: string }[];
      warnings: string[];
    };
    expect(body.situation.familles.famille.ppa["2024-07"]).toBe(261.33);
    expect(body.situation.familles.famille.rsa["2024-07"]).toBe(0);
    expect(body.explanations.length).toBeGreaterThan(0);
    expect(Array.isArray(body.warnings)).toBe(true);
  });

  it("refuses an unknown variable with a 400 naming it in French", async () => {
    const situation = structuredClone(SIMULATION_EXAMPLE) as Situation;
    situation.individus.parent.salaire_nett = { "2024-07": 1000 };
    const response = await post(situation);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; fields: Record<string, string> };
    };
    expect(body.error.code).toBe("invalid");
    expect(body.error.message).toContain("salaire_nett");
    expect(Object.keys(body.error.fields)[0]).toContain("salaire_nett");
  });

  it("refuses a gross salary above the plafond de la sécurité sociale with a 400 naming it", async () => {
    const situation = structuredClone(SIMULATION_EXAMPLE) as Situation;
    situation.individus.parent.salaire_de_base = { "2024-03": 5000 };
    const response = await post(situation);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { message: string; fields: Record<string, string> };
    };
    expect(body.error.message).toContain("plafond mensuel de la sécurité sociale (3864 €)");
    expect(Object.keys(body.error.fields)).toEqual(["individus.parent.salaire_de_base.2024-03"]);
  });

  it("refuses a malformed period with a 400 naming it", async () => {
    const situation = structuredClone(SIMULATION_EXAMPLE) as Situation;
    situation.familles.famille.ppa = { "2024-13": null };
    const response = await post(situation);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("2024-13");
  });

  it("refuses a birth date that does not exist and an amount that is not a number, each with a 400", async () => {
    for (const birth of ["1990-02-30", "0000-01-01", "1985-13-05"]) {
      const situation = structuredClone(SIMULATION_EXAMPLE) as Situation;
      situation.individus.parent.date_naissance = { ETERNITY: birth };
      const response = await post(situation);
      expect([birth, response.status]).toEqual([birth, 400]);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        "Date de naissance invalide",
      );
    }
    for (const amount of [true, "", "mille"]) {
      const situation = structuredClone(SIMULATION_EXAMPLE) as Situation;
      situation.individus.parent.salaire_net["2024-07"] = amount;
      const response = await post(situation);
      expect([amount, response.status]).toEqual([amount, 400]);
    }
  });

  it("computes asi and aah under OpenFisca's names from pensions_invalidite, and no chèque énergie for a person housed for free", async () => {
    // ASI 10 978.30 / 12 − 400 = 514.86 € (circulaire Cnav 2025-13); AAH capped at
    // 1 033.32 − 400 − 514.86 = 118.46 € (L821-1 al. 2 CSS); loge_gratuitement: no chèque énergie.
    const response = await post({
      individus: {
        p: {
          date_naissance: { ETERNITY: "1975-01-01" },
          taux_incapacite: { "2025-06": 0.8 },
          pensions_invalidite: { "2025": 4800, "2024": 4800, "2023": 4800 },
          asi: { "2025-06": null },
          aah: { "2025-06": null },
        },
      },
      familles: { f: { parents: ["p"] } },
      foyers_fiscaux: { ff: { declarants: ["p"], rfr: { "2023": 4800 } } },
      menages: {
        m: {
          personne_de_reference: ["p"],
          statut_occupation_logement: { "2025-06": "loge_gratuitement" },
          cheque_energie: { "2025": null },
        },
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      situation: {
        individus: { p: { asi: Record<string, number>; aah: Record<string, number> } };
        menages: { m: { cheque_energie: Record<string, number> } };
      };
      notCovered: { benefit: string }[];
    };
    expect(body.situation.individus.p.asi["2025-06"]).toBe(514.86);
    expect(body.situation.individus.p.aah["2025-06"]).toBe(118.46);
    expect(body.situation.menages.m.cheque_energie["2025"]).toBe(0);
    expect(body.notCovered.map((n) => n.benefit)).not.toContain("asi");
  });

  it("refuses a body that is not JSON, and one over 256 KB with a 413", async () => {
    expect((await post("{pas du json")).status).toBe(400);
    const big = await post({ individus: { a: { note: "x".repeat(300 * 1024) } } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe("too_large");
  });

  it("is documented in the OpenAPI document with its example", async () => {
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { example?: unknown }> };
    };
    expect(Object.keys(doc.paths["/api/v1/simulations"]?.post?.responses ?? {})).toEqual([
      "200",
      "400",
      "413",
    ]);
    expect(doc.components.schemas.SituationOpenFisca?.example).toEqual(SIMULATION_EXAMPLE);
  });
});
