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
