// Each route declares the body it accepts, in its own middleware chain:
//
//   routes.post(PATH, acceptsBody({ maxBytes: 20 * MB }), handler)
//
// The declaration is a middleware carrying a marker. Hono matches every
// handler of a request before running the first one, so the app's body
// boundary (a global middleware, before the input guard and the CSRF check,
// which both read the body) finds the declaration of the matched route with
// `matchedRoutes(c)` and applies its limit there. A route that declares
// nothing accepts the default, 1 MB.
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { matchedRoutes } from "hono/route";

export const MB = 1024 * 1024;

/** The largest body a route accepts when it declares none. */
export const DEFAULT_BODY_LIMIT = MB;

export type BodyDeclaration = {
  /** The largest body accepted, in bytes (the form around a file included). */
  maxBytes: number;
  /**
   * The handler reads its multipart body as a stream (`readStreamedUpload`),
   * counting the bytes as they arrive against its own limit: the body is
   * never buffered ahead of it, and the form's CSRF token is read by the
   * handler (`assertCsrfToken`) from the fields before the file.
   */
  streamed?: boolean;
  /** What to throw when the body is over the limit; a 413 (French page or JSON) by default. */
  tooLarge?: () => Error;
};

const DECLARATION = Symbol("relais.acceptsBody");

type Declared = { declaration: BodyDeclaration; apply: MiddlewareHandler };
type Declaring = MiddlewareHandler & { [DECLARATION]: Declared };

/** Requests whose body limit has been applied already (by the boundary or the route). */
const limited = new WeakSet<object>();

/** The limit, applied once per request; a streamed body is left to its handler. */
function limiter(declaration: BodyDeclaration): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: declaration.maxBytes,
    onError: () => {
      throw declaration.tooLarge?.() ?? new HTTPException(413);
    },
  });
  return (c, next) => {
    if (declaration.streamed || limited.has(c.req)) return next();
    limited.add(c.req);
    return limit(c, next);
  };
}

/**
 * The body this route accepts. In the route's chain, before its handler.
 * The app's body boundary applies it before anything reads the body; the
 * route applies it itself (once) when it is mounted without the boundary.
 */
export function acceptsBody(declaration: BodyDeclaration): MiddlewareHandler {
  const apply = limiter(declaration);
  const middleware: MiddlewareHandler = (c, next) => apply(c, next);
  return Object.assign(middleware, { [DECLARATION]: { declaration, apply } }) satisfies Declaring;
}

const isDeclaring = (handler: unknown): handler is Declaring =>
  typeof handler === "function" && DECLARATION in handler;

function declaredFor(c: Context): Declared | undefined {
  for (const route of matchedRoutes(c)) {
    if (isDeclaring(route.handler)) return route.handler[DECLARATION];
  }
  return undefined;
}

/** The declaration of the route this request matched, or undefined (the default applies). */
export const declaredBody = (c: Context): BodyDeclaration | undefined =>
  declaredFor(c)?.declaration;

/** Whether the matched route reads its body as a stream (nothing may read it ahead). */
export const readsStreamedBody = (c: Context): boolean => declaredBody(c)?.streamed === true;

/**
 * The app's body boundary, before any middleware reads the body: the matched
 * route's declared limit, or the default; a streamed route's body is left to
 * its handler.
 */
export function bodyBoundary(): MiddlewareHandler {
  const byDefault = limiter({ maxBytes: DEFAULT_BODY_LIMIT });
  // A GET or a HEAD has no body to limit: no walk of the matched routes on
  // the hottest path (the cached directory API).
  return (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD"
      ? next()
      : (declaredFor(c)?.apply ?? byDefault)(c, next);
}
