import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { listLieuxForMotif, listMotifs } from "../appointments/service.ts";
import type { SearchHit } from "../directory/service.ts";
import { loadTerritory, readTerritory } from "../territory/service.ts";
import { formatEuros } from "./format.ts";
import { roundEuros } from "./plain-language.ts";
import { answersToHousehold } from "./questionnaire.ts";
import { accessToRightsBooking, currentMonth } from "./results.ts";
import { simulate } from "./service.ts";
import { SINGLE_PARENT_ANSWERS } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
const NOW = new Date("2026-11-23T10:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  await loadTerritory(database.db, readTerritory("92"));
  // The demo agendas: one "Accès aux droits" motif per SST, at a place in the SST's commune.
  await seedDemo(database.db, "92", NOW);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(async () => {
  await database.close();
});

/** The demo SST's "accès aux droits" motif and its place, as the booking link names them. */
async function accessToRights(sst: string) {
  const motif = (await listMotifs(database.db, { onlineOnly: true })).find(
    (m) => m.organisationName === sst && /acc[eè]s aux droits/i.test(m.name),
  );
  if (!motif) throw new Error(`no motif for ${sst}`);
  const lieu = (await listLieuxForMotif(database.db, motif.id))[0];
  if (!lieu) throw new Error(`no place for ${sst}`);
  return { motif, lieu, href: `/rendez-vous/creneaux?motif=${motif.id}&lieu=${lieu.id}` };
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return (match?.[1] ?? "").replace(/&amp;/g, "&");
}

async function answer(client: TestClient, step: string, fields: Record<string, string>) {
  return client.post("/mes-droits/questions", {
    _csrf: client.csrfToken(),
    etat: hidden(client.lastHtml, "etat"),
    etape: step,
    action: "suivant",
    ...fields,
  });
}

describe("resident questionnaire pages", () => {
  it("walks the six steps, corrects one from the recap, and shows the engine's amounts", async () => {
    const client = new TestClient(app);
    expect((await client.get("/mes-droits")).status).toBe(200);
    expect(client.lastHtml).toContain("Commencer");
    await client.get("/mes-droits/questions");
    expect(client.lastHtml).toContain("Étape 1 sur 6");
    const a = SINGLE_PARENT_ANSWERS;
    await answer(client, "foyer", { couple: "non", enfants: "2" });
    expect(client.lastHtml).toContain("La date de naissance de l&#39;enfant 2");
    await answer(client, "ages", a.ages ?? {});
    await answer(client, "situation", a.situation ?? {});
    await answer(client, "ressources", { salaire: "400" });
    await answer(client, "logement", a.logement ?? {});
    await answer(client, "prestations", {});
    expect(client.lastHtml).toContain("Vérifiez vos réponses");
    expect(client.lastHtml).toContain("Salaire : 400 € par mois");

    // Correct the resources from the recap, without starting again.
    await client.post("/mes-droits/questions", {
      _csrf: client.csrfToken(),
      etat: hidden(client.lastHtml, "etat"),
      action: "modifier:ressources",
    });
    expect(client.lastHtml).toContain('value="400"');
    await answer(client, "ressources", { salaire: "500" });
    expect(client.lastHtml).toContain("Salaire : 500 € par mois");

    const results = await client.post("/mes-droits/questions", {
      _csrf: client.csrfToken(),
      etat: hidden(client.lastHtml, "etat"),
      action: "resultats",
    });
    expect(results.status).toBe(200);
    const month = currentMonth(NOW);
    const expected = simulate(answersToHousehold(a, month), month).results;
    expect(client.lastHtml).toContain("Vos droits estimés");
    expect(client.lastHtml).toContain(formatEuros(expected.rsa.amountCents));
    expect(client.lastHtml).toContain(formatEuros(expected.ppa.amountCents));
    // Each result starts with one plain sentence; the calculation follows, folded.
    expect(client.lastHtml).toContain(
      `Vous pourriez recevoir environ ${roundEuros(expected.ppa.amountCents)} par mois de prime d&#39;activité, parce que vous travaillez et que vos revenus sont modestes.`,
    );
    expect(client.lastHtml).not.toContain('<details class="rights-why" open');
    // The ARS is shown as the CAF pays it, after the 0.5 % CRDS (service-public fiche F1878);
    // the gross amount is in the calculation.
    expect(expected.ars.eligible).toBe(true);
    expect(client.lastHtml).toContain(
      `${formatEuros(Number(expected.ars.detail?.paid))} en août</span>`,
    );
    expect(client.lastHtml).toContain(`\u00a0: ${formatEuros(expected.ars.amountCents)}</li>`);
    // A summary first, with a link to each result.
    expect(client.lastHtml).toContain('<a href="#aide-ppa">Prime d&#39;activité\u00a0: environ');
    expect(client.lastHtml).toContain("Ce que ce simulateur ne calcule pas encore");
    expect(client.lastHtml).toContain("propriétaire qui rembourse un prêt");
    expect(client.lastHtml).toContain("Enregistrer au format PDF");
    // The booking button leads to the slots of the Nanterre SST, in the household's commune
    // (92050), not to the first SST in alphabetical order (Antony).
    const nanterre = await accessToRights("SST de Nanterre");
    expect(client.lastHtml).toContain(
      `<a class="button button--primary" href="${nanterre.href.replace("&", "&amp;")}">`,
    );
    expect(client.lastHtml).toContain("Prendre rendez-vous pour faire le point sur vos droits");
  });

  it("asks for the invalidity pension and shows the ASI it opens, in a plain sentence first", async () => {
    const client = new TestClient(app);
    await client.get("/mes-droits/questions");
    await answer(client, "foyer", { couple: "non", enfants: "0" });
    await answer(client, "ages", { naissance: "1980-01-01" });
    await answer(client, "situation", { activite: "inactif", handicap: "non" });
    expect(client.lastHtml).toContain("Pension d&#39;invalidité");
    await answer(client, "ressources", { invalidite: "600" });
    await answer(client, "logement", SINGLE_PARENT_ANSWERS.logement ?? {});
    await answer(client, "prestations", {});
    expect(client.lastHtml).toContain("Pension d&#39;invalidité : 600 € par mois");
    await client.post("/mes-droits/questions", {
      _csrf: client.csrfToken(),
      etat: hidden(client.lastHtml, "etat"),
      action: "resultats",
    });
    // November 2026: 11 066.13 / 12 − 600 = 322.18 € (ceiling of April 2026, L815-24-1 CSS).
    expect(client.lastHtml).toContain(formatEuros(32218));
    expect(client.lastHtml).toContain(
      "Vous pourriez recevoir environ 322\u202f€ par mois d&#39;allocation supplémentaire d&#39;invalidité (ASI), parce que vous touchez une pension d&#39;invalidité et que vos ressources sont faibles. Elle complète votre pension.",
    );
  });

  it("books the accès aux droits motif in the household's commune, else near it, else lets the person choose", async () => {
    const antony = await accessToRights("SST d'Antony");
    const colombes = await accessToRights("SST de Colombes");
    expect(antony.lieu.communeCode).toBe("92002");
    expect(await accessToRightsBooking(database.db, "92002")).toBe(antony.href);
    expect(await accessToRightsBooking(database.db, "92036")).toBe(
      (await accessToRights("SST de Gennevilliers")).href,
    );
    // A commune without a SST (Bois-Colombes, 92009): the place linked to the nearest directory hit.
    const ref = colombes.lieu.directoryRef ?? "";
    const [kind, id] = ref.split(":");
    expect(kind === "structure" || kind === "service").toBe(true);
    const hit = { id: kind === "service" ? id : "autre", structureId: id } as SearchHit;
    expect(await accessToRightsBooking(database.db, "92009", [hit])).toBe(colombes.href);
    // No commune known and no directory place: the motif's own choice of places.
    expect(await accessToRightsBooking(database.db, "", [])).toBe(
      `/rendez-vous/lieu?motif=${antony.motif.id}`,
    );
  });

  it.each([
    ["Bois-Colombes", "92009", "SST de Colombes"],
    ["Villeneuve-la-Garenne", "92078", "SST de Gennevilliers"],
    ["Levallois-Perret", "92044", "SST de Clichy"],
    ["Montrouge", "92049", "SST de Bagneux"],
    ["Meudon", "92048", "SST de Boulogne-Billancourt"],
    ["Rueil-Malmaison", "92063", "SST de Nanterre"],
  ])(
    "sends %s, which has no SST, to the nearest one (%s → %s), not to Antony",
    async (_name, code, sst) => {
      // Without any directory hit: the distance from the commune's centre decides.
      expect(await accessToRightsBooking(database.db, code, [])).toBe(
        (await accessToRights(sst)).href,
      );
    },
  );

  it("re-renders a step with French errors and a 400 when an answer is missing", async () => {
    const client = new TestClient(app);
    await client.get("/mes-droits/questions");
    const response = await answer(client, "foyer", { enfants: "deux" });
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Dites si vous vivez en couple");
    expect(client.lastHtml).toContain("Indiquez le nombre d&#39;enfants à charge en chiffres");
  });

  it("starts again, saying so, when the answers field was altered", async () => {
    const client = new TestClient(app);
    await client.get("/mes-droits/questions");
    await client.post("/mes-droits/questions", {
      _csrf: client.csrfToken(),
      etat: "e30.forged",
      action: "resultats",
    });
    expect(client.lastHtml).toContain("Vos réponses n&#39;ont pas pu être relues");
  });
});
