import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import { readable } from "../../test/fixtures.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { ROLES } from "../access/roles.ts";
import { type AuditEventInput, recordAuditBatch } from "./audit.ts";
import { checkpointStore, writeCheckpoint } from "./checkpoint.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */

const NOW = new Date("2026-03-10T09:00:00Z");
const dataDir = mkdtempSync(join(tmpdir(), "relais-journal-"));
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let departement: string;
let ccas: string;
let worker: { userId: string; email: string };
let dpo: TestClient;
let dpoUserId: string;
const PERSON = randomUUID();
const OTHER_PERSON = randomUUID();
const PARCOURS = randomUUID();

const countEvents = (html: string) => (html.match(/class="audit-event"/g) ?? []).length;

async function journalEvents(action: string) {
  return database.db
    .selectFrom("audit_event")
    .selectAll()
    .where("action", "=", action)
    .orderBy("seq")
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => NOW, config: { RELAIS_DATA_DIR: dataDir } });
  departement = await makeOrganisation(database.db, {
    name: "Département test",
    kind: "departement",
  });
  ccas = await makeOrganisation(database.db, { name: "CCAS de Courbevoie", kind: "ccas" });
  worker = await makeUser(database.db, { role: "travailleur_social", organisationId: ccas });
  const dpoUser = await makeUser(database.db, { role: "dpo", organisationId: departement });
  dpoUserId = dpoUser.userId;
  dpo = new TestClient(app);
  expect((await dpo.login(dpoUser.email, dpoUser.password)).status).toBe(303);

  const event = (overrides: Partial<AuditEventInput>): AuditEventInput => ({
    actor: { userId: worker.userId, organisationId: ccas },
    action: "person.read_identity",
    subjectType: "parcours",
    subjectId: PARCOURS,
    personId: PERSON,
    details: { champ: "identité" },
    at: new Date("2026-03-05T10:00:00Z"),
    ...overrides,
  });
  await database.db.transaction().execute((tx) =>
    recordAuditBatch(tx, [
      // 120 reads of one person's record: three pages of 50.
      ...Array.from({ length: 120 }, (_, index) =>
        event({ details: { lecture: index + 1 }, at: new Date(Date.UTC(2026, 2, 5, 10, index)) }),
      ),
      event({
        personId: OTHER_PERSON,
        subjectId: randomUUID(),
        action: "rdv.booked",
        subjectType: "rdv",
      }),
      // 23:30 UTC on 1 March is 00:30 on 2 March in Paris (UTC+1 in winter).
      event({
        action: "note.create",
        at: new Date("2026-03-01T23:30:00Z"),
        details: { heure: "nuit" },
      }),
      event({
        action: "note.create",
        at: new Date("2026-03-01T22:30:00Z"),
        details: { heure: "veille" },
      }),
      event({
        actor: { userId: null, organisationId: null },
        action: "parcours.purge",
        personId: null,
        subjectId: "=2+3",
      }),
    ]),
  );
});
afterAll(() => database.close());

describe("audit viewer: who may open it", () => {
  it("sends an anonymous visitor to the sign-in page", async () => {
    for (const path of [
      "/admin/journal",
      "/admin/journal/export.csv",
      "/admin/journal/verification",
    ]) {
      const response = await new TestClient(app).get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location")).toBe(
        `/connexion?retour=${encodeURIComponent(path)}`,
      );
    }
  });

  it("refuses 403 to every role but admin and dpo, and shows them no link to it", async () => {
    for (const role of ROLES.filter((role) => role !== "admin" && role !== "dpo")) {
      const browser = await signInNewUser(app, database.db, role, ccas);
      for (const path of [
        "/admin/journal",
        "/admin/journal/export.csv",
        "/admin/journal/verification",
      ]) {
        expect((await browser.get(path)).status, `${role} ${path}`).toBe(403);
      }
      await browser.get("/pro");
      expect(browser.lastHtml, role).not.toContain('href="/admin/journal"');
    }
  });

  it("opens to the admin and to the data-protection officer, linked from their home page", async () => {
    const admin = await signInNewUser(app, database.db, "admin", departement);
    expect((await admin.get("/admin/journal")).status).toBe(200);
    await dpo.get("/pro");
    expect(dpo.lastHtml).toContain('href="/admin/journal"');
  });
});

