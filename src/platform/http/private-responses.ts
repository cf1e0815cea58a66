import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context.ts";

/**
 * Paths whose answers may show a person's data to whoever holds the link or
 * the session: the professional space, the appointment management pages
 * (reached by a token), the booking API, the resident's own space, the
 * booking confirmation, and the rights questionnaire (it carries the
 * household's answers: incomes, health, family).
 */
const PERSONAL_PATHS = [
  /^\/pro(?:\/|$)/,
  /^\/rendez-vous\/gerer\//,
  /^\/rendez-vous\/reserver/,
  /^\/mes-droits(?:\/|$)/,
  /^\/api\/v1\/bookings/,
  /^\/mon-espace(?:\/|$)/,
];

export function isPersonalPath(path: string): boolean {
  return PERSONAL_PATHS.some((pattern) => pattern.test(path));
}

/**
 * `Cache-Control: no-store` on every answer that may hold personal data —
 * any page seen by a signed-in person, and the personal paths above — unless
 * the route set its own: no shared cache, proxy or back-button copy keeps it.
 */
export const privateResponses = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.headers.has("Cache-Control")) return;
  if (c.var.actor?.kind === "user" || isPersonalPath(c.req.path)) {
    c.res.headers.set("Cache-Control", "no-store");
  }
});
