import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { createLieu, createMotif, createPlage } from "./agenda-admin.ts";
import { bookAppointment, findMotif, findSlots } from "./service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

// The resident's booking journey (issue 17): « où ? » first, the places
// nearest first with one name each, a confirmation that says what to bring,
// where to go and how to add it to a calendar, and a cancellation that asks.

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;
const places: Record<string, string> = {};
let ccasMotifId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => TEST_NOW });
  // A second organisation with places in four communes; positions are the communes' centres.
  const ccas = await makeUser(database.db, { role: "travailleur_social" });
  ccasMotifId = await createMotif(
    database.db,
    {
      organisationId: ccas.organisationId,
      name: "Aide facultative",
      locationKind: "sur_place",
      durationMinutes: 30,
      documentsToBring: "Une pièce d'identité\n- Un justificatif de domicile\n\n",
    },
    TEST_NOW,
  );
  for (const [name, communeCode] of [
    ["CCAS d'Antony", "92002"],
    ["CCAS de Colombes", "92025"],
    ["CCAS de Chaville", "92022"],
    ["CCAS de Châtenay-Malabry", "92019"],
  ] as const) {
    places[name] = await createLieu(
      database.db,
      {
        organisationId: ccas.organisationId,
        name,
        address: "Hôtel de ville",
        communeCode,
        phone: "01 99 00 12 34",
      },
      TEST_NOW,
    );
    await createPlage(
      database.db,
      {
        organisationId: ccas.organisationId,
        agentId: ccas.userId,
        lieuId: places[name] ?? "",
        motifIds: [ccasMotifId],
        firstDay: "2026-11-02",
        startTime: communeCode === "92002" ? "13:00" : "09:00",
        endTime: communeCode === "92002" ? "17:00" : "12:00",
        recurrence: {
          everyWeeks: 1,
          weekdays: communeCode === "92002" ? [1, 2, 3, 4, 5] : [6],
        },
      },
      TEST_NOW,
    );
  }
});
afterAll(async () => {
  await database.close();
});

