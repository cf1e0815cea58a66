import { describe, expect, it } from "vitest";
import { useSteeringDemo } from "./test-fixtures.ts";

const steering = useSteeringDemo();

const meetingCount = async () =>
  Number(
    (
      await steering.database.db
        .selectFrom("steering_meeting")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const auditActions = async (action: string) =>
  (
    await steering.database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", action)
      .execute()
  ).length;

describe("the plan's governance, public", () => {
  it("is linked from /plan", async () => {
    const html = await (await steering.app.request("/plan")).text();
    expect(html).toContain(
      '<a href="/plan/gouvernance">Qui pilote le plan (COPIL et groupes de travail)</a>',
    );
  });

  it("shows the COPIL and the three working groups of seed 002, their members and sheets", async () => {
    const response = await steering.app.request("/plan/gouvernance");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h2 id="copil">Comité de pilotage (COPIL)</h2>');
    expect(html).toContain("Le Préfet des Hauts-de-Seine : Co-président");
    expect(html).toContain(
      "Le Président du Conseil départemental des Hauts-de-Seine : Co-président",
    );
    expect(html).toContain("(DRIHL) : Représentant");
    expect(html).toContain("Groupe de travail : le logement et l&#39;hébergement");
    expect(html).toContain("Groupe de travail : l&#39;emploi");
    expect(html).toContain("Groupe de travail : la cohésion sociale");
    // The document's indicative distribution: action 13 goes to the housing group.
    expect(html).toMatch(/id="logement".*?href="\/plan\/actions\/13".*?id="emploi"/s);
  });

  it("dates the COPIL of 14 January 2016 from the document and marks the demo meeting", async () => {
    const html = await (await steering.app.request("/plan/gouvernance")).text();
    expect(html).toContain("14 janvier 2016 : Comité de pilotage du 14 janvier 2016");
    expect(html).toContain("Points Conseil Budget");
    expect(html).toContain("(démonstration)");
    expect(html).not.toContain("Modifier cette réunion");
    expect(html).not.toContain("Ajouter une réunion");
  });

  it("shows on action 15's page the meeting that examined it, under « Observations du COPIL »", async () => {
    const html = await (await steering.app.request("/plan/actions/15")).text();
    expect(html).toMatch(
      /Observations du comité de pilotage \(COPIL\)<\/h2>.*14 janvier 2016 : Comité de pilotage du 14 janvier 2016.*Instance : Comité de pilotage \(COPIL\)/s,
    );
  });
});

describe("a pilote records the meetings", () => {
  it("keeps a draft meeting private, then publishes it on the examined actions' pages", async () => {
    const pilote = await steering.signedIn("pilote");
    const created = await pilote.post(
      "/plan/gouvernance/reunions",
      {
        instance: "copil",
        date: "2026-11-20",
        titre: "COPIL de bilan annuel",
        compte_rendu: "Bilan des actions de l'accès aux droits.",
        decisions: "Prolonger le simulateur.\n\nPublier le repérage chaque mois.",
        actions: "9, 10",
        publication: "brouillon",
      },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(created.status).toBe(303);
    expect(await (await steering.app.request("/plan/gouvernance")).text()).not.toContain(
      "COPIL de bilan annuel",
    );
    expect(await (await steering.app.request("/plan/actions/9")).text()).not.toContain(
      "COPIL de bilan annuel",
    );
    await pilote.get("/plan/gouvernance");
    expect(pilote.lastHtml).toContain("COPIL de bilan annuel (brouillon, non publié)");

    const meeting = await steering.database.db
      .selectFrom("steering_meeting")
      .select("id")
      .where("title", "=", "COPIL de bilan annuel")
      .executeTakeFirstOrThrow();
    await pilote.get(`/plan/gouvernance/reunions/${meeting.id}`);
    expect(pilote.lastHtml).toContain("Prolonger le simulateur.\nPublier le repérage chaque mois.");
    const published = await pilote.post(
      `/plan/gouvernance/reunions/${meeting.id}`,
      {
        instance: "copil",
        date: "2026-11-20",
        titre: "COPIL de bilan annuel",
        compte_rendu: "Bilan des actions de l'accès aux droits.",
        decisions: "Prolonger le simulateur.\nPublier le repérage chaque mois.",
        actions: "9, 10",
        publication: "publiee",
      },
      { tokenFrom: `/plan/gouvernance/reunions/${meeting.id}` },
    );
    expect(published.status).toBe(303);
    const action9 = await (await steering.app.request("/plan/actions/9")).text();
    expect(action9).toMatch(
      /20 novembre 2026 : COPIL de bilan annuel.*<li>Prolonger le simulateur\.<\/li><li>Publier le repérage chaque mois\.<\/li>/s,
    );
    expect(await (await steering.app.request("/plan/actions/10")).text()).toContain(
      "COPIL de bilan annuel",
    );
    expect(await auditActions("steering.meeting.create")).toBe(1);
    expect(await auditActions("steering.meeting.update")).toBe(1);
  });

  it("refuses a wrong date and an unknown action in French, and writes nothing", async () => {
    const pilote = await steering.signedIn("pilote");
    const before = await meetingCount();
    const badDate = await pilote.post(
      "/plan/gouvernance/reunions",
      {
        instance: "copil",
        date: "2026-02-30",
        titre: "Réunion",
        actions: "",
        publication: "publiee",
      },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(badDate.status).toBe(400);
    expect(pilote.lastHtml).toContain("Cette date n&#39;existe pas.");
    const badAction = await pilote.post(
      "/plan/gouvernance/reunions",
      {
        instance: "emploi",
        date: "2026-02-03",
        titre: "Réunion",
        actions: "9, 999",
        publication: "publiee",
      },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(badAction.status).toBe(400);
    expect(pilote.lastHtml).toContain("Le plan n&#39;a pas d&#39;action 999.");
    // What the pilote typed is kept.
    expect(pilote.lastHtml).toContain('value="9, 999"');
    const badList = await pilote.post(
      "/plan/gouvernance/reunions",
      {
        instance: "emploi",
        date: "2026-02-03",
        titre: "Réunion",
        actions: "neuf",
        publication: "publiee",
      },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(badList.status).toBe(400);
    expect(pilote.lastHtml).toContain(
      "Indiquez des numéros d&#39;actions séparés par des virgules",
    );
    expect(await meetingCount()).toBe(before);
  });

  it("refuses a travailleur social (403) and a visitor, and writes nothing", async () => {
    const before = await meetingCount();
    const worker = await steering.signedIn("travailleur_social");
    await worker.get("/plan/gouvernance");
    expect(worker.lastHtml).not.toContain("Ajouter une réunion");
    const refused = await worker.post(
      "/plan/gouvernance/reunions",
      { instance: "copil", date: "2026-02-03", titre: "Réunion", publication: "publiee" },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(refused.status).toBe(403);
    const meeting = await steering.database.db
      .selectFrom("steering_meeting")
      .select("id")
      .executeTakeFirstOrThrow();
    expect((await worker.get(`/plan/gouvernance/reunions/${meeting.id}`)).status).toBe(404);
    const visitor = await steering.app.request("/plan/gouvernance/reunions", { method: "POST" });
    expect([401, 403]).toContain(visitor.status);
    expect(await meetingCount()).toBe(before);
  });
});

describe("a pilote changes the members", () => {
  it("adds an organisation of Relais with its role, then removes it", async () => {
    const pilote = await steering.signedIn("pilote");
    await pilote.get("/plan/gouvernance");
    const caf = await steering.database.db
      .selectFrom("organisation")
      .select("id")
      .where("name", "=", "CAF des Hauts-de-Seine")
      .executeTakeFirstOrThrow();
    const added = await pilote.post(
      "/plan/gouvernance/emploi/membres",
      { "emploi-organisation": caf.id, "emploi-nom": "", "emploi-role": "Référente insertion" },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(added.status).toBe(303);
    let html = await (await steering.app.request("/plan/gouvernance")).text();
    expect(html).toMatch(
      /id="emploi".*CAF des Hauts-de-Seine : Référente insertion.*id="cohesion-sociale"/s,
    );

    const member = await steering.database.db
      .selectFrom("steering_body_member")
      .select("id")
      .where("role", "=", "Référente insertion")
      .executeTakeFirstOrThrow();
    const removed = await pilote.post(
      `/plan/gouvernance/emploi/membres/${member.id}/retirer`,
      {},
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(removed.status).toBe(303);
    html = await (await steering.app.request("/plan/gouvernance")).text();
    expect(html).not.toContain("Référente insertion");
    expect(await auditActions("steering.body.member_add")).toBe(1);
    expect(await auditActions("steering.body.member_remove")).toBe(1);
  });

  it("asks for a role, or a name when no organisation is chosen", async () => {
    const pilote = await steering.signedIn("pilote");
    const noRole = await pilote.post(
      "/plan/gouvernance/emploi/membres",
      { "emploi-organisation": "", "emploi-nom": "Mission locale", "emploi-role": "" },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(noRole.status).toBe(400);
    expect(pilote.lastHtml).toContain("Indiquez le rôle du membre");
    expect(pilote.lastHtml).toContain('href="#champ-emploi-role"');
    const noName = await pilote.post(
      "/plan/gouvernance/emploi/membres",
      { "emploi-organisation": "", "emploi-nom": "", "emploi-role": "Représentant" },
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(noName.status).toBe(400);
    expect(pilote.lastHtml).toContain("écrivez le nom du membre");
  });

  it("refuses a travailleur social who tries to remove a member", async () => {
    const worker = await steering.signedIn("travailleur_social");
    const member = await steering.database.db
      .selectFrom("steering_body_member")
      .innerJoin("steering_body", "steering_body.id", "steering_body_member.body_id")
      .select("steering_body_member.id")
      .where("steering_body.slug", "=", "copil")
      .executeTakeFirstOrThrow();
    const response = await worker.post(
      `/plan/gouvernance/copil/membres/${member.id}/retirer`,
      {},
      { tokenFrom: "/plan/gouvernance" },
    );
    expect(response.status).toBe(403);
    expect(
      await steering.database.db
        .selectFrom("steering_body_member")
        .select("id")
        .where("id", "=", member.id)
        .executeTakeFirst(),
    ).toBeDefined();
  });
});
