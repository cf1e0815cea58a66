import { describe, expect, it } from "vitest";
import { openApiDocument, registerPath } from "./openapi.ts";

describe("openApiDocument", () => {
  it("is an OpenAPI 3.1 document whose operations all describe their responses", () => {
    registerPath("/api/v1/exemple", "get", {
      summary: "Exemple",
      responses: { "200": { description: "ok" } },
    });
    const document = openApiDocument("http://localhost:3000");
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      expect(operation.summary).toBeTruthy();
    }
  });
});
