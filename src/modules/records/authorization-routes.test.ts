// The authorization matrix over the records routes themselves (policy.test.ts
// covers the rules; this covers that every route asks them). Each actor below
// may not see the record: a record page answers 404 as if it did not exist, a
// page outside any record 403, an anonymous visitor is sent to sign in, and
// the person's name never appears in what comes back. Nothing is written.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../platform/auth/routes.tsx";
import { CSRF_COOKIE } from "../../platform/http/csrf.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { recordsRoutes } from "./routes.tsx";
import { postNewRecord } from "./test-fixtures.ts";

const LAST_NAME = "Quenouille";
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let ids: {
  parcours: string;
  objective: string;
  action: string;
  document: string;
  consent: string;
  orientation: string;
  owner: string;
};
const actors: Record<string, TestClient> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db);
  const db = database.db;
  const sst = await makeOrganisation(db, { kind: "sst" });
  const association = await makeOrganisation(db, { kind: "association" });
  const ccas = await makeOrganisation(db, { kind: "ccas" });
  const departement = await makeOrganisation(db, { kind: "departement" });
  const other = await makeOrganisation(db, { kind: "sst" });
  const owner = await signInNewUser(app, database.db, "travailleur_social", sst);
  const { parcoursId: parcours } = await postNewRecord(owner, {
    lastName: LAST_NAME,
    firstName: "Zéphyrine",
    birthDate: "1981-04-05",
    consentScope: "suivi_sante",
    organisationId: sst,
  });
  const page = `/pro/dossiers/${parcours}`;
  await owner.post(
    `${page}/objectifs`,
    { theme: "logement", title: "Trouver un logement" },
    {
      tokenFrom: page,
    },
  );
  const objective = await db.selectFrom("plan_objective").select("id").executeTakeFirstOrThrow();
  await owner.post(
    `${page}/actions`,
    { objectiveId: objective.id, actionTitle: "Dossier DALO", assignee: "Mme Q." },
    { tokenFrom: page },
  );
  await owner.post(
    `${page}/notes`,
    { contactDate: "2026-11-20", body: "Entretien" },
    {
      tokenFrom: page,
    },
  );
  expect(
    (await upload(owner, parcours, new TextEncoder().encode("%PDF-1.4\n%%EOF\n"))).status,
  ).toBe(303);
  // The CCAS is a member of the parcours, but the person never agreed to share with it.
  await db
    .insertInto("parcours_member")
    .values({ parcours_id: parcours, organisation_id: ccas, joined_at: new Date() })
    .execute();
  // The person agreed to share with the association: the orientation waits for it.
  const person = await db
    .selectFrom("parcours")
    .select("person_id")
    .where("id", "=", parcours)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("person_consent")
    .values({
      person_id: person.person_id,
      organisation_id: association,
      scope: "suivi",
      collected_at: new Date("2026-01-02T10:00:00Z"),
    })
    .execute();
  const orientation = await db
    .insertInto("orientation")
    .values({
      parcours_id: parcours,
      from_organisation_id: sst,
      to_organisation_id: association,
      created_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids = {
    parcours,
    objective: objective.id,
    action: (await db.selectFrom("plan_action").select("id").executeTakeFirstOrThrow()).id,
    document: (await db.selectFrom("parcours_document").select("id").executeTakeFirstOrThrow()).id,
    consent: (
      await db
        .selectFrom("person_consent")
        .select("id")
        .where("organisation_id", "=", sst)
        .executeTakeFirstOrThrow()
    ).id,
    orientation: orientation.id,
    owner: sst,
  };
  actors["travailleur social d'une structure membre sans consentement"] = await signInNewUser(
    app,
    database.db,
    "travailleur_social",
    ccas,
  );
  actors.pilote = await signInNewUser(app, database.db, "pilote", departement);
  actors.admin = await signInNewUser(app, database.db, "admin", departement);
  actors["responsable d'une autre structure"] = await signInNewUser(
    app,
    database.db,
    "responsable_structure",
    other,
  );
  actors.anonyme = new TestClient(app);
  actors.owner = owner;
  actors.receiver = await signInNewUser(app, database.db, "travailleur_social", association);
});
afterAll(() => database?.close());

