import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { NOW } from "../../test/fixtures.ts";
import { enqueueJob } from "../jobs/queue.ts";
import { runDueJobs } from "../jobs/worker.ts";
import { silentLogger } from "../log/logger.ts";
import { DELIVER_MAIL_JOB, deliverMailHandler } from "./outbox.ts";
import {
  DEFAULT_SMS_BODY,
  DELIVER_SMS_JOB,
  deliverSmsHandler,
  httpSmsProvider,
  queueSms,
} from "./sms.ts";

/** An SMS operator on loopback: records each POST and answers `status`. */
interface FakeOperator {
  url: string;
  received: { method: string; headers: IncomingHttpHeaders; body: string }[];
  status: number;
}

let database: TestDatabase;
let server: Server;
const operator: FakeOperator = { url: "", received: [], status: 202 };

beforeAll(async () => {
  database = await createTestDatabase();
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      operator.received.push({
        method: request.method ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(operator.status, { "content-type": "application/json" });
      response.end('{"id":"op-1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  operator.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
beforeEach(() => {
  operator.received = [];
  operator.status = 202;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

const TEXT = 'CCAS : RDV confirmé le lundi 2 mars à 10 h 00, "Accueil".\nAnnuler : https://x';

async function queue(): Promise<string> {
  return database.db
    .transaction()
    .execute((tx) => queueSms(tx, { to: "+33612345678", text: TEXT }, NOW));
}

async function statusOf(id: string) {
  return database.db
    .selectFrom("outbox_message")
    .select(["status", "sent_at", "attempts", "last_error"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("the HTTP SMS provider", () => {
  const config = {
    url: "",
    bodyTemplate: '{"recipients":["{{to}}"],"message":"{{text}}","from":"{{sender}}"}',
    authorization: "Bearer cle-de-test",
    sender: "CD92",
  };

  it("posts the filled JSON template with its Authorization header, then marks the SMS sent", async () => {
    const id = await queue();
    const handlers = {
      [DELIVER_SMS_JOB]: deliverSmsHandler(httpSmsProvider({ ...config, url: operator.url })),
    };
    expect(await runDueJobs(database.db, handlers, silentLogger, () => NOW)).toBe(1);
    expect(operator.received).toHaveLength(1);
    const [request] = operator.received;
    expect(request?.method).toBe("POST");
    expect(request?.headers.authorization).toBe("Bearer cle-de-test");
    expect(request?.headers["content-type"]).toBe("application/json");
    // Quotes and line breaks of the text stay inside the JSON string.
    expect(JSON.parse(request?.body ?? "")).toEqual({
      recipients: ["+33612345678"],
      message: TEXT,
      from: "CD92",
    });
    expect(await statusOf(id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("keeps the SMS unsent when the operator refuses it, for a retry, without the number in the error", async () => {
    operator.status = 500;
    const id = await queue();
    const provider = httpSmsProvider({ ...config, url: operator.url });
    const handlers = { [DELIVER_SMS_JOB]: deliverSmsHandler(provider) };
    await runDueJobs(database.db, handlers, silentLogger, () => NOW);
    expect(operator.received).toHaveLength(1);
    const row = await statusOf(id);
    expect(row.status).not.toBe("sent");
    expect(row.sent_at).toBeNull();
    expect(row.last_error).toMatch(/500/);
    expect(row.last_error).not.toContain("12345678");
  });

  it("holds the SMS without a provider: never « Envoyé » when nothing went out", async () => {
    const id = await queue();
    const handlers = { [DELIVER_SMS_JOB]: deliverSmsHandler(undefined) };
    expect(await runDueJobs(database.db, handlers, silentLogger, () => NOW)).toBe(1);
    expect(operator.received).toHaveLength(0);
    expect(await statusOf(id)).toMatchObject({ status: "held", sent_at: null });
  });
});

describe("one delivery mechanism for mail and SMS", () => {
  it("clears the last error once a retried SMS goes out, and leaves an SMS to the SMS job only", async () => {
    operator.status = 500;
    const id = await queue();
    const provider = httpSmsProvider({
      url: operator.url,
      bodyTemplate: DEFAULT_SMS_BODY,
      authorization: undefined,
      sender: "CD92",
    });
    const handlers = {
      [DELIVER_SMS_JOB]: deliverSmsHandler(provider),
      // The mail job asked about this message (a wrong payload): it is not its channel.
      [DELIVER_MAIL_JOB]: deliverMailHandler(
        { send: async () => expect.fail("sent as mail") },
        "x",
      ),
    };
    await runDueJobs(database.db, handlers, silentLogger, () => NOW);
    expect((await statusOf(id)).last_error).toMatch(/500/);
    operator.status = 202;
    const later = new Date(NOW.getTime() + 3_600_000);
    await database.db.transaction().execute(async (tx) => {
      await enqueueJob(tx, DELIVER_MAIL_JOB, { messageId: id }, { runAt: later });
      await enqueueJob(tx, DELIVER_SMS_JOB, { messageId: id }, { runAt: later });
    });
    await runDueJobs(database.db, handlers, silentLogger, () => later);
    expect(await statusOf(id)).toMatchObject({ status: "sent", last_error: null, attempts: 2 });
  });
});

describe("the SMS settings", () => {
  const base = { NODE_ENV: "test", RELAIS_DATA_DIR: "/tmp/relais-sms-config-test" };

  it("has no SMS provider without SMS_HTTP_URL", () => {
    expect(loadConfig(base).sms).toBeUndefined();
  });

  it("reads the URL, the template, the Authorization header and the sender", () => {
    const config = loadConfig({
      ...base,
      SMS_HTTP_URL: "https://sms.exemple.fr/v1/send",
      SMS_HTTP_AUTHORIZATION: "Bearer abc",
    });
    expect(config.sms).toEqual({
      url: "https://sms.exemple.fr/v1/send",
      bodyTemplate: DEFAULT_SMS_BODY,
      authorization: "Bearer abc",
      sender: "Relais",
    });
  });

  it("refuses a template that is not JSON or lacks the number or the text, naming the variable", () => {
    for (const template of ['{"to":"{{to}}"}', "to={{to}}&text={{text}}"]) {
      expect(() =>
        loadConfig({ ...base, SMS_HTTP_URL: "https://sms.exemple.fr", SMS_HTTP_BODY: template }),
      ).toThrow(/SMS_HTTP_BODY/);
    }
  });
});
