import { type Handler, Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ANONYMOUS } from "../access/actor.ts";
import { authorize, defineRule } from "../access/policy.ts";
import type { AppEnv } from "./context.ts";
import { holdsPersonalData } from "./personal-data.ts";

const anyone = defineRule("test.anyone", () => true);

function appWith(handler: Handler<AppEnv>) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("actor", { ...ANONYMOUS });
    await next();
  });
  app.get("/dossier", holdsPersonalData, handler);
  app.onError((error, c) => c.text(error.name, 500));
  return app;
}

describe("holdsPersonalData", () => {
  it("fails a request on personal data that never called authorize", async () => {
    const response = await appWith((c) => c.text("données")).request("/dossier");
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("MissingAuthorizationError");
  });

  it("lets through a request that called authorize, even when it was refused", async () => {
    const response = await appWith((c) => {
      try {
        authorize(c.var.actor, anyone, undefined);
      } catch {
        return c.text("refusé", 401);
      }
      return c.text("données");
    }).request("/dossier");
    expect(response.status).toBe(401);
  });
});
