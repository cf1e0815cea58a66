// The OpenAPI document says what the server does: for each request schema it
// publishes, a value is valid by the document exactly when the zod schema
// that validates the request accepts it (checked with ajv on many values).

import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import "./app.tsx";
import { BookingBody, SlotsQuery } from "./modules/appointments/api-schemas.ts";
import { ApiSearchQuery, StructureListQuery } from "./modules/directory/api.ts";
import { OpenFiscaSituationSchema } from "./modules/rights/service.ts";
import { IndicatorPath } from "./modules/steering/open-data-api.ts";
import { openApiDocument } from "./platform/http/openapi.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type Parameter = { name: string; in: string; required?: boolean; schema: object };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: object }> };
};

const document = openApiDocument("http://localhost:3000") as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
};

function operation(path: string, method: string): Operation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`${method.toUpperCase()} ${path} absent du document`);
  return found;
}

/** The query (or path) parameters of an operation as one object schema (values are strings, coerced as OpenAPI does). */
function querySchema(path: string, method: string, where: "query" | "path" = "query") {
  const parameters = (operation(path, method).parameters ?? []).filter((p) => p.in === where);
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

function bodySchema(path: string, method: string) {
  const schema = operation(path, method).requestBody?.content["application/json"]?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} sans corps JSON documenté`);
  // A schema of the components, by reference: the one it names.
  const ref = (schema as { $ref?: string }).$ref?.replace("#/components/schemas/", "");
  return ref === undefined ? schema : (document.components.schemas[ref] ?? schema);
}

const UUID = "0b6f2a6e-3c1d-4f8a-9b2e-5d7c1a2b3c4d";
/** Values chosen to sit on both sides of the schemas' rules. */
const QUERY_VALUES = [
  "",
  "abc",
  "0",
  "1",
  "20",
  "100",
  "101",
  "1001",
  "2.5",
  "-91",
  "48.89",
  "-200",
  "gratuit",
  "payant",
  "true",
  "telephone",
  "92050",
  "9205",
  "a".repeat(201),
  UUID,
  "not-a-uuid",
  "2026-12-07T09:00:00+01:00",
  "2026-12-07T09:00:00Z",
  "2026-13-07T09:00:00Z",
  "2026-12-07",
];
const JSON_VALUES = [
  null,
  true,
  false,
  0,
  12,
  "",
  "Camille Martin",
  UUID,
  "pas-un-uuid",
  "2026-12-07T09:00:00+01:00",
  "2026-12-07 09:00",
  "06 12 34 56 78",
  "camille@exemple.fr",
  [],
  {},
  // OpenFisca entities: by id, each a map of variables.
  { parent: {} },
  { parent: { salaire_net: { "2024-07": 1118.92 } }, enfant: { date_naissance: {} } },
  { parent: 3 },
  { parent: [] },
];
/** Indicator codes on both sides of the path's rule. */
const CODES = [
  "C07",
  "RELAIS_RDV02",
  "c07",
  "7C",
  "",
  "C-07",
  `C${"0".repeat(30)}`,
  `C${"0".repeat(31)}`,
];

/**
 * Objects whose fields are absent, or drawn from `values`; half the time a
 * field takes a value its own schema accepts, so that whole valid objects are
 * frequent and each rule is crossed one field at a time.
 */
function objectsFor(schema: z.ZodObject, values: readonly unknown[]) {
  const fields = Object.entries(schema.shape).map(([key, field]) => {
    const accepted = values.filter((value) => (field as z.ZodType).safeParse(value).success);
    const any = fc.constantFrom(...values);
    const value = accepted.length > 0 ? fc.oneof(fc.constantFrom(...accepted), any) : any;
    return [key, fc.option(value, { nil: undefined, freq: 3 })] as const;
  });
  return fc
    .record(Object.fromEntries(fields))
    .map((record) =>
      Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)),
    );
}

function expectAgreement(
  documented: object,
  schema: z.ZodObject,
  values: readonly unknown[],
  kind: "query" | "body",
) {
  const ajv = addFormats(new Ajv2020({ strict: false, coerceTypes: kind === "query" }));
  const validate = ajv.compile(documented);
  // The server reads an empty query parameter as absent (queryValues).
  const sent =
    kind === "query" ? objectsFor(schema, values).map(withoutEmpty) : objectsFor(schema, values);
  fc.assert(
    fc.property(sent, (value) => {
      // ajv's coercion rewrites the object it checks: give it a copy.
      const byDocument = validate(structuredClone(value));
      const byServer = schema.safeParse(value).success;
      expect({ value, byDocument }).toEqual({ value, byDocument: byServer });
    }),
    { numRuns: 1000 },
  );
}

function withoutEmpty(value: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== ""));
}

describe("the OpenAPI document agrees with the schemas that validate the requests", () => {
  it("GET /api/v1/slots: the same query strings are accepted", () => {
    expectAgreement(querySchema("/api/v1/slots", "get"), SlotsQuery, QUERY_VALUES, "query");
  });

  it("POST /api/v1/bookings: the same bodies are accepted", () => {
    expectAgreement(bodySchema("/api/v1/bookings", "post"), BookingBody, JSON_VALUES, "body");
  });

  it("GET /api/v1/services: the same query strings are accepted", () => {
    expectAgreement(querySchema("/api/v1/services", "get"), ApiSearchQuery, QUERY_VALUES, "query");
  });

  it("GET /api/v1/structures: the same query strings are accepted", () => {
    expectAgreement(
      querySchema("/api/v1/structures", "get"),
      StructureListQuery,
      QUERY_VALUES,
      "query",
    );
  });

  it("POST /api/v1/simulations: the same OpenFisca situations are accepted", () => {
    const documented = bodySchema("/api/v1/simulations", "post");
    expectAgreement(documented, OpenFiscaSituationSchema, JSON_VALUES, "body");
    // An entity OpenFisca has but this engine does not read is refused by both.
    const ajv = addFormats(new Ajv2020({ strict: false }));
    const extra = { individus: {}, autres: {} };
    expect(ajv.compile(documented)(extra)).toBe(false);
    expect(OpenFiscaSituationSchema.safeParse(extra).success).toBe(false);
  });

  it("GET /api/v1/indicateurs/{code}/valeurs: the same codes are accepted", () => {
    expectAgreement(
      querySchema("/api/v1/indicateurs/{code}/valeurs", "get", "path"),
      IndicatorPath,
      [...CODES, ...QUERY_VALUES],
      "query",
    );
  });

  it("documents every field the server reads, and no other", () => {
    const names = (path: string) =>
      (operation(path, "get").parameters ?? []).map((p) => p.name).sort();
    expect(names("/api/v1/slots")).toEqual(Object.keys(SlotsQuery.shape).sort());
    expect(names("/api/v1/services")).toEqual(Object.keys(ApiSearchQuery.shape).sort());
    const body = bodySchema("/api/v1/bookings", "post") as { properties: object };
    expect(Object.keys(body.properties).sort()).toEqual(Object.keys(BookingBody.shape).sort());
    const situation = bodySchema("/api/v1/simulations", "post") as { properties: object };
    expect(Object.keys(situation.properties).sort()).toEqual(
      Object.keys(OpenFiscaSituationSchema.shape).sort(),
    );
    const codePath = operation("/api/v1/indicateurs/{code}/valeurs", "get").parameters ?? [];
    expect(codePath.map((p) => [p.name, p.in, p.required])).toEqual([["code", "path", true]]);
  });
});
