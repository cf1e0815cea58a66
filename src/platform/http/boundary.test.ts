// The HTTP boundary, over the whole route table: what an anonymous visitor
// gets in the professional space, which answers may be cached, the CSRF
// token's binding to the session, and bad input that must never be a 500.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listLieuxForMotif, listMotifs } from "../../modules/appointments/service.ts";
import { loadTerritory, readTerritory } from "../../modules/territory/service.ts";
import { seedDemo } from "../../seed/demo.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seed/demo-organisations.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { SESSION_COOKIE } from "../auth/routes.tsx";
import { CSRF_COOKIE } from "./csrf.ts";
import { UNSAFE_TEXT_MESSAGE } from "./input-guard.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
const NOW = new Date("2026-11-23T10:00:00Z");
const SOME_UUID = "3f2a6c1e-8b4d-4e7a-9c21-5d6e7f809a1b";

beforeAll(async () => {
  database = await createTestDatabase();
  await loadTerritory(database.db, readTerritory("92"));
  await seedDemo(database.db, "92", NOW);
  app = createTestApp(database.db, { kind: database.kind, now: () => NOW });
});
afterAll(async () => {
  await database.close();
});

/** Every route of the app for a method, its parameters filled with `value`. */
function routes(method: "GET" | "POST", prefix: string, value = SOME_UUID): string[] {
  const paths = app.routes
    .filter((route) => route.method === method && route.path.startsWith(prefix))
    .map((route) =>
      route.path
        .split("/")
        .map((segment) => (segment.startsWith(":") ? value : segment === "*" ? "x" : segment))
        .join("/"),
    );
  return [...new Set(paths)];
}

async function signedIn(email: string) {
  const client = new TestClient(app);
  expect((await client.login(email, DEMO_PASSWORD)).status).toBe(303);
  return client;
}

describe("an anonymous visitor in the professional space", () => {
  it("is sent to the login page by every GET route, and answered 401 by every POST route", async () => {
    const gets = routes("GET", "/pro");
    const posts = routes("POST", "/pro");
    expect(gets.length).toBeGreaterThan(20);
    expect(posts.length).toBeGreaterThan(10);
    for (const path of gets) {
      const response = await app.request(path);
      expect([path, response.status]).toEqual([path, 302]);
      expect(response.headers.get("location")).toBe(
        `/connexion?retour=${encodeURIComponent(path)}`,
      );
    }
    for (const path of posts) {
      const response = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "a=b",
      });
      expect([path, response.status]).toEqual([path, 401]);
      expect(await response.text()).toContain("Connectez-vous");
    }
  });
});

describe("the professional space's home page", () => {
  it("shows each demo role only links it may open: none of them answers 403", async () => {
    const seen = new Map<string, string[]>();
    for (const account of DEMO_ACCOUNTS) {
      const client = await signedIn(account.email);
      await client.get("/pro");
      const main = client.lastHtml.slice(client.lastHtml.indexOf("<main"));
      const links = [...main.matchAll(/href="(\/(?:pro|admin)[^"]*)"/g)].map((m) =>
        (m[1] ?? "").replace(/&amp;/g, "&"),
      );
      seen.set(account.role, links);
      for (const link of new Set(links)) {
        const response = await client.get(link);
        expect([account.email, link, response.status]).toEqual([account.email, link, 200]);
      }
    }
    // Each role finds its own tools: the pilote its non-take-up runs and statistics, the admin the imports.
    expect(seen.get("pilote")).toEqual(
      expect.arrayContaining(["/pro/non-recours", "/pro/rendez-vous/statistiques"]),
    );
    expect(seen.get("admin")).toEqual(
      expect.arrayContaining(["/pro/annuaire/import", "/admin/courriels"]),
    );
    expect(seen.get("responsable_structure")).toEqual(
      expect.arrayContaining(["/pro/suivi-structure", "/pro/dossiers", "/pro/rendez-vous"]),
    );
    expect(seen.get("pilote")).not.toContain("/pro/dossiers");
    // The data-protection officer finds the audit trail, and only that.
    expect(seen.get("dpo")).toEqual(expect.arrayContaining(["/admin/journal"]));
    expect(seen.get("dpo")).not.toContain("/pro/dossiers");
  });
});

describe("caching", () => {
  it("forbids storing any page a signed-in person sees and the personal paths, not the public pages", async () => {
    const worker = await signedIn("ts@demo.relais.test");
    for (const path of ["/pro", "/pro/dossiers", "/pro/rendez-vous", "/"]) {
      const response = await worker.get(path);
      expect([path, response.headers.get("cache-control")]).toEqual([path, "no-store"]);
    }
    const manage = await app.request(`/rendez-vous/gerer/${SOME_UUID}?jeton=x`);
    expect(manage.headers.get("cache-control")).toBe("no-store");
    const publicPage = await app.request("/trouver-de-l-aide");
    expect(publicPage.headers.get("cache-control")).toBeNull();
  });
});

describe("the CSRF token", () => {
  it("is bound to the session: one person's cookie and token do not work with another's session", async () => {
    const alice = await makeUser(database.db, { role: "travailleur_social" });
    const bob = await makeUser(database.db, { role: "travailleur_social" });
    const aliceBrowser = new TestClient(app);
    const bobBrowser = new TestClient(app);
    expect((await aliceBrowser.login(alice.email, alice.password)).status).toBe(303);
    expect((await bobBrowser.login(bob.email, bob.password)).status).toBe(303);
    await bobBrowser.get("/pro");
    const bobToken = bobBrowser.csrfToken();
    const mixed = await app.request("/deconnexion", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: `${SESSION_COOKIE}=${aliceBrowser.cookie(SESSION_COOKIE)}; ${CSRF_COOKIE}=${bobBrowser.cookie(CSRF_COOKIE)}`,
      },
      body: new URLSearchParams({ _csrf: bobToken }).toString(),
    });
    expect(mixed.status).toBe(403);
    // Alice's own token still works, and so do anonymous forms.
    await aliceBrowser.get("/pro");
    expect(
      (await aliceBrowser.post("/deconnexion", { _csrf: aliceBrowser.csrfToken() })).status,
    ).toBe(303);
  });
});

