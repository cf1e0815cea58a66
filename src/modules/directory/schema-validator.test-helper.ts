import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { SERVICE_JSON_SCHEMA, STRUCTURE_JSON_SCHEMA } from "./data-inclusion-schema.ts";

// ajv-formats is CommonJS: its default export is the plugin itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A JSON-schema validator (ajv, draft 2020-12, formats) for data·inclusion records. */
export function dataInclusionValidator() {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  const structure = ajv.compile(STRUCTURE_JSON_SCHEMA);
  const service = ajv.compile(SERVICE_JSON_SCHEMA);
  /** The records that fail, each with ajv's errors. */
  return function invalidRecords(
    kind: "structure" | "service",
    records: unknown[],
  ): { index: number; errors: string[] }[] {
    const validate = kind === "structure" ? structure : service;
    return records.flatMap((record, index) =>
      validate(record)
        ? []
        : [
            {
              index,
              errors: (validate.errors ?? []).map(
                (error) => `${error.instancePath} ${error.message ?? ""}`,
              ),
            },
          ],
    );
  };
}
