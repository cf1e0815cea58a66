// The resident's session: its own cookie, read only under /mon-espace (the
// cookie's path), never the professional's. Set by a middleware of app.tsx.
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { Unauthenticated } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { resolveResidentSession } from "./sign-in.ts";

export const RESIDENT_COOKIE = "relais_espace";
export const CHALLENGE_COOKIE = "relais_espace_code";
export const SPACE_PATH = "/mon-espace";

function secure(c: AppContext): boolean {
  return c.var.deps.config.publicUrl.startsWith("https:");
}

export function setResidentCookie(c: AppContext, token: string, expires: Date): void {
  setCookie(c, RESIDENT_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: SPACE_PATH,
    expires,
  });
}

export function clearResidentCookie(c: AppContext): void {
  deleteCookie(c, RESIDENT_COOKIE, { path: SPACE_PATH });
}

export function setChallengeCookie(c: AppContext, token: string): void {
  setCookie(c, CHALLENGE_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: SPACE_PATH,
    maxAge: 15 * 60,
  });
}

export function clearChallengeCookie(c: AppContext): void {
  deleteCookie(c, CHALLENGE_COOKIE, { path: SPACE_PATH });
}

/** Under /mon-espace: the resident of the session cookie becomes the request's actor. */
export const residentSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, RESIDENT_COOKIE);
  if (token) {
    const resident = await resolveResidentSession(c.var.db, token, c.var.deps.now());
    if (resident) {
      c.set("actor", resident);
      c.set("sessionToken", token);
    } else {
      clearResidentCookie(c);
    }
  }
  await next();
});

/** The signed-in resident, or Unauthenticated (a page: to the code sign-in). */
export function requireResident(c: AppContext): ResidentActor {
  const actor = c.var.actor;
  if (actor.kind !== "resident") throw new Unauthenticated();
  return actor;
}

/**
 * Before holdsPersonalData on the space's pages: a visitor without a session
 * is sent to the sign-in (GET) or refused (401) before any handler runs.
 */
export const residentOnly = createMiddleware<AppEnv>(async (c, next) => {
  requireResident(c);
  await next();
});
