import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../platform/time/paris.ts";
import { createTestApp, TestClient } from "../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { readable } from "../test/fixtures.ts";
import { seedDemo } from "./demo.ts";

// Issue 17, « one name per place »: the demo named the directory's CCAS
// « CCAS de Antony » and « CCAS de Le Plessis-Robinson » while the booking
// pages said « CCAS d'Antony ». A place now has one name, with French elision,
// on the directory, the booking steps, the confirmation, the e-mail and the SMS.

// Monday 7 December 2026, 08:00 in Paris: the demo's openings are on weekdays.
const NOW = parisToDate("2026-12-07", "08:00");

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
}, 120_000);
afterAll(() => database.close());

/** « de » before a vowel or before « Le »/« Les »: what elision and contraction forbid. */
const WITHOUT_ELISION = /\bde (?:[AEIOUYÉÈÊ]|L(?:e|es) )/;

function hrefs(html: string, prefix: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)]
    .map((match) => readable(match[1] ?? ""))
    .filter((href) => href.startsWith(prefix));
}

describe("the demo names each place once, with French elision", () => {
  it("names the directory's CCAS as their organisations: d'Antony, du Plessis-Robinson", async () => {
    const structures = await database.db
      .selectFrom("directory_structure")
      .select(["nom"])
      .where("nom", "like", "CCAS %")
      .execute();
    const names = structures.map((structure) => structure.nom);
    expect(names).toHaveLength(36);
    expect(names).toContain("CCAS d'Antony");
    expect(names).toContain("CCAS d'Issy-les-Moulineaux");
    expect(names).toContain("CCAS du Plessis-Robinson");
    expect(names).toContain("CCAS de Nanterre");
    expect(names.filter((name) => WITHOUT_ELISION.test(name))).toEqual([]);
    const organisations = await database.db
      .selectFrom("organisation")
      .select("name")
      .where("kind", "=", "ccas")
      .execute();
    expect(new Set(names)).toEqual(new Set(organisations.map((row) => row.name)));
    const lieux = await database.db
      .selectFrom("rdv_lieu")
      .select("name")
      .where("name", "like", "CCAS %")
      .execute();
    expect(lieux.length).toBeGreaterThan(0);
    for (const lieu of lieux) expect(names).toContain(lieu.name);
  });

  it("keeps « CCAS d'Antony » from the directory to the SMS", async () => {
    const client = new TestClient(app);
    await client.get("/trouver-de-l-aide?besoin=aide+sociale&lieu=Antony");
    expect(readable(client.lastHtml)).toContain("CCAS d'Antony");
    expect(readable(client.lastHtml)).not.toMatch(/CCAS de Antony|autour de Antony/);

    await client.get("/rendez-vous?ou=Antony&commune=seule");
    const step2 = readable(client.lastHtml);
    expect(step2).toContain("CCAS d'Antony");
    expect(step2).toContain("Les lieux à Antony.");
    const section = step2.slice(step2.indexOf(">CCAS d'Antony<"));
    const [slots] = hrefs(section, "/rendez-vous/creneaux");
    await client.get(slots ?? "");
    expect(readable(client.lastHtml)).toContain("CCAS d'Antony");
    const [slot] = hrefs(client.lastHtml, "/rendez-vous/coordonnees");
    await client.get(slot ?? "");
    expect(readable(client.lastHtml)).toContain("CCAS d'Antony");
    const fields = Object.fromEntries(
      [...client.lastHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map(
        (match) => [match[1] ?? "", readable(match[2] ?? "")],
      ),
    );
    const booked = await client.post("/rendez-vous/reserver", {
      ...fields,
      nom: "Samia Ben Ali",
      telephone: "06 12 34 56 78",
      email: "samia@exemple.fr",
      consentement: "oui",
    });
    expect(booked.status).toBe(303);
    await client.get(booked.headers.get("location") ?? "");
    const confirmation = readable(client.lastHtml);
    expect(confirmation).toContain("Votre rendez-vous est confirmé");
    expect(confirmation).toContain("CCAS d'Antony");
    expect(confirmation).not.toMatch(WITHOUT_ELISION);

    const messages = await database.db
      .selectFrom("outbox_message")
      .select(["channel", "text_body"])
      .where("recipient", "in", ["samia@exemple.fr", "+33612345678"])
      .execute();
    expect(messages.map((message) => message.channel).sort()).toEqual(["email", "sms"]);
    for (const message of messages) {
      expect(message.text_body, message.channel).toContain("CCAS d'Antony");
      expect(message.text_body, message.channel).not.toMatch(WITHOUT_ELISION);
      // « le lundi 7 décembre », never « le Lundi » in the middle of a sentence.
      expect(message.text_body, message.channel).not.toMatch(
        /le (Lundi|Mardi|Mercredi|Jeudi|Vendredi)/,
      );
    }
  });
});