describe("audit viewer: search", () => {
  it("shows each event in French: who, for which organisation, what, on what, when", async () => {
    const response = await dpo.get(`/admin/journal?personne=${PERSON}&action=person.`);
    expect(response.status).toBe(200);
    const text = readable(dpo.lastHtml);
    expect(text).toContain(
      `(${worker.email})</strong>, pour CCAS de Courbevoie, a consulté l'identité d'une personne : dossier (parcours) ${PARCOURS}.`,
    );
    expect(text).toContain("jeudi 5 mars 2026 à 12:59:00");
    expect(text).toContain("&quot;lecture&quot;: 120".replace(/&quot;/g, '"'));
  });

  it("pages through one person's events 50 at a time, newest first, by keyset", async () => {
    await dpo.get(`/admin/journal?personne=${PERSON}&action=person.read`);
    expect(countEvents(dpo.lastHtml)).toBe(50);
    expect(dpo.lastHtml).not.toContain("Événements plus récents");
    const older = /href="([^"]*avant=\d+)"/.exec(dpo.lastHtml)?.[1]?.replace(/&amp;/g, "&");
    expect(older).toBeDefined();
    await dpo.get(older ?? "");
    expect(countEvents(dpo.lastHtml)).toBe(50);
    expect(readable(dpo.lastHtml)).toContain('"lecture": 70');
    expect(readable(dpo.lastHtml)).not.toContain('"lecture": 71,');
    const last = /href="([^"]*avant=\d+)"/.exec(dpo.lastHtml)?.[1]?.replace(/&amp;/g, "&");
    await dpo.get(last ?? "");
    expect(countEvents(dpo.lastHtml)).toBe(20);
    expect(dpo.lastHtml).not.toContain("Événements plus anciens");
    const newer = /href="([^"]*apres=\d+)"/.exec(dpo.lastHtml)?.[1]?.replace(/&amp;/g, "&");
    await dpo.get(newer ?? "");
    expect(countEvents(dpo.lastHtml)).toBe(50);
    expect(readable(dpo.lastHtml)).toContain('"lecture": 70');
  });

  it("filters by record, by account (address or id), by organisation and by action prefix", async () => {
    await dpo.get(`/admin/journal?objet=${PARCOURS}&action=note.`);
    expect(countEvents(dpo.lastHtml)).toBe(2);
    await dpo.get(`/admin/journal?utilisateur=${worker.email.toUpperCase()}&action=rdv.`);
    expect(countEvents(dpo.lastHtml)).toBe(1);
    expect(readable(dpo.lastHtml)).toContain("a pris un rendez-vous");
    await dpo.get(`/admin/journal?utilisateur=${worker.userId}&action=rdv.booked`);
    expect(countEvents(dpo.lastHtml)).toBe(1);
    await dpo.get("/admin/journal?utilisateur=personne@inconnu.fr");
    expect(countEvents(dpo.lastHtml)).toBe(0);
    expect(readable(dpo.lastHtml)).toContain("Aucun événement ne correspond à cette recherche.");
    await dpo.get(`/admin/journal?organisation=${ccas}&action=parcours.`);
    expect(countEvents(dpo.lastHtml)).toBe(0);
    await dpo.get("/admin/journal?action=person.read_identity");
    expect(countEvents(dpo.lastHtml)).toBe(50);
    // "_" is a character of the action, not a LIKE wildcard.
    await dpo.get("/admin/journal?action=person.rea_");
    expect(countEvents(dpo.lastHtml)).toBe(0);
    await dpo.get("/admin/journal?action=parcours.purge");
    expect(countEvents(dpo.lastHtml)).toBe(1);
    expect(readable(dpo.lastHtml)).toContain(
      "Relais lui-même (tâche de fond ou ligne de commande)",
    );
  });

  it("reads the period in Paris days: 00:30 in Paris on 2 March belongs to 2 March", async () => {
    await dpo.get("/admin/journal?action=note.create&du=2026-03-02&au=2026-03-02");
    expect(countEvents(dpo.lastHtml)).toBe(1);
    expect(readable(dpo.lastHtml)).toContain('"heure": "nuit"');
    await dpo.get("/admin/journal?action=note.create&du=2026-03-01&au=2026-03-01");
    expect(countEvents(dpo.lastHtml)).toBe(1);
    expect(readable(dpo.lastHtml)).toContain('"heure": "veille"');
  });

  it("records each viewing in the audit trail, with its filters, in the person's history", async () => {
    await dpo.get(`/admin/journal?personne=${OTHER_PERSON}`);
    const viewed = (await journalEvents("audit.journal.viewed")).at(-1);
    expect(viewed).toMatchObject({
      actor_user_id: dpoUserId,
      actor_organisation_id: departement,
      person_id: OTHER_PERSON,
      details: { filters: { personne: OTHER_PERSON } },
    });
    expect(viewed?.occurred_at).toEqual(NOW);
  });

  it("answers 400 in French to absurd filters, and records nothing", async () => {
    const before = (await journalEvents("audit.journal.viewed")).length;
    const cases: [string, RegExp][] = [
      ["personne=abc", /L'identifiant de la personne n'est pas valide/],
      ["du=2026-02-30", /Une date au format jj\/mm\/aaaa/],
      ["du=2026-03-05&au=2026-03-01", /La date de fin doit être le même jour/],
      ["avant=-3", /Le numéro de page n'est pas valide/],
      ["action=DROP%20TABLE", /L'action s'écrit en minuscules/],
      [`objet=${"x".repeat(101)}`, /100 caractères au plus/],
      ["utilisateur=pas-une-adresse", /adresse électronique du compte/],
    ];
    for (const [query, message] of cases) {
      const response = await dpo.get(`/admin/journal?${query}`);
      expect(response.status, query).toBe(400);
      expect(readable(dpo.lastHtml), query).toMatch(message);
    }
    const exported = await dpo.get("/admin/journal/export.csv?personne=abc");
    expect(exported.status).toBe(400);
    expect((await journalEvents("audit.journal.viewed")).length).toBe(before);
    expect(await journalEvents("audit.journal.exported")).toHaveLength(0);
  });
});

