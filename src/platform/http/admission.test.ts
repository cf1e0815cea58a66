import { describe, expect, it } from "vitest";
import { admitInTurns } from "./admission.ts";

const request = (path: string) => new Request(`http://localhost:3000${path}`);

describe("admitInTurns", () => {
  it("starts requests first come, first served, a few per turn of the event loop", async () => {
    const started: string[] = [];
    const fetch = admitInTurns((r: Request) => {
      started.push(new URL(r.url).pathname);
      return new Response("ok");
    }, 3);
    const answers = Array.from({ length: 7 }, (_, i) => fetch(request(`/r${i}`)));
    // Something else the event loop has to do, queued after the burst arrived.
    const between = new Promise<number>((resolve) => setImmediate(() => resolve(started.length)));
    expect(started).toEqual([]);
    expect(await between).toBe(3);
    await Promise.all(answers);
    expect(started).toEqual(["/r0", "/r1", "/r2", "/r3", "/r4", "/r5", "/r6"]);
  });

  it("answers the health checks at once, without queueing them behind a burst", async () => {
    const started: string[] = [];
    const fetch = admitInTurns((r: Request) => {
      started.push(new URL(r.url).pathname);
      return new Response("ok");
    }, 2);
    const burst = Array.from({ length: 10 }, (_, i) => fetch(request(`/api/v1/bookings?i=${i}`)));
    await fetch(request("/healthz?x=1"));
    await fetch(request("/readyz"));
    expect(started).toEqual(["/healthz", "/readyz"]);
    await Promise.all(burst);
    expect(started).toHaveLength(12);
  });

  it("passes a handler's failure to its own request only", async () => {
    const fetch = admitInTurns((r: Request) => {
      if (r.url.endsWith("/boom")) throw new Error("boom");
      return new Response("ok");
    });
    const [bad, good] = await Promise.allSettled([fetch(request("/boom")), fetch(request("/"))]);
    expect(bad).toMatchObject({ status: "rejected", reason: { message: "boom" } });
    expect(good.status).toBe("fulfilled");
  });
});
