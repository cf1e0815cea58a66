// Signing in without a password (decision 0016): the person gives a mobile
// number or an e-mail address, receives a 6-digit code, types it. The answer
// is the same whether or not a space exists for that contact: there is no
// account to create, the space is created once a contact is verified. The
// same codes re-verify a signed-in person before a sensitive action.
import type { Db, Tx } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { randomToken, sha256 } from "../../platform/auth/tokens.ts";
import { TooManyRequests } from "../../platform/errors.ts";
import { hitRateLimit, type RateLimit } from "../../platform/http/rate-limit.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { queueSms } from "../../platform/mail/sms.ts";
import { CODE_MAX_ATTEMPTS, CODE_VALID_MINUTES, codeMatches, hashCode, newCode } from "./codes.ts";
import type { Contact } from "./identifiers.ts";
import type { ResidentContext, VisitorContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import type { CodePurpose } from "./tables.ts";

/** Shorter than a professional's session: a shared or lost phone stays open less long. */
export const RESIDENT_SESSION = { idleMinutes: 30, absoluteHours: 12 };

/** Codes sent to one contact, and asked from one client address, per hour. */
export const CODES_PER_DESTINATION: RateLimit = { limit: 5, windowSeconds: 3600 };
export const CODES_PER_ADDRESS: RateLimit = { limit: 30, windowSeconds: 3600 };

const TOO_MANY =
  "Trop de codes ont été demandés. Pour vous protéger, attendez une heure avant d'en demander un autre.";

/** Sending and checking codes: the database, the instant and the server secret. */
type CodeContext = Pick<VisitorContext, "db" | "now" | "requestId" | "secret">;

/**
 * Sends a code to `contact` (SMS for a phone, e-mail otherwise) and returns
 * the challenge's token, which the browser keeps in a cookie. Rate-limited per
 * destination and per client address, whether or not a space exists.
 */
export async function sendCode(
  ctx: CodeContext,
  request: {
    contact: Contact;
    purpose: CodePurpose;
    espaceId?: string | undefined;
    clientAddress: string;
  },
): Promise<{ challengeToken: string }> {
  const { db } = ctx;
  const limits = [
    [
      `espace-code:to:${sha256(`${request.contact.kind}:${request.contact.value}`)}`,
      CODES_PER_DESTINATION,
    ],
    [`espace-code:from:${request.clientAddress}`, CODES_PER_ADDRESS],
  ] as const;
  for (const [key, limit] of limits) {
    const { limited, retryAfterSeconds } = await hitRateLimit(db, key, limit, ctx.now);
    if (limited) throw new TooManyRequests(TOO_MANY, retryAfterSeconds);
  }
  const code = newCode();
  const challengeToken = randomToken();
  const id = crypto.randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("espace_code")
      .values({
        id,
        token_hash: sha256(challengeToken),
        purpose: request.purpose,
        kind: request.contact.kind,
        destination: request.contact.value,
        espace_id: request.espaceId ?? null,
        code_hash: hashCode(ctx.secret, id, code),
        created_at: ctx.now,
        expires_at: new Date(ctx.now.getTime() + CODE_VALID_MINUTES * 60_000),
      })
      .execute();
    await deliverCode(tx, request.contact, code, ctx.now);
  });
  return { challengeToken };
}

async function deliverCode(tx: Tx, contact: Contact, code: string, now: Date) {
  if (contact.kind === "phone") {
    await queueSms(
      tx,
      {
        to: contact.value,
        text: `Relais : votre code est ${code}. Il est valable ${CODE_VALID_MINUTES} minutes. Ne le donnez à personne.`,
      },
      now,
    );
    return;
  }
  await queueMail(
    tx,
    {
      to: contact.value,
      subject: `Votre code Relais : ${code}`,
      text: [
        "Bonjour,",
        "",
        `Votre code pour ouvrir votre espace Relais est : ${code}`,
        "",
        `Il est valable ${CODE_VALID_MINUTES} minutes. Ne le donnez à personne : aucun professionnel ne vous le demandera.`,
        "Si vous n'avez rien demandé, ne faites rien : personne ne pourra entrer sans ce code.",
      ].join("\n"),
    },
    now,
  );
}

/** Where a challenge is sent, to say so on the page (masked there). */
export async function findChallenge(
  ctx: Pick<VisitorContext, "db" | "now">,
  challengeToken: string,
) {
  const { db, now } = ctx;
  return db
    .selectFrom("espace_code")
    .select(["kind", "destination", "purpose", "espace_id"])
    .where("token_hash", "=", sha256(challengeToken))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

export type CodeCheck =
  | { ok: true; contact: Contact; purpose: CodePurpose; espaceId: string | null }
  | { ok: false; reason: "expired" }
  | { ok: false; reason: "wrong"; attemptsLeft: number };

/**
 * Checks a typed code. Every try counts, first (a wrong code spends one of
 * the 5); a right one is spent at once (one use). An unknown, expired, spent
 * or exhausted challenge answers "expired": ask for a new code.
 */
export async function checkCode(
  ctx: CodeContext,
  challengeToken: string,
  code: string,
): Promise<CodeCheck> {
  const { db } = ctx;
  const tokenHash = sha256(challengeToken);
  const challenge = await db
    .updateTable("espace_code")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", ctx.now)
    .where("attempts", "<", CODE_MAX_ATTEMPTS)
    .returning(["id", "code_hash", "attempts", "kind", "destination", "purpose", "espace_id"])
    .executeTakeFirst();
  if (!challenge) return { ok: false, reason: "expired" };
  if (!codeMatches(ctx.secret, challenge.id, code, challenge.code_hash)) {
    return { ok: false, reason: "wrong", attemptsLeft: CODE_MAX_ATTEMPTS - challenge.attempts };
  }
  const spent = await db
    .updateTable("espace_code")
    .set({ used_at: ctx.now })
    .where("id", "=", challenge.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) === 0) return { ok: false, reason: "expired" };
  return {
    ok: true,
    contact: { kind: challenge.kind, value: challenge.destination },
    purpose: challenge.purpose,
    espaceId: challenge.espace_id,
  };
}

