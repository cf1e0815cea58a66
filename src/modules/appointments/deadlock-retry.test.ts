import { describe, expect, it } from "vitest";
import { retryOnDeadlock } from "./deadlock-retry.ts";

const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
const overlap = Object.assign(new Error("conflicting key value"), { code: "23P01" });

/** A transaction that fails with the given errors, in order, then returns "booked". */
function failingWith(...errors: Error[]) {
  let runs = 0;
  const transaction = async () => {
    const error = errors[runs++];
    if (error) throw error;
    return "booked";
  };
  return { transaction, runs: () => runs };
}

describe("retryOnDeadlock", () => {
  it("runs the transaction again when PostgreSQL aborted it as a deadlock, and returns its result", async () => {
    const work = failingWith(deadlock);
    await expect(retryOnDeadlock(work.transaction)).resolves.toBe("booked");
    expect(work.runs()).toBe(2);
  });

  it("passes on the overlap violation of the retried run, so the caller answers 'slot taken'", async () => {
    const work = failingWith(deadlock, overlap);
    await expect(retryOnDeadlock(work.transaction)).rejects.toBe(overlap);
    expect(work.runs()).toBe(2);
  });

  it("never retries any other error", async () => {
    const work = failingWith(overlap);
    await expect(retryOnDeadlock(work.transaction)).rejects.toBe(overlap);
    expect(work.runs()).toBe(1);
  });

  it("gives up with the deadlock after three runs", async () => {
    const work = failingWith(deadlock, deadlock, deadlock, deadlock);
    await expect(retryOnDeadlock(work.transaction)).rejects.toBe(deadlock);
    expect(work.runs()).toBe(3);
  });
});
