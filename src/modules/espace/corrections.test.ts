// « Demander une correction » (RGPD art. 16) over HTTP: the request goes to
// the structure of the linked record, whose social worker answers it from
// the record; without a linked record it goes to the département's DPO and
// the page gives the département's contact. Bad input writes nothing; the
// person sees the status and the reply, and both acts in their history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { createPersonWithParcours } from "../records/service.ts";
import { contextFor, makeActor } from "../records/test-fixtures.ts";
import { linkRecordToSpace } from "./links.ts";
import { signInResident } from "./test-helpers.ts";

const T0 = new Date("2026-11-23T08:00:00Z");
const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\u00a0|\u202f/g, " ");

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let now = T0;
let sst: string;
let worker: UserActor & { password: string };
let parcoursId = "";
let person: TestClient;
let workerBrowser: TestClient;

async function corrections() {
  return database.db
    .selectFrom("espace_correction")
    .select(["id", "part", "organisation_id", "handled_at", "reply"])
    .orderBy("created_at")
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => now });
  sst = await makeOrganisation(database.db, { kind: "sst", name: "SST de Nanterre" });
  worker = await makeActor(database.db, { role: "travailleur_social", organisationId: sst });
  ({ parcoursId } = await createPersonWithParcours(contextFor(database.db, worker, T0), {
    lastName: "Dupond",
    firstName: "Inès",
    birthDate: "1992-02-02",
    inCareAse: false,
    consentScope: "suivi",
    organisationId: sst,
  }));
  person = new TestClient(app);
  await signInResident(person, database.db, "ines@exemple.fr", "ines@exemple.fr");
  await linkRecordToSpace(
    database.db,
    worker,
    parcoursId,
    { contact: { kind: "email", value: "ines@exemple.fr" }, identityChecked: true },
    { now: T0 },
  );
  workerBrowser = new TestClient(app);
  expect((await workerBrowser.login(worker.email, worker.password)).status).toBe(303);
});
afterAll(() => database?.close());

