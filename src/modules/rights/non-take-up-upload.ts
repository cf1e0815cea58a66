import type { Db } from "../../db/database.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid } from "../../platform/errors.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { readStreamedUpload } from "../../platform/http/streamed-upload.ts";
import { enqueueJob } from "../../platform/jobs/queue.ts";
import { CHUNK_LINES, NON_TAKE_UP_JOB, RESULTS_KEPT_DAYS } from "./non-take-up-runs.ts";
import { BatchHeaderError, NonTakeUpScanner } from "./service.ts";

/**
 * Receives the pilot's upload as a stream (busboy, through
 * readStreamedUpload): the file's bytes are decoded and cut into lines as they
 * arrive, and every CHUNK_LINES lines become a stored chunk of the run.
 * Memory holds one network chunk and one chunk of lines, whatever the file's
 * size. The run is created once the header is valid, its job enqueued (with
 * the audit event) only when the whole file is stored; on any failure (too
 * large, malformed, disconnected) the run and its chunks are deleted: nothing stays.
 */

/** Who deposits the file, as the run and the audit trail name them. */
type Depositor = { userId: string; organisationId: string | null };

/** The form's file field; the fields before it (_csrf, mois) are small strings. */
const FILE_FIELD = "fichier";
const MAX_FIELD_BYTES = 4 * 1024;
/** A longer line is not a household: the file is refused rather than held in memory. */
const MAX_LINE_CHARS = 1024 * 1024;
export const NO_FILE = "Choisissez un fichier CSV.";

export interface UploadOptions {
  /** Bytes of the whole request body, form fields included. */
  readonly maxBytes: number;
  /**
   * Called once with the fields read before the file (or at the end when no
   * file came): checks them (CSRF, month) and returns the month; throws to refuse.
   */
  readonly beforeFile: (fields: Readonly<Record<string, string>>) => string;
}

/**
 * Streams the upload into a new run; returns its id. Throws Invalid in French,
 * UploadTooLarge, UnreadableUpload (platform/http/streamed-upload.ts).
 */
export async function receiveNonTakeUpUpload(
  ctx: UserContext,
  request: Request,
  options: UploadOptions,
): Promise<string> {
  let writer: RunWriter | undefined;
  try {
    return await readStreamedUpload(
      request,
      { fileField: FILE_FIELD, maxFieldBytes: MAX_FIELD_BYTES, maxBodyBytes: options.maxBytes },
      async (file) => {
        const month = options.beforeFile(file.fields);
        if (file.bytes === undefined) throw new Invalid({ fichier: NO_FILE }, NO_FILE);
        const run = new RunWriter(ctx, { fileName: file.fileName, month });
        writer = run;
        for await (const bytes of file.bytes) await run.write(bytes);
        await run.close();
        if (run.bytes === 0) throw new Invalid({ fichier: NO_FILE }, NO_FILE);
        return run.commit();
      },
    );
  } catch (error) {
    await (writer as RunWriter | undefined)?.discard();
    throw error;
  }
}

/** Cuts the file's bytes into lines and stores them, CHUNK_LINES at a time, in a run. */
class RunWriter {
  bytes = 0;
  private readonly decoder = new TextDecoder("utf-8");
  private partial = "";
  private header: string | undefined;
  private runId: string | undefined;
  private lines: string[] = [];
  /** Lines after the header stored so far (in chunks), and chunks written. */
  private lineCount = 0;
  private seq = 0;

  private readonly db: Db;
  private readonly actor: Depositor;
  private readonly now: Date;
  private readonly requestId: string | null;

  constructor(
    ctx: UserContext,
    private readonly input: { fileName: string; month: string },
  ) {
    this.db = ctx.db;
    this.actor = {
      userId: ctx.actor.userId,
      organisationId: ctx.actor.memberships[0]?.organisationId ?? null,
    };
    this.now = ctx.now;
    this.requestId = ctx.requestId;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.bytes += bytes.byteLength;
    await this.take(this.decoder.decode(bytes, { stream: true }), false);
  }

  /** The file part ended: its last line (possibly empty, as `split` gives it) is stored too. */
  async close(): Promise<void> {
    if (this.bytes === 0) return;
    await this.take(this.decoder.decode(), true);
  }

  private async take(text: string, last: boolean): Promise<void> {
    const pieces = (this.partial + text).split("\n");
    this.partial = last ? "" : (pieces.pop() ?? "");
    if (this.partial.length > MAX_LINE_CHARS) {
      const line = this.lineCount + this.lines.length + (this.header === undefined ? 1 : 2);
      const message = `La ligne ${line} dépasse 1 million de caractères : ce n'est pas un fichier de foyers.`;
      throw new Invalid({ fichier: message }, message);
    }
    for (const piece of pieces) {
      const line = piece.endsWith("\r") ? piece.slice(0, -1) : piece;
      if (this.header === undefined) await this.start(line);
      else {
        this.lines.push(line);
        if (this.lines.length === CHUNK_LINES) await this.flush();
      }
    }
    if (last && this.lines.length > 0) await this.flush();
  }

  /** Checks the header and creates the run (no job yet: the file is not all there). */
  private async start(header: string): Promise<void> {
    try {
      new NonTakeUpScanner({ month: this.input.month }).header(header);
    } catch (error) {
      if (error instanceof BatchHeaderError)
        throw new Invalid({ fichier: error.message }, error.message);
      throw error;
    }
    this.header = header;
    const run = await this.db
      .insertInto("rights_batch_run")
      .values({
        ran_by: this.actor.userId,
        organisation_id: this.actor.organisationId,
        month: this.input.month,
        file_name: this.input.fileName.slice(0, 200),
        header,
        status: "receiving",
        chunks_total: 0,
        expires_at: new Date(this.now.getTime() + RESULTS_KEPT_DAYS * 86_400_000),
        created_at: this.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    this.runId = run.id;
  }

  private async flush(): Promise<void> {
    await this.db
      .insertInto("rights_batch_chunk")
      .values({
        run_id: this.runId as string,
        seq: this.seq,
        // Line 1 is the header; the first data line is line 2.
        first_line: this.lineCount + 2,
        content: this.lines.join("\n"),
      })
      .execute();
    this.seq++;
    this.lineCount += this.lines.length;
    this.lines = [];
  }

  /** The whole file is stored: counts, audit and the first job, in one transaction. */
  async commit(): Promise<string> {
    const runId = this.runId as string;
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable("rights_batch_run")
        .set({ status: "pending", chunks_total: this.seq })
        .where("id", "=", runId)
        .execute();
      await recordAudit(tx, {
        actor: this.actor,
        action: "rights.nonTakeUp.uploaded",
        subjectType: "rights_batch_run",
        subjectId: runId,
        details: { month: this.input.month, lines: this.lineCount, chunks: this.seq },
        requestId: this.requestId,
        at: this.now,
      });
      await enqueueJob(tx, NON_TAKE_UP_JOB, { runId }, { runAt: this.now });
    });
    return runId;
  }

  /** Deletes what was stored (the chunks go with the run). */
  async discard(): Promise<void> {
    if (this.runId === undefined) return;
    await this.db.deleteFrom("rights_batch_run").where("id", "=", this.runId).execute();
    this.runId = undefined;
  }
}
