import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { loadTerritory, readTerritory } from "../territory/service.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadTerritory(database.db, readTerritory("92"));
  app = createTestApp(database.db, { kind: database.kind });
});
afterAll(async () => {
  await database.close();
});

async function signedIn(role: "travailleur_social" | "agent_accueil" | "pilote") {
  const user = await makeUser(database.db, { role });
  const client = new TestClient(app);
  await client.login(user.email, user.password);
  return client;
}

const SINGLE_PARENT = {
  mois: "2025-06",
  naissance: "1990-04-12",
  enfant1: "2016-09-01",
  enfant3: "2019-02-15",
  isole_recent: "non",
  activite: "salarie",
  handicap: "non",
  salaire: "500",
  statut: "locataire",
  loyer: "650",
  aide_logement: "300",
  commune: "92050",
};

describe("professional simulator /pro/simulateur", () => {
  it("gives a travailleur social the conformance amounts for June 2025 in one form (RSA 106,45 €, prime 301,17 €)", async () => {
    const client = await signedIn("travailleur_social");
    expect((await client.get("/pro/simulateur")).status).toBe(200);
    const response = await client.post("/pro/simulateur", SINGLE_PARENT, {
      tokenFrom: "/pro/simulateur",
    });
    expect(response.status).toBe(200);
    expect(client.lastHtml).toContain("106,45");
    expect(client.lastHtml).toContain("301,17");
    expect(client.lastHtml).toContain("Rattacher au dossier");
  });

  it("lets an agent d'accueil in, re-renders French errors with a 400", async () => {
    const client = await signedIn("agent_accueil");
    const response = await client.post(
      "/pro/simulateur",
      { ...SINGLE_PARENT, mois: "2023-12", salaire: "abc" },
      { tokenFrom: "/pro/simulateur" },
    );
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Le mois : format AAAA-MM, à partir de 2024-01");
  });

  it("refuses a pilote (403) and sends an anonymous visitor to sign in", async () => {
    const pilot = await signedIn("pilote");
    expect((await pilot.get("/pro/simulateur")).status).toBe(403);
    const anonymous = new TestClient(app);
    const response = await anonymous.get("/pro/simulateur");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/connexion");
  });
});
