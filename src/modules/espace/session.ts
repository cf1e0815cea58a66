// The resident's session: its own cookie, read only under /mon-espace (the
// cookie's path), never the professional's. Set by a middleware of app.tsx.
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { Unauthenticated } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  requestContext,
  type ServiceContext,
  userContext,
} from "../../platform/http/context.ts";
import { resolveResidentSession } from "./space-sign-in.ts";

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

/** A signed-in resident's request, as the space's use cases take it. */
export type ResidentContext = ServiceContext<ResidentActor>;

/**
 * What the space's use cases take first: the request's context (a resident,
 * or a professional on a person's space) and the server's keys.
 */
export type SpaceContext<A extends ResidentActor | UserActor = ResidentActor> =
  ServiceContext<A> & {
    /** The server secret: code hashes, appointment links. */
    secret: string;
    /** AES-256-GCM key of the documents (RELAIS_DOCUMENTS_KEY). */
    documentsKey: Buffer;
    publicUrl: string;
  };

/** What the appointments module's link functions take, from the space's context. */
export function appointmentContext(ctx: SpaceContext) {
  return {
    db: ctx.db,
    actor: ctx.actor,
    now: ctx.now,
    requestId: ctx.requestId,
    links: { secret: ctx.secret, publicUrl: ctx.publicUrl },
  };
}

function spaceKeys(c: AppContext) {
  const { config } = c.var.deps;
  return { secret: config.secret, documentsKey: config.documentsKey, publicUrl: config.publicUrl };
}

/** The request's context for the signed-in resident: Unauthenticated otherwise. */
export function residentContext(c: AppContext): SpaceContext {
  return { ...requestContext(c), actor: requireResident(c), ...spaceKeys(c) };
}

/** The request's context for a signed-in professional on a person's space. */
export function proSpaceContext(c: AppContext): SpaceContext<UserActor> {
  return { ...userContext(c), ...spaceKeys(c) };
}

/** What the sign-in steps take: no one is signed in yet. */
export type VisitorContext = Omit<SpaceContext, "actor">;

/** The request's context before anyone is signed in (the sign-in pages). */
export function visitorContext(c: AppContext): VisitorContext {
  const { actor: _actor, ...rest } = requestContext(c);
  return { ...rest, ...spaceKeys(c) };
}

/**
 * Before holdsPersonalData on the space's pages: a visitor without a session
 * is sent to the sign-in (GET) or refused (401) before any handler runs.
 */
export const residentOnly = createMiddleware<AppEnv>(async (c, next) => {
  requireResident(c);
  await next();
});
