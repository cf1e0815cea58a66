import cluster from "node:cluster";
import { createInterface } from "node:readline/promises";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { BackupError, backupEmbedded, restoreEmbedded } from "./db/backup.ts";
import { DataDirLockedError, EmbeddedPostgresError } from "./db/embedded-postgres.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { directoryCommands } from "./modules/directory/cli.ts";
import { rightsCommands } from "./modules/rights/cli.ts";
import {
  loadTerritory,
  readTerritory,
  UnknownDepartementError,
} from "./modules/territory/service.ts";
import { recordAudit } from "./platform/audit/audit.ts";
import { checkpointStore, verifyAuditTrail, writeCheckpoint } from "./platform/audit/checkpoint.ts";
import { createOrganisation, createUser } from "./platform/auth/accounts.ts";
import { passwordProblem } from "./platform/auth/password-rules.ts";
import { systemClock } from "./platform/clock/clock.ts";
import { Invalid } from "./platform/errors.ts";
import { frenchDateTime } from "./platform/time/french-dates.ts";
import { seedDemo } from "./seed/demo.ts";
import { connect, startServer } from "./server.ts";

process.env.TZ = "Europe/Paris";

type Command = {
  summary: string;
  usage: string;
  options?: ParseArgsOptionsConfig;
  run(config: Config, values: Record<string, string | boolean | undefined>): Promise<number>;
};

