import { createMiddleware } from "hono/factory";
import { authorizationChecks } from "../access/policy.ts";
import type { AppEnv } from "./context.ts";

export class MissingAuthorizationError extends Error {
  override name = "MissingAuthorizationError";
}

/**
 * Put on every route that holds personal data: a request that succeeds
 * without having called `authorize` fails loudly (500, logged) instead of
 * leaking quietly. This is what makes a forgotten check visible in tests.
 * A refusal (4xx: bad input, unknown id, login needed) shows nothing and is
 * not a breach: only answers below 400 are judged.
 */
export const holdsPersonalData = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status < 400 && authorizationChecks(c.var.actor).length === 0) {
    throw new MissingAuthorizationError(
      `${c.req.method} ${c.req.path} a répondu sans appeler authorize()`,
    );
  }
});
