import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { CHECKPOINT_FILE_NAME } from "../platform/audit/checkpoint.ts";
import { lockDataDir, startEmbeddedPostgres } from "./embedded-postgres.ts";

/**
 * Backup of the embedded server (decision 0012): a copy of its folder with
 * the server stopped, in a tar.gz. Consistent by construction — the data
 * files of a cleanly stopped PostgreSQL — and restored as they were, with
 * the folder's secrets (the documents' key: without it, a restored
 * document cannot be read). Relais must be stopped: the folder's lock
 * refuses a backup or a restore while it runs.
 */

/** What an archive holds, beside the PostgreSQL folder. */
const SECRETS = ["secret", "documents-key"];

export class BackupError extends Error {
  override name = "BackupError";
}

export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  const release = lockDataDir(dataDir);
  try {
    if (!existsSync(join(dataDir, "postgresql", "PG_VERSION"))) {
      throw new BackupError(`Aucune base embarquée dans ${dataDir} : rien à sauvegarder.`);
    }
    // A start and a stop: a server left by a crash is recovered and stopped
    // cleanly, so that the files copied are consistent on their own.
    const server = await startEmbeddedPostgres(dataDir, { locked: true });
    await server.stop();
    const members = ["postgresql", ...SECRETS.filter((name) => existsSync(join(dataDir, name)))];
    const target = resolve(file);
    const partial = `${target}.partiel`;
    await tar(["-czf", partial, "-C", dataDir, ...members]);
    renameSync(partial, target);
  } finally {
    release();
  }
}

/**
 * Replaces the embedded database of `dataDir` by the archive's. The current
 * folder is kept beside it (postgresql.avant-restauration-…), never deleted.
 * Returns where it went.
 */
export async function restoreEmbedded(
  dataDir: string,
  file: string,
  stamp: string,
): Promise<{ previous: string | undefined }> {
  const release = lockDataDir(dataDir);
  try {
    const archive = resolve(file);
    if (!existsSync(archive)) throw new BackupError(`Fichier introuvable : ${archive}`);
    const listing = await tar(["-tzf", archive]);
    if (!listing.split("\n").some((line) => /^(\.\/)?postgresql\/PG_VERSION$/.test(line))) {
      throw new BackupError(`${archive} n'est pas une sauvegarde de Relais (relais backup).`);
    }
    // Unpacked aside first: a broken archive leaves the current data untouched.
    const staging = mkdtempSync(join(dataDir, ".restauration-"));
    try {
      await tar(["-xzf", archive, "-C", staging]);
      const previous = join(dataDir, `postgresql.avant-restauration-${stamp}`);
      const hadData = existsSync(join(dataDir, "postgresql"));
      if (hadData) renameSync(join(dataDir, "postgresql"), previous);
      renameSync(join(staging, "postgresql"), join(dataDir, "postgresql"));
      for (const name of readdirSync(staging)) {
        if (!SECRETS.includes(name)) continue;
        if (existsSync(join(dataDir, name))) {
          renameSync(join(dataDir, name), join(dataDir, `${name}.avant-restauration-${stamp}`));
        }
        renameSync(join(staging, name), join(dataDir, name));
      }
      // The audit checkpoints anchor the replaced database's trail, longer than the
      // restored one: kept beside it, and a new series starts (decision 0017).
      const checkpoints = join(dataDir, CHECKPOINT_FILE_NAME);
      if (existsSync(checkpoints)) {
        renameSync(checkpoints, `${checkpoints}.avant-restauration-${stamp}`);
      }
      if (process.getuid?.() === 0) chownTree(join(dataDir, "postgresql"));
      // The restored server must start; it is stopped again at once.
      const server = await startEmbeddedPostgres(dataDir, { locked: true });
      await server.stop();
      return { previous: hadData ? previous : undefined };
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    release();
  }
}

/** As root, the restored files belong to the user PostgreSQL runs as. */
function chownTree(folder: string): void {
  const owner = { uid: 0, gid: 0 };
  try {
    owner.uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    owner.gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  } catch {
    return; // startEmbeddedPostgres creates the user and says so if it cannot
  }
  const walk = (path: string) => {
    chownSync(path, owner.uid, owner.gid);
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else chownSync(child, owner.uid, owner.gid);
    }
  };
  walk(folder);
}

function tar(args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("tar", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString("utf8");
    });
    child.on("error", (error) =>
      reject(new BackupError(`La commande tar est introuvable : ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new BackupError(`tar a échoué (code ${code}) : ${errors.trim()}`));
    });
  });
}
