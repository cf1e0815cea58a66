import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; data: string };

export type TestSmtpServer = {
  /** `smtp://127.0.0.1:<port>`, for `smtpTransport`. */
  url: string;
  /** Every message accepted so far, in the order they arrived. */
  received: ReceivedMail[];
  /** The next recipient is refused (a full mailbox), as a server may do. */
  refuseNextRecipient(): void;
  close(): Promise<void>;
};

/**
 * A real SMTP server on loopback, for one test file: the delivery speaks the
 * real protocol, and the tests read what arrived.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refuseNext = false;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, callback) {
      if (refuseNext) {
        refuseNext = false;
        callback(new Error("boîte pleine"));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    received,
    refuseNextRecipient() {
      refuseNext = true;
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
