import { type Handler, Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ANONYMOUS } from "../access/actor.ts";
import { authorize, defineRule } from "../access/policy.ts";
import { Invalid } from "../errors.ts";
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
  app.onError((error, c) =>
    error instanceof Invalid ? c.text("invalide", 400) : c.text(error.name, 500),
  );
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

  it("judges only answers that show something: a refusal before authorize is not a breach", async () => {
    const refused = await appWith(() => {
      throw new Invalid({ id: "Identifiant invalide" });
    }).request("/dossier");
    expect(refused.status).toBe(400);
    const notFound = await appWith((c) => c.text("introuvable", 404)).request("/dossier");
    expect(notFound.status).toBe(404);
    const redirected = await appWith((c) => c.redirect("/ailleurs")).request("/dossier");
    expect(redirected.status).toBe(500);
  });
});
