import type { Context } from "hono";
import type { Config } from "../../config.ts";
import type { DatabaseKind, Db } from "../../db/database.ts";
import { type Actor, ANONYMOUS, type AnonymousActor, type UserActor } from "../access/actor.ts";
import type { ProEntry } from "../access/pro-entries.ts";
import type { OidcClient } from "../auth/oidc.ts";
import type { Logger } from "../log/logger.ts";
import type { PageContext } from "../ui/page-context.ts";
import { requireUser } from "./require-user.ts";

/** What the app is built from: no module reaches for a global. */
export type AppDeps = {
  db: Db;
  databaseKind: DatabaseKind;
  config: Config;
  logger: Logger;
  territoryName: string;
  now: () => Date;
  /** ProConnect's client; by default built from the configuration (tests give their own). */
  proConnect?: OidcClient | undefined;
  /** FranceConnect's client (« Mon espace »); by default built from the configuration. */
  franceConnect?: OidcClient | undefined;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    db: Db;
    actor: Actor;
    /** The request's instant, read once from the injected clock when the request arrives. */
    now: Date;
    requestId: string;
    csrfToken: string;
    sessionToken: string | undefined;
    logger: Logger;
    /** The professional space's pages, each with the rule that guards it (the home page's tiles). */
    proEntries: readonly ProEntry[];
  };
};

export type AppContext = Context<AppEnv>;

/**
 * What a service takes first, the same in every module: the database, who
 * asks, the instant of the request (read once from the injected clock) and
 * the request's id for the audit trail (`null` in a background job or a
 * script). A handler builds it with `requestContext(c)` or `userContext(c)`;
 * a job with `jobContext(db, now)`. A service that needs less declares less
 * (`Pick<ServiceContext, "db" | "now">`); a service never takes `db`,
 * `actor` and `now` as separate arguments. Data files (`*-store.ts`) take
 * `db` or a transaction first, pure files take values.
 */
export type ServiceContext<A extends Actor = Actor> = {
  db: Db;
  actor: A;
  now: Date;
  requestId: string | null;
};

/** A service context whose actor is a signed-in professional. */
export type UserContext = ServiceContext<UserActor>;

/** The request's context, as a handler hands it to a service. */
export type RequestContext = ServiceContext;

export function requestContext(c: AppContext): ServiceContext {
  return { db: c.var.db, actor: c.var.actor, now: c.var.now, requestId: c.var.requestId };
}

/**
 * The request's context for a signed-in professional: `Unauthenticated`
 * otherwise (the login page for a page, 401 for the API and form posts).
 */
export function userContext(c: AppContext): UserContext {
  return { ...requestContext(c), actor: requireUser(c) };
}

/** The context of a background job or a script: no request, the system acts. */
export function jobContext(db: Db, now: Date): ServiceContext<AnonymousActor> {
  return { db, actor: ANONYMOUS, now, requestId: null };
}

export function pageContext(c: AppContext): PageContext {
  return {
    territoryName: c.var.deps.territoryName,
    actor: c.var.actor,
    csrfToken: c.var.csrfToken,
    currentPath: c.req.path,
  };
}

/**
 * The client address for rate limits: the address the nearest trusted proxy
 * saw. X-Forwarded-For is read from the right — each proxy appends the
 * address it received the request from — and an entry is believed only while
 * the hop to its right is a proxy we trust: a proxy on this host (loopback),
 * an in-process request (no socket: tests, benches) and, with
 * RELAIS_TRUST_PROXY=on, the peer itself and the proxies of a private network
 * (10/8, 172.16/12, 192.168/16, fc00::/7). The left-most entries are whatever
 * the client wrote: never believed on their own.
 */
export function clientAddress(c: AppContext): string {
  const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming?.socket?.remoteAddress;
  const trustProxy = c.var.deps?.config.trustProxy === true;
  const hops = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const trusted = (address: string) =>
    isLoopback(address) || (trustProxy && isPrivateNetwork(address));
  let address = peer;
  let believed = peer === undefined || isLoopback(peer) || trustProxy;
  while (believed && hops.length > 0) {
    address = hops.pop();
    believed = address !== undefined && trusted(address);
  }
  return address || "inconnue";
}

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function isPrivateNetwork(address: string): boolean {
  const v4 = address.replace(/^::ffff:/, "");
  const [a = -1, b = -1] = v4.split(".").map(Number);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) {
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return /^f[cd][0-9a-f]{2}:/i.test(address);
}
