import { describe, expect, it } from "vitest";
import { useSteeringDemo } from "./test-fixtures.ts";

const steering = useSteeringDemo();

/** The page, its thin no-break spaces (« 120 000 € » in French) read as spaces. */
const page = async (path: string) =>
  (await (await steering.app.request(path)).text()).replace(/[\u202f\u00a0]/g, " ");
const count = async (
  table:
    | "steering_action_step"
    | "steering_action_note"
    | "steering_action_budget"
    | "steering_action_text",
) =>
  Number(
    (
      await steering.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("an action sheet's steps, notes and budget, public", () => {
  it("shows action 9's dated steps, its note and its budget, marked as demonstration", async () => {
    const html = await page("/plan/actions/9");
    expect(html).toMatch(
      /Mise en ligne du simulateur<\/th><td>30 septembre 2016<\/td><td>3 octobre 2016<\/td><td>Faite<\/td>/,
    );
    expect(html).toContain("3 octobre 2016 : Démonstration : le simulateur est en ligne");
    expect(html).toMatch(
      /2016<\/th><td>Investissement<\/td><td>120 000 €<\/td><td>114 500 €<\/td>/,
    );
    expect(html).toMatch(
      /2017<\/th><td>Fonctionnement<\/td><td>35 000 €<\/td><td>non publié<\/td>/,
    );
    expect(html).toContain("<strong>Démonstration :</strong> les jalons, notes et montants");
  });

  it("sums the actions' budgets per year and section on /budget, apart from the social budget", async () => {
    const html = await page("/budget");
    expect(html).toContain(
      "<caption>Budget des actions du plan : prévu et réalisé, par année</caption>",
    );
    // Actions 9 (30 000 €) and 15 (50 000 €) in 2016, operating.
    expect(html).toMatch(
      /2016<\/th><td>Fonctionnement<\/td><td>2<\/td><td>80 000 €<\/td><td>70 000 €<\/td>/,
    );
    expect(html).toMatch(
      /2017<\/th><td>Fonctionnement<\/td><td>1<\/td><td>35 000 €<\/td><td>non publié<\/td>/,
    );
    expect(html).toContain("ne s&#39;y ajoutent pas");
    const csv = await page("/budget-actions.csv");
    expect(csv.split("\n")[0]).toBe(
      "annee;action;titre;section;prevu_euros;realise_euros;source;demonstration",
    );
    expect(csv).toContain(";investissement;120000;114500;Démonstration : chiffres inventés;oui");
  });
});

describe("a pilote writes the sheet's texts: a private draft, then an explicit publication", () => {
  it("keeps the draft off the public page, publishes it and keeps the public history", async () => {
    const pilote = await steering.signedIn("pilote");
    await pilote.get("/plan/actions/21/fiche");
    expect(pilote.lastHtml).toContain("Modifier la fiche de l&#39;action 21");
    const original = await page("/plan/actions/21");
    const texts = {
      findings: "Les enfants pauvres décrochent plus tôt.",
      objectives: "Un accompagnement par enfant repéré.",
      measures: "Des ateliers après la classe.",
      calendar: "2026-2027",
    };
    const draft = await pilote.post(
      "/plan/actions/21/texte",
      { ...texts, envoi: "brouillon" },
      { tokenFrom: "/plan/actions/21/fiche" },
    );
    expect(draft.status).toBe(303);
    expect(await page("/plan/actions/21")).not.toContain("Un accompagnement par enfant repéré.");
    await pilote.get("/plan/actions/21/fiche");
    expect(pilote.lastHtml).toContain("Un brouillon attend sa publication");
    expect(pilote.lastHtml).toContain("Un accompagnement par enfant repéré.");
    await pilote.get("/plan/actions/21");
    expect(pilote.lastHtml).toContain("attend sa publication (visible des pilotes seulement)");

    const published = await pilote.post(
      "/plan/actions/21/texte",
      { ...texts, envoi: "publier" },
      { tokenFrom: "/plan/actions/21/fiche" },
    );
    expect(published.status).toBe(303);
    const html = await page("/plan/actions/21");
    expect(html).toContain("<h2>Objectifs</h2><p>Un accompagnement par enfant repéré.</p>");
    expect(html).toContain("Les versions publiées du texte de la fiche");
    expect(html).toContain("Le texte d&#39;origine du document");
    expect(html).toContain(
      "Publié le 6 décembre 2026 : rappel des principaux constats, objectifs, dispositions à mettre en œuvre, calendrier",
    );
    expect(html).not.toContain("attend sa publication");
    expect(original).not.toContain("Les versions publiées du texte");

    // A second change names only the field it changed.
    await pilote.post(
      "/plan/actions/21/texte",
      { ...texts, calendar: "2027", envoi: "publier" },
      { tokenFrom: "/plan/actions/21/fiche" },
    );
    expect(await page("/plan/actions/21")).toContain("Publié le 6 décembre 2026 : calendrier");
  });

  it("refuses a travailleur social (403) and changes nothing", async () => {
    const worker = await steering.signedIn("travailleur_social");
    expect((await worker.get("/plan/actions/22/fiche")).status).toBe(403);
    const before = await count("steering_action_text");
    const response = await worker.post(
      "/plan/actions/22/texte",
      { findings: "x", objectives: "", measures: "", calendar: "", envoi: "publier" },
      { tokenFrom: "/plan/actions/22" },
    );
    expect(response.status).toBe(403);
    expect(await count("steering_action_text")).toBe(before);
    expect(await page("/plan/actions/22")).not.toContain("Les versions publiées");
  });
});

describe("a pilote follows an action: steps, notes, budget", () => {
  it("adds a draft step, then publishes it done", async () => {
    const pilote = await steering.signedIn("pilote");
    const added = await pilote.post(
      "/plan/actions/20/jalons",
      {
        libelle: "Réunion de parents dans chaque école",
        prevue_le: "2026-09-15",
        faite_le: "",
        etat: "prevue",
        publication: "brouillon",
      },
      { tokenFrom: "/plan/actions/20/fiche" },
    );
    expect(added.status).toBe(303);
    expect(await page("/plan/actions/20")).not.toContain("Réunion de parents");
    const step = await steering.database.db
      .selectFrom("steering_action_step")
      .select("id")
      .where("label", "=", "Réunion de parents dans chaque école")
      .executeTakeFirstOrThrow();
    await pilote.get(`/plan/actions/20/jalons/${step.id}`);
    expect(pilote.lastHtml).toContain('value="2026-09-15"');
    const updated = await pilote.post(
      `/plan/actions/20/jalons/${step.id}`,
      {
        libelle: "Réunion de parents dans chaque école",
        prevue_le: "2026-09-15",
        faite_le: "2026-10-02",
        etat: "faite",
        publication: "publiee",
      },
      { tokenFrom: `/plan/actions/20/jalons/${step.id}` },
    );
    expect(updated.status).toBe(303);
    expect(await page("/plan/actions/20")).toMatch(
      /Réunion de parents dans chaque école<\/th><td>15 septembre 2026<\/td><td>2 octobre 2026<\/td><td>Faite<\/td>/,
    );
  });

  it("refuses a step without a label or with a wrong date, in French, and writes nothing", async () => {
    const pilote = await steering.signedIn("pilote");
    const before = await count("steering_action_step");
    const response = await pilote.post(
      "/plan/actions/20/jalons",
      { libelle: "", prevue_le: "15/09/2026", etat: "fini", publication: "publiee" },
      { tokenFrom: "/plan/actions/20/fiche" },
    );
    expect(response.status).toBe(400);
    expect(pilote.lastHtml).toContain("Nommez l&#39;étape.");
    expect(pilote.lastHtml).toContain("Indiquez la date au format AAAA-MM-JJ");
    expect(pilote.lastHtml).toContain("Choisissez l&#39;état de l&#39;étape.");
    expect(await count("steering_action_step")).toBe(before);
  });

  it("adds a dated follow-up note, public when published", async () => {
    const pilote = await steering.signedIn("pilote");
    await pilote.post(
      "/plan/actions/20/notes",
      {
        date: "2026-11-30",
        texte: "Douze écoles ont ouvert leurs portes.",
        publication_note: "publiee",
      },
      { tokenFrom: "/plan/actions/20/fiche" },
    );
    await pilote.post(
      "/plan/actions/20/notes",
      { date: "2026-12-01", texte: "Note interne du pilote.", publication_note: "brouillon" },
      { tokenFrom: "/plan/actions/20/fiche" },
    );
    const html = await page("/plan/actions/20");
    expect(html).toContain("30 novembre 2026 : Douze écoles ont ouvert leurs portes.");
    expect(html).not.toContain("Note interne du pilote.");
    const before = await count("steering_action_note");
    const empty = await pilote.post(
      "/plan/actions/20/notes",
      { date: "2026-12-01", texte: " ", publication_note: "publiee" },
      { tokenFrom: "/plan/actions/20/fiche" },
    );
    expect(empty.status).toBe(400);
    expect(pilote.lastHtml).toContain("Écrivez la note.");
    expect(await count("steering_action_note")).toBe(before);
  });

  it("writes a year's budget in euros typed the French way, replaces it, and sums it on /budget", async () => {
    const pilote = await steering.signedIn("pilote");
    const save = (prevu: string, realise: string) =>
      pilote.post(
        "/plan/actions/20/budget",
        {
          annee: "2026",
          section: "investissement",
          prevu,
          realise,
          source: "Budget primitif 2026",
          publication_budget: "publiee",
        },
        { tokenFrom: "/plan/actions/20/fiche" },
      );
    expect((await save("12 000,50", "")).status).toBe(303);
    expect(await page("/plan/actions/20")).toMatch(
      /2026<\/th><td>Investissement<\/td><td>12 000,5 €<\/td><td>non publié<\/td><td>Budget primitif 2026<\/td>/,
    );
    expect((await save("15000", "9 000")).status).toBe(303);
    expect(await page("/budget")).toMatch(
      /2026<\/th><td>Investissement<\/td><td>1<\/td><td>15 000 €<\/td><td>9 000 €<\/td>/,
    );
    const before = await count("steering_action_budget");
    const refused = await pilote.post(
      "/plan/actions/20/budget",
      {
        annee: "26",
        section: "autre",
        prevu: "beaucoup",
        realise: "",
        source: "",
        publication_budget: "publiee",
      },
      { tokenFrom: "/plan/actions/20/fiche" },
    );
    expect(refused.status).toBe(400);
    expect(pilote.lastHtml).toContain("Indiquez une année entre 2000 et 2100.");
    expect(pilote.lastHtml).toContain("Choisissez fonctionnement ou investissement.");
    expect(pilote.lastHtml).toContain("Indiquez un montant en euros");
    expect(pilote.lastHtml).toContain("Indiquez d&#39;où viennent les chiffres");
    expect(await count("steering_action_budget")).toBe(before);
  });

  it("writes an audit event for every change of a sheet", async () => {
    const events = await steering.database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "like", "steering.action.%")
      .execute();
    const actions = new Set(events.map((event) => event.action));
    for (const action of [
      "steering.action.draft_texts",
      "steering.action.publish_texts",
      "steering.action.step_add",
      "steering.action.step_update",
      "steering.action.note_add",
      "steering.action.budget_save",
    ]) {
      expect(actions).toContain(action);
    }
  });
});
