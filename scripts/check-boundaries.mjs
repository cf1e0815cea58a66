#!/usr/bin/env node
// The import boundaries of docs/architecture.md, checked on every
// `npm run lint`. Biome's noRestrictedImports matches the text of an import
// ("../records/service.ts"), not the file it resolves to, so it would need one
// override per module and per folder depth, and every new module would have
// to add its own; this script resolves each relative import and applies the
// three rules to every module at once:
//   1. a module imports another module only through its `service.ts` or its
//      `policy.ts` (the policies are composed by `src/pro-entries.ts`);
//   2. `src/platform/` imports no module;
//   3. `src/db/` imports from modules only the table types (`import type`
//      from a module's `tables.ts`).
// Test files (`*.test.ts`, `*.test.tsx`) may reach anything: a test sets up
// the data it needs.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const src = join(root, "src");
const PUBLIC_FILES = new Set(["service.ts", "policy.ts"]);

function* sourceFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

// Static imports and re-exports (possibly over several lines), side-effect
// imports and dynamic imports.
const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file) {
  const text = readFileSync(file, "utf8");
  const found = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4];
    if (!specifier.startsWith(".")) continue;
    const typeOnly = match[2] !== undefined;
    const line = text.slice(0, match.index + match[0].length).split("\n").length;
    found.push({ target: resolve(dirname(file), specifier), typeOnly, line, specifier });
  }
  return found;
}

/** ["modules", "records", "routes.tsx"] for src/modules/records/routes.tsx. */
const partsOf = (path) => relative(src, path).split(sep);

function violation(file, imported) {
  const from = partsOf(file);
  const to = partsOf(imported.target);
  if (to[0] !== "modules") return undefined;
  if (from[0] === "modules" && from[1] !== to[1]) {
    if (to.length === 3 && PUBLIC_FILES.has(to[2])) return undefined;
    return `module "${from[1]}" reaches into module "${to[1]}": import it through modules/${to[1]}/service.ts (or policy.ts)`;
  }
  if (from[0] === "platform") {
    return `platform/ imports no module: move the shared code to platform/, or compose it in src/ (as src/pro-entries.ts does)`;
  }
  if (from[0] === "db") {
    if (imported.typeOnly && to.length === 3 && to[2] === "tables.ts") return undefined;
    return `db/ imports from a module only its table types ("import type" from modules/<name>/tables.ts)`;
  }
  return undefined;
}

const problems = [];
for (const folder of ["modules", "platform", "db"]) {
  for (const file of sourceFiles(join(src, folder))) {
    for (const imported of importsOf(file)) {
      const message = violation(file, imported);
      if (message)
        problems.push(
          `${relative(root, file)}:${imported.line} imports "${imported.specifier}": ${message}`,
        );
    }
  }
}

if (problems.length > 0) {
  console.error(`Import boundaries (docs/architecture.md): ${problems.length} violation(s)`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log("Import boundaries: respected (docs/architecture.md).");
