import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Thesaurus } from "./search-query.ts";

/** The curated thesaurus of words people type (data/directory/thesaurus.json), read once. */
export const THESAURUS: Thesaurus = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "..", "..", "..", "data", "directory", "thesaurus.json"),
    "utf8",
  ),
);
