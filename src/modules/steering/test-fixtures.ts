import { afterAll, beforeAll } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";

/** The date every steering test runs at (fixed: the suite runs at any real date). */
export const NOW = new Date("2026-12-06T09:00:00Z");

export type SteeringFixture = {
  readonly database: TestDatabase;
  readonly app: ReturnType<typeof createTestApp>;
  /** A client signed in with a new user of that role. */
  signedIn(role: "pilote" | "travailleur_social" | "admin"): Promise<TestClient>;
};

/**
 * The set-up the steering page tests share: a fresh database with the demo
 * (the territory of the 92, the plan of seed 002, its indicators) and an app
 * on the fixed clock. Call at the top of a test file; the getters read the
 * values once `beforeAll` has run.
 */
export function useSteeringDemo(now: Date = NOW): SteeringFixture {
  let database: TestDatabase | undefined;
  let app: ReturnType<typeof createTestApp> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, "92", now);
    app = createTestApp(database.db, { kind: database.kind, now: () => now });
  });
  afterAll(async () => {
    await database?.close();
  });
  const fixture: SteeringFixture = {
    get database() {
      if (!database) throw new Error("useSteeringDemo: read the database inside a test");
      return database;
    },
    get app() {
      if (!app) throw new Error("useSteeringDemo: read the app inside a test");
      return app;
    },
    async signedIn(role) {
      const user = await makeUser(fixture.database.db, { role, now });
      const client = new TestClient(fixture.app);
      await client.login(user.email, user.password);
      return client;
    },
  };
  return fixture;
}
