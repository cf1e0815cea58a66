import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { testConfig } from "../../test/app.ts";
import { type AppEnv, clientAddress } from "./context.ts";

/** A one-route app that answers the address rate limits would count. */
function appTrusting(trustProxy: "on" | "off") {
  const app = new Hono<AppEnv>();
  const config = testConfig({ RELAIS_TRUST_PROXY: trustProxy });
  app.use(async (c, next) => {
    c.set("deps", { config } as AppEnv["Variables"]["deps"]);
    await next();
  });
  app.get("/", (c) => c.text(clientAddress(c)));
  return app;
}

const fromPeer = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
// The client wrote 6.6.6.6 itself; the proxy appended the address it saw, 198.51.100.7.
const forwarded = { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.7" } };

describe("clientAddress", () => {
  it("ignores X-Forwarded-For from a remote peer: a client cannot pick its address", async () => {
    const response = await appTrusting("off").request("/", forwarded, fromPeer("203.0.113.5"));
    expect(await response.text()).toBe("203.0.113.5");
  });

  it("believes it from a reverse proxy on this host, and from any peer with RELAIS_TRUST_PROXY=on", async () => {
    for (const proxy of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      const response = await appTrusting("off").request("/", forwarded, fromPeer(proxy));
      expect(await response.text()).toBe("198.51.100.7");
    }
    const trusted = await appTrusting("on").request("/", forwarded, fromPeer("10.0.0.1"));
    expect(await trusted.text()).toBe("198.51.100.7");
  });

  it("falls back to the peer without the header", async () => {
    const response = await appTrusting("off").request("/", {}, fromPeer("203.0.113.5"));
    expect(await response.text()).toBe("203.0.113.5");
  });

  it("takes the right-most address a trusted proxy added, not the one the client wrote", async () => {
    // Client → load balancer (10.0.0.2, private) → Relais's proxy: RELAIS_TRUST_PROXY=on.
    const chain = { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" } };
    const trusted = await appTrusting("on").request("/", chain, fromPeer("10.0.0.1"));
    expect(await trusted.text()).toBe("198.51.100.7");
    // Without trust, a private hop is not believed: its own address counts.
    const local = await appTrusting("off").request("/", chain, fromPeer("127.0.0.1"));
    expect(await local.text()).toBe("10.0.0.2");
    // A client that sends its own header through a local proxy cannot change its address.
    for (const spoof of ["1.1.1.1", "1.1.1.1, 2.2.2.2", "127.0.0.1"]) {
      const response = await appTrusting("off").request(
        "/",
        { headers: { "x-forwarded-for": `${spoof}, 198.51.100.7` } },
        fromPeer("127.0.0.1"),
      );
      expect(await response.text()).toBe("198.51.100.7");
    }
  });
});