describe("a correction request with a linked record", () => {
  it("refuses an empty message or an unknown part in French, and writes nothing", async () => {
    const empty = await person.post(
      "/mon-espace/corrections",
      { partie: "identite", message: " " },
      { tokenFrom: "/mon-espace/corrections" },
    );
    expect(empty.status).toBe(400);
    expect(readable(person.lastHtml)).toContain("Écrivez ce qui est faux");
    const unknown = await person.post(
      "/mon-espace/corrections",
      { partie: "salaire", message: "Mon nom est mal écrit." },
      { tokenFrom: "/mon-espace/corrections" },
    );
    expect(unknown.status).toBe(400);
    expect(readable(person.lastHtml)).toContain("Choisissez ce qui est faux.");
    expect(await corrections()).toEqual([]);
  });

  it("says where it goes, sends it to the record's structure, and shows it « envoyée »", async () => {
    await person.get("/mon-espace/corrections");
    expect(readable(person.lastHtml)).toContain(
      "Votre demande va à <strong>SST de Nanterre</strong>",
    );
    const sent = await person.post(
      "/mon-espace/corrections",
      { partie: "identite", message: "Mon nom s'écrit Dupond, pas Dupont." },
      { tokenFrom: "/mon-espace/corrections" },
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/mon-espace/corrections?envoyee=1");
    await person.get("/mon-espace/corrections");
    const html = readable(person.lastHtml);
    expect(html).toContain("Envoyée le 23 novembre 2026");
    expect(html).toContain("Mon nom s'écrit Dupond, pas Dupont.");
    const [row] = await corrections();
    expect(row).toMatchObject({ part: "identite", organisation_id: sst, handled_at: null });
  });

  it("appears in the record's space page for its social worker, who answers it", async () => {
    await workerBrowser.get(`/pro/dossiers/${parcoursId}/espace`);
    expect(readable(workerBrowser.lastHtml)).toContain("Mon nom s'écrit Dupond, pas Dupont.");
    const [row] = await corrections();
    const field = `reponse-${row?.id}`;
    const empty = await workerBrowser.post(
      `/pro/dossiers/${parcoursId}/espace/corrections/${row?.id}`,
      { [field]: "" },
      { tokenFrom: `/pro/dossiers/${parcoursId}/espace` },
    );
    expect(empty.status).toBe(400);
    expect(readable(workerBrowser.lastHtml)).toContain("Écrivez votre réponse à la personne");
    now = new Date(T0.getTime() + 5 * 60_000);
    const handled = await workerBrowser.post(
      `/pro/dossiers/${parcoursId}/espace/corrections/${row?.id}`,
      { [field]: "C'est corrigé dans votre dossier." },
      { tokenFrom: `/pro/dossiers/${parcoursId}/espace` },
    );
    expect(handled.status).toBe(303);
    const again = await workerBrowser.post(
      `/pro/dossiers/${parcoursId}/espace/corrections/${row?.id}`,
      { [field]: "Encore." },
      { tokenFrom: `/pro/dossiers/${parcoursId}/espace` },
    );
    expect(again.status).toBe(400);
    expect(readable(workerBrowser.lastHtml)).toContain("Cette demande est déjà traitée.");
    expect((await corrections())[0]?.reply).toBe("C'est corrigé dans votre dossier.");
  });

  it("shows the person the status and the reply, and both acts in their history", async () => {
    await person.get("/mon-espace/corrections");
    const html = readable(person.lastHtml);
    expect(html).toContain("Traitée le 23 novembre 2026");
    expect(html).toContain("C'est corrigé dans votre dossier.");
    await person.get("/mon-espace/historique");
    const history = readable(person.lastHtml);
    expect(history).toContain("demande de correction de vos données envoyée");
    expect(history).toContain("— SST de Nanterre (Travailleur social)");
    expect(history).toContain("votre demande de correction traitée");
  });

  it("refuses the answer to a front-desk agent of the same structure", async () => {
    const frontDesk = await signInNewUser(app, database.db, "agent_accueil", sst);
    const [row] = await corrections();
    const refused = await frontDesk.post(
      `/pro/dossiers/${parcoursId}/espace/corrections/${row?.id}`,
      { [`reponse-${row?.id}`]: "Non." },
      { tokenFrom: "/pro" },
    );
    expect(refused.status).toBe(403);
  });
});

describe("a correction request without a linked record", () => {
  it("goes to the département: its contact on the page, its DPO answers", async () => {
    const alone = new TestClient(app);
    await signInResident(alone, database.db, "seul@exemple.fr", "seul@exemple.fr");
    await alone.get("/mon-espace/corrections");
    const page = readable(alone.lastHtml);
    expect(page).toContain("votre demande va au Département");
    expect(page).toContain("01 99 00 00 92");
    const sent = await alone.post(
      "/mon-espace/corrections",
      { partie: "contact", message: "Mon adresse a changé." },
      { tokenFrom: "/mon-espace/corrections" },
    );
    expect(sent.status).toBe(303);
    const row = (await corrections()).find((r) => r.part === "contact");
    expect(row?.organisation_id).toBeNull();

    // Not for a social worker; for the DPO.
    expect((await workerBrowser.get("/pro/demandes-de-correction")).status).toBe(403);
    const departement = await makeOrganisation(database.db, { kind: "departement" });
    const dpo = await signInNewUser(app, database.db, "dpo", departement);
    await dpo.get("/pro");
    expect(readable(dpo.lastHtml)).toContain("Demandes de correction");
    await dpo.get("/pro/demandes-de-correction");
    expect(readable(dpo.lastHtml)).toContain("Mon adresse a changé.");
    const answered = await dpo.post(
      `/pro/demandes-de-correction/${row?.id}`,
      { [`reponse-${row?.id}`]: "Votre adresse n'est gardée nulle part dans Relais." },
      { tokenFrom: "/pro/demandes-de-correction" },
    );
    expect(answered.status).toBe(303);
    await alone.get("/mon-espace/corrections");
    expect(readable(alone.lastHtml)).toContain(
      "Votre adresse n'est gardée nulle part dans Relais.",
    );
    await alone.get("/mon-espace/historique");
    expect(readable(alone.lastHtml)).toContain("votre demande de correction traitée");
  });
});
