import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { shortReads } from "./db/database.ts";
import { pendingMigrations } from "./db/migrate.ts";
import { administrationRoutes } from "./modules/administration/routes.tsx";
import { appointmentRoutes } from "./modules/appointments/routes.tsx";
import { IMPORT_PATH, importBodyLimit } from "./modules/directory/admin-routes.tsx";
import { directoryRoutes } from "./modules/directory/routes.tsx";
import {
  ESPACE_UPLOAD_PATH,
  espaceRoutes,
  PRO_DEPOSIT_PATH,
  residentSession,
} from "./modules/espace/service.ts";
import { DOCUMENT_UPLOAD_PATH } from "./modules/records/record-routes.tsx";
import { recordsRoutes } from "./modules/records/routes.tsx";
import { NON_TAKE_UP_PATH } from "./modules/rights/non-take-up-routes.tsx";
import { rightsRoutes } from "./modules/rights/routes.tsx";
import {
  IMPORT_PATH as INDICATOR_IMPORT_PATH,
  indicatorImportBodyLimit,
} from "./modules/steering/import-page.tsx";
import { steeringRoutes } from "./modules/steering/routes.tsx";
import { ANONYMOUS } from "./platform/access/actor.ts";
import { auditRoutes } from "./platform/audit/routes.tsx";
import { accountRoutes } from "./platform/auth/account-routes.tsx";
import { authRoutes, SESSION_COOKIE } from "./platform/auth/routes.tsx";
import { resolveSession } from "./platform/auth/sessions.ts";
import type { AppDeps, AppEnv } from "./platform/http/context.ts";
import { csrfProtection } from "./platform/http/csrf.ts";
import { handleError, notFoundPage } from "./platform/http/errors.tsx";
import { inputGuard } from "./platform/http/input-guard.ts";
import { openApiDocument } from "./platform/http/openapi.ts";
import { privateResponses } from "./platform/http/private-responses.ts";
import { requireUser } from "./platform/http/require-user.ts";
import { mailRoutes } from "./platform/mail/routes.tsx";
import { pageRoutes } from "./platform/pages/routes.tsx";
import { PRO_ENTRIES } from "./pro-entries.ts";

/** Largest request body accepted, except on routes that declare their own (imports). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const STATIC_ROOT = join(import.meta.dirname, "platform", "ui", "static");

/** Every module's routes, in the order they are matched. */
const MODULE_ROUTES = [
  authRoutes,
  accountRoutes,
  administrationRoutes,
  mailRoutes,
  auditRoutes,
  appointmentRoutes,
  directoryRoutes,
  recordsRoutes,
  rightsRoutes,
  steeringRoutes,
  espaceRoutes,
];

/** Routes with a larger body limit of their own: the import's (below), the streamed upload's (its handler). */
const OWN_BODY_LIMIT = new Set([
  IMPORT_PATH,
  NON_TAKE_UP_PATH,
  ESPACE_UPLOAD_PATH,
  PRO_DEPOSIT_PATH,
]);

/** Routes whose handler reads its multipart body as a stream (never buffered whole), with its own limit. */
const STREAMED_PATHS: ReadonlySet<string> = new Set([
  NON_TAKE_UP_PATH,
  ESPACE_UPLOAD_PATH,
  PRO_DEPOSIT_PATH,
]);
const STREAMED_FORMS = {
  has: (path: string) => STREAMED_PATHS.has(path) || DOCUMENT_UPLOAD_PATH.test(path),
};

/** Where only signed-in staff go: the professional space, administration, steering's imports. */
const STAFF_SPACES = ["/pro", "/admin", "/pilotage"];

