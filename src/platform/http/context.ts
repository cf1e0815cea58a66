import type { Context } from "hono";
import type { Config } from "../../config.ts";
import type { DatabaseKind, Db } from "../../db/database.ts";
import type { Actor } from "../access/actor.ts";
import type { Logger } from "../log/logger.ts";
import type { PageContext } from "../ui/page-context.ts";

/** What the app is built from: no module reaches for a global. */
export type AppDeps = {
  db: Db;
  databaseKind: DatabaseKind;
  config: Config;
  logger: Logger;
  territoryName: string;
  now: () => Date;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    db: Db;
    actor: Actor;
    requestId: string;
    csrfToken: string;
    sessionToken: string | undefined;
    logger: Logger;
  };
};

export type AppContext = Context<AppEnv>;

export function pageContext(c: AppContext): PageContext {
  return {
    territoryName: c.var.deps.territoryName,
    actor: c.var.actor,
    csrfToken: c.var.csrfToken,
    currentPath: c.req.path,
  };
}

/**
 * The client address for rate limits. X-Forwarded-For is believed only from
 * a peer that may set it: a reverse proxy on this host (loopback), any peer
 * with RELAIS_TRUST_PROXY=on, or an in-process request (no socket: tests,
 * benches). Otherwise anyone could send a new address with every request.
 */
export function clientAddress(c: AppContext): string {
  const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming?.socket?.remoteAddress;
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  const believed = peer === undefined || isLoopback(peer) || c.var.deps?.config.trustProxy === true;
  return (believed && forwarded) || peer || "inconnue";
}

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
