// Each route declares its own body limit in its chain (acceptsBody); the
// app's boundary finds it before the input guard and the CSRF check read the
// body. Test routes are mounted on the real app, behind every middleware.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { acceptsBody, MB } from "./body-limit.ts";
import type { AppEnv } from "./context.ts";
import { assertCsrfToken, CSRF_COOKIE, CSRF_FIELD } from "./csrf.ts";
import { readStreamedUpload } from "./streamed-upload.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

/** Mounted as the modules are: a sub-app holding a sub-app. */
const inner = new Hono<AppEnv>();
inner.post("/api/essai/large", acceptsBody({ maxBytes: 3 * MB }), async (c) =>
  c.json({ length: (await c.req.text()).length }),
);
inner.post("/api/essai/ordinaire", async (c) => c.json({ length: (await c.req.text()).length }));
inner.post("/essai/formulaire", acceptsBody({ maxBytes: 3 * MB }), async (c) => {
  const body = await c.req.parseBody();
  return c.text(`reçu ${String(body.texte).length}`);
});
inner.post("/essai/flux", acceptsBody({ maxBytes: 10 * MB, streamed: true }), async (c) => {
  // Nothing read the body before the handler: it is still a stream.
  const untouched = !c.req.raw.bodyUsed;
  const received = await readStreamedUpload(c.req.raw, { fileField: "fichier" }, async (file) => {
    assertCsrfToken(c, file.fields[CSRF_FIELD]);
    let bytes = 0;
    for await (const chunk of file.bytes ?? []) bytes += chunk.byteLength;
    return bytes;
  });
  return c.json({ untouched, received });
});
inner.post("/essai/flux-sans-jeton", acceptsBody({ maxBytes: 10 * MB, streamed: true }), (c) =>
  c.text("rangé sans vérifier le jeton"),
);
const outer = new Hono<AppEnv>();
outer.route("/", inner);

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind });
  app.route("/", outer);
});
afterAll(() => database.close());

const json = (bytes: number) => JSON.stringify({ texte: "a".repeat(bytes) });
const postJson = (path: string, body: string) =>
  app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body });

/** A multipart form with a file of `bytes` bytes, the CSRF cookie and token of a fresh page. */
async function postFile(path: string, bytes: number, token?: string) {
  const client = new TestClient(app);
  await client.get("/connexion");
  const form = new FormData();
  form.set(CSRF_FIELD, token ?? client.csrfToken());
  form.set("fichier", new File([new Uint8Array(bytes)], "gros.pdf", { type: "application/pdf" }));
  // Encoded ahead, as a browser's bytes: a FormData body would be produced
  // while the handler reads, and a handler that stops early would cut it.
  const encoded = new Response(form);
  return app.request(path, {
    method: "POST",
    headers: {
      cookie: `${CSRF_COOKIE}=${client.cookie(CSRF_COOKIE)}`,
      "content-type": encoded.headers.get("content-type") ?? "",
    },
    body: await encoded.arrayBuffer(),
  });
}

describe("body limits declared by each route", () => {
  it("lets a route with its own larger limit take a body over 1 MB, and refuses one over its own", async () => {
    const accepted = await postJson("/api/essai/large", json(2 * MB));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ length: 2 * MB + 12 });

    const refused = await postJson("/api/essai/large", json(4 * MB));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: { code: "too_large" } });
  });

  it("refuses a body over 1 MB on a route that declares nothing (413, JSON for the API)", async () => {
    expect((await postJson("/api/essai/ordinaire", json(MB / 2))).status).toBe(200);
    const refused = await postJson("/api/essai/ordinaire", json(2 * MB));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: { code: "too_large" } });
  });

  it("counts the bytes of a body sent without a declared length", async () => {
    const chunked = (bytes: number) =>
      app.request("/api/essai/ordinaire", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new Blob([json(bytes)]).stream(),
        duplex: "half",
      } as RequestInit);
    expect((await chunked(MB / 2)).status).toBe(200);
    expect((await chunked(2 * MB)).status).toBe(413);
  });

  it("applies a page form's own limit before the CSRF check reads it, with a French page above it", async () => {
    const client = new TestClient(app);
    const accepted = await client.post(
      "/essai/formulaire",
      { texte: "a".repeat(2 * MB) },
      { tokenFrom: "/connexion" },
    );
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe(`reçu ${2 * MB}`);

    const refused = await client.post(
      "/essai/formulaire",
      { texte: "a".repeat(4 * MB) },
      { tokenFrom: "/connexion" },
    );
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain("trop volumineux");

    // The CSRF check still runs on a route with its own limit.
    const forged = await client.post("/essai/formulaire", { texte: "a", _csrf: "faux" });
    expect(forged.status).toBe(403);
  });

  it("leaves a streamed form's body to its handler, which reads it whole (over 1 MB)", async () => {
    const response = await postFile("/essai/flux", 3 * MB);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ untouched: true, received: 3 * MB });
  });

  it("still checks a streamed form's CSRF token, read from the stream by its handler", async () => {
    const forged = await postFile("/essai/flux", 1024, "faux");
    expect(forged.status).toBe(403);
    // A handler that forgets to check the token fails loudly instead of storing.
    const unchecked = await postFile("/essai/flux-sans-jeton", 1024);
    expect(unchecked.status).toBe(403);
  });

  it("enforces a declaration by itself on an app mounted without the boundary", async () => {
    const bare = new Hono();
    bare.post("/x", acceptsBody({ maxBytes: 10 }), async (c) => c.text(await c.req.text()));
    expect((await bare.request("/x", { method: "POST", body: "court" })).status).toBe(200);
    expect((await bare.request("/x", { method: "POST", body: "bien trop long" })).status).toBe(413);
  });
});
