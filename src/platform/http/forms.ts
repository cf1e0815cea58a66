import { z } from "zod";
import { Invalid } from "../errors.ts";
import type { AppContext } from "./context.ts";
import { frenchIssue } from "./french-errors.ts";

z.config(z.locales.fr());
z.config({ customError: frenchIssue });

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * Reads a submitted form and validates it. On failure the caller re-renders the
 * form with `errors` (one French message per field) and the `values` typed so far,
 * so that nothing the person wrote is lost.
 */
export async function readForm<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
): Promise<FormResult<z.infer<Schema>>> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new Invalid({}, "Le formulaire envoyé est illisible. Rechargez la page et réessayez.");
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "_csrf") continue;
    if (typeof value === "string") values[key] = value;
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, errors: fieldErrors(parsed.error), values };
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "formulaire";
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * The query string without its empty parameters: `?lat=&q=` is what a form
 * or a hurried client sends for "not given", and an empty string must not
 * become 0 (a position in the Gulf of Guinea) through a coercion.
 */
export function queryValues(c: AppContext): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ""));
}

/** Reads and validates the query string; a refusal names each bad parameter in French. */
export function parseQuery<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
  message = "Paramètres invalides.",
): z.infer<Schema> {
  const parsed = schema.safeParse(queryValues(c));
  if (!parsed.success) throw new Invalid(fieldErrors(parsed.error), message);
  return parsed.data;
}
