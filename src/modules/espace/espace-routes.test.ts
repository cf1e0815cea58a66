// The story at the HTTP level, with a clock the test moves: a person
// books, signs in with a code, finds the appointment, keeps a document,
// shares it with the structure that follows them, sees the professional open
// it, revokes the share (the professional is then refused, and the refusal
// is in the person's history), downloads everything and deletes the space.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { readable } from "../../test/fixtures.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { bookAppointment } from "../appointments/service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "../appointments/test-fixtures.ts";
import { postNewRecord } from "../records/test-fixtures.ts";
import { lastCodeSentTo, pdfOf, postFile, signInResident } from "./test-fixtures.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let now = TEST_NOW;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let resident: TestClient;
let worker: TestClient;
let parcoursId: string;
let documentId: string;

const minutes = (n: number) => {
  now = new Date(now.getTime() + n * 60_000);
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => now });
  agenda = await setUpAgenda(database.db);
  await bookAppointment(contextAt(database.db, TEST_NOW), {
    motifId: agenda.motifId,
    agentId: agenda.agent.userId,
    lieuId: agenda.lieuId,
    start: parisToDate("2026-11-26", "10:00"),
    person: PERSON,
  });
  resident = new TestClient(app);
  worker = await signInNewUser(app, database.db, "travailleur_social", agenda.organisationId);
  ({ parcoursId } = await postNewRecord(worker, {
    lastName: "Martin",
    firstName: "Camille",
    birthDate: "1990-04-12",
    consentScope: "suivi",
    organisationId: agenda.organisationId,
  }));
});
afterAll(() => database?.close());

