import { CsvSyntaxError, parseCsv } from "../../platform/csv/csv.ts";
import type { IndicatorValueInput } from "./indicator-store.ts";

/**
 * The indicator values file a pilote imports (documented on the import
 * page): UTF-8 (or Latin-1, as a spreadsheet saves it), semicolons, a
 * header line with these columns in any order:
 *
 *   indicateur;territoire;code_territoire;date;valeur;objectif;personnes;commentaire
 *
 * - territoire: « departement » or « commune »; code_territoire: the code
 *   of the département, or the INSEE code of one of its communes;
 * - date: AAAA-MM-JJ, AAAA-MM (the first of the month) or AAAA (1 January);
 * - valeur, objectif: numbers, with a decimal comma or point (objectif and
 *   personnes may be empty); personnes: how many persons the value is
 *   computed from, for statistical secrecy.
 *
 * Pure: the known codes and communes are given. Every bad line is reported;
 * the caller imports nothing when there is one.
 */
export const CSV_COLUMNS = [
  "indicateur",
  "territoire",
  "code_territoire",
  "date",
  "valeur",
  "objectif",
  "personnes",
  "commentaire",
] as const;

const REQUIRED = ["indicateur", "territoire", "code_territoire", "date", "valeur"] as const;

export type ParsedValues = {
  values: (IndicatorValueInput & { code: string; line: number })[];
  errors: { line: number; message: string }[];
};

function parseNumber(text: string): number | undefined {
  const normalised = text.replace(/\s/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return undefined;
  return Number(normalised);
}

function parseDate(text: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return undefined;
  const [, year, month = "01", day = "01"] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day))
    return undefined;
  return `${year}-${month}-${day}`;
}

export function parseIndicatorCsv(
  text: string,
  known: { codes: ReadonlySet<string>; departementCode: string; communeCodes: ReadonlySet<string> },
): ParsedValues {
  let rows: { line: number; cells: string[] }[];
  try {
    rows = parseCsv(text, ";")
      .rows.map(({ line, cells }) => ({ line, cells: cells.map((cell) => cell.trim()) }))
      .filter(({ cells }) => cells.some((cell) => cell !== ""));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { values: [], errors: [{ line: error.line, message: error.problem }] };
  }
  const [headerRow, ...body] = rows;
  const header = (headerRow?.line === 1 ? headerRow.cells : []).map((cell) => cell.toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return {
      values: [],
      errors: [
        { line: 1, message: `Colonnes manquantes dans la première ligne : ${missing.join(", ")}.` },
      ],
    };
  }
  const at = (cells: string[], column: (typeof CSV_COLUMNS)[number]) => {
    const index = header.indexOf(column);
    return index < 0 ? "" : (cells[index] ?? "");
  };
  const result: ParsedValues = { values: [], errors: [] };
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const problems: string[] = [];
    const code = at(cells, "indicateur").toUpperCase();
    if (!known.codes.has(code)) problems.push(`indicateur inconnu « ${code} »`);
    const kind = at(cells, "territoire").toLowerCase();
    const territoryCode = at(cells, "code_territoire");
    if (kind === "departement") {
      if (territoryCode !== known.departementCode)
        problems.push(
          `le département doit être ${known.departementCode}, pas « ${territoryCode} »`,
        );
    } else if (kind === "commune") {
      if (!known.communeCodes.has(territoryCode))
        problems.push(`« ${territoryCode} » n'est pas le code INSEE d'une commune du département`);
    } else problems.push("territoire doit être « departement » ou « commune »");
    const period = parseDate(at(cells, "date"));
    if (!period) problems.push("date invalide (attendu AAAA-MM-JJ, AAAA-MM ou AAAA)");
    const value = parseNumber(at(cells, "valeur"));
    if (value === undefined) problems.push("valeur : un nombre est attendu");
    const targetText = at(cells, "objectif");
    const target = targetText === "" ? null : parseNumber(targetText);
    if (target === undefined) problems.push("objectif : un nombre est attendu");
    const personsText = at(cells, "personnes");
    const persons = personsText === "" ? null : parseNumber(personsText);
    if (persons === undefined || (persons !== null && (!Number.isInteger(persons) || persons < 0)))
      problems.push("personnes : un nombre entier positif est attendu");
    const key = `${code}|${kind}|${territoryCode}|${period}`;
    const earlier = seen.get(key);
    if (period && earlier !== undefined)
      problems.push(`même indicateur, territoire et date qu'à la ligne ${earlier}`);
    seen.set(key, earlier ?? line);
    if (problems.length > 0) {
      result.errors.push({ line, message: `${problems.join(" ; ")}.` });
      continue;
    }
    result.values.push({
      line,
      code,
      territoryKind: kind as "departement" | "commune",
      territoryCode,
      period: period as string,
      value: value as number,
      target: target as number | null,
      persons: persons as number | null,
      comment: at(cells, "commentaire"),
    });
  }
  return result;
}