const requireSignedIn = createMiddleware<AppEnv>(async (c, next) => {
  requireUser(c);
  await next();
});

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const publicOrigin = new URL(deps.config.publicUrl).origin;

  app.use(requestId({ generator: () => crypto.randomUUID() }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("db", deps.db);
    c.set("actor", ANONYMOUS);
    c.set("now", deps.now());
    c.set("logger", deps.logger);
    c.set("proEntries", PRO_ENTRIES);
    const started = performance.now();
    await next();
    // Path only: a query string may hold what a person typed.
    deps.logger.info("request", {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.var.actor.kind === "user" ? c.var.actor.userId : undefined,
    });
  });
  app.use(privateResponses);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // The logout form ends a ProConnect session too: its redirect goes to the provider.
        formAction: [
          "'self'",
          ...(deps.config.proConnect ? [new URL(deps.config.proConnect.issuer).origin] : []),
          // And the resident's logout ends a FranceConnect session.
          ...(deps.config.franceConnect ? [new URL(deps.config.franceConnect.issuer).origin] : []),
        ],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "same-origin",
      strictTransportSecurity: deps.config.publicUrl.startsWith("https:")
        ? "max-age=63072000; includeSubDomains"
        : false,
    }),
  );

  app.get("/api/v1/openapi.json", (c) => c.json(openApiDocument(deps.config.publicUrl)));
  // Liveness: the process answers. No database, so that a busy pool never
  // makes a supervisor restart a healthy server.
  app.get("/healthz", (c) => c.json({ status: "ok", database: deps.databaseKind }));
  // Readiness: the database answers (on the short-reads connection, not behind
  // the pool) and every migration of this version is applied.
  app.get("/readyz", async (c) => {
    try {
      const pending = await pendingMigrations(shortReads(deps.db));
      if (pending.length > 0) {
        return c.json({ status: "migrations pending", database: deps.databaseKind, pending }, 503);
      }
      return c.json({ status: "ok", database: deps.databaseKind });
    } catch {
      return c.json({ status: "database unreachable", database: deps.databaseKind }, 503);
    }
  });
  app.use(
    "/static/*",
    serveStatic({
      root: STATIC_ROOT,
      rewriteRequestPath: (path) => path.replace(/^\/static/, ""),
      onFound: (_path, c) => {
        c.header("Cache-Control", "public, max-age=3600");
      },
    }),
  );
  app.get("/theme.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(`:root { --accent: ${deps.config.accentColor}; }\n`);
  });

  const defaultLimit = bodyLimit({
    maxSize: DEFAULT_BODY_LIMIT,
    onError: () => {
      throw new HTTPException(413);
    },
  });
  app.use((c, next) => {
    // Before anything reads the body: the input boundary and the CSRF check parse forms.
    if (c.req.path === IMPORT_PATH) return importBodyLimit(c, next);
    if (c.req.path === INDICATOR_IMPORT_PATH) return indicatorImportBodyLimit(c, next);
    if (OWN_BODY_LIMIT.has(c.req.path) || STREAMED_FORMS.has(c.req.path)) return next();
    return defaultLimit(c, next);
  });
  app.use(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set("sessionToken", token);
    if (token) {
      const actor = await resolveSession(
        deps.db,
        token,
        {
          idleMinutes: deps.config.sessionIdleMinutes,
          absoluteHours: deps.config.sessionAbsoluteHours,
        },
        c.var.now,
      );
      if (actor) c.set("actor", actor);
      else deleteCookie(c, SESSION_COOKIE, { path: "/" });
    }
    await next();
  });
  // The staff's spaces answer an anonymous visitor one way on every route,
  // before any handler runs (and before the CSRF check): the login page (GET)
  // or 401. src/anonymous-access.test.ts walks every registered route.
  for (const space of STAFF_SPACES) {
    app.use(space, requireSignedIn);
    app.use(`${space}/*`, requireSignedIn);
  }
  // « Mon espace »: the resident's own session (its own cookie), never a professional's.
  app.use("/mon-espace", residentSession);
  app.use("/mon-espace/*", residentSession);
  app.use(inputGuard(STREAMED_FORMS));
  app.use(
    csrfProtection(
      deps.config.secret,
      publicOrigin,
      deps.config.publicUrl.startsWith("https:"),
      STREAMED_FORMS,
    ),
  );

  for (const routes of MODULE_ROUTES) app.route("/", routes);
  app.route("/", pageRoutes);

  app.notFound(notFoundPage);
  app.onError(handleError);
  return app;
}