async function upload(browser: TestClient, parcoursId: string, bytes: Uint8Array) {
  const body = new FormData();
  const token = /name="_csrf" value="([^"]+)"/.exec(browser.lastHtml)?.[1];
  body.set("_csrf", token ?? "");
  body.set("document", new File([Buffer.from(bytes)], "avis.pdf"));
  const cookies = [SESSION_COOKIE, CSRF_COOKIE]
    .filter((name) => browser.cookie(name) !== undefined)
    .map((name) => `${name}=${browser.cookie(name)}`)
    .join("; ");
  return app.request(`/pro/dossiers/${parcoursId}/documents`, {
    method: "POST",
    headers: { cookie: cookies },
    body,
  });
}

/**
 * How a route answers someone who may not see the record: "record" and
 * "listed", 404 as if it did not exist, but only after checking that the
 * actor works in records at all (403 otherwise, for a real id as for a
 * forged one); "own-list", the actor's own
 * list (empty of this person); "outside", 403.
 */
type Refusal = "record" | "listed" | "own-list" | "outside";
type Row = {
  method: "GET" | "POST" | "UPLOAD";
  path: () => string;
  fields?: () => Record<string, string>;
  refusal: Refusal;
};

const record = () => `/pro/dossiers/${ids.parcours}`;
const ROUTES: Row[] = [
  { method: "GET", path: record, refusal: "record" },
  { method: "GET", path: () => `${record()}/orienter`, refusal: "record" },
  { method: "GET", path: () => `${record()}/documents/${ids.document}`, refusal: "record" },
  { method: "GET", path: () => `${record()}/export.json`, refusal: "record" },
  { method: "GET", path: () => `${record()}/export.pdf`, refusal: "record" },
  {
    method: "POST",
    path: () => `${record()}/situation`,
    fields: () => ({ version: "1", logement: "Hébergé" }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `${record()}/objectifs`,
    fields: () => ({ theme: "emploi", title: "Formation" }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `${record()}/actions`,
    fields: () => ({ objectiveId: ids.objective, actionTitle: "Appel", assignee: "Moi" }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `${record()}/actions/${ids.action}`,
    fields: () => ({ version: "1", status: "faite" }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `${record()}/notes`,
    fields: () => ({ contactDate: "2026-11-21", body: "Intrusion" }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `${record()}/referent`,
    fields: () => ({ referentUserId: "moi" }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `${record()}/consentements`,
    fields: () => ({
      consentOrganisationId: ids.owner,
      scope: "suivi_sante",
      how: "oral",
      givenOn: "2024-01-02",
    }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `${record()}/consentements/${ids.consent}/retrait`,
    refusal: "record",
  },
  { method: "POST", path: () => `${record()}/cloture`, refusal: "record" },
  { method: "UPLOAD", path: () => `${record()}/documents`, refusal: "record" },
  {
    method: "POST",
    path: () => `${record()}/orientations`,
    fields: () => ({ serviceId: "00000000-0000-4000-8000-000000000000", message: "" }),
    refusal: "record",
  },
  {
    method: "POST",
    path: () => `/pro/orientations/${ids.orientation}`,
    fields: () => ({ decision: "acceptee" }),
    refusal: "listed",
  },
  { method: "GET", path: () => "/pro/dossiers?naissance=1981-04-05", refusal: "own-list" },
  { method: "GET", path: () => "/pro/orientations", refusal: "own-list" },
  {
    method: "GET",
    path: () => "/pro/orientations/nouvelle?service=00000000-0000-4000-8000-000000000000",
    refusal: "listed",
  },
  { method: "GET", path: () => `/pro/suivi-structure?structure=${ids.owner}`, refusal: "outside" },
  {
    method: "POST",
    path: () => `/pro/suivi-structure?structure=${ids.owner}`,
    fields: () => ({ max: "1" }),
    refusal: "outside",
  },
];

/** Pilote and admin work on the territory, not in records: no records list or page is theirs. */
const NO_RECORDS_ROLE = new Set(["pilote", "admin"]);

function expectedStatus(actor: string, row: Row): number {
  if (actor === "anonyme") return row.method === "GET" ? 302 : 401;
  if (NO_RECORDS_ROLE.has(actor)) return 403;
  if (row.refusal === "record" || row.refusal === "listed") return 404;
  if (row.refusal === "own-list") return 200;
  return 403;
}

async function send(browser: TestClient, row: Row) {
  if (row.method === "GET") return browser.get(row.path());
  const tokenFrom = browser === actors.anonyme ? "/connexion" : "/";
  if (row.method === "UPLOAD") {
    await browser.get(tokenFrom);
    return upload(browser, ids.parcours, new TextEncoder().encode("%PDF-1.4\n%%EOF\n"));
  }
  return browser.post(row.path(), row.fields?.() ?? {}, { tokenFrom });
}

async function snapshot() {
  const db = database.db;
  const count = async (
    table: "plan_objective" | "plan_action" | "parcours_note" | "parcours_document",
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    objectives: await count("plan_objective"),
    actions: await count("plan_action"),
    notes: await count("parcours_note"),
    documents: await count("parcours_document"),
    parcours: await db
      .selectFrom("parcours")
      .select(["situation_version", "referent_user_id", "status"])
      .execute(),
    actionStatus: await db.selectFrom("plan_action").select(["status", "version"]).execute(),
    consents: await db
      .selectFrom("person_consent")
      .select(["organisation_id", "scope", "withdrawn_at"])
      .execute(),
    orientations: await db.selectFrom("orientation").select(["status"]).execute(),
    caseload: await db.selectFrom("structure_caseload").selectAll().execute(),
  };
}

describe("records routes × actors who may not see the record", () => {
  for (const actor of [
    "travailleur social d'une structure membre sans consentement",
    "pilote",
    "admin",
    "responsable d'une autre structure",
    "anonyme",
  ]) {
    it(`answers ${actor} with the refusal each route gives, without the person's name or any write`, async () => {
      const before = await snapshot();
      for (const row of ROUTES) {
        const browser = actors[actor] as TestClient;
        const response = await send(browser, row);
        const label = `${row.method} ${row.path()}`;
        expect(response.status, label).toBe(expectedStatus(actor, row));
        if (response.status === 302) {
          expect(response.headers.get("location"), label).toMatch(/^\/connexion/);
        }
        expect(await response.text(), label).not.toContain(LAST_NAME);
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("shows the name on the same routes to those who may see it (the matrix's control)", async () => {
    const owner = actors.owner as TestClient;
    for (const path of [
      record(),
      `${record()}/export.json`,
      "/pro/dossiers?naissance=1981-04-05",
    ]) {
      const response = await owner.get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain(LAST_NAME);
    }
    const receiver = actors.receiver as TestClient;
    await receiver.get("/pro/orientations");
    expect(receiver.lastHtml).toContain(LAST_NAME);
  });

  it("shows the responsable of another structure their own follow-up page without the person", async () => {
    const browser = actors["responsable d'une autre structure"] as TestClient;
    const response = await browser.get("/pro/suivi-structure");
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(LAST_NAME);
  });
});

describe("a real id and a forged one answer the same (decision 0006)", () => {
  const FORGED = "0b6b2a52-58a4-4bd4-9d3c-5a8f7f0e1c2d";
  for (const actor of [
    "pilote",
    "admin",
    "travailleur social d'une structure membre sans consentement",
    "responsable d'une autre structure",
  ]) {
    it(`answers ${actor} on every record and orientation route with the same status for a forged id`, async () => {
      const browser = actors[actor] as TestClient;
      for (const row of ROUTES.filter((r) => r.refusal === "record" || r.refusal === "listed")) {
        if (row.method === "UPLOAD") continue;
        const real = await send(browser, row);
        let forgedPath = row.path();
        for (const id of [ids.parcours, ids.orientation, ids.document, ids.consent, ids.action]) {
          forgedPath = forgedPath.replace(id, FORGED);
        }
        const forged = await send(browser, { ...row, path: () => forgedPath });
        expect(forged.status, `${row.method} ${forgedPath}`).toBe(real.status);
      }
    });
  }
});

describe("the personal-data guard", () => {
  it("covers every records route, /pro/suivi-structure included", () => {
    const guards = recordsRoutes.routes
      .filter((route) => route.method === "ALL" && route.handler === holdsPersonalData)
      .map((route) => route.path);
    const covered = (path: string) =>
      guards.some((guard) =>
        guard.endsWith("/*") ? path.startsWith(guard.slice(0, -1)) : guard === path,
      );
    const pages = recordsRoutes.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => route.path);
    expect(pages).toContain("/pro/suivi-structure");
    expect(pages.filter((path) => !covered(path))).toEqual([]);
  });
});
