import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { SIMULATION_EXAMPLE } from "./api.ts";
import { seedLocalAidsDemo } from "./demo-local-aids.ts";

let output: string[];
let errors: string[];
let dir: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  output = [];
  errors = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    errors.push(String(chunk));
    return true;
  });
  dir = mkdtempSync(join(tmpdir(), "relais-simulate-"));
  process.env = { ...savedEnv, RELAIS_DATA_DIR: dir, NODE_ENV: "development" };
  delete process.env.DATABASE_URL;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
});

describe("relais simulate FILE.json", () => {
  it("prints the filled situation: ppa 261.33 € for the lone parent of the API example", async () => {
    const file = join(dir, "situation.json");
    writeFileSync(file, JSON.stringify(SIMULATION_EXAMPLE));
    expect(await main(["simulate", file])).toBe(0);
    const result = JSON.parse(output.join("")) as {
      situation: { familles: { famille: { ppa: Record<string, number> } } };
    };
    expect(result.situation.familles.famille.ppa["2024-07"]).toBe(261.33);
  });

  it("exits 1 with a French message naming an unknown variable", async () => {
    const file = join(dir, "bad.json");
    const situation = structuredClone(SIMULATION_EXAMPLE) as {
      menages: { menage: Record<string, unknown> };
    };
    situation.menages.menage.loyer_mensuel = { "2024-07": 400 };
    writeFileSync(file, JSON.stringify(situation));
    expect(await main(["simulate", file])).toBe(1);
    expect(errors.join("")).toContain("loyer_mensuel");
    expect(output.join("")).toBe("");
  });

  it("exits 1 on a file that is not JSON or does not exist, and documents itself in --help", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, "{ individus: ");
    expect(await main(["simulate", file])).toBe(1);
    expect(errors.join("")).toContain("ce n'est pas un JSON valide");
    expect(await main(["simulate", join(dir, "absent.json")])).toBe(1);
    expect(errors.join("")).toContain("fichier introuvable");
    expect(await main(["simulate", "--help"])).toBe(0);
    expect(output.join("")).toContain("relais simulate --batch population.csv");
  });
});

describe("relais simulate --batch", () => {
  it("writes the findings and the summary, reports malformed rows with their line, never aborts, and draws no bar off a terminal", async () => {
    const population = join(dir, "population.csv");
    writeFileSync(
      population,
      [
        "id;depcom;logement;loyer;aide_logement;enfants_naissances;demandeur_naissance;demandeur_activite;demandeur_salaire_m3;demandeur_salaire_m2;demandeur_salaire_m1;demandeur_salaire_m;prestations_percues",
        "A-001;92050;locataire;650;300;2016-09-01|2019-02-15;1990-04-12;salarie;500;500;500;500;af",
        "A-002;92025;locataire;600;;;pas-une-date;;;;;;",
        "A-003;92025;proprietaire;;;;1950-03-02;retraite;;;;;",
        "",
      ].join("\n"),
    );
    const out = join(dir, "found.csv");
    expect(
      await main(["simulate", "--batch", population, "--month", "2025-06", "--out", out]),
    ).toBe(0);
    const found = readFileSync(out, "utf8").split("\n");
    expect(found[0]).toBe("ligne;id;depcom;prestation;libelle;montant_estime_euros;periodicite");
    // The single parent of rsa-ppa.test.ts: RSA 106.45 € and prime d'activité 301.17 €.
    expect(found).toContain("2;A-001;92050;rsa;Revenu de solidarité active (RSA);106.45;mensuelle");
    expect(found).toContain("2;A-001;92050;ppa;Prime d'activité;301.17;mensuelle");
    expect(found.some((l) => l.startsWith("3;"))).toBe(false);
    expect(errors.join("")).toMatch(/Ligne 3 ignorée/);
    expect(errors.join("")).not.toContain("[#");
    const summary = readFileSync(join(dir, "found-recapitulatif.csv"), "utf8");
    expect(summary).toContain("depcom;prestation;foyers;montant_total_euros;periodicite");
    expect(summary).toContain("92050;rsa;1;106.45;mensuelle");
    expect(output.join("")).toContain("1 ligne ignorée.");
  });

  it("draws a progress bar on stderr when it is a terminal", async () => {
    const population = join(dir, "p.csv");
    writeFileSync(population, "id;depcom;demandeur_naissance\nB-1;92050;1980-01-01\n");
    const saved = process.stderr.isTTY;
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    try {
      expect(
        await main([
          "simulate",
          "--batch",
          population,
          "--month",
          "2025-06",
          "--out",
          join(dir, "o.csv"),
        ]),
      ).toBe(0);
    } finally {
      Object.defineProperty(process.stderr, "isTTY", { value: saved, configurable: true });
    }
    expect(errors.join("")).toContain("100 %");
  });

  it("stops with exit code 1 on a header it cannot read, and asks for --month and --out", async () => {
    const population = join(dir, "bad.csv");
    writeFileSync(population, "identifiant;commune\nx;y\n");
    expect(
      await main([
        "simulate",
        "--batch",
        population,
        "--month",
        "2025-06",
        "--out",
        join(dir, "o.csv"),
      ]),
    ).toBe(1);
    expect(errors.join("")).toMatch(/colonne/i);
    // Nothing half-written is left behind.
    expect(existsSync(join(dir, "o.csv"))).toBe(false);
    expect(await main(["simulate", "--batch", population])).toBe(2);
  });

  it("exits 1 with a French message when the output file cannot be written", async () => {
    const population = join(dir, "p.csv");
    writeFileSync(population, "id;depcom;demandeur_naissance\nB-1;92050;1980-01-01\n");
    const out = join(dir, "absent-folder", "o.csv");
    expect(
      await main(["simulate", "--batch", population, "--month", "2025-06", "--out", out]),
    ).toBe(1);
    expect(errors.join("")).toContain(`Impossible d'écrire ${out}`);
  });
});