describe("bad input is refused in French, never a 500", () => {
  it("refuses control characters in a form field, a query and a JSON body", async () => {
    const visitor = new TestClient(app);
    const form = await visitor.post(
      "/connexion",
      { email: "nul\u0000@exemple.fr", password: "x" },
      { tokenFrom: "/connexion" },
    );
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("caractère invisible");
    const query = await app.request("/trouver-de-l-aide?q=aide%00alimentaire");
    expect(query.status).toBe(400);
    const json = await app.request("/api/v1/simulations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"individus": {"a": {"nom": "x\\u0000y"}}}',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: { message: UNSAFE_TEXT_MESSAGE } });
  });

  it("answers 400 to a body that is not what it says it is", async () => {
    const worker = await signedIn("ts@demo.relais.test");
    await worker.get("/pro");
    const response = await app.request("/mes-droits/questions", {
      method: "POST",
      headers: {
        "content-type": "multipart/form-data; boundary=xyz",
        cookie: `${CSRF_COOKIE}=${worker.cookie(CSRF_COOKIE)}`,
      },
      body: "--abc\r\nnot a multipart body",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("illisible");
  });

  it("answers every route of the professional space with a malformed id as a missing page", async () => {
    const responsable = await signedIn("responsable@demo.relais.test");
    const failures: string[] = [];
    for (const path of routes("GET", "/pro", "pas-un-identifiant")) {
      const response = await responsable.get(path);
      if (response.status >= 500) failures.push(`${path} → ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("answers every GET route, public or professional, with absurd dates and numbers in the query without a 500", async () => {
    const absurd =
      "?jour=10000-01-01&date=0000-01-01&mois=9999-13&semaine=%2B010000-01&debut=%2B010000-01-01T00:00:00Z&fin=abc&page=-1&rayon=1e308&naissance=1990-02-30";
    const responsable = await signedIn("responsable@demo.relais.test");
    const failures: string[] = [];
    for (const path of [
      ...routes("GET", "/pro"),
      ...routes("GET", "/rendez-vous"),
      ...routes("GET", "/mes-droits"),
      ...routes("GET", "/trouver-de-l-aide"),
      ...routes("GET", "/api/"),
    ]) {
      const response = await responsable.get(`${path}${absurd}`);
      if (response.status >= 500) failures.push(`${path} → ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("shows the slot pages for weeks far in the past or the future without a 500", async () => {
    const motifs = await listMotifs(database.db, { onlineOnly: true });
    const motif = motifs[0];
    const lieu = motif ? (await listLieuxForMotif(database.db, motif.id))[0] : undefined;
    if (!motif || !lieu) throw new Error("no demo motif");
    for (const semaine of ["9999-12-27", "0001-01-01", "2026-02-30", "+010000-01"]) {
      const response = await app.request(
        `/rendez-vous/creneaux?motif=${motif.id}&lieu=${lieu.id}&semaine=${encodeURIComponent(semaine)}`,
      );
      expect([semaine, response.status]).toEqual([semaine, 200]);
    }
  });

  it("answers every POST route with absurd values in every usual field, without a 500", async () => {
    // The fields the app's forms use, each with a value no form would send.
    const absurd: Record<string, string> = {
      nom: "x".repeat(20_000),
      prenom: "",
      naissance: "1990-02-30",
      date: "0000-01-01",
      jour: "10000-01-01",
      firstDay: "9999-12-31",
      endDay: "0000-00-00",
      until: "+010000-01-01",
      debut: "+010000-01-01T00:00:00Z",
      startTime: "25:61",
      endTime: "-1:00",
      heure: "99:99",
      mois: "9999-13",
      duree: "1e308",
      max: "-5",
      capacite: "NaN",
      telephone: "abc",
      email: "pas-une-adresse",
      agent: "pas-un-identifiant",
      motif: "pas-un-identifiant",
      lieu: "pas-un-identifiant",
      motifs: "pas-un-identifiant",
      service: "pas-un-identifiant",
      organisation: "pas-un-identifiant",
      dossier: "pas-un-identifiant",
      statut: "inconnu",
      status: "inconnu",
      scope: "tout",
      decision: "peut-etre",
      etat: "{pas du json",
      etape: "inexistante",
      action: "inexistante",
      lat: "1e400",
      lon: "-1e400",
      rayon: "Infinity",
      salaire: "-1e308",
      enfants: "99999",
      horaires_accueil: "Mo-Fr 09:00-12:00; ".repeat(200),
      texte: "x".repeat(100_000),
      message: "x".repeat(100_000),
    };
    const failures: string[] = [];
    for (const account of ["responsable@demo.relais.test", "accueil@demo.relais.test"]) {
      const client = await signedIn(account);
      await client.get("/pro");
      const token = client.csrfToken();
      const paths = [
        ...routes("POST", "/pro"),
        ...routes("POST", "/rendez-vous"),
        ...routes("POST", "/mes-droits"),
        ...routes("POST", "/pro", "pas-un-identifiant"),
      ];
      for (const path of new Set(paths)) {
        const response = await client.post(path, { ...absurd, _csrf: token });
        if (response.status >= 500) failures.push(`${account} ${path} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
