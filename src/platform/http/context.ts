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

/** The client address for rate limits: the socket's, or the proxy's header when trusted. */
export function clientAddress(c: AppContext): string {
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return forwarded || incoming?.socket?.remoteAddress || "inconnue";
}
