import { describe, expect, it } from "vitest";
import { useSteeringDemo } from "./test-fixtures.ts";

const steering = useSteeringDemo();

describe("a commune's diagnostic", () => {
  it("puts the commune's latest figures beside the département's", async () => {
    const response = await steering.app.request("/territoire/92050");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Nanterre : les chiffres de la commune</h1>");
    expect(html).toContain("<caption>Nanterre et le département</caption>");
    // C07 exists for the département only; RELAIS_NR01 for the commune only, at its latest month.
    expect(html).toMatch(/C07 : Pauvreté monétaire.*?<td>—<\/td><td>12 % \(2019-01-01\)<\/td>/s);
    expect(html).toMatch(/RELAIS_NR01 : .*?<td>[^<]+ \(2026-11-01\)<\/td><td>—<\/td>/s);
  });

  it("keeps a commune's small figure secret", async () => {
    // The demo's first commune in alphabetical order has fewer than 11 households.
    const html = await (await steering.app.request("/territoire/92002")).text();
    expect(html).toContain("secret statistique (2026-11-01)");
  });

  it("answers 404 for a commune outside the département or a malformed code", async () => {
    expect((await steering.app.request("/territoire/75056")).status).toBe(404);
    expect((await steering.app.request("/territoire/abc")).status).toBe(404);
  });
});
