import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { bookAppointment } from "./service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => TEST_NOW });
});
afterAll(async () => {
  await database.close();
});

function links(html: string, prefix: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)]
    .map((m) => (m[1] ?? "").replace(/&amp;/g, "&"))
    .filter((href) => href.startsWith(prefix));
}

describe("public booking pages", () => {
  it("books through où → place and motif → slot → details, then cancels with the link", async () => {
    const client = new TestClient(app);
    const home = await client.get("/rendez-vous");
    expect(home.status).toBe(200);
    expect(client.lastHtml).toContain("Votre commune ou votre code postal");
    await client.get("/rendez-vous?ou=92000");
    expect(client.lastHtml).toContain("Premier accueil social");
    expect(client.lastHtml).not.toContain("Suivi RSA par téléphone");
    const [slotsLink] = links(client.lastHtml, "/rendez-vous/creneaux");
    await client.get(slotsLink ?? "");
    expect(client.lastHtml).toContain("Lundi 23 novembre 2026");
    const [slotLink] = links(client.lastHtml, "/rendez-vous/coordonnees");
    const form = await client.get(slotLink ?? "");
    expect(form.status).toBe(200);
    const fields = Object.fromEntries(
      [...client.lastHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map(
        (m) => [m[1] ?? "", (m[2] ?? "").replace(/&amp;/g, "&")],
      ),
    );
    const booked = await client.post("/rendez-vous/reserver", {
      ...fields,
      nom: "Camille Martin",
      telephone: "06 12 34 56 78",
      email: "",
      consentement: "oui",
    });
    expect(booked.status).toBe(303);
    const manage = booked.headers.get("location") ?? "";
    expect(manage).toMatch(/^\/rendez-vous\/gerer\/[0-9a-f-]+\?jeton=/);
    await client.get(manage);
    expect(client.lastHtml).toContain("Votre rendez-vous est confirmé");
    // The same form sent twice (double click, retry) books once.
    const again = await client.post("/rendez-vous/reserver", {
      ...fields,
      nom: "Camille Martin",
      telephone: "06 12 34 56 78",
      consentement: "oui",
    });
    expect(again.headers.get("location")?.split("&")[0]).toBe(manage.split("&")[0]);
    const id = manage.split("/")[3]?.split("?")[0] ?? "";
    const token = new URL(`http://x${manage}`).searchParams.get("jeton") ?? "";
    const ask = `/rendez-vous/gerer/${id}/annuler?jeton=${encodeURIComponent(token)}`;
    expect(links(client.lastHtml, "/rendez-vous/gerer/")).toContain(ask);
    const cancelled = await client.post(
      `/rendez-vous/gerer/${id}/annuler`,
      { jeton: token },
      { tokenFrom: ask },
    );
    expect(cancelled.status).toBe(303);
    await client.get(cancelled.headers.get("location") ?? "");
    expect(client.lastHtml).toContain("Votre rendez-vous est annulé");
  });

  it("re-renders the form with a French error for a bad phone number", async () => {
    const client = new TestClient(app);
    const response = await client.post(
      "/rendez-vous/reserver",
      {
        motif: agenda.motifId,
        lieu: agenda.lieuId,
        agent: agenda.agent.userId,
        debut: parisToDate("2026-11-26", "10:00").toISOString(),
        nom: "Camille Martin",
        telephone: "123",
      },
      { tokenFrom: `/rendez-vous/coordonnees?motif=${agenda.motifId}` },
    );
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Il y a une erreur");
    expect(client.lastHtml).toContain("Ce numéro de téléphone n&#39;est pas valide");
    const booked = await database.db
      .selectFrom("rdv")
      .select("id")
      .where("agent_id", "=", agenda.agent.userId)
      .where("starts_at", "=", parisToDate("2026-11-26", "10:00"))
      .execute();
    expect(booked).toHaveLength(0);
  });

  it("refuses a forged link with a French message, and an unknown appointment with a 404", async () => {
    const booked = await bookAppointment(contextAt(database.db), {
      motifId: agenda.motifId,
      agentId: agenda.agent.userId,
      lieuId: agenda.lieuId,
      start: parisToDate("2026-12-09", "11:30"),
      person: PERSON,
    });
    const client = new TestClient(app);
    const forged = `jeton=1999999999.${"x".repeat(43)}`;
    const response = await client.get(`/rendez-vous/gerer/${booked.id}?${forged}`);
    expect(response.status).toBe(403);
    expect(client.lastHtml).toContain("Ce lien n&#39;est pas valide");
    const unknown = await client.get(`/rendez-vous/gerer/${crypto.randomUUID()}?${forged}`);
    expect(unknown.status).toBe(404);
  });
});

describe("agent pages", () => {
  it("lets the desk book for someone in three clicks and shows it in the agenda", async () => {
    const client = new TestClient(app);
    await client.login(agenda.accueil.email, agenda.accueil.password);
    await client.get("/pro/rendez-vous/prendre");
    expect(client.lastHtml).toContain("Suivi RSA par téléphone");
    const motifLink = links(client.lastHtml, "/pro/rendez-vous/prendre/creneaux").find((l) =>
      l.includes(agenda.phoneMotifId),
    );
    await client.get(motifLink ?? "");
    const [slotLink] = links(client.lastHtml, "/pro/rendez-vous/prendre/coordonnees");
    await client.get(slotLink ?? "");
    const fields = Object.fromEntries(
      [...client.lastHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map(
        (m) => [m[1] ?? "", m[2] ?? ""],
      ),
    );
    const booked = await client.post("/pro/rendez-vous/prendre", {
      ...fields,
      nom: "Jean Dupont",
      telephone: "01 47 00 00 00",
    });
    expect(booked.status).toBe(303);
    await client.get(booked.headers.get("location") ?? "");
    expect(client.lastHtml).toContain("Rendez-vous réservé");
    expect(client.lastHtml).toContain("Jean Dupont");
  });

  it("sends a visitor without an account to the login page", async () => {
    const response = await new TestClient(app).get("/pro/rendez-vous");
    expect(response.status).toBe(302);
  });
});

describe("JSON API", () => {
  it("lists motifs and slots, books with an Idempotency-Key, refuses the taken slot with 409, cancels", async () => {
    const motifs = await (await app.request("/api/v1/motifs")).json();
    expect(motifs.motifs.map((m: { nom: string }) => m.nom)).toEqual(["Premier accueil social"]);
    const from = parisToDate("2026-12-07", "00:00").toISOString();
    const to = parisToDate("2026-12-08", "00:00").toISOString();
    const slots = await (
      await app.request(
        `/api/v1/slots?motif=${agenda.motifId}&lieu=${agenda.lieuId}&from=${from}&to=${to}`,
      )
    ).json();
    expect(slots.creneaux).toHaveLength(6);
    const first = slots.creneaux[0];
    const book = (key: string, nom = "Camille Martin") =>
      app.request("/api/v1/bookings", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({
          motif_id: agenda.motifId,
          agent_id: first.agent_id,
          lieu_id: first.lieu_id,
          debut: first.debut,
          nom,
          email: "camille@exemple.fr",
          consentement: true,
        }),
      });
    const created = await book("cle-api-000001");
    expect(created.status).toBe(201);
    const body = await created.json();
    expect((await book("cle-api-000001")).status).toBe(200);
    const taken = await book("cle-api-000002", "Autre Personne");
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.message).toMatch(/^Ce créneau vient d'être pris/);
    const forged = await app.request(`/api/v1/bookings/${body.id}?token=123.abc`, {
      method: "DELETE",
    });
    expect(forged.status).toBe(403);
    const cancelled = await app.request(
      `/api/v1/bookings/${body.id}?token=${encodeURIComponent(body.jeton)}`,
      { method: "DELETE" },
    );
    expect(cancelled.status).toBe(200);
  });

  it("answers 429 with a French message past the booking limit of one address, and books nothing", async () => {
    const { API_BOOKING_LIMIT } = await import("./api.ts");
    const attempt = (address: string, body: string) =>
      app.request("/api/v1/bookings", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body,
      });
    for (let index = 0; index < API_BOOKING_LIMIT.limit; index++) {
      expect((await attempt("203.0.113.7", "pas du JSON")).status).toBe(400);
    }
    const start = parisToDate("2026-12-08", "11:00");
    const valid = JSON.stringify({
      motif_id: agenda.motifId,
      agent_id: agenda.agent.userId,
      lieu_id: agenda.lieuId,
      debut: start.toISOString(),
      nom: "Script Pressé",
      email: "script@exemple.fr",
      consentement: true,
    });
    const limited = await attempt("203.0.113.7", valid);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.message).toBe(
      "Trop de demandes de réservation depuis cette adresse. Réessayez dans quelques minutes.",
    );
    const booked = await database.db
      .selectFrom("rdv")
      .select("id")
      .where("person_name", "=", "Script Pressé")
      .execute();
    expect(booked).toHaveLength(0);
    expect((await attempt("198.51.100.4", valid)).status).toBe(201);
  });

  it("describes its paths in the OpenAPI document", async () => {
    const document = await (await app.request("/api/v1/openapi.json")).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/motifs",
        "/api/v1/slots",
        "/api/v1/bookings",
        "/api/v1/bookings/{id}",
      ]),
    );
    expect(document.paths["/api/v1/bookings"].post.responses["409"]).toBeDefined();
  });

  it("answers bad parameters with a French 400", async () => {
    const response = await app.request("/api/v1/slots?motif=pas-un-id");
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/identifiant invalide/);
  });
});

describe("collective sessions, agent side", () => {
  it("registers someone to an information collective and shows the seats left", async () => {
    const { createSession } = await import("./agenda-admin.ts");
    const sessionId = await createSession(
      database.db,
      {
        organisationId: agenda.organisationId,
        motifId: agenda.motifId,
        lieuId: agenda.lieuId,
        agentId: agenda.agent.userId,
        startsAt: parisToDate("2026-12-14", "14:00"),
        endsAt: parisToDate("2026-12-14", "16:00"),
        capacity: 12,
      },
      TEST_NOW,
    );
    const client = new TestClient(app);
    await client.login(agenda.accueil.email, agenda.accueil.password);
    await client.get("/pro/rendez-vous/seances");
    expect(client.lastHtml).toContain("12 places libres sur 12");
    const response = await client.post(
      `/pro/rendez-vous/seances/${sessionId}`,
      { nom: "Awa Traoré", telephone: "06 98 76 54 32", consentement: "oui" },
      { tokenFrom: `/pro/rendez-vous/seances/${sessionId}` },
    );
    expect(response.status).toBe(303);
    await client.get("/pro/rendez-vous/seances?inscrit=1");
    expect(client.lastHtml).toContain("11 places libres sur 12");
  });
});