describe("a resident's space, from the code to the deletion", () => {
  it("shows the landing page, then signs in with a code sent by e-mail; a wrong code costs a try", async () => {
    const landing = await resident.get("/mon-espace");
    expect(landing.status).toBe(200);
    expect(readable(resident.lastHtml)).toContain("Me connecter avec un code");

    const asked = await resident.post(
      "/mon-espace/connexion",
      { contact: "Camille.Martin@exemple.fr" },
      { tokenFrom: "/mon-espace/connexion" },
    );
    expect(asked.status).toBe(303);
    const code = await lastCodeSentTo(database.db, "camille.martin@exemple.fr");
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const refused = await resident.post(
      "/mon-espace/connexion/code",
      { code: wrong },
      { tokenFrom: "/mon-espace/connexion/code" },
    );
    expect(refused.status).toBe(400);
    expect(readable(resident.lastHtml)).toContain("Il vous reste 4 essais");
    const entered = await resident.post(
      "/mon-espace/connexion/code",
      { code: `${code.slice(0, 3)} ${code.slice(3)}` },
      { tokenFrom: "/mon-espace/connexion/code" },
    );
    expect(entered.status).toBe(303);
    expect(entered.headers.get("location")).toBe("/mon-espace?bienvenue=1");
    // The code is spent: entering it again is refused.
    const again = await resident.post(
      "/mon-espace/connexion/code",
      { code },
      { tokenFrom: "/mon-espace" },
    );
    expect(again.status).toBe(400);
    const stored = await database.db.selectFrom("espace_code").select("code_hash").execute();
    expect(stored.every((row) => !row.code_hash.includes(code))).toBe(true);
  });

  it("finds the appointment booked with that e-mail, as an .ics too", async () => {
    const page = await resident.get("/mon-espace/rendez-vous");
    expect(page.status).toBe(200);
    const html = readable(resident.lastHtml);
    expect(html).toContain("Premier accueil social");
    expect(html).toContain("jeudi 26 novembre 2026");
    expect(html).toContain("Annuler ce rendez-vous");
    const id = /\/mon-espace\/rendez-vous\/([0-9a-f-]{36})\/agenda\.ics/.exec(html)?.[1];
    const ics = await resident.get(`/mon-espace/rendez-vous/${id}/agenda.ics`);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    expect(await ics.text()).toContain("SUMMARY:Rendez-vous : Premier accueil social");
  });

  it("keeps an avis d'imposition, encrypted: no stored chunk holds the plain text", async () => {
    const bytes = pdfOf(600 * 1024);
    bytes.set(new TextEncoder().encode("REVENU FISCAL DE REFERENCE"), 100);
    const response = await postFile(app, resident, "/mon-espace/documents", {
      tokenFrom: "/mon-espace/documents",
      fields: {
        titre: "Avis d'imposition 2026",
        categorie: "ressources",
        expiration: "2027-08-31",
      },
      fileName: "avis.pdf",
      bytes,
    });
    expect(response.status).toBe(303);
    const document = await database.db
      .selectFrom("espace_document")
      .select(["id", "size_bytes", "chunk_count", "media_type"])
      .executeTakeFirstOrThrow();
    documentId = document.id;
    expect(Number(document.size_bytes)).toBe(600 * 1024);
    expect(document.chunk_count).toBe(3);
    const chunks = await database.db
      .selectFrom("espace_document_chunk")
      .select("content")
      .execute();
    expect(chunks.some((chunk) => Buffer.from(chunk.content).includes("REVENU FISCAL"))).toBe(
      false,
    );

    const download = await resident.get(`/mon-espace/documents/${documentId}/fichier`);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("refuses a file that is not an image or a PDF, whatever its name, and keeps nothing", async () => {
    const response = await postFile(app, resident, "/mon-espace/documents", {
      tokenFrom: "/mon-espace/documents",
      fields: { titre: "Faux", categorie: "autre", expiration: "" },
      fileName: "faux.pdf",
      bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>"),
    });
    expect(response.status).toBe(400);
    expect(readable(await response.text())).toContain("ni une photo (JPEG ou PNG) ni un PDF");
    const rows = await database.db.selectFrom("espace_document").select("id").execute();
    expect(rows).toHaveLength(1);
  });

  it("cannot share before a professional links the record; the link needs the identity check", async () => {
    await resident.get(`/mon-espace/documents/${documentId}`);
    expect(readable(resident.lastHtml)).toContain("votre dossier de suivi doit d'abord être relié");

    const unchecked = await worker.post(
      `/pro/dossiers/${parcoursId}/espace`,
      { contact: "camille.martin@exemple.fr" },
      { tokenFrom: `/pro/dossiers/${parcoursId}/espace` },
    );
    expect(unchecked.status).toBe(400);
    expect(readable(worker.lastHtml)).toContain("Cochez la case");
    const unknown = await worker.post(
      `/pro/dossiers/${parcoursId}/espace`,
      { contact: "personne@exemple.fr", verifie: "oui" },
      { tokenFrom: `/pro/dossiers/${parcoursId}/espace` },
    );
    expect(unknown.status).toBe(400);
    const linked = await worker.post(
      `/pro/dossiers/${parcoursId}/espace`,
      { contact: "camille.martin@exemple.fr", verifie: "oui" },
      { tokenFrom: `/pro/dossiers/${parcoursId}/espace` },
    );
    expect(linked.status).toBe(303);
  });

  it("shares the document for 30 days; the professional sees it and opens it; the person sees who", async () => {
    await resident.get(`/mon-espace/documents/${documentId}`);
    const linkId = /<option value="([0-9a-f-]{36})"/.exec(resident.lastHtml)?.[1] ?? "";
    const shared = await resident.post(
      `/mon-espace/documents/${documentId}/partager`,
      { lien: linkId, but: "demande", duree: "30" },
      { tokenFrom: `/mon-espace/documents/${documentId}` },
    );
    expect(shared.status).toBe(303);

    await worker.get(`/pro/dossiers/${parcoursId}/espace`);
    expect(readable(worker.lastHtml)).toContain("Avis d'imposition 2026");
    const opened = await worker.get(`/pro/dossiers/${parcoursId}/espace/documents/${documentId}`);
    expect(opened.status).toBe(200);
    expect((await opened.arrayBuffer()).byteLength).toBe(600 * 1024);

    await resident.get("/mon-espace/historique");
    const history = readable(resident.lastHtml);
    expect(history).toContain("ouverture d'un document que vous avez partagé");
    expect(history).toContain("Travailleur social");
    expect(history).toContain("partage accordé");
  });

  it("revokes the share: the list and the download stop at once, and the refusal is shown", async () => {
    await resident.get("/mon-espace/partages");
    const shareId = /\/mon-espace\/partages\/([0-9a-f-]{36})\/retirer/.exec(resident.lastHtml)?.[1];
    const revoked = await resident.post(
      `/mon-espace/partages/${shareId}/retirer`,
      {},
      { tokenFrom: "/mon-espace/partages" },
    );
    expect(revoked.status).toBe(303);
    await worker.get(`/pro/dossiers/${parcoursId}/espace`);
    expect(readable(worker.lastHtml)).not.toContain("Avis d'imposition 2026");
    const refused = await worker.get(`/pro/dossiers/${parcoursId}/espace/documents/${documentId}`);
    expect(refused.status).toBe(404);
    await resident.get("/mon-espace/historique");
    expect(readable(resident.lastHtml)).toContain("tentative refusée");
  });

  it("filters the history by period, and refuses a malformed date in French", async () => {
    await resident.get("/mon-espace/historique?du=2026-11-24&au=2026-11-30");
    expect(readable(resident.lastHtml)).toContain("Rien sur cette période.");
    await resident.get("/mon-espace/historique?du=2026-11-23&au=2026-11-23");
    expect(readable(resident.lastHtml)).toContain("partage accordé");
    const bad = await resident.get("/mon-espace/historique?du=23/11/2026");
    expect(bad.status).toBe(400);
    expect(readable(resident.lastHtml)).toContain("Date au format AAAA-MM-JJ.");
  });

  it("asks a fresh code before the export once the sign-in is older than 10 minutes", async () => {
    minutes(11);
    const export1 = await resident.get("/mon-espace/mes-donnees/export.json");
    expect(export1.status).toBe(303);
    expect(export1.headers.get("location")).toBe(
      "/mon-espace/verifier?retour=%2Fmon-espace%2Fmes-donnees",
    );
    const sent = await resident.post(
      "/mon-espace/verifier",
      { retour: "/mon-espace/mes-donnees" },
      { tokenFrom: "/mon-espace/verifier" },
    );
    expect(sent.status).toBe(303);
    const code = await lastCodeSentTo(database.db, "camille.martin@exemple.fr");
    const verified = await resident.post(
      "/mon-espace/verifier/code",
      { code, retour: "/mon-espace/mes-donnees" },
      { tokenFrom: "/mon-espace/mes-donnees" },
    );
    expect(verified.headers.get("location")).toBe("/mon-espace/mes-donnees");
    const json = await resident.get("/mon-espace/mes-donnees/export.json");
    expect(json.status).toBe(200);
    const data = (await json.json()) as Record<string, { length: number }[]>;
    expect(JSON.stringify(data)).toContain("Avis d'imposition 2026");
    expect(JSON.stringify(data)).toContain("Premier accueil social");
    const pdf = await resident.get("/mon-espace/mes-donnees/export.pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("cancels the appointment under the link's rules", async () => {
    await resident.get("/mon-espace/rendez-vous");
    const id = /\/mon-espace\/rendez-vous\/([0-9a-f-]{36})\/annuler/.exec(resident.lastHtml)?.[1];
    const cancelled = await resident.post(
      `/mon-espace/rendez-vous/${id}/annuler`,
      {},
      { tokenFrom: "/mon-espace/rendez-vous" },
    );
    expect(cancelled.status).toBe(303);
    const row = await database.db
      .selectFrom("rdv")
      .select("status")
      .where("id", "=", id ?? "")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("excused");
  });

  it("signs out after 30 idle minutes", async () => {
    minutes(31);
    const page = await resident.get("/mon-espace/documents");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toContain("/mon-espace/connexion");
  });

  it("deletes the space with its documents; the record stays with the structure", async () => {
    await signInResident(
      resident,
      database.db,
      "camille.martin@exemple.fr",
      "camille.martin@exemple.fr",
    );
    const deleted = await resident.post(
      "/mon-espace/mes-donnees/supprimer",
      { confirmation: "oui" },
      { tokenFrom: "/mon-espace/mes-donnees" },
    );
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe("/mon-espace/supprime");
    expect(await database.db.selectFrom("espace").select("id").execute()).toHaveLength(0);
    expect(
      await database.db.selectFrom("espace_document_chunk").select("seq").execute(),
    ).toHaveLength(0);
    worker = await signInNewUser(app, database.db, "travailleur_social", agenda.organisationId);
    const record = await worker.get(`/pro/dossiers/${parcoursId}`);
    expect(record.status).toBe(200);
  });
});
