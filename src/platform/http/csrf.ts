import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { hmac, randomToken, safeEqual } from "../auth/tokens.ts";
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
 * form a token that is its HMAC under the server secret. A cross-site page can
 * neither read the cookie nor forge the token. The Origin header, when sent,
 * must be ours. The JSON API under /api/ uses no cookie and is exempt.
 */
export function csrfProtection(secret: string, publicOrigin: string, secureCookies: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
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
    const expected = hmac(secret, seed);
    c.set("csrfToken", expected);

    if (UNSAFE.has(c.req.method) && !c.req.path.startsWith("/api/")) {
      const origin = c.req.header("origin");
      const ownOrigin = new URL(c.req.url).origin;
      if (origin && origin !== publicOrigin && origin !== ownOrigin) throw new CsrfError();
      const sent =
        c.req.header("x-csrf-token") ?? (await formToken(c.req.raw.headers.get("content-type"), c));
      if (!sent || !safeEqual(sent, expected)) throw new CsrfError();
    }
    await next();
  });
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
