import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    // Every test computes in the territory's time zone, as the app does.
    env: { TZ: "Europe/Paris" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One PostgreSQL server and one migrated template for the run; each file clones it.
    globalSetup: ["src/test/global-setup.ts"],
  },
});
