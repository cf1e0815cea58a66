import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { hmac, randomToken, safeEqual } from "../auth/tokens.ts";
import { readsStreamedBody } from "./body-limit.ts";
import type { AppEnv } from "./context.ts";

export const CSRF_COOKIE = "relais_csrf";
export const CSRF_FIELD = "_csrf";

export class CsrfError extends Error {
  override name = "CsrfError";
  constructor() {
    super(
      "Ce formulaire a expiré ou ne vient pas de ce site. Rechargez la page, puis envoyez-le à nouveau.",
    );
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Signed double-submit token (OWASP): a random HttpOnly cookie, and in every
 * form a token that is its HMAC, with the session's token, under the server
 * secret. A cross-site page can
 * neither read the cookie nor forge the token. The Origin header, when sent,
 * must be ours. The JSON API under /api/ uses no cookie and is exempt: it
 * neither sets nor checks one (a public API answer carries no cookie).
 * A route that declares a streamed body (`acceptsBody({ streamed: true })`,
 * a file too large to buffer) reads its multipart body itself: the
 * middleware checks the Origin but leaves
 * the form's token to the handler, which must call `assertCsrfToken` before
 * storing anything; a response below 400 without that call fails loudly.
 */
export function csrfProtection(secret: string, publicOrigin: string, secureCookies: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    let seed = getCookie(c, CSRF_COOKIE);
    if (!seed || seed.length < 32) {
      seed = randomToken();
      setCookie(c, CSRF_COOKIE, seed, {
        httpOnly: true,
        sameSite: "Lax",
        secure: secureCookies,
        path: "/",
      });
    }
    // Bound to the session too: a token taken from another person's session
    // (or from before signing in) is refused. Anonymous visitors bind to none.
    const signedIn = c.var.actor?.kind === "user" || c.var.actor?.kind === "resident";
    const session = signedIn ? (c.var.sessionToken ?? "") : "";
    const expected = hmac(secret, `${seed}:${session}`);
    c.set("csrfToken", expected);

    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      const ownOrigin = new URL(c.req.url).origin;
      if (origin && origin !== publicOrigin && origin !== ownOrigin) throw new CsrfError();
      const contentType = c.req.raw.headers.get("content-type");
      const header = c.req.header("x-csrf-token");
      if (header === undefined && isMultipart(contentType) && readsStreamedBody(c)) {
        await next();
        if (c.res.status < 400 && !checkedInHandler.has(c.req.raw)) throw new CsrfError();
        return;
      }
      const sent = header ?? (await formToken(contentType, c));
      if (!sent || !safeEqual(sent, expected)) throw new CsrfError();
    }
    await next();
  });
}

const isMultipart = (contentType: string | null) =>
  contentType !== null && /^multipart\/form-data/i.test(contentType);

const checkedInHandler = new WeakSet<Request>();

/** For a streamed form: the token read from the body must be the expected one; throws CsrfError. */
export function assertCsrfToken(
  c: { req: { raw: Request }; var: { csrfToken: string } },
  sent: string | undefined,
): void {
  if (!sent || !safeEqual(sent, c.var.csrfToken)) throw new CsrfError();
  checkedInHandler.add(c.req.raw);
}

async function formToken(
  contentType: string | null,
  c: { req: { parseBody(): Promise<Record<string, unknown>> } },
) {
  if (!contentType) return undefined;
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(contentType))
    return undefined;
  try {
    const body = await c.req.parseBody();
    const value = body[CSRF_FIELD];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
