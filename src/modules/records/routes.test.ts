import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../platform/auth/routes.tsx";
import { CSRF_COOKIE } from "../../platform/http/csrf.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { postNewRecord } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function upload(browser: TestClient, parcoursId: string, name: string, bytes: Uint8Array) {
  await browser.get(`/pro/dossiers/${parcoursId}`);
  const body = new FormData();
  body.set("_csrf", browser.csrfToken());
  body.set("document", new File([Buffer.from(bytes)], name));
  return app.request(`/pro/dossiers/${parcoursId}/documents`, {
    method: "POST",
    headers: {
      cookie: `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE)}; ${CSRF_COOKIE}=${browser.cookie(CSRF_COOKIE)}`,
    },
    body,
  });
}

describe("records pages", () => {
  it("lets a worker open a record, write, upload and export; others get 404 and nothing leaks", async () => {
    const sst = await makeOrganisation(database.db, { kind: "sst" });
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const worker = await signInNewUser(app, database.db, "travailleur_social", sst);
    const { response: created, parcoursId } = await postNewRecord(worker, {
      lastName: "Nguyen",
      firstName: "Mai",
      birthDate: "1979-02-03",
      consentScope: "suivi",
      organisationId: sst,
    });
    expect(created.status).toBe(303);
    const page = await worker.get(`/pro/dossiers/${parcoursId}`);
    expect(page.status).toBe(200);
    expect(worker.lastHtml).toContain("Nguyen");

    const { response: duplicate } = await postNewRecord(worker, {
      lastName: "NGUYEN",
      firstName: "Mai",
      birthDate: "1979-02-03",
      consentScope: "suivi",
      organisationId: sst,
    });
    expect(duplicate.status).toBe(409);
    expect(worker.lastHtml).toContain("a peut-être déjà un dossier");

    const note = await worker.post(
      `/pro/dossiers/${parcoursId}/notes`,
      { contactDate: "2026-11-20", body: "Premier entretien" },
      { tokenFrom: `/pro/dossiers/${parcoursId}` },
    );
    expect(note.status).toBe(303);
    const badNote = await worker.post(
      `/pro/dossiers/${parcoursId}/notes`,
      { contactDate: "", body: "" },
      { tokenFrom: `/pro/dossiers/${parcoursId}` },
    );
    expect(badNote.status).toBe(400);
    expect(worker.lastHtml).toContain("Écrivez la note.");

    const liar = await upload(
      worker,
      parcoursId,
      "facture.pdf",
      new TextEncoder().encode("<html>pas un pdf</html>"),
    );
    expect(liar.status).toBe(400);
    expect(await liar.text()).toContain("contenu ne correspond pas");
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    expect((await upload(worker, parcoursId, "avis.pdf", pdf)).status).toBe(303);
    await worker.get(`/pro/dossiers/${parcoursId}`);
    const link =
      /href="(\/pro\/dossiers\/[^"]+\/documents\/[^"]+)"/.exec(worker.lastHtml)?.[1] ?? "";
    const download = await worker.get(link);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    const stored = await database.db
      .selectFrom("parcours_document")
      .select("content")
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).includes(Buffer.from("%PDF"))).toBe(false);

    const exportJson = await worker.get(`/pro/dossiers/${parcoursId}/export.json`);
    const data = (await exportJson.json()) as { accesses: { action: string }[] };
    expect(data.accesses.map((a) => a.action)).toContain("document.read");
    const exportPdf = await worker.get(`/pro/dossiers/${parcoursId}/export.pdf`);
    expect(
      Buffer.from(await exportPdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const stranger = await signInNewUser(app, database.db, "travailleur_social", ccas);
    for (const path of [
      `/pro/dossiers/${parcoursId}`,
      `${link}`,
      `/pro/dossiers/${parcoursId}/export.json`,
    ]) {
      const response = await stranger.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("Nguyen");
    }
    expect((await stranger.get("/pro/dossiers/00000000-0000-4000-8000-000000000000")).status).toBe(
      404,
    );
    expect((await stranger.get("/pro/dossiers/pas-un-id")).status).toBe(404);
    await stranger.get("/pro/dossiers");
    expect(stranger.lastHtml).not.toContain("Nguyen");
    const forged = await stranger.post(
      `/pro/dossiers/${parcoursId}/notes`,
      { contactDate: "2026-11-20", body: "x" },
      { tokenFrom: "/pro/dossiers" },
    );
    expect(forged.status).toBe(404);

    const accueil = await signInNewUser(app, database.db, "agent_accueil", sst);
    await accueil.get(`/pro/dossiers/${parcoursId}`);
    expect(accueil.lastHtml).toContain("Nguyen");
    expect(accueil.lastHtml).not.toContain("Premier entretien");
    expect((await accueil.get(link)).status).toBe(403);
  });

  it("asks an anonymous visitor to sign in", async () => {
    const response = await new TestClient(app).get("/pro/dossiers");
    expect(response.status).toBe(302);
  });
});
