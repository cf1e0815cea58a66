import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobHandlers } from "../../jobs.ts";
import { SESSION_COOKIE } from "../../platform/auth/routes.tsx";
import { systemClock } from "../../platform/clock/clock.ts";
import { CSRF_COOKIE } from "../../platform/http/csrf.ts";
import { runDueJobs } from "../../platform/jobs/worker.ts";
import { silentLogger } from "../../platform/log/logger.ts";
import { createTestApp, TestClient, testConfig } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { BATCH_COLUMNS, findNonTakeUp } from "./batch.ts";
import { documentedColumns, EXAMPLE_LINE } from "./batch-format.ts";
import { demoLocalAids } from "./demo-local-aids.ts";
import { seedLocalAids } from "./local-aid-admin.ts";
import { CHUNK_LINES, MAX_UPLOAD_BYTES, nonTakeUpPurgeHandler } from "./non-take-up-runs.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind });
});
afterAll(async () => {
  await database.close();
});

async function signedIn(role: "pilote" | "travailleur_social") {
  const user = await makeUser(database.db, { role });
  const client = new TestClient(app);
  await client.login(user.email, user.password);
  await client.get("/pro/non-recours");
  return { client, user };
}

const runsOf = (userId: string) =>
  database.db.selectFrom("rights_batch_run").select("id").where("ran_by", "=", userId).execute();

const HEADER =
  "id;depcom;logement;loyer;aide_logement;enfants_naissances;demandeur_naissance;demandeur_activite;demandeur_salaire_m3;demandeur_salaire_m2;demandeur_salaire_m1;demandeur_salaire_m;prestations_percues";
const FAMILY =
  ";92050;locataire;650;300;2016-09-01|2019-02-15;1990-04-12;salarie;500;500;500;500;af";

/** Posts the form as a browser does: multipart with a length, session cookie and CSRF token. */
async function upload(
  client: TestClient,
  content: string,
  month = "2025-06",
  options: { csrf?: string; contentLength?: number } = {},
) {
  const form = new FormData();
  form.set("_csrf", options.csrf ?? client.csrfToken());
  form.set("mois", month);
  form.set("fichier", new File([content], "population.csv", { type: "text/csv" }));
  const cookie = [SESSION_COOKIE, CSRF_COOKIE]
    .map((name) => `${name}=${client.cookie(name) ?? ""}`)
    .join("; ");
  const request = new Request("http://localhost/pro/non-recours", { method: "POST", body: form });
  const body = new Uint8Array(await request.arrayBuffer());
  return app.request("/pro/non-recours", {
    method: "POST",
    headers: {
      cookie,
      "content-type": request.headers.get("content-type") ?? "",
      "content-length": String(options.contentLength ?? body.byteLength),
    },
    body,
  });
}

