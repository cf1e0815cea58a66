import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { QUESTIONS, RESPONDENTS } from "./commitments.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind });
});
afterAll(async () => {
  await database.close();
});

describe("the candidates' commitments page", () => {
  it("has the 8 questions and an answer from each of the 4 respondents to every one", () => {
    expect(QUESTIONS.map((q) => q.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(RESPONDENTS).toHaveLength(4);
    for (const question of QUESTIONS) {
      expect(Object.keys(question.answers).sort()).toEqual(RESPONDENTS.map((r) => r.id).sort());
    }
  });

  it("shows the four answers to Q8 side by side without an account", async () => {
    const response = await app.request("/engagements");
    expect(response.status).toBe(200);
    const html = await response.text();
    const q8 = html.slice(html.indexOf('id="question-8"'));
    expect(q8).toContain("Communication directe avec les citoyens");
    for (const respondent of RESPONDENTS)
      expect(q8).toContain(respondent.name.replace(/'/g, "&#39;"));
    expect(q8).toContain("Soliguide");
    expect(q8).toContain("tutoriels");
    expect(html.match(/<h2 id="question-/g)).toHaveLength(8);
  });
});

describe("the plan page without a plan", () => {
  it("says that no plan is published yet (200) when the demo is not loaded", async () => {
    const response = await app.request("/plan");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Aucun plan n&#39;est publié pour le moment.");
    expect((await app.request("/api/v1/plan")).status).toBe(404);
  });
});
