import { createMiddleware } from "hono/factory";
import { Invalid, NotFound } from "../errors.ts";
import { readsStreamedBody } from "./body-limit.ts";
import type { AppEnv } from "./context.ts";

/**
 * What no field of any form, query or JSON body may hold: the NUL byte and the
 * other C0/C1 control characters (a tab, a line feed and a carriage return are
 * text), and U+FFFD, which is what a browser's decoder leaves of bytes that
 * were not UTF-8. PostgreSQL refuses NUL in text and jsonb (an error 500
 * before), and the others would be stored as « ������ ».
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

export const UNSAFE_TEXT_MESSAGE =
  "Ce texte contient un caractère invisible ou illisible. Retapez-le sans copier-coller, puis envoyez-le à nouveau.";
export const UNREADABLE_BODY_MESSAGE =
  "Ce qui a été envoyé est illisible. Rechargez la page et réessayez.";

const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json/i;

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_CHARACTERS.test(text);
}

/** The first field name (dotted path) holding unsafe characters in a parsed JSON value. */
function unsafeJsonField(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return hasUnsafeCharacters(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unsafeJsonField(item, `${path}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (hasUnsafeCharacters(key)) return path || "corps";
      const found = unsafeJsonField(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The input boundary, once for every route: a path, query or body holding
 * control characters is refused (400, or 404 for a path: no such page), and
 * a body that cannot be read as what it says it is answers 400 in French
 * instead of reaching a handler. Forms and JSON are parsed here once; Hono
 * keeps the parsed body for the handler. A route that declares a streamed
 * body (`acceptsBody({ streamed: true })`) reads it itself: not buffered here.
 */
export function inputGuard() {
  return createMiddleware<AppEnv>(async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      throw new NotFound();
    }
    if (hasUnsafeCharacters(path)) throw new NotFound();
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (hasUnsafeCharacters(name) || values.some(hasUnsafeCharacters)) {
        throw new Invalid({ [name]: UNSAFE_TEXT_MESSAGE }, UNSAFE_TEXT_MESSAGE);
      }
    }
    if (c.req.method === "GET" || c.req.method === "HEAD" || readsStreamedBody(c)) {
      return next();
    }
    const contentType = c.req.header("content-type") ?? "";
    if (FORM.test(contentType)) {
      let body: Record<string, unknown>;
      try {
        body = await c.req.parseBody({ all: true });
      } catch {
        throw new Invalid({}, UNREADABLE_BODY_MESSAGE);
      }
      for (const [name, value] of Object.entries(body)) {
        const texts = (Array.isArray(value) ? value : [value]).filter(
          (v): v is string => typeof v === "string",
        );
        if (hasUnsafeCharacters(name) || texts.some(hasUnsafeCharacters)) {
          throw new Invalid({ [name]: UNSAFE_TEXT_MESSAGE }, UNSAFE_TEXT_MESSAGE);
        }
      }
    } else if (JSON_TYPE.test(contentType)) {
      // Read from a copy: a route may still wrap the body in its own size
      // limit, and answers (and counts, for its rate limit) what is not JSON.
      let body: unknown;
      try {
        body = JSON.parse(await c.req.raw.clone().text());
      } catch {
        return next();
      }
      const field = unsafeJsonField(body, "");
      if (field !== undefined) {
        throw new Invalid({ [field || "corps"]: UNSAFE_TEXT_MESSAGE }, UNSAFE_TEXT_MESSAGE);
      }
    }
    return next();
  });
}

/**
 * PostgreSQL's data exceptions (class 22) raised by a value the boundary let
 * through: an id that is not a UUID is a page that does not exist (404);
 * a date out of range, a number too large or a byte sequence PostgreSQL
 * refuses is bad input (400). Never a 500: the request asked for nothing
 * that exists. The route that let it through is logged, to be validated.
 */
export function describeDataException(
  error: unknown,
): { kind: "not_found" | "invalid"; code: string } | undefined {
  if (!error || typeof error !== "object" || !("code" in error)) return undefined;
  const code = String((error as { code: unknown }).code);
  if (!/^22[0-9A-Z]{3}$/.test(code)) return undefined;
  const message = error instanceof Error ? error.message : "";
  if (code === "22P02" && /uuid/i.test(message)) return { kind: "not_found", code };
  return { kind: "invalid", code };
}
