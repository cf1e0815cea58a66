import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../platform/auth/routes.tsx";
import { CSRF_COOKIE } from "../../platform/http/csrf.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { IMPORT_PATH } from "./admin-routes.tsx";
import { countDirectory } from "./service.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */
const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

const HEADER = "enregistrement;source;structure_id;id;nom;description;date_maj;thematiques";
const VALID_CSV = [
  HEADER,
  "structure;cd92;;s1;Épicerie solidaire des Pâquerettes;;2026-03-01;",
  "service;cd92;s1;v1;Épicerie solidaire;Produits à petit prix.;2026-03-01;equipement-et-alimentation--alimentation",
  "service;cd92;s1;v2;Vestiaire;Vêtements pour toute la famille.;2026-03-01;equipement-et-alimentation--habillement",
].join("\r\n");
const CSV_WITH_ERRORS = [
  HEADER,
  "structure;cd92;;s1;Épicerie solidaire des Pâquerettes;;2026-03-01;",
  "service;cd92;s1;v1;Épicerie solidaire;Produits à petit prix.;2026-03-01;equipement-et-alimentation--alimentation",
  "service;cd92;s1;v2;Vestiaire;Vêtements.;hier;manger",
].join("\r\n");

async function asAdmin() {
  const admin = await makeUser(database.db, { role: "admin" });
  const client = new TestClient(app);
  await client.login(admin.email, admin.password);
  await client.get(IMPORT_PATH);
  return client;
}

/** Posts the import form as a browser does: multipart, session cookie and CSRF token. */
async function upload(
  client: TestClient,
  file: Blob,
  options: { skipInvalid?: boolean; token?: string } = {},
) {
  const form = new FormData();
  form.set("_csrf", options.token ?? client.csrfToken());
  form.set("fichier", file, "annuaire.csv");
  if (options.skipInvalid) form.set("ignorer", "1");
  const cookie = [SESSION_COOKIE, CSRF_COOKIE]
    .map((name) => `${name}=${client.cookie(name) ?? ""}`)
    .join("; ");
  const request = new Request(`http://localhost${IMPORT_PATH}`, {
    method: "POST",
    headers: { cookie },
    body: form,
  });
  // FormData bodies are streamed without a length; send one, as browsers do.
  const body = new Uint8Array(await request.arrayBuffer());
  const response = await app.request(IMPORT_PATH, {
    method: "POST",
    headers: {
      cookie,
      "content-type": request.headers.get("content-type") ?? "",
      "content-length": String(body.byteLength),
    },
    body,
  });
  return { response, html: await response.text() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(() => database.close());

describe("the admin's import page", () => {
  it("writes nothing from a file with an error, and names the line in French", async () => {
    const client = await asAdmin();
    const { response, html } = await upload(client, new Blob([CSV_WITH_ERRORS]));
    expect(response.status).toBe(400);
    expect(readable(html)).toContain("Rien n'a été importé");
    expect(html).toContain("ligne 4 (id v2)");
    expect(html).toContain("thematiques : valeur inconnue « manger »");
    expect(await countDirectory(database.db)).toEqual({ structures: 0, services: 0 });
  });

  it("imports a valid file and says how many records it wrote", async () => {
    const client = await asAdmin();
    const { response, html } = await upload(client, new Blob([VALID_CSV]));
    expect(response.status).toBe(200);
    expect(html).toContain("1 structures et 2 services importés");
    expect(await countDirectory(database.db)).toEqual({ structures: 1, services: 2 });
    const audit = await database.db
      .selectFrom("audit_event")
      .select("details")
      .where("action", "=", "directory.imported")
      .execute();
    expect(audit.at(-1)?.details).toEqual({
      structures: 1,
      services: 2,
      skipped: 0,
      keptNewer: 0,
    });
  });

  it("with « ignorer », imports the valid records and lists the others", async () => {
    const client = await asAdmin();
    const { response, html } = await upload(client, new Blob([CSV_WITH_ERRORS]), {
      skipInvalid: true,
    });
    expect(response.status).toBe(200);
    expect(html).toContain("1 enregistrements ignorés");
    expect(html).toContain("ligne 4 (id v2)");
  });

  it("refuses a 50 MB file with a clear French message, and writes nothing", async () => {
    const client = await asAdmin();
    const before = await countDirectory(database.db);
    const line = `service;cd92;s1;big;Service;${"x".repeat(1000)};2026-03-01;\r\n`;
    const big = new Blob([
      `${HEADER}\r\n`,
      line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)),
    ]);
    const { response, html } = await upload(client, big);
    expect(response.status).toBe(400);
    expect(html).toContain("Le fichier dépasse 20 Mo");
    expect(await countDirectory(database.db)).toEqual(before);
  });

  it("refuses an upload without the CSRF token, and a non-admin", async () => {
    const client = await asAdmin();
    const { response } = await upload(client, new Blob([VALID_CSV]), { token: "faux" });
    expect(response.status).toBe(403);
    const worker = await makeUser(database.db, { role: "responsable_structure" });
    const other = new TestClient(app);
    await other.login(worker.email, worker.password);
    expect((await other.get(IMPORT_PATH)).status).toBe(403);
    expect((await other.get("/pro/annuaire/export.csv")).status).toBe(403);
  });
});
