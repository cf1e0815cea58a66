// An anonymous visitor meets the same answer on every route that needs a
// signed-in user: the login page for a page, 401 for a form post or the API.
// The routes are read from the app itself (Hono's `app.routes`), so a route
// added tomorrow is covered without touching this file.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./test/app.ts";
import { createTestDatabase, type TestDatabase } from "./test/database.ts";

/** The staff's spaces: nothing there is for an anonymous visitor. */
const STAFF_PREFIXES = ["/pro", "/admin", "/pilotage"];

/**
 * The API answers anonymous clients on these routes by design (open data,
 * the directory, booking by token): every other /api route must answer 401.
 */
const PUBLIC_API = new Set([
  "GET /api/v1/openapi.json",
  "GET /api/v1/motifs",
  "GET /api/v1/slots",
  "POST /api/v1/bookings",
  "GET /api/v1/bookings/:id",
  "DELETE /api/v1/bookings/:id",
  "GET /api/v1/services",
  "GET /api/v1/services/:id",
  "GET /api/v1/structures",
  "GET /api/v1/structures/:id",
  "POST /api/v1/simulations",
  "GET /api/v1/plan",
  "GET /api/v1/indicateurs",
  "GET /api/v1/indicateurs/:code/valeurs",
]);

const SAMPLE_ID = "00000000-0000-4000-8000-000000000001";

/** A concrete path for a route pattern: each parameter gets a well-formed value. */
function concrete(pattern: string): string {
  return pattern.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_match, name: string) =>
    name === "number" || name === "code" ? "1" : SAMPLE_ID,
  );
}

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { now: () => new Date("2026-05-12T08:00:00Z") });
}, 60_000);

afterAll(async () => {
  await database?.close();
});

function routes(filter: (path: string) => boolean): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of app.routes) {
    if (route.method === "ALL" || !filter(route.path)) continue;
    seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
  }
  return [...seen.values()];
}

const isStaff = (path: string) =>
  STAFF_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

describe("an anonymous visitor", () => {
  it("is sent to the login page from every page of the staff's spaces", async () => {
    const pages = routes(isStaff).filter((route) => route.method === "GET");
    expect(pages.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const { path } of pages) {
      const url = concrete(path);
      const response = await app.request(url);
      const location = response.headers.get("location") ?? "";
      if (response.status !== 302 || !location.startsWith(`/connexion?retour=`)) {
        wrong.push(`GET ${path} → ${response.status} ${location}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("gets 401 from every form post and change in the staff's spaces", async () => {
    const changes = routes(isStaff).filter((route) => route.method !== "GET");
    expect(changes.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const { method, path } of changes) {
      const response = await app.request(concrete(path), {
        method,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "nom=x",
      });
      if (response.status !== 401) wrong.push(`${method} ${path} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("gets a 401 JSON error from every API route that is not public", async () => {
    const api = routes((path) => path.startsWith("/api/"));
    const registered = new Set(api.map(({ method, path }) => `${method} ${path}`));
    // The public list names only routes that exist: a removed route leaves no hole.
    expect([...PUBLIC_API].filter((route) => !registered.has(route))).toEqual([]);
    const wrong: string[] = [];
    for (const { method, path } of api) {
      if (PUBLIC_API.has(`${method} ${path}`)) continue;
      const response = await app.request(concrete(path), {
        method,
        headers: { "content-type": "application/json" },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      const body = (await response.json().catch(() => undefined)) as
        | { error?: { code?: string } }
        | undefined;
      if (response.status !== 401 || body?.error?.code !== "unauthenticated") {
        wrong.push(`${method} ${path} → ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
