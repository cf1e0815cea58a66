// Latency figures shared by the benches: percentiles of a closed loop's
// answers, rounded to the hundredth of a millisecond.

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, index)] ?? 0);
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export const emptyRun = { latencies: [], elapsedMs: 1, failures: 0 };

export function summarise({
  latencies,
  elapsedMs,
  failures,
  firstFailure,
}: Awaited<ReturnType<typeof closedLoop>>) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    requests: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: round(sorted.at(-1) ?? 0),
    throughputPerSecond: Math.round((sorted.length / elapsedMs) * 1000),
  };
}

/**
 * `total` calls shared by `clients` loops, each waiting for its answer before
 * the next call. A failed call is counted (and its first message kept), never
 * thrown: the loops always finish, so nothing is left running at teardown.
 */
export async function closedLoop(
  clients: number,
  total: number,
  call: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number; failures: number; firstFailure?: string }> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < total; index = next++) {
        const sent = performance.now();
        try {
          await call(index);
          latencies.push(performance.now() - sent);
        } catch (error) {
          failures++;
          firstFailure ??= error instanceof Error ? error.message : String(error);
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