describe("relais simulate --batch and the Département's own aids", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db
      .transaction()
      .execute((tx) => seedLocalAidsDemo(tx, "92", new Date("2025-01-15T10:00:00Z")));
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  const population = () => {
    const file = join(dir, "population.csv");
    writeFileSync(
      file,
      [
        "id;depcom;logement;loyer;aide_logement;enfants_naissances;demandeur_naissance;demandeur_activite;demandeur_salaire_m3;demandeur_salaire_m2;demandeur_salaire_m1;demandeur_salaire_m;prestations_percues",
        "A-001;92050;locataire;650;300;2016-09-01|2019-02-15;1990-04-12;salarie;500;500;500;500;af",
        "A-003;92025;proprietaire;;;;1950-03-02;retraite;;;;;",
        "",
      ].join("\n"),
    );
    return file;
  };
  const run = (...extra: string[]) =>
    main([
      "simulate",
      "--batch",
      population(),
      "--month",
      "2025-06",
      "--out",
      join(dir, "trouves.csv"),
      ...extra,
    ]);

  it("adds, when DATABASE_URL is set, one « aide_locale » line per published aid the household qualifies for", async () => {
    process.env.DATABASE_URL = database.url;
    expect(await run()).toBe(0);
    const found = readFileSync(join(dir, "trouves.csv"), "utf8").split("\n");
    // The single parent at 500 € a month, tenant in Nanterre with two children under 16: the
    // demo FSL énergie (no amount) and the cantine aid of a foyer of three (200 € a year); the
    // retired owner without declared resources: the FSL énergie only.
    const local = found.filter((l) => l.includes(";aide_locale:"));
    expect(local.map((l) => l.split(";").slice(0, 3).join(";"))).toEqual([
      "2;A-001;92050",
      "2;A-001;92050",
      "3;A-003;92025",
    ]);
    expect(
      local.some((l) => /Fonds de solidarité pour le logement.*perception inconnue\);;$/.test(l)),
    ).toBe(true);
    expect(local.some((l) => /restauration scolaire.*;200\.00;annuelle$/.test(l))).toBe(true);
    // The national findings are still there, and the summary is the national one.
    expect(found).toContain("2;A-001;92050;rsa;Revenu de solidarité active (RSA);106.45;mensuelle");
    expect(readFileSync(join(dir, "trouves-recapitulatif.csv"), "utf8")).not.toContain(
      "aide_locale",
    );
    expect(output.join("")).toContain("Aides du Département publiées pour juin 2025 : 2");
  });

  it("leaves them out with --sans-aides-locales, and says so", async () => {
    process.env.DATABASE_URL = database.url;
    expect(await run("--sans-aides-locales")).toBe(0);
    expect(readFileSync(join(dir, "trouves.csv"), "utf8")).not.toContain("aide_locale");
    expect(output.join("")).toContain("non cherchées (--sans-aides-locales)");
  });

  it("goes on without a database and says why, but --aides-locales then stops with exit code 1", async () => {
    expect(await run()).toBe(0);
    expect(output.join("")).toContain(
      "Aides du Département : non cherchées, aucune base de données",
    );
    output = [];
    expect(await run("--aides-locales")).toBe(1);
    expect(errors.join("")).toContain("--aides-locales : aucune base de données");
    expect(await run("--aides-locales", "--sans-aides-locales")).toBe(2);
  });
});
