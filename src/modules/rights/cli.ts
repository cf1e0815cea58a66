import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { type FileHandle, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import type { Config } from "../../config.ts";
import { frenchMonth } from "../../platform/time/french-dates.ts";
import { connect } from "../../server.ts";
import { localAidLines } from "./batch-local-aids.ts";
import { publishedLocalAids } from "./local-aid-admin.ts";
import type { LocalAidVersion } from "./local-aids.ts";
import {
  BatchHeaderError,
  computeOpenFiscaSituation,
  FINDINGS_HEADER,
  findingLines,
  findNonTakeUp,
  InvalidMonth,
  NonTakeUpScanner,
  NonTakeUpSummary,
  OpenFiscaSituationError,
} from "./service.ts";

type Values = Record<string, string | boolean | undefined>;

/** Progress on stderr, on a terminal only: a redirected stderr gets no bar. */
class ProgressBar {
  private last = 0;
  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  update(done: number, rows: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    process.stderr.write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.round(ratio * 100)} % — ${rows.toLocaleString("fr-FR")} lignes`,
    );
  }

  finish(): void {
    if (this.enabled) process.stderr.write("\n");
  }
}

async function simulateFile(path: string): Promise<number> {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "fichier introuvable"
        : "ce n'est pas un JSON valide";
    process.stderr.write(`Impossible de lire ${path} : ${reason}.\n`);
    return 1;
  }
  try {
    process.stdout.write(`${JSON.stringify(computeOpenFiscaSituation(input), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof OpenFiscaSituationError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * The findings file, written through a file handle in blocks of about 64 kB:
 * every write is awaited, so an early stop (a header it cannot read) closes
 * and removes the file without a write still in flight.
 */
class FindingsFile {
  private pending: string[] = [];
  private size = 0;
  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<FindingsFile> {
    return new FindingsFile(await open(path, "w"));
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join("");
    this.pending = [];
    this.size = 0;
    await this.handle.write(text);
  }
}

/** Whether the batch looks for the Département's own aids: when a database is there, always, never. */
type LocalAidsMode = "auto" | "oui" | "non";

/**
 * The Département's own aids published for the month, read from the database when there is
 * one (DATABASE_URL, or the embedded database in RELAIS_DATA_DIR), with the sentence that says
 * what was done. `auto` goes on without them when no database can be read, and says why;
 * `oui` stops instead.
 */
async function loadLocalAids(
  config: Config,
  month: string,
  mode: LocalAidsMode,
): Promise<{ aids: readonly LocalAidVersion[]; note: string } | { error: string }> {
  if (mode === "non")
    return { aids: [], note: "Aides du Département : non cherchées (--sans-aides-locales)." };
  const available =
    config.databaseUrl !== undefined ||
    existsSync(join(config.dataDir, "postgresql", "PG_VERSION"));
  if (!available) {
    const why = "aucune base de données (ni DATABASE_URL, ni base embarquée dans RELAIS_DATA_DIR)";
    return mode === "oui"
      ? { error: `--aides-locales : ${why}.` }
      : { aids: [], note: `Aides du Département : non cherchées, ${why}.` };
  }
  try {
    const database = await connect(config);
    try {
      const aids = await publishedLocalAids(database.db, month);
      return {
        aids,
        note: `Aides du Département publiées pour ${frenchMonth(month)} : ${aids.length} (lignes « aide_locale:… »).`,
      };
    } finally {
      await database.close();
    }
  } catch (error) {
    const why = `la base de données n'a pas pu être lue (${(error as Error).message})`;
    return mode === "oui"
      ? { error: `--aides-locales : ${why}.` }
      : { aids: [], note: `Aides du Département : non cherchées, ${why}.` };
  }
}

async function simulateBatch(
  config: Config,
  path: string,
  month: string,
  out: string,
  localAidsMode: LocalAidsMode,
): Promise<number> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    process.stderr.write(`Impossible de lire ${path} : fichier introuvable.\n`);
    return 1;
  }
  let scanner: NonTakeUpScanner;
  try {
    scanner = new NonTakeUpScanner({ month, yieldAll: true });
  } catch (error) {
    if (!(error instanceof InvalidMonth)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const local = await loadLocalAids(config, month, localAidsMode);
  if ("error" in local) {
    process.stderr.write(`${local.error}\n`);
    return 1;
  }
  let found: FindingsFile;
  try {
    found = await FindingsFile.open(out);
  } catch {
    process.stderr.write(`Impossible d'écrire ${out} : vérifiez le dossier et les droits.\n`);
    return 1;
  }
  await found.write(`${FINDINGS_HEADER}\n`);
  const bar = new ProgressBar(size, Boolean(process.stderr.isTTY));
  const stream = createReadStream(path);
  let rows = 0;
  try {
    const summary = new NonTakeUpSummary();
    for await (const item of findNonTakeUp(stream, { month, yieldAll: true }, scanner)) {
      summary.add(item);
      if (item.kind === "error") process.stderr.write(`${item.message}\n`);
      else {
        summary.households++;
        if (item.findings.length > 0) await found.write(`${findingLines(item).join("\n")}\n`);
        if (local.aids.length > 0) {
          const lines = localAidLines(
            scanner.lastHousehold,
            scanner.lastOutcomes,
            item,
            local.aids,
            month,
          );
          if (lines.length > 0) await found.write(`${lines.join("\n")}\n`);
        }
      }
      rows = item.line;
      bar.update(stream.bytesRead, rows);
    }
    bar.update(size, rows);
    bar.finish();
    await found.close();
    const summaryPath = out.replace(/(\.csv)?$/, "-recapitulatif.csv");
    await writeFile(summaryPath, summary.toCsv());
    process.stdout.write(
      `${summary.households.toLocaleString("fr-FR")} foyers lus, ${summary.householdsWithFindings.toLocaleString("fr-FR")} probablement éligibles à une prestation non perçue, ${summary.errorCount} ${summary.errorCount > 1 ? "lignes ignorées" : "ligne ignorée"}.\n` +
        `${local.note}\n` +
        `Foyers repérés : ${out}\nRécapitulatif par commune et prestation : ${summaryPath}\n\n` +
        summary.toCsv(),
    );
    return 0;
  } catch (error) {
    bar.finish();
    stream.destroy();
    await found.close().catch(() => undefined);
    await rm(out, { force: true });
    if (error instanceof BatchHeaderError || error instanceof InvalidMonth) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `relais simulate`: one OpenFisca situation, or a population file in batch. */
export const rightsCommands = {
  simulate: {
    summary: "Simule des droits (situation OpenFisca, ou fichier de population en lot).",
    usage: `relais simulate FICHIER.json
relais simulate --batch population.csv --month AAAA-MM --out trouves.csv
                [--aides-locales | --sans-aides-locales]

Sans --batch : lit une situation OpenFisca (individus, familles, foyers_fiscaux,
menages ; variables demandées à null) et écrit la même structure remplie, avec les
explications, sur la sortie standard. Une variable inconnue ou une période mal
formée est une erreur nommée (code de sortie 1).

--batch : lit le fichier CSV de foyers en flux (format : src/modules/rights/BATCH.md),
simule le mois donné, écrit dans --out les foyers probablement éligibles à une
prestation qu'ils ne perçoivent pas, et le récapitulatif par commune et prestation
dans le même nom suivi de « -recapitulatif.csv ». Une ligne mal formée est signalée
sur la sortie d'erreur avec son numéro, puis ignorée. Barre de progression sur un
terminal seulement.

Aides du Département : quand une base de données est là (DATABASE_URL, ou la base
embarquée de RELAIS_DATA_DIR), les aides locales publiées valables le mois simulé
sont cherchées aussi, comme dans le traitement par lots des pages : une ligne
« aide_locale:<id> » par foyer probablement éligible dans --out (perception
inconnue ; le récapitulatif reste celui des prestations nationales). Sans base,
le lot continue et le dit. --aides-locales les exige (erreur sans base),
--sans-aides-locales ne les cherche pas.`,
    options: {
      batch: { type: "string" },
      month: { type: "string" },
      out: { type: "string" },
      "aides-locales": { type: "boolean" },
      "sans-aides-locales": { type: "boolean" },
    } satisfies ParseArgsOptionsConfig,
    async run(config: Config, values: Values): Promise<number> {
      const positionals = (values._ as unknown as string[]) ?? [];
      if (typeof values.batch === "string") {
        if (typeof values.month !== "string" || typeof values.out !== "string") {
          process.stderr.write(
            "--month AAAA-MM et --out FICHIER sont obligatoires avec --batch. Voir : relais simulate --help\n",
          );
          return 2;
        }
        if (values["aides-locales"] === true && values["sans-aides-locales"] === true) {
          process.stderr.write(
            "--aides-locales et --sans-aides-locales s'excluent : choisissez l'une des deux.\n",
          );
          return 2;
        }
        const mode: LocalAidsMode =
          values["aides-locales"] === true
            ? "oui"
            : values["sans-aides-locales"] === true
              ? "non"
              : "auto";
        return simulateBatch(config, values.batch, values.month, values.out, mode);
      }
      const [file] = positionals;
      if (!file) {
        process.stderr.write(
          "Indiquez le fichier de la situation : relais simulate FICHIER.json (voir --help)\n",
        );
        return 2;
      }
      return simulateFile(file);
    },
  },
};
