/**
 * The OpenAPI 3.1 document of /api/v1. Each module registers its paths and
 * schemas at import time (registerPath, registerSchema); the app serves the
 * assembled document at /api/v1/openapi.json.
 */

import { z } from "zod";

type JsonSchema = Record<string, unknown>;
export type OpenApiOperation = {
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: {
    name: string;
    in: "query" | "path" | "header";
    required?: boolean;
    description?: string;
    schema: JsonSchema;
  }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> }
  >;
};

const paths = new Map<string, Record<string, OpenApiOperation>>();
const schemas = new Map<string, JsonSchema>();

export function registerPath(
  path: string,
  method: "get" | "post" | "delete",
  operation: OpenApiOperation,
) {
  paths.set(path, { ...paths.get(path), [method]: operation });
}

export function registerSchema(name: string, schema: JsonSchema) {
  schemas.set(name, schema);
}

/**
 * What a zod schema accepts, as JSON Schema 2020-12 (the dialect of OpenAPI
 * 3.1): the document is generated from the schemas that validate requests,
 * so that it cannot say something the server does not do.
 */
export function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  return json;
}

/**
 * One query parameter per field of a zod object, as the object validates it;
 * a field's description comes from its `.meta({ description })`.
 */
export function queryParameters(schema: z.ZodObject): NonNullable<OpenApiOperation["parameters"]> {
  return parametersOf(schema, "query");
}

/** One path parameter (always required) per field of a zod object, as for the query. */
export function pathParameters(schema: z.ZodObject): NonNullable<OpenApiOperation["parameters"]> {
  return parametersOf(schema, "path");
}

function parametersOf(
  schema: z.ZodObject,
  where: "query" | "path",
): NonNullable<OpenApiOperation["parameters"]> {
  const json = inputSchema(schema) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, field]) => {
    const { description, ...fieldSchema } = field;
    return {
      name,
      in: where,
      ...(where === "path" || required.has(name) ? { required: true } : {}),
      ...(typeof description === "string" ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

/**
 * Every refusal of the API, from the one error handler (errors.tsx): a
 * stable `code` to branch on, a French `message` to show, `fields` when the
 * refusal names input fields (one French message per field).
 */
export const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          description:
            "Code stable, à lire par les programmes : not_found, forbidden, unauthenticated, invalid, conflict, gone, too_many_requests, too_large, internal, ou le code propre d'un refus (par exemple slot_taken).",
        },
        message: { type: "string", description: "Message en français, pour une personne." },
        requestId: { type: "string", description: "Référence de la requête, pour le support." },
        fields: {
          type: "object",
          description: "Un message en français par champ refusé.",
          additionalProperties: { type: "string" },
        },
      },
    },
  },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Relais — API publique",
      version: "1.0.0",
      description:
        "API de Relais, le service public numérique de la solidarité territoriale. Les réponses d'erreur ont la forme { error: { code, message, fields? } } : un code stable, un message en français et, pour une saisie refusée, un message par champ.",
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: serverUrl }],
    paths: Object.fromEntries([...paths].sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: { Error: ERROR_SCHEMA, ...Object.fromEntries(schemas) },
    },
  };
}
