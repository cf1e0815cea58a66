// Bad input at the route level: forms sent from a page that is no longer
// true. Two edits of the situation from the same page (the second is refused
// in French and nothing is lost), and a change sent from a page opened before
// the person withdrew their consent (refused, nothing written).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { RECORD_NOT_FOUND } from "./access.ts";
import { STALE_EDIT_MESSAGE } from "./plan.ts";
import { postNewRecord } from "./test-fixtures.ts";

/** The page's text as a person reads it (JSX escapes quotes and apostrophes). */
const readable = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let sst: string;
let association: string;
let owner: TestClient;

async function openRecord(lastName: string) {
  const { response, parcoursId } = await postNewRecord(owner, {
    lastName,
    firstName: "Paule",
    birthDate: "1990-09-09",
    consentScope: "suivi",
    organisationId: sst,
  });
  expect(response.status).toBe(303);
  return { parcoursId, page: `/pro/dossiers/${parcoursId}` };
}

/** The form fields of a page as it was when opened: its CSRF token and situation version. */
function pageState(browser: TestClient) {
  const version = /name="version" value="(\d+)"/.exec(browser.lastHtml)?.[1];
  if (!version) throw new Error("Pas de formulaire de situation sur la page");
  return { _csrf: browser.csrfToken(), version };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db);
  sst = await makeOrganisation(database.db, { kind: "sst" });
  association = await makeOrganisation(database.db, { kind: "association" });
  owner = await signInNewUser(app, database.db, "travailleur_social", sst);
});
afterAll(() => database?.close());

describe("a form sent from a page that is no longer true", () => {
  it("refuses the second of two situation edits from the same page with the French message, keeping the first and showing back what was typed", async () => {
    const { parcoursId, page } = await openRecord("Vasseur");
    await owner.get(page);
    const stale = pageState(owner);
    const first = await owner.post(`${page}/situation`, {
      ...stale,
      logement: "Hébergée chez sa sœur",
      ressources: "RSA",
    });
    expect(first.status).toBe(303);
    const second = await owner.post(`${page}/situation`, {
      ...stale,
      logement: "Sans domicile depuis lundi",
    });
    expect(second.status).toBe(409);
    const html = readable(owner.lastHtml);
    expect(html).toContain(STALE_EDIT_MESSAGE);
    // The worker's text is on the page, the saved version in the form.
    expect(html).toContain("Votre saisie, non enregistrée");
    expect(html).toContain("Sans domicile depuis lundi");
    expect(html).toContain('value="Hébergée chez sa sœur"');
    expect(pageState(owner).version).toBe(String(Number(stale.version) + 1));
    const saved = await database.db
      .selectFrom("parcours")
      .select(["situation", "situation_version"])
      .where("id", "=", parcoursId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({
      situation: { logement: "Hébergée chez sa sœur", ressources: "RSA" },
      situation_version: Number(stale.version) + 1,
    });
    const updates = await database.db
      .selectFrom("audit_event")
      .select("seq")
      .where("action", "=", "parcours.situation.update")
      .where("subject_id", "=", parcoursId)
      .execute();
    expect(updates).toHaveLength(1);
  });

  it("refuses a note and a situation sent from a page opened before the consent was withdrawn, and writes nothing", async () => {
    const { parcoursId, page } = await openRecord("Delacroix");
    await owner.post(
      `${page}/consentements`,
      { consentOrganisationId: association, scope: "suivi", how: "oral", givenOn: "2024-01-02" },
      { tokenFrom: page },
    );
    await database.db
      .insertInto("parcours_member")
      .values({ parcours_id: parcoursId, organisation_id: association, joined_at: new Date() })
      .execute();
    const partner = await signInNewUser(app, database.db, "travailleur_social", association);
    expect((await partner.get(page)).status).toBe(200);
    expect(partner.lastHtml).toContain("Delacroix");
    const opened = pageState(partner);

    const consent = await database.db
      .selectFrom("person_consent")
      .innerJoin("parcours", "parcours.person_id", "person_consent.person_id")
      .select("person_consent.id")
      .where("parcours.id", "=", parcoursId)
      .where("person_consent.organisation_id", "=", association)
      .executeTakeFirstOrThrow();
    const withdrawn = await owner.post(
      `${page}/consentements/${consent.id}/retrait`,
      {},
      { tokenFrom: page },
    );
    expect(withdrawn.status).toBe(303);

    const writes = async () => ({
      notes: await database.db
        .selectFrom("parcours_note")
        .select("id")
        .where("parcours_id", "=", parcoursId)
        .execute(),
      parcours: await database.db
        .selectFrom("parcours")
        .select(["situation", "situation_version"])
        .where("id", "=", parcoursId)
        .executeTakeFirstOrThrow(),
    });
    const before = await writes();
    const note = await partner.post(`${page}/notes`, {
      _csrf: opened._csrf,
      contactDate: "2026-11-23",
      body: "Écrit après le retrait",
    });
    expect(note.status).toBe(404);
    const html = readable(partner.lastHtml);
    expect(html).toContain(RECORD_NOT_FOUND);
    expect(html).not.toContain("Delacroix");
    const situation = await partner.post(`${page}/situation`, {
      ...opened,
      logement: "Écrit après le retrait",
    });
    expect(situation.status).toBe(404);
    expect(await writes()).toEqual(before);
    expect((await partner.get(page)).status).toBe(404);
  });
});
