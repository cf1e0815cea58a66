// Shared by the space's tests: a resident's browser signed in with a code read
// from the outbox, a multipart upload as a browser sends it, and the service
// contexts a test hands to the space's use cases.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { Db } from "../../db/database.ts";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { CSRF_COOKIE } from "../../platform/http/csrf.ts";
import type { TestClient } from "../../test/app.ts";
import {
  CHALLENGE_COOKIE,
  RESIDENT_COOKIE,
  type SpaceContext,
  type VisitorContext,
} from "./session.ts";

/** The last code sent to `recipient` (E.164 or e-mail), read from the outbox. */
export async function lastCodeSentTo(db: Db, recipient: string): Promise<string> {
  const message = await db
    .selectFrom("outbox_message")
    .select("text_body")
    .where("recipient", "=", recipient)
    // Only the code messages: a booking's confirmation may carry the same instant.
    .where((eb) =>
      eb.or([
        eb("subject", "like", "Votre code Relais%"),
        eb("text_body", "like", "Relais : votre code%"),
      ]),
    )
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const code = /\b(\d{6})\b/.exec(message.text_body)?.[1];
  if (!code) throw new Error(`aucun code dans le message à ${recipient}`);
  return code;
}

/** Signs a browser in to « Mon espace » with `contact`, as a person would. */
export async function signInResident(
  browser: TestClient,
  db: Db,
  contact: string,
  recipient: string,
): Promise<void> {
  const asked = await browser.post(
    "/mon-espace/connexion",
    { contact },
    { tokenFrom: "/mon-espace/connexion" },
  );
  expect(asked.status).toBe(303);
  const code = await lastCodeSentTo(db, recipient);
  const entered = await browser.post(
    "/mon-espace/connexion/code",
    { code },
    { tokenFrom: "/mon-espace/connexion/code" },
  );
  expect(entered.status).toBe(303);
  expect(browser.cookie(RESIDENT_COOKIE)).toBeDefined();
}

/** A PDF by its first bytes, of exactly `size` bytes. */
export function pdfOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
  return bytes;
}

type Requestable = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** Posts a multipart form with one file, fields first, with the browser's cookies and token. */
export async function postFile(
  app: Requestable,
  browser: TestClient,
  path: string,
  input: { tokenFrom: string; fields: Record<string, string>; fileName: string; bytes: Uint8Array },
): Promise<Response> {
  await browser.get(input.tokenFrom);
  const body = new FormData();
  body.set("_csrf", browser.csrfToken());
  for (const [name, value] of Object.entries(input.fields)) body.set(name, value);
  body.set("fichier", new File([Buffer.from(input.bytes)], input.fileName));
  const cookies = [RESIDENT_COOKIE, CSRF_COOKIE, "relais_session", CHALLENGE_COOKIE]
    .map((name) => [name, browser.cookie(name)])
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  return app.request(path, { method: "POST", headers: { cookie: cookies }, body });
}

/** The keys a test's space context carries unless it gives its own. */
const TEST_KEYS = {
  secret: "s".repeat(40),
  documentsKey: randomBytes(32),
  publicUrl: "https://relais.test",
};

/** A service context for a space's use case, as a handler would build it. */
export function spaceContext<A extends ResidentActor | UserActor>(
  db: Db,
  actor: A,
  at: { now: Date } & Partial<Omit<SpaceContext<A>, "db" | "actor">>,
): SpaceContext<A> {
  return { db, actor, requestId: null, ...TEST_KEYS, ...at };
}

/** The context of a sign-in step (no one signed in yet). */
export function visitorContext(
  db: Db,
  at: { now: Date } & Partial<Omit<VisitorContext, "db">>,
): VisitorContext {
  return { db, requestId: null, ...TEST_KEYS, ...at };
}
