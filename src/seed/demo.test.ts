import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { isDemoSeeded, seedDemo } from "./demo.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-organisations.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("seedDemo", () => {
  it("loads the Département, SSTs, the 36 CCAS, CAF, CPAM, France Travail and associations, once", async () => {
    expect(await isDemoSeeded(database.db)).toBe(false);
    expect(await seedDemo(database.db, "92", new Date())).toEqual({ created: true });
    expect(await seedDemo(database.db, "92", new Date())).toEqual({ created: false });
    const organisations = await database.db
      .selectFrom("organisation")
      .select(["name", "kind", "is_demo"])
      .execute();
    const byKind = (kind: string) =>
      organisations.filter((organisation) => organisation.kind === kind);
    expect(byKind("ccas")).toHaveLength(36);
    expect(byKind("sst").length).toBeGreaterThanOrEqual(5);
    for (const kind of ["departement", "caf", "cpam", "france_travail"])
      expect(byKind(kind)).toHaveLength(1);
    expect(byKind("association").map((organisation) => organisation.name)).toContain(
      "Secours Catholique — délégation des Hauts-de-Seine",
    );
    expect(organisations.every((organisation) => organisation.is_demo)).toBe(true);
  });

  it("creates one account per role, each able to sign in with the demo password", async () => {
    const roles = new Set(DEMO_ACCOUNTS.map((account) => account.role));
    expect(roles).toEqual(
      new Set([
        "agent_accueil",
        "travailleur_social",
        "responsable_structure",
        "pilote",
        "admin",
        "dpo",
      ]),
    );
    const app = createTestApp(database.db, { kind: database.kind });
    for (const account of DEMO_ACCOUNTS) {
      const client = new TestClient(app);
      const response = await client.login(account.email, DEMO_PASSWORD);
      expect(response.status, account.email).toBe(303);
    }
  });
});
