// A closed-loop HTTP load generator that runs in a worker thread, so that the
// clients do not share the server's event loop: `clients` loops share the
// paths, each waiting for its answer before sending the next request.
// A failed request is counted (its first message kept), never thrown.
// Requests go through node:http with one kept-alive connection per client,
// as a browser keeps its connection: on two cores shared with the server and
// the database, fetch() cost the clients about as much CPU as the server.

import { Agent, request as httpRequest } from "node:http";
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
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < paths.length; index = next++) {
        const sent = performance.now();
        try {
          const { status, body } = await get(agent, origin + paths[index], headers);
          if (status < 200 || status >= 300)
            throw new Error(`HTTP ${status} : ${body.slice(0, 200)}`);
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
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    latencies,
    elapsedMs,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

/** One GET, its whole body read: the status and the body as text. */
function get(
  agent: Agent,
  url: string,
  headers: Record<string, string> | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

if (!isMainThread && parentPort) {
  parentPort.postMessage(await load(workerData as LoadRequest));
}
