import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    env: { TZ: "Europe/Paris" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One browser and one server per file; files run one after the other on 2 cores.
    fileParallelism: false,
  },
});