const COMMANDS: Record<string, Command> = {
  start: {
    summary: "Démarre Relais (HTTP et tâches de fond).",
    usage: `relais start [--workers N]

Démarre le serveur sur le port PORT (3000 par défaut). Sans DATABASE_URL, Relais
démarre son propre serveur PostgreSQL, ses données dans RELAIS_DATA_DIR (.relais par
défaut), et l'arrête en s'arrêtant ; au premier démarrage, les migrations, le
territoire et les données de démonstration sont chargés.
--workers N (1 par défaut) : N processus HTTP sur le même port et la même base,
pour occuper N cœurs ; chacun prend aussi des tâches de fond.`,
    options: { workers: { type: "string" } },
    async run(config, values) {
      const workers = Number(values.workers ?? "1");
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
        process.stderr.write("--workers doit être un nombre entier de 1 à 64.\n");
        return 2;
      }
      // Listen for the stop signal before starting: a SIGTERM that arrives while the
      // last worker comes up (its /readyz may already answer) must stop Relais
      // cleanly, not kill it with its children left behind.
      const stopRequested = new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      const server = await startServer(config, { workers });
      if (!cluster.isWorker) process.stdout.write(`Relais est prêt : ${server.url}\n`);
      await stopRequested;
      await server.stop();
      return 0;
    },
  },
  migrate: {
    summary: "Applique les migrations de la base de données.",
    usage: `relais migrate

Applique les migrations en attente sur la base de DATABASE_URL (PostgreSQL 15 ou
plus) ou sur la base embarquée de RELAIS_DATA_DIR, puis charge le territoire.`,
    async run(config) {
      const territory = readTerritory(config.departementCode);
      const database = await connect(config);
      try {
        const { applied } = await migrateToLatest(database.db);
        await loadTerritory(database.db, territory);
        process.stdout.write(
          applied.length > 0
            ? `Migrations appliquées : ${applied.join(", ")}\n`
            : "La base est déjà à jour.\n",
        );
        return 0;
      } finally {
        await database.close();
      }
    },
  },
  seed: {
    summary: "Charge des données (--demo : les données de démonstration).",
    usage: `relais seed --demo
relais seed --directory-size N

Charge les données de démonstration (organisations du territoire et un compte par
rôle). Sans effet si elles sont déjà chargées. Refusé quand NODE_ENV=production.
--directory-size N ajoute N services synthétiques à l'annuaire (mesures de performance).`,
    options: { demo: { type: "boolean" }, "directory-size": { type: "string" } },
    async run(config, values) {
      if (typeof values["directory-size"] === "string") {
        return directoryCommands.seedSynthetic(config, values["directory-size"]);
      }
      if (!values.demo) {
        process.stderr.write("Précisez ce qu'il faut charger : relais seed --demo\n");
        return 2;
      }
      if (config.env === "production") {
        process.stderr.write(
          "Les données de démonstration ne sont jamais chargées en production.\n",
        );
        return 1;
      }
      const territory = readTerritory(config.departementCode);
      const database = await connect(config);
      try {
        await migrateToLatest(database.db);
        await loadTerritory(database.db, territory);
        const { created } = await seedDemo(database.db, config.departementCode, systemClock());
        process.stdout.write(
          created
            ? "Données de démonstration chargées.\n"
            : "Les données de démonstration sont déjà chargées.\n",
        );
        return 0;
      } finally {
        await database.close();
      }
    },
  },
  "create-admin": {
    summary: "Crée un compte administrateur.",
    usage: `relais create-admin --email ADRESSE --name "Prénom Nom" [--organisation "Nom"]

Crée un compte avec le rôle admin dans l'organisation donnée (par défaut : le
Département). Le mot de passe (12 caractères au moins) est lu sur l'entrée
standard, ou dans la variable RELAIS_ADMIN_PASSWORD.`,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      organisation: { type: "string" },
    },
    async run(config, values) {
      const email = typeof values.email === "string" ? values.email : "";
      const name = typeof values.name === "string" ? values.name : "";
      if (!email || !name) {
        process.stderr.write(
          "--email et --name sont obligatoires. Voir : relais create-admin --help\n",
        );
        return 2;
      }
      const password = process.env.RELAIS_ADMIN_PASSWORD ?? (await readPassword());
      const problem = passwordProblem(password, { email, displayName: name });
      if (problem) {
        process.stderr.write(`${problem}\n`);
        return 2;
      }
      const territory = readTerritory(config.departementCode);
      const database = await connect(config);
      try {
        await migrateToLatest(database.db);
        await loadTerritory(database.db, territory);
        const organisationName =
          typeof values.organisation === "string"
            ? values.organisation
            : `Département ${territory.departement.name}`;
        const now = systemClock();
        const userId = await database.db.transaction().execute(async (tx) => {
          const organisationId = await createOrganisation(
            tx,
            {
              name: organisationName,
              kind: "departement",
            },
            now,
          );
          const id = await createUser(
            tx,
            {
              email,
              displayName: name,
              password,
              memberships: [{ organisationId, role: "admin" }],
            },
            now,
          );
          await recordAudit(tx, {
            actor: { userId: null, organisationId: null },
            action: "user.created",
            subjectType: "user",
            subjectId: id,
            details: { role: "admin", via: "cli" },
            at: now,
          });
          return id;
        });
        process.stdout.write(`Compte administrateur créé (${email}, ${userId}).\n`);
        return 0;
      } catch (error) {
        if (error instanceof Invalid) {
          for (const message of Object.values(error.fieldErrors))
            process.stderr.write(`${message}\n`);
          return 1;
        }
        throw error;
      } finally {
        await database.close();
      }
    },
  },
  backup: {
    summary: "Sauvegarde la base embarquée dans un fichier (Relais arrêté).",
    usage: `relais backup FICHIER.tar.gz

Copie la base embarquée de RELAIS_DATA_DIR (et les clés du dossier : sans la clé
des documents, un document restauré serait illisible) dans FICHIER, serveur
arrêté : Relais ne doit pas tourner sur ce dossier. Avec DATABASE_URL, sauvegardez
le serveur PostgreSQL avec ses propres outils (pg_dump -Fc, voir le README).`,
    async run(config, values) {
      const file = ((values._ as unknown as string[]) ?? [])[0];
      if (!file) {
        process.stderr.write("Usage : relais backup FICHIER.tar.gz\n");
        return 2;
      }
      if (config.databaseUrl) {
        process.stderr.write(
          "DATABASE_URL est donnée : sauvegardez ce serveur avec pg_dump (voir le README).\n",
        );
        return 1;
      }
      await backupEmbedded(config.dataDir, file);
      process.stdout.write(`Sauvegarde écrite : ${file}\n`);
      return 0;
    },
  },
  restore: {
    summary: "Restaure la base embarquée depuis une sauvegarde (Relais arrêté).",
    usage: `relais restore FICHIER.tar.gz

Remplace la base embarquée de RELAIS_DATA_DIR par celle de FICHIER (écrit par
relais backup). La base actuelle n'est pas effacée : elle est gardée à côté
(postgresql.avant-restauration-…). Relais ne doit pas tourner sur ce dossier.`,
    async run(config, values) {
      const file = ((values._ as unknown as string[]) ?? [])[0];
      if (!file) {
        process.stderr.write("Usage : relais restore FICHIER.tar.gz\n");
        return 2;
      }
      if (config.databaseUrl) {
        process.stderr.write(
          "DATABASE_URL est donnée : restaurez ce serveur avec pg_restore (voir le README).\n",
        );
        return 1;
      }
      const stamp = systemClock().toISOString().replace(/[:.]/g, "-");
      const { previous } = await restoreEmbedded(config.dataDir, file, stamp);
      process.stdout.write(
        `Base restaurée depuis ${file}.${previous ? ` L'ancienne est gardée dans ${previous}.` : ""}\n`,
      );
      return 0;
    },
  },
  audit: {
    summary:
      "Vérifie le journal d'audit (audit verify) ; écrit un point de contrôle (audit checkpoint).",
    usage: `relais audit verify [--point LIGNE]
relais audit checkpoint

verify : recalcule la chaîne d'empreintes du journal d'audit, puis compare sa fin
avec le dernier point de contrôle signé (RELAIS_DATA_DIR/audit-checkpoints.jsonl).
Code de sortie 0 si tout est intact ; 1, avec le premier événement en cause, si un
événement a été modifié ou supprimé, si les derniers événements ont disparu depuis
le point de contrôle, ou si une ligne du fichier des points de contrôle est falsifiée.
--point LIGNE : compare aussi avec un point de contrôle gardé ailleurs (la ligne signée
reçue par courriel par le délégué à la protection des données).
checkpoint : écrit tout de suite un point de contrôle de la fin du journal (la tâche
de fond en écrit un chaque heure).`,
    options: { point: { type: "string" } },
    async run(config, values) {
      const positionals = (values._ as unknown as string[]) ?? [];
      const action = positionals[0];
      if (action !== "verify" && action !== "checkpoint") {
        process.stderr.write("Usage : relais audit verify | relais audit checkpoint\n");
        return 2;
      }
      const store = checkpointStore(config);
      const database = await connect(config);
      try {
        if (action === "checkpoint") {
          const outcome = await writeCheckpoint(database.db, store, systemClock(), {
            fullCheck: true,
          });
          if (!outcome.written) {
            process.stdout.write(
              `Journal d'audit ALTÉRÉ : ${outcome.reason}. Aucun point de contrôle écrit.\n`,
            );
            return 1;
          }
          process.stdout.write(
            `Point de contrôle écrit dans ${store.file} : ${outcome.checkpoint.count} événements, jusqu'au n° ${outcome.checkpoint.seq}.\n`,
          );
          return 0;
        }
        const result = await verifyAuditTrail(database.db, store, {
          givenLine: typeof values.point === "string" ? values.point : undefined,
        });
        const checkpoint = result.checkpoint
          ? `Dernier point de contrôle : ${frenchDateTime(result.checkpoint.at)}, ${result.checkpoint.count} événements (jusqu'au n° ${result.checkpoint.seq}).\n`
          : "Aucun point de contrôle : la disparition des derniers événements ne peut pas être détectée.\n";
        if (result.ok) {
          process.stdout.write(
            `Journal d'audit intact : ${result.events} événements vérifiés.\n${checkpoint}`,
          );
          return 0;
        }
        const where =
          result.brokenAt !== undefined
            ? ` : premier événement en cause n° ${result.brokenAt}`
            : "";
        process.stdout.write(
          `Journal d'audit ALTÉRÉ${where} (${result.reason}). ${result.events} événements intacts avant lui.\n${checkpoint}`,
        );
        return 1;
      } finally {
        await database.close();
      }
    },
  },
};

