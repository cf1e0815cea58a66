import { z } from "zod";
import { Invalid, NotFound, Refused } from "../errors.ts";
import type { AppContext } from "./context.ts";
import { frenchIssue } from "./french-errors.ts";

z.config(z.locales.fr());
z.config({ customError: frenchIssue });

/**
 * The one way to read input: `parseForm`, `parseQuery`, `parseJson` validate
 * with a zod schema and give back the typed data, or throw `Invalid` with one
 * French message per field. A page catches it (with what a service throws)
 * through `formErrors` and shows the form again with the messages and
 * `formValues`; the API lets it through to the error handler, which answers
 * `{ error: { code: "invalid", message, fields } }` with 400.
 */
export async function parseForm<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
  message?: string,
): Promise<z.infer<Schema>> {
  return parseValue(schema, await formFields(c), message);
}

/** Reads and validates a JSON body; a body that is not JSON is refused in French. */
export async function parseJson<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
  message?: string,
): Promise<z.infer<Schema>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new Invalid({}, "Le corps de la requête doit être un objet JSON.");
  }
  return parseValue(schema, json, message);
}

/** Reads and validates the query string; a refusal names each bad parameter in French. */
export function parseQuery<Schema extends z.ZodType>(
  c: AppContext,
  schema: Schema,
  message?: string,
): z.infer<Schema> {
  return parseValue(schema, queryValues(c), message);
}

/**
 * Validates a value a handler assembled from the form (lists, several fields
 * into one); the data, or `Invalid` whose message is `message`, else the
 * first field's.
 */
export function parseValue<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  message?: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  throw new Invalid(errors, message ?? Object.values(errors)[0] ?? "Demande invalide.");
}

/** The submitted form, every field (repeated ones as arrays); Hono keeps it for later reads. */
export async function formFields(c: AppContext): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new Invalid({}, "Le formulaire envoyé est illisible. Rechargez la page et réessayez.");
  }
}

/** What the person typed in the form (text fields), to fill it again after a refusal. */
export async function formValues(c: AppContext): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(await formFields(c))) {
    if (key === "_csrf") continue;
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

/**
 * The field messages of an expected refusal, for a page to show its form
 * again: an `Invalid`'s messages (its message under `fallbackField` when it
 * names no field), a `Refused`'s message under its field. `undefined` for
 * anything else, which the caller rethrows to the error handler.
 */
export function formErrors(
  error: unknown,
  fallbackField = "formulaire",
): Record<string, string> | undefined {
  if (error instanceof Invalid) {
    return Object.keys(error.fieldErrors).length > 0
      ? error.fieldErrors
      : { [fallbackField]: error.message };
  }
  if (error instanceof Refused) return { [error.field ?? fallbackField]: error.message };
  return undefined;
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

/**
 * What a page needs to show its form again after an expected refusal (bad
 * input or a service's `Invalid`/`Refused`): the field messages and what was
 * typed. Anything else is rethrown, for the error handler.
 */
export async function formRefusal(
  c: AppContext,
  error: unknown,
  fallbackField?: string,
): Promise<{ errors: Record<string, string>; values: Record<string, string> }> {
  const errors = formErrors(error, fallbackField);
  if (!errors) throw error;
  return { errors, values: await formValues(c) };
}

/** A path parameter that must have a form (a number, a uuid): anything else is a page that does not exist. */
export function parseParam<Schema extends z.ZodType>(
  c: AppContext,
  name: string,
  schema: Schema,
): z.infer<Schema> {
  const parsed = schema.safeParse(c.req.param(name));
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

/**
 * The status of a page that shows its form again after an expected refusal:
 * a `Refused`'s own (409 for a slot already taken), 400 for bad input.
 */
export function refusalStatus(error: unknown): 400 | 409 | 422 {
  return error instanceof Refused ? error.status : 400;
}
