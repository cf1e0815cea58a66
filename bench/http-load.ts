// A closed-loop HTTP load generator that runs in a worker thread, so that the
// clients do not share the server's event loop: `clients` loops share the
// paths, each waiting for its answer before sending the next request.
// A failed request is counted (its first message kept), never thrown.

import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

export type LoadRequest = {
  origin: string;
  paths: string[];
  clients: number;
  /** Sent with every request (a session cookie, for pages behind a login). */
  headers?: Record<string, string>;
};
export type LoadResult = {
  latencies: number[];
  elapsedMs: number;
  failures: number;
  firstFailure?: string;
};

/** Runs the load in a worker thread and resolves with its latencies. */
export function runHttpLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The worker loads this TypeScript file through tsx, like the bench itself.
    const worker = new Worker(new URL(import.meta.url), {
      workerData: request,
      execArgv: ["--import", "tsx"],
    });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

async function load({ origin, paths, clients, headers }: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < paths.length; index = next++) {
        const sent = performance.now();
        try {
          const response = await fetch(origin + paths[index], { headers, redirect: "manual" });
          const body = await response.text();
          if (!response.ok) throw new Error(`HTTP ${response.status} : ${body.slice(0, 200)}`);
          latencies.push(performance.now() - sent);
        } catch (error) {
          failures++;
          firstFailure ??=
            error instanceof Error
              ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}`
              : String(error);
        }
      }
    }),
  );
  return {
    latencies,
    elapsedMs: performance.now() - started,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

if (!isMainThread && parentPort) {
  parentPort.postMessage(await load(workerData as LoadRequest));
}