COMMANDS.import = directoryCommands.import;
COMMANDS.export = directoryCommands.export;
COMMANDS.simulate = rightsCommands.simulate;

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return `Usage : relais <commande> [options]\n\nCommandes :\n${lines.join("\n")}\n\nAide d'une commande : relais <commande> --help\n`;
}

async function readPassword(): Promise<string> {
  const reader = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write("Mot de passe : ");
  const line = await reader[Symbol.asyncIterator]().next();
  reader.close();
  return typeof line.value === "string" ? line.value : "";
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Commande inconnue : ${name}\n\n${help()}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
    values = { ...(parsed.values as Record<string, string | boolean | undefined>) };
    (values as Record<string, unknown>)._ = parsed.positionals;
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${command.usage}\n`,
    );
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(loadConfig(), values);
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof UnknownDepartementError ||
      error instanceof DataDirLockedError ||
      error instanceof EmbeddedPostgresError ||
      error instanceof BackupError
    ) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * Exits once stdout and stderr have handed everything written to the system.
 * A write to a pipe whose reader is slower than us is queued (the pipe holds
 * 64 KiB): exiting right after it cut `relais export directory | gzip` short
 * with exit code 0. A write's callback runs after the data before it, so an
 * empty write's callback says the stream is flushed. A reader that went away
 * (`| head`) ends the wait too.
 */
export function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    let called = false;
    const once = () => {
      if (!called) {
        called = true;
        done();
      }
    };
    stream.once("error", once);
    if (stream.destroyed || !stream.writable) once();
    else stream.write("", once);
  }
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => exitWhenFlushed(code),
    (error: unknown) => {
      process.stderr.write(
        `Erreur : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      exitWhenFlushed(1);
    },
  );
}
