import { recordAudit } from "../audit/audit.ts";
import { Invalid, TooManyRequests, Unauthenticated } from "../errors.ts";
import type { ServiceContext, UserContext } from "../http/context.ts";
import { hitRateLimit, isRateLimited, type RateLimit } from "../http/rate-limit.ts";
import { queueMail } from "../mail/outbox.ts";
import {
  issueAccountToken,
  markTokenUsed,
  RESET_VALIDITY_HOURS,
  requireUsableToken,
  revokeTokens,
} from "./account-tokens.ts";
import { passwordProblem } from "./password-rules.ts";
import { hashPassword, verifyDecoy, verifyPassword } from "./passwords.ts";
import { endAllSessions } from "./sessions.ts";
import { sha256 } from "./tokens.ts";

/**
 * Requests count whether or not the address has an account: 3 an hour for
 * one address (a mailbox is not flooded), 20 an hour from one client (one
 * client cannot probe or spam many addresses).
 */
export const RESET_LIMIT_PER_ACCOUNT: RateLimit = { limit: 3, windowSeconds: 3600 };
export const RESET_LIMIT_PER_CLIENT: RateLimit = { limit: 20, windowSeconds: 3600 };

/** The one answer, whether an account exists or not. */
export const RESET_REQUESTED =
  "Si un compte existe pour cette adresse, nous venons d'y envoyer un lien pour choisir un nouveau mot de passe. Il est valable une heure. Pensez à regarder dans les courriers indésirables.";

/**
 * Sends a reset link to the address if it belongs to an active account with
 * a password, and does the same work (a token drawn and hashed, the same
 * rate-limit writes) when it does not, so that neither the answer nor its
 * time tells whether an account exists.
 */
export async function requestPasswordReset(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId"> & { publicUrl: string },
  input: { email: string; clientAddress: string },
): Promise<void> {
  const { db, now } = ctx;
  const email = input.email.trim().toLowerCase();
  const limits = [
    [`reset:account:${sha256(email)}`, RESET_LIMIT_PER_ACCOUNT],
    [`reset:client:${input.clientAddress}`, RESET_LIMIT_PER_CLIENT],
  ] as const;
  for (const [key, limit] of limits) {
    const { limited, retryAfterSeconds } = await isRateLimited(db, key, limit, now);
    if (limited) {
      const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
      throw new TooManyRequests(
        `Trop de demandes de réinitialisation. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
        retryAfterSeconds,
      );
    }
  }
  for (const [key, limit] of limits) await hitRateLimit(db, key, limit, now);
  const user = await db
    .selectFrom("app_user")
    .select(["id", "display_name", "password_hash", "is_active"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .executeTakeFirst();
  if (!user?.password_hash || !user.is_active) {
    // The argon2 work the other branch does: the answer takes as long either way.
    await verifyDecoy(email);
    return;
  }
  await verifyDecoy(email);
  await db.transaction().execute(async (tx) => {
    await revokeTokens(tx, { userId: user.id, purpose: "password_reset" }, now);
    const { token } = await issueAccountToken(
      tx,
      { purpose: "password_reset", userId: user.id },
      now,
    );
    await queueMail(
      tx,
      {
        to: input.email.trim(),
        subject: "Choisir un nouveau mot de passe Relais",
        text: [
          `Bonjour ${user.display_name},`,
          "",
          "Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte Relais.",
          "Pour choisir un nouveau mot de passe, ouvrez ce lien :",
          `${ctx.publicUrl}/mot-de-passe/nouveau?jeton=${token}`,
          "",
          `Ce lien ne sert qu'une fois et reste valable ${RESET_VALIDITY_HOURS} heure.`,
          "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.",
        ].join("\n"),
      },
      now,
    );
    await recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: "auth.password.reset_requested",
      subjectType: "user",
      subjectId: user.id,
      requestId: ctx.requestId,
      at: now,
    });
  });
}

/** The account a reset link is for (to check the password against), or NotFound / Gone. */
export async function viewPasswordReset(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  token: string,
): Promise<{ email: string }> {
  const { db, now, requestId } = ctx;
  const reset = await requireUsableToken(db, "password_reset", token, now, { requestId });
  return db
    .selectFrom("app_user")
    .select("email")
    .where("id", "=", reset.userId)
    .executeTakeFirstOrThrow();
}

/**
 * Sets the new password from a reset link: single use, the password rules
 * apply, and every session of the account ends (whoever held one is out).
 */
export async function resetPassword(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  input: { token: string; password: string },
): Promise<{ userId: string }> {
  const { db, now } = ctx;
  return db.transaction().execute(async (tx) => {
    const reset = await requireUsableToken(db, "password_reset", input.token, now, {
      lock: tx,
      requestId: ctx.requestId,
    });
    const user = await tx
      .selectFrom("app_user")
      .select(["id", "email", "display_name"])
      .where("id", "=", reset.userId)
      .executeTakeFirstOrThrow();
    const problem = passwordProblem(input.password, {
      email: user.email,
      displayName: user.display_name,
    });
    if (problem) throw new Invalid({ password: problem });
    await tx
      .updateTable("app_user")
      .set({ password_hash: await hashPassword(input.password) })
      .where("id", "=", user.id)
      .execute();
    await markTokenUsed(tx, reset.id, now);
    await revokeTokens(tx, { userId: user.id, purpose: "password_reset" }, now);
    const ended = await endAllSessions(tx, [user.id]);
    await recordAudit(tx, {
      actor: { userId: user.id, organisationId: null },
      action: "auth.password.reset",
      subjectType: "user",
      subjectId: user.id,
      details: { sessionsEnded: ended },
      requestId: ctx.requestId ?? null,
      at: now,
    });
    return { userId: user.id };
  });
}

/**
 * A signed-in user changes their password: the current one is asked again,
 * the rules apply, and their other sessions end (this one stays).
 */
export async function changePassword(
  ctx: UserContext,
  input: { currentPassword: string; newPassword: string; currentSessionToken?: string | undefined },
): Promise<void> {
  const { db, actor: user } = ctx;
  const row = await db
    .selectFrom("app_user")
    .select(["password_hash"])
    .where("id", "=", user.userId)
    .executeTakeFirst();
  if (!row) throw new Unauthenticated();
  const valid = row.password_hash
    ? await verifyPassword(row.password_hash, input.currentPassword)
    : await verifyDecoy(input.currentPassword);
  if (!valid) throw new Invalid({ currentPassword: "Le mot de passe actuel n'est pas le bon." });
  const problem = passwordProblem(input.newPassword, user);
  if (problem) throw new Invalid({ newPassword: problem });
  const keep = input.currentSessionToken ? sha256(input.currentSessionToken) : "";
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("app_user")
      .set({ password_hash: await hashPassword(input.newPassword) })
      .where("id", "=", user.userId)
      .execute();
    const ended = await tx
      .deleteFrom("user_session")
      .where("user_id", "=", user.userId)
      .where("token_hash", "<>", keep)
      .executeTakeFirst();
    await recordAudit(tx, {
      actor: { userId: user.userId, organisationId: null },
      action: "auth.password.changed",
      subjectType: "user",
      subjectId: user.userId,
      details: { otherSessionsEnded: Number(ended.numDeletedRows) },
      requestId: ctx.requestId ?? null,
      at: ctx.now,
    });
  });
}
