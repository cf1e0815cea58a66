import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectDelimiter } from "../../platform/csv/csv.ts";
import { jobContext } from "../../platform/http/context.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { exportDirectory, importDirectory, readDirectoryFile } from "./import-export.ts";
import { countDirectory } from "./service.ts";

const NOW = new Date("2026-11-16T09:30:00Z");
let database: TestDatabase;

const structure = {
  source: "dora",
  id: "s1",
  nom: "Épicerie solidaire des Pâquerettes",
  date_maj: "2026-03-01",
  code_insee: "92050",
  latitude: 48.89,
  longitude: 2.2,
};
const service = {
  source: "dora",
  structure_id: "s1",
  id: "v1",
  nom: "Épicerie solidaire",
  description: "Produits à petit prix, sur orientation.",
  date_maj: "2026-03-01",
  thematiques: ["equipement-et-alimentation--alimentation"],
  horaires_accueil: "Mo-Fr 09:00-12:00",
};
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("importDirectory", () => {
  it("writes nothing when one record is invalid, and names it in French", async () => {
    const file = JSON.stringify({
      structures: [structure],
      services: [
        service,
        { ...service, id: "v2", thematiques: ["manger"], horaires_accueil: "lundi matin" },
      ],
    });
    const report = await importDirectory(jobContext(database.db, NOW), bytes(file), {
      skipInvalid: false,
    });
    expect(report.written).toBe(false);
    expect(report.problems[0]?.where).toBe("services[1] (id v2)");
    expect(report.problems[0]?.messages.join(" ")).toContain(
      "thematiques : valeur inconnue « manger »",
    );
    expect(report.problems[0]?.messages.join(" ")).toContain("n'est pas au format OpenStreetMap");
    expect(await countDirectory(database.db)).toEqual({ structures: 0, services: 0 });
  });

  it("with skipInvalid, writes the valid records; re-importing updates instead of duplicating", async () => {
    const file = JSON.stringify({
      structures: [structure],
      services: [service, { ...service, id: "v2", nom: "x" }],
    });
    const first = await importDirectory(jobContext(database.db, NOW), bytes(file), {
      skipInvalid: true,
    });
    expect(first.written).toBe(true);
    await importDirectory(jobContext(database.db, NOW), bytes(file), { skipInvalid: true });
    expect(await countDirectory(database.db)).toEqual({ structures: 1, services: 1 });
  });

  it("exports then re-imports to the same directory, in JSON and in CSV", async () => {
    const json = await exportDirectory(database.db, "json");
    const csv = await exportDirectory(database.db, "csv");
    expect(readDirectoryFile(bytes(csv), NOW).report.problems).toEqual([]);
    const fromCsv = readDirectoryFile(bytes(csv), NOW).records;
    const fromJson = readDirectoryFile(bytes(json), NOW).records;
    expect(fromCsv).toEqual(fromJson);
    await importDirectory(jobContext(database.db, NOW), bytes(csv), { skipInvalid: false });
    expect(await exportDirectory(database.db, "json")).toBe(json);
  });

  it("reads a semicolon CSV saved in Latin-1 by a spreadsheet", () => {
    const text =
      "enregistrement;source;id;nom;date_maj\r\nstructure;cd92;s9;Café social Émile;2026-01-02\r\n";
    const latin1 = Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
    const { records, report } = readDirectoryFile(latin1, NOW);
    expect(report.encoding).toBe("windows-1252");
    expect(records.structures[0]?.nom).toBe("Café social Émile");
    expect(detectDelimiter("a;b;c")).toBe(";");
  });

  it("refuses a file over 20 MB before reading it, and a CSV with unknown columns", () => {
    const big = readDirectoryFile(new Uint8Array(21 * 1024 * 1024), NOW);
    expect(big.report.problems[0]?.messages[0]).toContain("la limite est de 20 Mo");
    const wrong = readDirectoryFile(bytes("a|b|c\n1|2|3\n"), NOW);
    expect(wrong.report.problems[0]?.messages[0]).toContain("Vérifiez le séparateur");
  });
});
