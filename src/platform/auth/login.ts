import type { Db } from "../../db/database.ts";
import type { Role } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { TooManyRequests } from "../errors.ts";
import type { ServiceContext } from "../http/context.ts";
import { clearRateLimit, hitRateLimit, isRateLimited, type RateLimit } from "../http/rate-limit.ts";
import { verifyDecoy, verifyPassword } from "./passwords.ts";
import { requiresSecondFactor } from "./policy.ts";
import { hasSecondFactor } from "./second-factor.ts";
import { createSession, destroySession, type SessionPolicy } from "./sessions.ts";
import { sha256 } from "./tokens.ts";

/**
 * Failed attempts only: a successful sign-in counts for nothing, so an office
 * behind one address never locks itself out. Past 5 failures on an account
 * its sign-in waits until the 15-minute window ends (never for good); past
 * 100 failures from one address (a password-spraying client), that address waits.
 */
export const LOGIN_LIMIT_PER_ACCOUNT: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const LOGIN_LIMIT_PER_ADDRESS: RateLimit = { limit: 100, windowSeconds: 15 * 60 };

export type LoginInput = {
  email: string;
  password: string;
  clientAddress: string;
  userAgent?: string | undefined;
  /** The session the browser had before: destroyed, so that login rotates the id. */
  previousToken?: string | undefined;
  /** Roles that need a second factor (config.secondFactorRoles). */
  secondFactorRoles: readonly Role[];
};

export type LoginResult =
  | {
      ok: true;
      userId: string;
      token: string;
      expiresAt: Date;
      /** "complete": signed in; otherwise a half-signed session, the second factor still due. */
      stage: "complete" | "second_factor" | "enrolment";
    }
  | { ok: false };

/**
 * Checks the credentials and opens a new session. Failures count against the
 * account and the client address; past either limit, TooManyRequests is
 * thrown before the password is even checked.
 */
export async function login(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  input: LoginInput,
  policy: SessionPolicy,
): Promise<LoginResult> {
  const { db, now } = ctx;
  const email = input.email.trim().toLowerCase();
  const accountKey = `login:account:${sha256(email)}`;
  const addressKey = `login:address:${input.clientAddress}`;
  const limits = [
    [accountKey, LOGIN_LIMIT_PER_ACCOUNT],
    [addressKey, LOGIN_LIMIT_PER_ADDRESS],
  ] as const;
  for (const [key, limit] of limits) {
    const { limited, retryAfterSeconds } = await isRateLimited(db, key, limit, now);
    if (limited) {
      const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
      throw new TooManyRequests(
        `Trop de tentatives de connexion. Pour protéger votre compte, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
        retryAfterSeconds,
      );
    }
  }

  const user = await db
    .selectFrom("app_user")
    .select(["id", "password_hash", "is_active", "is_demo"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .executeTakeFirst();
  const valid =
    user?.password_hash && user.is_active
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyDecoy(input.password);
  if (!user || !valid) {
    for (const [key, limit] of limits) await hitRateLimit(db, key, limit, now);
    if (user) {
      await db.transaction().execute((tx) =>
        recordAudit(tx, {
          actor: { userId: user.id, organisationId: null },
          action: "session.login_failed",
          subjectType: "user",
          subjectId: user.id,
          requestId: ctx.requestId,
          at: now,
        }),
      );
    }
    return { ok: false };
  }

  if (input.previousToken) await destroySession(db, input.previousToken);
  await clearRateLimit(db, accountKey);
  const stage = await secondFactorStage(db, user, input.secondFactorRoles);
  if (stage !== "complete") {
    // Half-signed: nothing opens until the code is given (second-factor-routes.tsx).
    const pending = await createSession(db, user.id, policy, now, {
      stage,
      userAgent: input.userAgent,
      clientAddress: input.clientAddress,
    });
    await db.transaction().execute((tx) =>
      recordAudit(tx, {
        actor: { userId: user.id, organisationId: null },
        action: "session.password_accepted",
        subjectType: "user",
        subjectId: user.id,
        details: { secondFactor: stage },
        requestId: ctx.requestId,
        at: now,
      }),
    );
    return { ok: true, userId: user.id, stage, ...pending };
  }
  const session = await createSession(db, user.id, policy, now, {
    userAgent: input.userAgent,
    clientAddress: input.clientAddress,
  });
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("app_user")
      .set({ last_login_at: now })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(tx, {
      actor: { userId: user.id, organisationId: null },
      action: "session.login",
      subjectType: "user",
      subjectId: user.id,
      requestId: ctx.requestId,
      at: now,
    });
  });
  return { ok: true, userId: user.id, stage, ...session };
}

/** Whether the password is enough, or a code is due (enrolled), or an enrolment (required, none yet). */
export async function secondFactorStage(
  db: Db,
  user: { id: string; is_demo: boolean },
  requiredFor: readonly Role[],
): Promise<"complete" | "second_factor" | "enrolment"> {
  if (await hasSecondFactor(db, user.id)) return "second_factor";
  const memberships = await db
    .selectFrom("membership")
    .select("role")
    .where("user_id", "=", user.id)
    .execute();
  const subject = { roles: memberships.map((row) => row.role), isDemo: user.is_demo };
  return requiresSecondFactor(subject, requiredFor) ? "enrolment" : "complete";
}

/**
 * The second factor was given: the half-signed session is replaced by a full
 * one (a new token: the id rotates again), and the sign-in is recorded.
 */
export async function completeSignIn(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  input: {
    pendingToken: string;
    userId: string;
    /** How the second factor was given. */
    secondFactor: "totp" | "recovery" | "enrolled";
  },
  policy: SessionPolicy,
): Promise<{ token: string; expiresAt: Date }> {
  const { db, now } = ctx;
  return db.transaction().execute(async (tx) => {
    // The full session keeps the device and address the password came from.
    const pending = await tx
      .selectFrom("user_session")
      .select(["user_agent", "client_address"])
      .where("token_hash", "=", sha256(input.pendingToken))
      .executeTakeFirst();
    await destroySession(tx, input.pendingToken);
    const session = await createSession(tx, input.userId, policy, now, {
      userAgent: pending?.user_agent ?? undefined,
      clientAddress: pending?.client_address ?? undefined,
    });
    await tx
      .updateTable("app_user")
      .set({ last_login_at: now })
      .where("id", "=", input.userId)
      .execute();
    await recordAudit(tx, {
      actor: { userId: input.userId, organisationId: null },
      action: "session.login",
      subjectType: "user",
      subjectId: input.userId,
      details: { secondFactor: input.secondFactor },
      requestId: ctx.requestId,
      at: now,
    });
    return session;
  });
}
