import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { ACCESSIBILITY_STATEMENT } from "./accessibility-statement.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, {
    kind: database.kind,
    now: () => new Date("2031-03-01T10:00:00Z"),
  });
});
afterAll(async () => {
  await database.close();
});

describe("the resident's fixed pages", () => {
  it("gives the Département's number, as a tel: link, with its hours, on the home page", async () => {
    const client = new TestClient(app);
    await client.get("/");
    expect(client.lastHtml).toContain("Vous préférez parler à quelqu&#39;un\u202f?");
    expect(client.lastHtml).toContain('href="tel:+33199000092"');
    expect(client.lastHtml).toContain("du lundi au vendredi, de 9 h à 17 h");
  });

  it("dates the accessibility statement from its data, not the clock, and gives a contact", async () => {
    const client = new TestClient(app);
    await client.get("/accessibilite");
    expect(ACCESSIBILITY_STATEMENT.establishedOn).toBe("2026-12-06");
    expect(client.lastHtml).toContain('<time datetime="2026-12-06">6 décembre 2026</time>');
    expect(client.lastHtml).not.toContain("2031");
    expect(client.lastHtml).toContain('href="tel:+33199000092"');
  });

  it("folds the menu behind a « Menu » control that works without JavaScript", async () => {
    const client = new TestClient(app);
    await client.get("/");
    expect(client.lastHtml).toMatch(
      /<details class="site-menu"[^>]*><summary class="site-menu__toggle">Menu<\/summary>.*<nav class="site-nav" aria-label="Menu principal">/,
    );
  });
});
