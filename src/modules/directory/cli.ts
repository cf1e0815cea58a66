import { readFileSync, statSync } from "node:fs";
import type { ParseArgsOptionsConfig } from "node:util";
import type { Config } from "../../config.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { systemClock } from "../../platform/clock/clock.ts";
import { jobContext } from "../../platform/http/context.ts";
import { connect } from "../../server.ts";
import {
  importCommuneCentres,
  listCommunes,
  loadTerritory,
  readTerritory,
} from "../territory/service.ts";
import {
  exportDirectory,
  importDirectory,
  keptNewerText,
  MAX_IMPORT_BYTES,
} from "./import-export.ts";
import { seedSyntheticDirectory } from "./synthetic-directory.ts";
import { importIntercommunalities } from "./zones.ts";

type Values = Record<string, string | boolean | undefined>;

async function withDatabase<T>(
  config: Config,
  work: (db: Awaited<ReturnType<typeof connect>>["db"]) => Promise<T>,
) {
  const database = await connect(config);
  try {
    await migrateToLatest(database.db);
    await loadTerritory(database.db, readTerritory(config.departementCode));
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** `relais import`, `relais export` and `relais seed --directory-size`. */
export const directoryCommands = {
  import: {
    summary:
      "Importe l'annuaire (directory), les centres des communes (communes) ou les intercommunalités (intercommunalites).",
    usage: `relais import directory FICHIER [--skip-invalid]
relais import communes FICHIER
relais import intercommunalites FICHIER

directory : fichier data·inclusion 1.0.8 en JSON ({ structures, services }) ou CSV
(séparateur et encodage UTF-8/Latin-1 détectés). Chaque enregistrement est vérifié ;
s'il y a une erreur, rien n'est écrit, sauf avec --skip-invalid. Réimporter le même
fichier met à jour (clé : source + id). 20 Mo au plus.
communes : centres des communes, depuis le fichier officiel des communes (CSV avec
code_insee, latitude_centre, longitude_centre) ou un GeoJSON de contours.
intercommunalites : EPCI et EPT d'un territoire et leurs communes, pour les zones
d'éligibilité (JSON { intercommunalites: [{ siren, nom, communes: [codes INSEE] }] },
le format de data/territory/intercommunalites-92.json).`,
    options: { "skip-invalid": { type: "boolean" } } satisfies ParseArgsOptionsConfig,
    async run(config: Config, values: Values): Promise<number> {
      const [what, file] = (values._ as unknown as string[]) ?? [];
      if (!["directory", "communes", "intercommunalites"].includes(what ?? "") || !file) {
        process.stderr.write(
          "Usage : relais import directory|communes|intercommunalites FICHIER\n",
        );
        return 2;
      }
      if (statSync(file).size > MAX_IMPORT_BYTES) {
        process.stderr.write(
          `Le fichier dépasse ${MAX_IMPORT_BYTES / 1048576} Mo : découpez-le.\n`,
        );
        return 1;
      }
      return withDatabase(config, async (db) => {
        if (what === "intercommunalites") {
          const result = await importIntercommunalities(db, readFileSync(file, "utf8"));
          if (!result.ok) {
            for (const problem of result.problems) process.stderr.write(`${problem}\n`);
            process.stdout.write("Rien n'a été importé.\n");
            return 1;
          }
          process.stdout.write(
            `${result.intercommunalities} intercommunalités importées (${result.members} communes membres).\n`,
          );
          return 0;
        }
        if (what === "communes") {
          const result = await importCommuneCentres(db, readFileSync(file, "utf8"));
          process.stdout.write(
            `${result.updated} communes mises à jour ; inconnues : ${result.unknown.length} ; invalides : ${result.invalid.length}.\n`,
          );
          return result.invalid.length > 0 ? 1 : 0;
        }
        const report = await importDirectory(
          jobContext(db, systemClock()),
          new Uint8Array(readFileSync(file)),
          { skipInvalid: values["skip-invalid"] === true },
        );
        for (const problem of report.problems)
          process.stderr.write(`${problem.where} : ${problem.messages.join(" ; ")}\n`);
        process.stdout.write(
          report.written
            ? `Importé : ${report.structures} structures, ${report.services} services (${report.problems.length} ignorés)${keptNewerText(report.keptNewer)}.\n`
            : "Rien n'a été importé.\n",
        );
        return report.written ? 0 : 1;
      });
    },
  },
  export: {
    summary: "Exporte l'annuaire au format data·inclusion (export directory).",
    usage: `relais export directory [--format json|csv]

Écrit tout l'annuaire sur la sortie standard, au format data·inclusion 1.0.8.`,
    options: { format: { type: "string" } } satisfies ParseArgsOptionsConfig,
    async run(config: Config, values: Values): Promise<number> {
      const [what] = (values._ as unknown as string[]) ?? [];
      const format = values.format ?? "json";
      if (what !== "directory" || (format !== "json" && format !== "csv")) {
        process.stderr.write("Usage : relais export directory [--format json|csv]\n");
        return 2;
      }
      return withDatabase(config, async (db) => {
        process.stdout.write(await exportDirectory(db, format));
        return 0;
      });
    },
  },
  async seedSynthetic(config: Config, sizeText: string): Promise<number> {
    const size = Number.parseInt(sizeText, 10);
    if (!Number.isInteger(size) || size < 1 || size > 1_000_000) {
      process.stderr.write("--directory-size : un nombre entre 1 et 1 000 000.\n");
      return 2;
    }
    if (config.env === "production") {
      process.stderr.write("Les données synthétiques ne sont jamais chargées en production.\n");
      return 1;
    }
    return withDatabase(config, async (db) => {
      await seedSyntheticDirectory(
        jobContext(db, systemClock()),
        size,
        await listCommunes(db, config.departementCode),
      );
      process.stdout.write(`${size} services synthétiques ajoutés à l'annuaire.\n`);
      return 0;
    });
  },
};