describe("pilot's non-take-up pages", () => {
  it("runs a file in chunks as background jobs, shows progress, deletes the upload, and serves the results to the pilot only", async () => {
    const { client } = await signedIn("pilote");
    const rows = Array.from({ length: CHUNK_LINES + 10 }, (_, i) => `F-${i}${FAMILY}`);
    rows.splice(3, 0, "BAD;92050;locataire;;;;pas-une-date;;;;;;");
    const response = await upload(client, `${HEADER}\n${rows.join("\n")}\n`);
    expect(response.status).toBe(303);
    const runPage = response.headers.get("location") ?? "";
    expect(runPage).toMatch(/^\/pro\/non-recours\/[0-9a-f-]{36}$/);
    await client.get(runPage);
    expect(client.lastHtml).toContain("Avancement : 0 %");
    expect(client.lastHtml).toContain("Rafraîchir");

    const handlers = jobHandlers(testConfig(), silentLogger);
    // The app runs on the real clock here (its default); the jobs follow the same one.
    await runDueJobs(database.db, handlers, silentLogger, systemClock);
    await client.get(runPage);
    expect(client.lastHtml).toContain("Avancement : terminé");
    const remaining = await database.db
      .selectFrom("rights_batch_chunk")
      .select("content")
      .where("content", "is not", null)
      .execute();
    expect(remaining).toHaveLength(0);

    const found = await client.get(`${runPage}/trouves.csv`);
    const lines = (await found.text()).trim().split("\n");
    expect(lines[0]).toBe("ligne;id;depcom;prestation;libelle;montant_estime_euros;periodicite");
    expect(lines).toContain("2;F-0;92050;rsa;Revenu de solidarité active (RSA);106.45;mensuelle");
    expect(lines.filter((l) => l.includes(";rsa;"))).toHaveLength(CHUNK_LINES + 10);
    const summary = await (await client.get(`${runPage}/recapitulatif.csv`)).text();
    expect(summary).toContain(`92050;rsa;${CHUNK_LINES + 10};`);
    expect(summary).toContain("Ligne 5 ignorée");
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "like", "rights.nonTakeUp.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "rights.nonTakeUp.uploaded",
        "rights.nonTakeUp.processed",
        "rights.nonTakeUp.downloaded",
      ]),
    );

    // Another pilot, and a travailleur social, get nothing.
    const other = await signedIn("pilote");
    expect((await other.client.get(runPage)).status).toBe(403);
    expect((await other.client.get(`${runPage}/trouves.csv`)).status).toBe(403);
    const worker = await signedIn("travailleur_social");
    expect((await worker.client.get("/pro/non-recours")).status).toBe(403);
  });

  it("shows a run still receiving its file as such, and purges one left unfinished for a day", async () => {
    const { client, user } = await signedIn("pilote");
    const now = new Date();
    const run = (createdAt: Date, fileName: string) =>
      database.db
        .insertInto("rights_batch_run")
        .values({
          ran_by: user.userId,
          month: "2025-06",
          file_name: fileName,
          header: HEADER,
          status: "receiving",
          chunks_total: 0,
          created_at: createdAt,
          expires_at: new Date(now.getTime() + 30 * 86_400_000),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const recent = await run(now, "en-cours.csv");
    const left = await run(new Date(now.getTime() - 25 * 3_600_000), "abandonne.csv");
    await client.get(`/pro/non-recours/${recent.id}`);
    expect(client.lastHtml).toContain("Avancement : réception du fichier en cours");
    expect(client.lastHtml).not.toContain("100 %");
    await client.get("/pro/non-recours");
    expect(client.lastHtml).toContain("2025-06, réception du fichier en cours");

    await nonTakeUpPurgeHandler()({}, { db: database.db, now });
    const kept = await runsOf(user.userId);
    expect(kept.map((row) => row.id)).toEqual([recent.id]);
    const purged = await database.db
      .selectFrom("audit_event")
      .select("subject_id")
      .where("action", "=", "rights.nonTakeUp.purged")
      .execute();
    expect(purged.map((row) => row.subject_id)).toContain(left.id);
  });

  it("refuses an unreadable header and a missing month in French with a 400", async () => {
    const { client } = await signedIn("pilote");
    const bad = await upload(client, "identifiant;commune\nx;y\n");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/colonne/i);
    const noMonth = await upload(client, `${HEADER}\n`, "juin");
    expect(noMonth.status).toBe(400);
    expect(await noMonth.text()).toContain("Le mois : format AAAA-MM");
  });

  it("refuses a file over 200 Mo in French before reading it, and stores nothing", async () => {
    const { client, user } = await signedIn("pilote");
    const response = await upload(client, `${HEADER}\n${FAMILY}\n`, "2025-06", {
      contentLength: MAX_UPLOAD_BYTES + 65 * 1024,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Le fichier dépasse 200 Mo");
    expect(await runsOf(user.userId)).toHaveLength(0);
  });

  it("refuses a streamed upload without the form's CSRF token, and stores nothing", async () => {
    const { client, user } = await signedIn("pilote");
    const response = await upload(client, `${HEADER}\nF-1${FAMILY}\n`, "2025-06", {
      csrf: "faux",
    });
    expect(response.status).toBe(403);
    expect(await runsOf(user.userId)).toHaveLength(0);
  });
});

describe("the file's format on the upload page", () => {
  it("documents every column, shows an example line, and serves a template that the batch reads without error", async () => {
    const { client } = await signedIn("pilote");
    const page = client.lastHtml;
    expect(page).toContain('<h2 id="format">Le format du fichier</h2>');
    for (const column of BATCH_COLUMNS) expect(documentedColumns()).toContain(column);
    expect(page).toContain("<code>demandeur_salaire_m3 / conjoint_salaire_m3</code>");
    expect(page).toContain(EXAMPLE_LINE);
    const response = await client.get("/pro/non-recours/modele.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("modele-population.csv");
    const template = await response.text();
    expect(template.split("\r\n")[0]).toBe(BATCH_COLUMNS.join(";"));
    // The template, read by the batch for June 2025: two households, no row refused.
    const items = [];
    for await (const item of findNonTakeUp([template], { month: "2025-06", yieldAll: true }))
      items.push(item);
    expect(items.map((item) => item.kind)).toEqual(["household", "household"]);
  });

  it("refuses the template to a travailleur social (403)", async () => {
    const { client } = await signedIn("travailleur_social");
    expect((await client.get("/pro/non-recours/modele.csv")).status).toBe(403);
  });
});

describe("the Département's own aids in a non-take-up run", () => {
  it("lists the households probably entitled to a published local aid in found.csv, not in the summary", async () => {
    const definition = demoLocalAids("92")[0]?.definition;
    if (definition === undefined) throw new Error("aide de démonstration absente");
    await database.db
      .transaction()
      .execute((tx) =>
        seedLocalAids(
          tx,
          [{ definition: { ...definition, name: "Aide locale du lot" }, validFrom: "2025-01" }],
          new Date("2025-01-01T00:00:00Z"),
        ),
      );
    const { client } = await signedIn("pilote");
    // F-1: tenant in Nanterre, 3 persons, 500 € a month ≤ 2 160 € (the FSL demo's ceiling).
    // F-2: the same household in Paris: not resident of the 92.
    const file = `${HEADER}\nF-1${FAMILY}\nF-2${FAMILY.replace("92050", "75056")}\n`;
    const response = await upload(client, file);
    const runPage = response.headers.get("location") ?? "";
    await runDueJobs(
      database.db,
      jobHandlers(testConfig(), silentLogger),
      silentLogger,
      systemClock,
    );
    const found = (await (await client.get(`${runPage}/trouves.csv`)).text()).trim().split("\n");
    const local = found.filter((line) => line.includes(";aide_locale:"));
    expect(local).toHaveLength(1);
    expect(local[0]).toMatch(
      /^2;F-1;92050;aide_locale:[0-9a-f-]{36};Aide locale du lot \(aide du Département, perception inconnue\);;$/,
    );
    const summary = await (await client.get(`${runPage}/recapitulatif.csv`)).text();
    expect(summary).not.toContain("aide_locale");
  });
});
