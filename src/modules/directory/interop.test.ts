import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { exportDirectory, importDirectory, readDirectoryFile } from "./import-export.ts";
import { generateDataInclusionFile } from "./interop-fixtures.ts";
import { countDirectory } from "./service.ts";
import { dataInclusionValidator } from "./test-fixtures.ts";

const NOW = new Date("2026-11-16T09:30:00Z");
const TODAY = parisDate(NOW);
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
const invalidRecords = dataInclusionValidator();

/** Absent and null are the same value in data·inclusion (the schema's default is null). */
const withNulls = (record: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(fields.map((field) => [field, record[field] ?? null]));

function differences(given: Record<string, unknown>[], back: Record<string, unknown>[]) {
  const byKey = new Map(back.map((record) => [`${record.source}\u0000${record.id}`, record]));
  const found: string[] = [];
  for (const record of given) {
    const other = byKey.get(`${record.source}\u0000${record.id}`);
    if (!other) {
      found.push(`${record.id}: missing`);
      continue;
    }
    const fields = Object.keys(record);
    const a = withNulls(record, fields);
    const b = withNulls(other, fields);
    for (const field of fields)
      if (JSON.stringify(a[field]) !== JSON.stringify(b[field]))
        found.push(
          `${record.id}.${field}: ${JSON.stringify(a[field])} → ${JSON.stringify(b[field])}`,
        );
  }
  return found;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("a data·inclusion 1.0.8 file Relais did not write", () => {
  const file = generateDataInclusionFile({ structures: 300, services: 600 }, TODAY);

  it("is valid against the schema, record by record (the fixture itself)", () => {
    expect(invalidRecords("structure", file.structures)).toEqual([]);
    expect(invalidRecords("service", file.services)).toEqual([]);
  });

  it("imports whole, and the JSON export gives back every record exactly, each schema-valid", async () => {
    const report = await importDirectory(jobContext(database.db, NOW), bytes(file), {
      skipInvalid: false,
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ written: true, structures: 300, services: 600 });
    expect(await countDirectory(database.db)).toEqual({ structures: 300, services: 600 });

    const exported = JSON.parse(await exportDirectory(database.db, "json"));
    expect(differences(file.structures, exported.structures)).toEqual([]);
    expect(differences(file.services, exported.services)).toEqual([]);
    expect(invalidRecords("structure", exported.structures)).toEqual([]);
    expect(invalidRecords("service", exported.services)).toEqual([]);
  });

  it("the CSV export reads back as the same records, each schema-valid", async () => {
    const csv = await exportDirectory(database.db, "csv");
    const { records, report } = readDirectoryFile(bytes(csv), NOW);
    expect(report.problems).toEqual([]);
    expect(invalidRecords("structure", records.structures)).toEqual([]);
    expect(invalidRecords("service", records.services)).toEqual([]);
    // A CSV has no null: only texts given as "" could differ, and the file has none.
    expect(differences(file.structures, records.structures)).toEqual([]);
    expect(differences(file.services, records.services)).toEqual([]);
  });

  it("re-importing the same file is idempotent: the same export", async () => {
    const before = await exportDirectory(database.db, "json");
    const report = await importDirectory(jobContext(database.db, NOW), bytes(file), {
      skipInvalid: false,
    });
    expect(report.keptNewer).toBe(0);
    expect(await exportDirectory(database.db, "json")).toBe(before);
  });
});

describe("validation by the schema's own rules", () => {
  const structure = {
    source: "cd92",
    id: "st-rules",
    nom: "Espace départemental d'action sociale",
    date_maj: "2026-05-04",
  };
  const service = {
    source: "cd92",
    structure_id: "st-rules",
    id: "sv-ok",
    nom: "Accueil social",
    description: "Premier accueil social inconditionnel.",
    date_maj: "2026-05-04",
  };
  const problemsOf = (
    services: Record<string, unknown>[],
    structures: Record<string, unknown>[] = [structure],
  ) => readDirectoryFile(bytes({ structures, services }), NOW).report.problems;

  it("accepts what the schema allows: school holidays, a long telephone, texts over 2,000 characters", () => {
    const long = "Sur présentation d'un justificatif de domicile. ".repeat(60);
    expect(long.length).toBeGreaterThan(2000);
    expect(
      problemsOf([
        {
          ...service,
          horaires_accueil: "Mo-Fr 09:00-12:00; SH off; PH off",
          telephone: "01 41 12 34 56 (accueil social, du lundi au vendredi)",
          frais_precisions: long,
          publics_precisions: long,
          conditions_acces: long,
          mobilisation_precisions: long,
        },
      ]),
    ).toEqual([]);
  });

  it("refuses what the schema refuses, each record named with a French message", () => {
    const problems = problemsOf(
      [
        { ...service, id: "a", publics: [] },
        { ...service, id: "b", modes_mobilisation: [] },
        { ...service, id: "c", mobilisable_par: [] },
        { ...service, id: "d", zone_eligibilite: [] },
        { ...service, id: "e", date_maj: "2026-11-17" },
        { ...service, id: "f", nombre_semaines: 2.5 },
        { ...service, id: "g", thematiques: ["sante--addictions", "sante--addictions"] },
        { ...service, id: "h", frais: "" },
      ],
      [{ ...structure, id: "st-short", description: "Ici" }, structure],
    );
    expect(problems.map((problem) => [problem.where, problem.messages.join(" ; ")])).toEqual([
      ["structures[0] (id st-short)", "description : entre 5 et 10 000 caractères (ici 3)"],
      [
        "services[0] (id a)",
        "publics : la liste ne peut pas être vide (mettre null si on ne sait pas)",
      ],
      [
        "services[1] (id b)",
        "modes_mobilisation : la liste ne peut pas être vide (mettre null si on ne sait pas)",
      ],
      [
        "services[2] (id c)",
        "mobilisable_par : la liste ne peut pas être vide (mettre null si on ne sait pas)",
      ],
      [
        "services[3] (id d)",
        "zone_eligibilite : la liste ne peut pas être vide (mettre null si on ne sait pas)",
      ],
      ["services[4] (id e)", `date_maj : le 2026-11-17 est dans le futur (aujourd'hui : ${TODAY})`],
      ["services[5] (id f)", "nombre_semaines doit être un nombre entier (ici 2,5)"],
      ["services[6] (id g)", "thematiques : « sante--addictions » est écrit deux fois"],
      ["services[7] (id h)", "frais : valeur vide (mettre null si on ne sait pas)"],
    ]);
  });

  it("a date_maj is in the future by the injected clock, not the machine's", () => {
    const late = new Date("2031-01-01T12:00:00Z");
    const record = { ...service, date_maj: "2030-12-31" };
    expect(
      readDirectoryFile(bytes({ structures: [structure], services: [record] }), late).report
        .problems,
    ).toEqual([]);
    expect(problemsOf([record])).toHaveLength(1);
  });

  it("with --skip-invalid, a non-integer nombre_semaines skips that record only, no database error", async () => {
    const report = await importDirectory(
      jobContext(database.db, NOW),
      bytes({
        structures: [structure],
        services: [service, { ...service, id: "sv-bad", nombre_semaines: 2.5 }],
      }),
      { skipInvalid: true },
    );
    expect(report.written).toBe(true);
    expect(report.services).toBe(1);
    expect(report.problems.map((problem) => problem.where)).toEqual(["services[1] (id sv-bad)"]);
    const stored = await database.db
      .selectFrom("directory_service")
      .select("source_id")
      .where("source", "=", "cd92")
      .execute();
    expect(stored.map((row) => row.source_id)).toEqual(["sv-ok"]);
  });

  it("an older date_maj does not replace a newer record, and the report counts it", async () => {
    const newer = { ...service, id: "sv-dated", nom: "Nom de mai", date_maj: "2026-05-04" };
    await importDirectory(
      jobContext(database.db, NOW),
      bytes({ structures: [structure], services: [newer] }),
      {
        skipInvalid: false,
      },
    );
    const older = { ...newer, nom: "Nom de janvier", date_maj: "2026-01-10" };
    const olderStructure = { ...structure, nom: "Ancien nom", date_maj: "2025-12-01" };
    const report = await importDirectory(
      jobContext(database.db, NOW),
      bytes({ structures: [olderStructure], services: [older] }),
      { skipInvalid: false },
    );
    expect(report).toMatchObject({ written: true, keptNewer: 2 });
    const stored = await database.db
      .selectFrom("directory_service as s")
      .innerJoin("directory_structure as st", "st.id", "s.structure_id")
      .select(["s.nom", "st.nom as structure_nom"])
      .where("s.source_id", "=", "sv-dated")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ nom: "Nom de mai", structure_nom: structure.nom });
    const same = await importDirectory(
      jobContext(database.db, NOW),
      bytes({ structures: [structure], services: [{ ...newer, nom: "Nom corrigé" }] }),
      { skipInvalid: false },
    );
    expect(same.keptNewer).toBe(0);
  });

  it("reads the data·inclusion API's pages ({ items }), services with their structure", () => {
    const page = {
      items: [
        { ...service, id: "p1", structure: structure },
        { service: { ...service, id: "p2", structure: structure }, distance: 3 },
        { ...structure, id: "st-alone" },
      ],
      total: 3,
      page: 1,
      size: 50,
      pages: 1,
    };
    const { records, report } = readDirectoryFile(bytes(page), NOW);
    expect(report.problems).toEqual([]);
    expect(records.structures.map((record) => record.id)).toEqual(["st-rules", "st-alone"]);
    expect(records.services.map((record) => record.id)).toEqual(["p1", "p2"]);
  });

  it("the opening-hours library writes nothing on the console while a file is read", () => {
    const written: unknown[] = [];
    const original = { error: console.error, warn: console.warn, log: console.log };
    const stderr = process.stderr.write;
    console.error = console.warn = console.log = (...args: unknown[]) => written.push(args);
    process.stderr.write = ((chunk: unknown) => written.push(chunk) > 0) as typeof stderr;
    try {
      problemsOf([
        { ...service, id: "w1", horaires_accueil: "Mo-Fr 09:00-12:00; SH off; PH off" },
        { ...service, id: "w2", horaires_accueil: "Mo-Fr 9:00-12:00" },
        { ...service, id: "w3", horaires_accueil: "lundi matin" },
      ]);
    } finally {
      Object.assign(console, original);
      process.stderr.write = stderr;
    }
    expect(written).toEqual([]);
  });
});