describe("audit viewer: CSV export", () => {
  it("streams the filtered events as CSV, newest first, and records the export", async () => {
    const response = await dpo.get(`/admin/journal/export.csv?personne=${PERSON}&action=note.`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="journal-audit-2026-03-10.csv"',
    );
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "numero;date_heure_paris;date_heure_utc;qui;compte_id;organisation;organisation_id;action;action_en_clair;objet_type;objet_id;personne_id;precisions;requete_id",
    );
    expect(lines).toHaveLength(3);
    // Newest first in the trail's order (seq): the night event was written before the eve's.
    expect(lines[1]).toContain("2026-03-01 23:30:00;2026-03-01T22:30:00.000Z");
    expect(lines[2]).toContain("2026-03-02 00:30:00;2026-03-01T23:30:00.000Z");
    expect(lines[1]).toContain(
      `;CCAS de Courbevoie;${ccas};note.create;a écrit une note;parcours;${PARCOURS};${PERSON};`,
    );
    expect(lines[2]).toContain('"{""heure"":""nuit""}"');
    const exported = (await journalEvents("audit.journal.exported")).at(-1);
    expect(exported).toMatchObject({
      actor_user_id: dpoUserId,
      person_id: PERSON,
      details: { filters: { personne: PERSON, action: "note." }, rowLimit: 100_000 },
    });
  });

  it("keeps a spreadsheet from running a value as a formula", async () => {
    const response = await dpo.get("/admin/journal/export.csv?action=parcours.purge");
    const text = await response.text();
    expect(text).toContain(";parcours;'=2+3;;");
  });
});

describe("audit viewer: integrity", () => {
  it("says the chain is intact, then shows from which event it breaks", async () => {
    const store = checkpointStore({
      dataDir,
      secret: "test-secret-for-relais-tests-only-0123456789",
    });
    await writeCheckpoint(database.db, store, NOW);
    await dpo.get("/admin/journal");
    expect(readable(dpo.lastHtml)).toMatch(/Dernier point de contrôle signé : 10 mars 2026/);
    await dpo.get("/admin/journal/verification");
    expect(readable(dpo.lastHtml)).toMatch(/Le journal est intact : \d+ événements vérifiés/);
    expect((await journalEvents("audit.journal.verified")).at(-1)).toMatchObject({
      actor_user_id: dpoUserId,
      details: { ok: true },
    });

    await sql
      .raw("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
      .execute(database.db);
    await sql.raw("UPDATE audit_event SET action = 'falsifié' WHERE seq = 7").execute(database.db);
    await sql
      .raw("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
      .execute(database.db);
    const response = await dpo.get("/admin/journal/verification");
    expect(response.status).toBe(200);
    const text = readable(dpo.lastHtml);
    expect(text).toContain("Le journal a été altéré");
    expect(text).toContain("Premier événement en cause : n° 7.");
    expect(text).toContain("le contenu de l'événement a été modifié");
  });
});
