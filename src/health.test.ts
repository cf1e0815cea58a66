import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./test/app.ts";
import { createTestDatabase, type TestDatabase } from "./test/database.ts";

describe("/healthz and /readyz", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("/readyz is ready when the database answers and every migration is applied", async () => {
    const app = createTestApp(database.db, { kind: database.kind });
    const response = await app.request("/readyz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: database.kind });
  });

  it("/readyz is 503 with the migrations missing from the database", async () => {
    const app = createTestApp(database.db, { kind: database.kind });
    await sql`DELETE FROM kysely_migration WHERE name = '0402-rights-one-clock'`.execute(
      database.db,
    );
    const response = await app.request("/readyz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "migrations pending",
      pending: ["0402-rights-one-clock"],
    });
  });

  it("/healthz answers without the database; /readyz says it is unreachable", async () => {
    const gone = await createTestDatabase();
    const app = createTestApp(gone.db, { kind: gone.kind });
    await gone.close();
    const live = await app.request("/healthz");
    expect(live.status).toBe(200);
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "database unreachable" });
  });
});