/**
 * Opens a session for a verified contact: its space, created now if it had
 * none. The previous session of this browser is closed (rotation).
 */
export async function signIn(
  ctx: Pick<VisitorContext, "db" | "now" | "requestId">,
  contact: Contact,
  previousToken: string | undefined,
): Promise<{ token: string; expiresAt: Date; espaceId: string; created: boolean }> {
  const { db } = ctx;
  if (previousToken) await destroyResidentSession(db, previousToken);
  return db.transaction().execute(async (tx) => {
    const found = await tx
      .selectFrom("espace_identifier")
      .select(["id", "espace_id"])
      .where("kind", "=", contact.kind)
      .where("value", "=", contact.value)
      .executeTakeFirst();
    let identifier = found;
    if (!identifier) {
      const espace = await tx
        .insertInto("espace")
        .values({ created_at: ctx.now, last_active_at: ctx.now })
        .returning("id")
        .executeTakeFirstOrThrow();
      identifier = await tx
        .insertInto("espace_identifier")
        .values({
          espace_id: espace.id,
          kind: contact.kind,
          value: contact.value,
          verified_at: ctx.now,
        })
        .returning(["id", "espace_id"])
        .executeTakeFirstOrThrow();
    } else {
      await tx
        .updateTable("espace")
        .set({ last_active_at: ctx.now, inactivity_warned_at: null })
        .where("id", "=", identifier.espace_id)
        .execute();
    }
    const method = contact.kind === "phone" ? "code_sms" : "code_email";
    const token = randomToken();
    const expiresAt = new Date(ctx.now.getTime() + RESIDENT_SESSION.absoluteHours * 3_600_000);
    await tx
      .insertInto("espace_session")
      .values({
        token_hash: sha256(token),
        espace_id: identifier.espace_id,
        identifier_id: identifier.id,
        method,
        created_at: ctx.now,
        last_seen_at: ctx.now,
        expires_at: expiresAt,
        reverified_at: ctx.now,
      })
      .execute();
    await auditSpace(tx, "system", ctx, {
      action: found ? "espace.sign_in" : "espace.create",
      espaceId: identifier.espace_id,
      subjectType: "espace",
      subjectId: identifier.espace_id,
      details: { by: "resident", method },
    });
    return { token, expiresAt, espaceId: identifier.espace_id, created: !found };
  });
}

/** A fresh code was entered: sensitive actions are open for a few minutes. */
export async function markReverified(ctx: ResidentContext, sessionToken: string): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("espace_session")
      .set({ reverified_at: ctx.now })
      .where("token_hash", "=", sha256(sessionToken))
      .where("espace_id", "=", actor.espaceId)
      .execute();
    await auditSpace(tx, actor, ctx, {
      action: "espace.reverify",
      espaceId: actor.espaceId,
      subjectType: "espace",
      subjectId: actor.espaceId,
    });
  });
}

export async function destroyResidentSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("espace_session").where("token_hash", "=", sha256(token)).execute();
}

/** The resident behind a session token, or undefined (unknown, idle too long, past its end). */
export async function resolveResidentSession(
  db: Db,
  token: string,
  now: Date,
): Promise<ResidentActor | undefined> {
  const tokenHash = sha256(token);
  const idleLimit = new Date(now.getTime() - RESIDENT_SESSION.idleMinutes * 60_000);
  const session = await db
    .selectFrom("espace_session as s")
    .leftJoin("espace_identifier as i", "i.id", "s.identifier_id")
    .select(["s.espace_id", "s.method", "s.last_seen_at", "s.reverified_at", "i.kind", "i.value"])
    .where("s.token_hash", "=", tokenHash)
    .where("s.expires_at", ">", now)
    .where("s.last_seen_at", ">", idleLimit)
    .executeTakeFirst();
  if (!session) return undefined;
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable("espace_session")
      .set({ last_seen_at: now })
      .where("token_hash", "=", tokenHash)
      .execute();
    await db
      .updateTable("espace")
      .set({ last_active_at: now })
      .where("id", "=", session.espace_id)
      .execute();
  }
  return {
    kind: "resident",
    espaceId: session.espace_id,
    verifiedAt: session.reverified_at,
    method: session.method,
    // A FranceConnect session has no contact to send a code to.
    contact:
      (session.kind === "email" || session.kind === "phone") && session.value
        ? { kind: session.kind, value: session.value }
        : undefined,
  };
}

export async function purgeResidentSessions(db: Db, now: Date): Promise<void> {
  const idleLimit = new Date(now.getTime() - RESIDENT_SESSION.idleMinutes * 60_000);
  await db
    .deleteFrom("espace_session")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleLimit)]))
    .execute();
  await db.deleteFrom("espace_code").where("expires_at", "<=", now).execute();
}
