// The document upload's size limit, at the route: 10 Mo is accepted, one
// byte more is refused in French on the record page, and a body well over
// the limit is cut off before it is read (413, French message). A refused
// document leaves nothing stored and no audit event.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../platform/auth/routes.tsx";
import { CSRF_COOKIE } from "../../platform/http/csrf.ts";
import { createTestApp, type TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { DOCUMENT_TOO_LARGE, MAX_DOCUMENT_BYTES } from "./documents.ts";
import { postNewRecord } from "./test-fixtures.ts";

const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let worker: TestClient;
let parcoursId: string;
/** A second record whose consent covers health data: the « santé » box is allowed there. */
let healthParcoursId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db);
  const sst = await makeOrganisation(database.db, { kind: "sst" });
  worker = await signInNewUser(app, database.db, "travailleur_social", sst);
  ({ parcoursId } = await postNewRecord(worker, {
    lastName: "Moulin",
    firstName: "Rose",
    birthDate: "1985-03-03",
    consentScope: "suivi",
    organisationId: sst,
  }));
  ({ parcoursId: healthParcoursId } = await postNewRecord(worker, {
    lastName: "Moulin",
    firstName: "Lucien",
    birthDate: "1983-04-04",
    consentScope: "suivi_sante",
    organisationId: sst,
  }));
});
afterAll(() => database?.close());

/** A PDF by its first bytes, of exactly `size` bytes. */
function pdfOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
  return bytes;
}

async function upload(
  bytes: Uint8Array,
  options: { sensitive?: boolean; csrf?: string; name?: string; record?: string } = {},
) {
  const record = options.record ?? parcoursId;
  await worker.get(`/pro/dossiers/${record}`);
  const body = new FormData();
  body.set("_csrf", options.csrf ?? worker.csrfToken());
  body.set("document", new File([Buffer.from(bytes)], options.name ?? "avis-imposition.pdf"));
  // As the page's form sends it: the « santé » box comes after the file.
  if (options.sensitive) body.set("sensitive", "1");
  return app.request(`/pro/dossiers/${record}/documents`, {
    method: "POST",
    headers: {
      cookie: `${SESSION_COOKIE}=${worker.cookie(SESSION_COOKIE)}; ${CSRF_COOKIE}=${worker.cookie(CSRF_COOKIE)}`,
    },
    body,
  });
}

async function stored() {
  const documents = await database.db
    .selectFrom("parcours_document")
    .select("size_bytes")
    .where("parcours_id", "=", parcoursId)
    .execute();
  const events = await database.db
    .selectFrom("audit_event")
    .select("action")
    .where("subject_type", "=", "parcours_document")
    .execute();
  return { documents: documents.map((d) => d.size_bytes), events: events.length };
}

describe("document upload size", () => {
  it("refuses an 11 MB upload with a French message and stores nothing", async () => {
    const before = await stored();
    const response = await upload(pdfOf(11 * 1024 * 1024));
    expect(response.status).toBe(413);
    const html = readable(await response.text());
    expect(html).toContain(DOCUMENT_TOO_LARGE);
    expect(await stored()).toEqual(before);
  });

  it("refuses a file one byte over 10 Mo on the record page, and stores nothing", async () => {
    const before = await stored();
    const response = await upload(pdfOf(MAX_DOCUMENT_BYTES + 1));
    expect(response.status).toBe(400);
    const html = readable(await response.text());
    expect(html).toContain(DOCUMENT_TOO_LARGE);
    expect(html).toContain("Moulin");
    expect(await stored()).toEqual(before);
  });

  it("accepts a file of exactly 10 Mo", async () => {
    const before = await stored();
    const response = await upload(pdfOf(MAX_DOCUMENT_BYTES));
    expect(response.status).toBe(303);
    expect(await stored()).toEqual({ documents: [MAX_DOCUMENT_BYTES], events: before.events + 1 });
  });

  it("reads the « santé » box sent after the file, and refuses a wrong CSRF token storing nothing", async () => {
    const response = await upload(pdfOf(2048), {
      sensitive: true,
      name: "certificat.pdf",
      record: healthParcoursId,
    });
    expect(response.status).toBe(303);
    const row = await database.db
      .selectFrom("parcours_document")
      .select(["is_sensitive", "size_bytes"])
      .where("parcours_id", "=", healthParcoursId)
      .where("file_name", "=", "certificat.pdf")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ is_sensitive: true, size_bytes: 2048 });
    const before = await stored();
    const forged = await upload(pdfOf(2048), { csrf: "faux-jeton" });
    expect(forged.status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});