function placeNames(html: string): string[] {
  return [...html.matchAll(/<h2 class="card__title" id="lieu-[^"]+">([^<]+)<\/h2>/g)].map((m) =>
    (m[1] ?? "").replace(/&#39;/g, "'"),
  );
}

async function bookAtAntony() {
  const motif = await findMotif(database.db, ccasMotifId);
  const [slot] = await findSlots(contextAt(database.db), {
    motifId: ccasMotifId,
    lieuId: places["CCAS d'Antony"],
    from: TEST_NOW,
    to: new Date(TEST_NOW.getTime() + 7 * 86_400_000),
  });
  if (!motif || !slot) throw new Error("no slot at Antony");
  return bookAppointment(contextAt(database.db), {
    motifId: ccasMotifId,
    agentId: slot.agentId,
    lieuId: places["CCAS d'Antony"] ?? null,
    start: slot.start,
    person: PERSON,
  });
}

describe("step 1: « où ? », then the places nearest first", () => {
  it("asks for a commune or a postcode before listing any place", async () => {
    const client = new TestClient(app);
    const page = await client.get("/rendez-vous");
    expect(page.status).toBe(200);
    expect(client.lastHtml).toContain('name="ou"');
    expect(client.lastHtml).toContain("Autour de moi");
    expect(placeNames(client.lastHtml)).toEqual([]);
  });

  it("lists the places nearest the commune's centre first, with their distance", async () => {
    const client = new TestClient(app);
    // The form sends the empty « Autour de moi » fields along: they are no position.
    await client.get("/rendez-vous?ou=Colombes&lat=&lon=");
    const names = placeNames(client.lastHtml);
    // Colombes, then Nanterre (the SST's place, 92050), then the south of the département.
    expect(names.slice(0, 2)).toEqual(["CCAS de Colombes", "Espace solidarité du Parc"]);
    expect(names.indexOf("CCAS d'Antony")).toBeGreaterThan(names.indexOf("CCAS de Chaville"));
    expect(client.lastHtml).toContain("Les lieux les plus proches de Colombes d&#39;abord.");
    expect(client.lastHtml).toMatch(/À \d+(,\d)?\u00a0km · /);
    // A place without its own position is at its commune's centre: no false precision.
    expect(client.lastHtml).toContain("À moins de 100\u00a0m · ");
  });

  it("finds the commune from its postcode and from a position given by the phone", async () => {
    const client = new TestClient(app);
    await client.get("/rendez-vous?ou=92160");
    expect(placeNames(client.lastHtml)[0]).toBe("CCAS d'Antony");
    expect(client.lastHtml).toContain("les plus proches d&#39;Antony");
    // Near Chaville's town hall.
    await client.get("/rendez-vous?ou=&lat=48.8066&lon=2.1881");
    expect(placeNames(client.lastHtml)[0]).toBe("CCAS de Chaville");
    expect(client.lastHtml).toContain("les plus proches de vous");
  });

  it("keeps only the commune's places with the commune filter", async () => {
    const client = new TestClient(app);
    await client.get("/rendez-vous?ou=Colombes&commune=seule");
    expect(placeNames(client.lastHtml)).toEqual(["CCAS de Colombes"]);
    expect(client.lastHtml).toContain("Voir aussi les communes voisines");
  });

  it("answers an unknown commune with a French message tied to the field, status 400", async () => {
    const client = new TestClient(app);
    const page = await client.get("/rendez-vous?ou=Gotham");
    expect(page.status).toBe(400);
    expect(client.lastHtml).toContain("Nous ne trouvons pas « Gotham » dans le département");
    expect(client.lastHtml).toContain('aria-invalid="true"');
  });

  it("links each motif of a place to its free slots, the phone motifs of its service beside", async () => {
    const client = new TestClient(app);
    await client.get("/rendez-vous?ou=Nanterre&commune=seule");
    expect(client.lastHtml).toContain(
      `/rendez-vous/creneaux?motif=${agenda.motifId}&amp;lieu=${agenda.lieuId}`,
    );
  });

  it("sorts the places of a motif in French order: Châtenay-Malabry before Chaville", async () => {
    const client = new TestClient(app);
    await client.get(`/rendez-vous/lieu?motif=${ccasMotifId}`);
    const html = client.lastHtml;
    expect(html.indexOf("CCAS de Châtenay-Malabry")).toBeGreaterThan(0);
    expect(html.indexOf("CCAS de Châtenay-Malabry")).toBeLessThan(html.indexOf("CCAS de Chaville"));
    expect(html.indexOf("CCAS d&#39;Antony")).toBeLessThan(html.indexOf("CCAS de Châtenay"));
  });
});

describe("the confirmation, the calendar file and the cancellation", () => {
  it("shows the place's name, address, phone, what to bring, directions, the .ics and the link explained", async () => {
    const booked = await bookAtAntony();
    const client = new TestClient(app);
    await client.get(`/rendez-vous/gerer/${booked.id}?jeton=${booked.token}&confirme=1`);
    const html = client.lastHtml;
    expect(html).toContain("Votre rendez-vous est confirmé");
    expect(html).toContain("CCAS d&#39;Antony");
    expect(html).toContain("Hôtel de ville, Antony");
    expect(html).toContain('href="tel:+33199001234"');
    expect(html).toContain("<li>Une pièce d&#39;identité</li><li>Un justificatif de domicile</li>");
    expect(html).toMatch(/href="geo:48\.\d+,2\.\d+\?q=/);
    expect(html).toMatch(/href="https:\/\/www\.openstreetmap\.org\/\?mlat=48\.\d+&amp;mlon=2\.\d+/);
    expect(html).toContain(`/rendez-vous/gerer/${booked.id}/rendez-vous.ics?jeton=`);
    expect(html).toContain("Cette page est votre lien personnel");
    // Dates in a sentence are not capitalised.
    expect(html).toMatch(/<dd><strong>(lundi|mardi|mercredi|jeudi|vendredi) \d/);
  });

  it("gives the appointment as an iCalendar file, and refuses a forged link", async () => {
    const booked = await bookAtAntony();
    const client = new TestClient(app);
    const file = await client.get(
      `/rendez-vous/gerer/${booked.id}/rendez-vous.ics?jeton=${booked.token}`,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/calendar");
    const text = await file.text();
    expect(text).toContain("BEGIN:VEVENT");
    expect(text).toContain(`UID:${booked.id}@relais`);
    expect(text).toContain("SUMMARY:Rendez-vous : Aide facultative");
    expect(text).toContain(
      `DTSTART:${booked.startsAt.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`,
    );
    const forged = await client.get(`/rendez-vous/gerer/${booked.id}/rendez-vous.ics?jeton=faux`);
    expect(forged.status).toBe(403);
  });

  it("asks before cancelling, cancels only on the confirmation, then offers to book again", async () => {
    const booked = await bookAtAntony();
    const client = new TestClient(app);
    const manage = `/rendez-vous/gerer/${booked.id}?jeton=${booked.token}`;
    const ask = `/rendez-vous/gerer/${booked.id}/annuler?jeton=${booked.token}`;
    const question = await client.get(ask);
    expect(question.status).toBe(200);
    expect(client.lastHtml).toContain("Annuler mon rendez-vous");
    expect(client.lastHtml).toContain("Oui, annuler le rendez-vous");
    expect(client.lastHtml).toContain("Non, garder mon rendez-vous");
    // Asking changed nothing.
    await client.get(manage);
    expect(client.lastHtml).not.toContain("Votre rendez-vous est annulé");
    const done = await client.post(
      `/rendez-vous/gerer/${booked.id}/annuler`,
      { jeton: booked.token },
      { tokenFrom: ask },
    );
    expect(done.status).toBe(303);
    await client.get(done.headers.get("location") ?? "");
    expect(client.lastHtml).toContain("Votre rendez-vous est annulé");
    expect(client.lastHtml).toContain(
      `href="/rendez-vous/creneaux?motif=${ccasMotifId}&amp;lieu=${places["CCAS d'Antony"]}"`,
    );
    expect(client.lastHtml).not.toContain("Oui, annuler");
    // The question page of a cancelled appointment goes back to it.
    const again = await client.get(ask);
    expect(again.status).toBe(303);
  });

  it("refuses a cancellation without the CSRF token and changes nothing", async () => {
    const booked = await bookAtAntony();
    const response = await app.request(`/rendez-vous/gerer/${booked.id}/annuler`, {
      method: "POST",
      body: new URLSearchParams({ jeton: booked.token }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(403);
    const client = new TestClient(app);
    await client.get(`/rendez-vous/gerer/${booked.id}?jeton=${booked.token}`);
    expect(client.lastHtml).not.toContain("Votre rendez-vous est annulé");
  });
});

describe("the responsable writes what to bring", () => {
  const PATH = "/pro/rendez-vous/configuration";

  it("saves the « pièces à apporter » of a motif, and refuses a text too long in French", async () => {
    const responsable = await makeUser(database.db, {
      role: "responsable_structure",
      organisationId: agenda.organisationId,
    });
    const client = new TestClient(app);
    await client.login(responsable.email, responsable.password);
    await client.get(PATH);
    expect(client.lastHtml).toContain(`Pièces à apporter : Premier accueil social`);
    const tooLong = await client.post(
      `${PATH}/motifs/${agenda.motifId}/pieces`,
      { pieces: "x".repeat(1001) },
      { tokenFrom: PATH },
    );
    expect(tooLong.status).toBe(400);
    expect(client.lastHtml).toContain("au plus 1 000 caractères");
    expect((await findMotif(database.db, agenda.motifId))?.documentsToBring).toBeNull();
    const saved = await client.post(
      `${PATH}/motifs/${agenda.motifId}/pieces`,
      { pieces: "Une pièce d'identité\nVotre avis d'imposition" },
      { tokenFrom: PATH },
    );
    expect(saved.status).toBe(200);
    expect(client.lastHtml).toContain("Pièces à apporter enregistrées");
    expect((await findMotif(database.db, agenda.motifId))?.documentsToBring).toBe(
      "Une pièce d'identité\nVotre avis d'imposition",
    );
  });

  it("refuses to write the motif of another structure", async () => {
    const responsable = await makeUser(database.db, { role: "responsable_structure" });
    const client = new TestClient(app);
    await client.login(responsable.email, responsable.password);
    const refused = await client.post(
      `${PATH}/motifs/${agenda.motifId}/pieces`,
      { pieces: "Rien" },
      { tokenFrom: PATH },
    );
    expect(refused.status).toBe(400);
    expect((await findMotif(database.db, agenda.motifId))?.documentsToBring).not.toBe("Rien");
  });
});
