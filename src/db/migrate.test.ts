import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations/index.ts";

describe("the list of migrations", () => {
  it("names every migration file of src/db/migrations, and only those, each with its up()", () => {
    const files = readdirSync(join(import.meta.dirname, "migrations"))
      .filter((file) => /^\d{4}-[a-z0-9-]+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(MIGRATIONS).sort()).toEqual(files);
    for (const migration of Object.values(MIGRATIONS)) expect(typeof migration.up).toBe("function");
  });
});
