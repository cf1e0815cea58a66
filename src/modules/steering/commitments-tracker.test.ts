import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";

const NOW = new Date("2026-12-06T09:00:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(async () => {
  await database.close();
});

async function signedIn(role: "pilote" | "travailleur_social") {
  const user = await makeUser(database.db, { role, now: NOW });
  const client = new TestClient(app);
  await client.login(user.email, user.password);
  return client;
}

const premieresHeures = () =>
  database.db
    .selectFrom("steering_commitment")
    .selectAll()
    .where("quote", "like", "%Premières Heures%")
    .executeTakeFirstOrThrow();

describe("the promise tracker", () => {
  it("quotes the majority's commitments, « à suivre », linked to plan actions", async () => {
    const html = await (await app.request("/engagements")).text();
    expect(html).toContain("Le suivi des promesses");
    expect(html).toContain("50 nouvelles places au sein de SOS Village d’enfants");
    expect(html).toContain("À suivre");
    expect(html).toContain('href="/plan/actions/28"');
    expect(html).not.toContain("Mettre à jour cette promesse");
  });

  it("lets a pilote mark a promise with a date and a source", async () => {
    const { id } = await premieresHeures();
    const client = await signedIn("pilote");
    await client.get("/engagements");
    expect(client.lastHtml).toContain(`href="/engagements/${id}"`);
    const response = await client.post(
      `/engagements/${id}`,
      {
        status: "en_cours",
        date: "2024-03-01",
        source: "Délibération du conseil départemental",
        action: "28",
      },
      { tokenFrom: `/engagements/${id}` },
    );
    expect(response.status).toBe(303);
    const html = await (await app.request("/engagements")).text();
    expect(html).toContain(
      "En cours</strong> (au 2024-03-01). Source : Délibération du conseil départemental",
    );
  });

  it("re-renders the form in French when the date is wrong", async () => {
    const { id } = await premieresHeures();
    const client = await signedIn("pilote");
    const response = await client.post(
      `/engagements/${id}`,
      { status: "tenu", date: "mars 2024", source: "x", action: "" },
      { tokenFrom: `/engagements/${id}` },
    );
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Une date au format AAAA-MM-JJ.");
    expect((await premieresHeures()).status).toBe("en_cours");
  });

  it("refuses a travailleur social the form and the change", async () => {
    const { id } = await premieresHeures();
    const client = await signedIn("travailleur_social");
    expect((await client.get(`/engagements/${id}`)).status).toBe(403);
    const response = await client.post(
      `/engagements/${id}`,
      { status: "pas_tenu", date: "2024-03-01", source: "x", action: "" },
      { tokenFrom: "/engagements" },
    );
    expect(response.status).toBe(403);
    expect((await premieresHeures()).status).toBe("en_cours");
  });
});
