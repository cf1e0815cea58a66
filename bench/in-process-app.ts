// The real app (createApp) served on a free loopback port inside the bench's
// process, for benches that time pages or the API over HTTP.

import { openSync, writeSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app.tsx";
import { loadConfig } from "../src/config.ts";
import type { DatabaseKind, Db } from "../src/db/database.ts";
import { createLogger } from "../src/platform/log/logger.ts";

export type InProcessApp = { origin: string; close(): Promise<void> };

const devNull = openSync("/dev/null", "w");

export async function serveInProcess(db: Db, kind: DatabaseKind): Promise<InProcessApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    RELAIS_SECRET: "bench-secret-for-relais-in-process-0123456789",
    RELAIS_DATA_DIR: "/tmp/relais-bench-unused",
  });
  const app = createApp({
    db,
    databaseKind: kind,
    config,
    // A line per request, as in production, written where nobody reads it.
    logger: createLogger("info", {}, (line) => writeSync(devNull, `${line}\n`)),
    territoryName: "Hauts-de-Seine",
    now: () => new Date(),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(instance),
    );
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
