import { describe, expect, it } from "vitest";
import { TestClient } from "../../test/app.ts";
import { makeUser } from "../../test/factories.ts";
import { NOW, useSteeringDemo } from "./test-fixtures.ts";

const steering = useSteeringDemo();

describe("public plan pages", () => {
  it("shows the plan without an account: axes, themes, actions and their status", async () => {
    const response = await steering.app.request("/plan");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Axe 1 : Réduire les inégalités et prévenir les ruptures");
    expect(html).toContain("Thème 2 : Accès aux droits");
    expect(html).toContain('href="/plan/actions/9"');
    expect(html).toContain("simulateur des droits multi-prestations");
    expect(html).toContain("Réalisée");
    expect(html).toContain("Données de démonstration");
  });

  it("shows action 9's sheet with its link to the rights simulator", async () => {
    const response = await steering.app.request("/plan/actions/9");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Action 9 : Mettre à disposition un simulateur des droits");
    expect(html).toContain('href="/mes-droits"');
    expect(html).toContain("Observations du comité de pilotage (COPIL)");
  });

  it("shows action 13's partners and calendar as the document gives them", async () => {
    const html = await (await steering.app.request("/plan/actions/13")).text();
    expect(html).toContain("DRIHL");
    expect(html).toContain("OFII, DII, ARS, Banque de France, La Poste");
    expect(html).toContain("2013-2017");
  });

  it("answers 404 for an unknown or malformed action number", async () => {
    expect((await steering.app.request("/plan/actions/999")).status).toBe(404);
    expect((await steering.app.request("/plan/actions/abc")).status).toBe(404);
  });

  it("keeps a draft action off the public pages but shows it to a pilote", async () => {
    await steering.database.db
      .updateTable("steering_action")
      .set({ published: false, title: "Action en brouillon secrète" })
      .where("number", "=", 48)
      .execute();
    expect((await steering.app.request("/plan/actions/48")).status).toBe(404);
    expect(await (await steering.app.request("/plan")).text()).not.toContain("brouillon secrète");

    const pilote = await makeUser(steering.database.db, { role: "pilote", now: NOW });
    const client = new TestClient(steering.app);
    await client.login(pilote.email, pilote.password);
    expect((await client.get("/plan/actions/48")).status).toBe(200);
    expect(client.lastHtml).toContain("brouillon, non publié");

    const worker = await makeUser(steering.database.db, { role: "travailleur_social", now: NOW });
    const workerClient = new TestClient(steering.app);
    await workerClient.login(worker.email, worker.password);
    expect((await workerClient.get("/plan/actions/48")).status).toBe(404);
  });
});

describe("a pilote edits an action over HTTP", () => {
  async function signedIn(role: "pilote" | "travailleur_social") {
    const user = await makeUser(steering.database.db, { role, now: NOW });
    const client = new TestClient(steering.app);
    await client.login(user.email, user.password);
    return client;
  }

  it("shows the form to a pilote and saves the status and the COPIL's observations", async () => {
    const client = await signedIn("pilote");
    await client.get("/plan/actions/7");
    expect(client.lastHtml).toContain("Modifier cette action (pilote)");
    const response = await client.post(
      "/plan/actions/7",
      { status: "realisee", publication: "publiee", observations: "Bilan présenté en COPIL." },
      { tokenFrom: "/plan/actions/7" },
    );
    expect(response.status).toBe(303);
    const html = await (await steering.app.request("/plan/actions/7")).text();
    expect(html).toContain("Réalisée");
    expect(html).toContain("Bilan présenté en COPIL.");
    expect(html).not.toContain("Modifier cette action");
  });

  it("keeps the public history of an action's published changes, not its drafts", async () => {
    const client = await signedIn("pilote");
    const edit = (fields: Record<string, string>) =>
      client.post("/plan/actions/11", fields, { tokenFrom: "/plan/actions/11" });
    await edit({ status: "en_retard", publication: "publiee", observations: "Retard de la CAF." });
    await edit({
      status: "en_cours",
      publication: "brouillon",
      observations: "Texte en préparation.",
    });
    await edit({ status: "realisee", publication: "publiee", observations: "Terminée." });
    const html = await (await steering.app.request("/plan/actions/11")).text();
    expect(html).toContain("Historique des changements");
    expect(html).toMatch(/En retard — Retard de la CAF\..*Réalisée — Terminée\./s);
    expect(html).not.toContain("Texte en préparation.");
    await client.get("/plan/actions/11");
    expect(client.lastHtml).toContain("En cours (brouillon) — Texte en préparation.");
  });

  it("re-renders the form with a French error for an unknown status", async () => {
    const client = await signedIn("pilote");
    const response = await client.post(
      "/plan/actions/7",
      { status: "termine", publication: "publiee", observations: "" },
      { tokenFrom: "/plan/actions/7" },
    );
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Choisissez un état.");
  });

  it("refuses a travailleur social (403) and changes nothing", async () => {
    const client = await signedIn("travailleur_social");
    await client.get("/plan/actions/8");
    expect(client.lastHtml).not.toContain("Modifier cette action");
    const response = await client.post(
      "/plan/actions/8",
      { status: "abandonnee", publication: "brouillon", observations: "" },
      { tokenFrom: "/plan/actions/8" },
    );
    expect(response.status).toBe(403);
    expect((await steering.app.request("/plan/actions/8")).status).toBe(200);
  });

  it("refuses a visitor without an account", async () => {
    const client = new TestClient(steering.app);
    const response = await client.post(
      "/plan/actions/8",
      { status: "abandonnee", publication: "brouillon", observations: "" },
      { tokenFrom: "/connexion" },
    );
    expect([302, 303, 401]).toContain(response.status);
    expect(await (await steering.app.request("/plan/actions/8")).text()).toContain("À venir");
  });
});
