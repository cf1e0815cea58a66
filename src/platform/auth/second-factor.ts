import { randomInt } from "node:crypto";
import type { Db, Tx } from "../../db/database.ts";
import { authorize } from "../access/policy.ts";
import type { AuditAction } from "../audit/actions.ts";
import { recordAudit } from "../audit/audit.ts";
import { deriveKey, open, seal } from "../crypto/sealed-box.ts";
import { NotFound, TooManyRequests } from "../errors.ts";
import type { ServiceContext, UserContext } from "../http/context.ts";
import { hitRateLimit, isRateLimited, type RateLimit } from "../http/rate-limit.ts";
import { authRules } from "./policy.ts";
import { sha256 } from "./tokens.ts";
import { matchTotpStep, newTotpSecret } from "./totp.ts";

/**
 * Five wrong codes for one account, and that account's second factor waits
 * until the 15-minute window ends: a 6-digit code then takes years to guess.
 * An address gets a little more room (an office signs several people in).
 */
export const SECOND_FACTOR_LIMIT_PER_USER: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const SECOND_FACTOR_LIMIT_PER_ADDRESS: RateLimit = { limit: 20, windowSeconds: 15 * 60 };

export const RECOVERY_CODE_COUNT = 10;

/** The key that encrypts TOTP secrets, derived from the documents' key (decision 0015). */
export function secondFactorKey(documentsKey: Buffer): Buffer {
  return deriveKey(documentsKey, "totp-secret");
}

function sealSecret(key: Buffer, userId: string, secret: string): Buffer {
  return seal(key, Buffer.from(secret, "utf8"), `totp:${userId}`);
}

function openSecret(key: Buffer, userId: string, box: Buffer): string {
  const plain = open(key, box, `totp:${userId}`);
  // A secret that does not open is a wrong key or an altered row: never a code to accept.
  if (!plain) throw new Error("Le secret du second facteur ne peut pas être déchiffré");
  return plain.toString("utf8");
}

export async function hasSecondFactor(db: Db | Tx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("user_second_factor")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The secret being enrolled: the one drawn earlier when the page is shown
 * again (a reload must not change the QR code already scanned), a new one
 * otherwise. Never for an account whose second factor is already confirmed.
 */
export async function enrolmentSecret(
  ctx: Pick<ServiceContext, "db" | "now">,
  userId: string,
  key: Buffer,
): Promise<string> {
  const { db, now } = ctx;
  const existing = await db
    .selectFrom("user_second_factor")
    .select(["secret_encrypted", "confirmed_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (existing?.confirmed_at) throw new NotFound();
  if (existing) return openSecret(key, userId, existing.secret_encrypted);
  const secret = newTotpSecret();
  await db
    .insertInto("user_second_factor")
    .values({ user_id: userId, secret_encrypted: sealSecret(key, userId, secret), created_at: now })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  return secret;
}

/** Who gives a code, and from where: the limits count per account and per address. */
export type CodeCheck = {
  userId: string;
  code: string;
  clientAddress: string;
};

/** What the code checks take first: the request's database, instant and id (for the audit trail). */
export type SecondFactorContext = Pick<ServiceContext, "db" | "now" | "requestId">;

async function assertNotLimited(db: Db, keys: [string, RateLimit][], now: Date) {
  for (const [limitKey, limit] of keys) {
    const { limited, retryAfterSeconds } = await isRateLimited(db, limitKey, limit, now);
    if (limited) {
      const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
      throw new TooManyRequests(
        `Trop de codes incorrects. Pour protéger votre compte, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
        retryAfterSeconds,
      );
    }
  }
}

function limitKeys(check: CodeCheck): [string, RateLimit][] {
  return [
    [`second-factor:user:${check.userId}`, SECOND_FACTOR_LIMIT_PER_USER],
    [`second-factor:address:${check.clientAddress}`, SECOND_FACTOR_LIMIT_PER_ADDRESS],
  ];
}

async function countFailure(ctx: SecondFactorContext, check: CodeCheck, action: AuditAction) {
  const { db, now } = ctx;
  for (const [limitKey, limit] of limitKeys(check)) await hitRateLimit(db, limitKey, limit, now);
  await db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor: { userId: check.userId, organisationId: null },
      action,
      subjectType: "user",
      subjectId: check.userId,
      requestId: ctx.requestId,
      at: now,
    }),
  );
}

/** Ten codes of 10 characters from an alphabet without look-alikes (~50 bits each). */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Confirms the enrolment with a first code: the secret becomes the account's
 * second factor and ten recovery codes are drawn, returned once (only their
 * hashes are kept). Undefined when the code is wrong (counted as a failure).
 */
export async function confirmEnrolment(
  ctx: SecondFactorContext,
  key: Buffer,
  check: CodeCheck,
): Promise<string[] | undefined> {
  const { db, now } = ctx;
  await assertNotLimited(db, limitKeys(check), now);
  const row = await db
    .selectFrom("user_second_factor")
    .select(["secret_encrypted", "confirmed_at"])
    .where("user_id", "=", check.userId)
    .executeTakeFirst();
  if (!row || row.confirmed_at) throw new NotFound();
  const step = matchTotpStep(openSecret(key, check.userId, row.secret_encrypted), check.code, now);
  if (step === undefined) {
    await countFailure(ctx, check, "auth.secondFactor.enrolmentFailed");
    return undefined;
  }
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("user_second_factor")
      .set({ confirmed_at: now, last_used_step: step })
      .where("user_id", "=", check.userId)
      .execute();
    await replaceRecoveryCodes(tx, check.userId, codes, now);
    await recordAudit(tx, {
      actor: { userId: check.userId, organisationId: null },
      action: "auth.secondFactor.enrolled",
      subjectType: "user",
      subjectId: check.userId,
      requestId: ctx.requestId,
      at: now,
    });
  });
  return codes;
}

async function replaceRecoveryCodes(tx: Tx, userId: string, codes: string[], now: Date) {
  await tx.deleteFrom("user_recovery_code").where("user_id", "=", userId).execute();
  await tx
    .insertInto("user_recovery_code")
    .values(
      codes.map((code) => ({
        user_id: userId,
        code_hash: sha256(normaliseRecoveryCode(code)),
        created_at: now,
      })),
    )
    .execute();
}

/**
 * Draws ten new recovery codes for a signed-in person, the old ones ceasing
 * to work, once a current code of the application is given (a recovery code
 * is not enough: whoever holds the list alone must not renew it). Undefined
 * when the code is wrong (counted like any failure, same limits).
 */
export async function renewRecoveryCodes(
  ctx: SecondFactorContext,
  key: Buffer,
  check: CodeCheck,
): Promise<string[] | undefined> {
  const { db, now } = ctx;
  if (!/^\d[\d\s]*$/.test(check.code.trim())) {
    await assertNotLimited(db, limitKeys(check), now);
    await countFailure(ctx, check, "auth.secondFactor.failed");
    return undefined;
  }
  if ((await verifySecondFactor(ctx, key, check)) !== "totp") return undefined;
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (tx) => {
    await replaceRecoveryCodes(tx, check.userId, codes, now);
    await recordAudit(tx, {
      actor: { userId: check.userId, organisationId: null },
      action: "auth.secondFactor.recoveryCodesRenewed",
      subjectType: "user",
      subjectId: check.userId,
      requestId: ctx.requestId,
      at: now,
    });
  });
  return codes;
}

/**
 * Checks a code from the application, or a recovery code (each used once).
 * A code already accepted in its time step is refused (replay). Past the
 * limits, TooManyRequests is thrown before the code is even looked at.
 */
export async function verifySecondFactor(
  ctx: SecondFactorContext,
  key: Buffer,
  check: CodeCheck,
): Promise<"totp" | "recovery" | undefined> {
  const { db, now } = ctx;
  await assertNotLimited(db, limitKeys(check), now);
  const row = await db
    .selectFrom("user_second_factor")
    .select(["secret_encrypted", "last_used_step"])
    .where("user_id", "=", check.userId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  const code = check.code.trim();
  let accepted: "totp" | "recovery" | undefined;
  if (/^\d[\d\s]*$/.test(code)) {
    const step = matchTotpStep(openSecret(key, check.userId, row.secret_encrypted), code, now);
    if (step !== undefined) {
      // Taken only if no later step was used: two requests with one code, one wins.
      const taken = await db
        .updateTable("user_second_factor")
        .set({ last_used_step: step })
        .where("user_id", "=", check.userId)
        .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) accepted = "totp";
    }
  } else {
    const used = await db
      .updateTable("user_recovery_code")
      .set({ used_at: now })
      .where("user_id", "=", check.userId)
      .where("code_hash", "=", sha256(normaliseRecoveryCode(code)))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 1) accepted = "recovery";
  }
  if (!accepted) {
    await countFailure(ctx, check, "auth.secondFactor.failed");
    return undefined;
  }
  return accepted;
}

export async function remainingRecoveryCodes(db: Db | Tx, userId: string): Promise<number> {
  const row = await db
    .selectFrom("user_recovery_code")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export type SecondFactorAccount = {
  userId: string;
  email: string;
  displayName: string;
  enrolledAt: Date | null;
};

/** An account and its second factor, for the administrator who may reset it (audited). */
export async function requireSecondFactorAccount(
  ctx: UserContext,
  userId: string,
): Promise<SecondFactorAccount> {
  const { db, actor } = ctx;
  // Authorized before the lookup: a refused actor learns nothing of which accounts exist.
  authorize(actor, authRules.resetSecondFactor, { userId });
  return db.transaction().execute(async (tx) => {
    const account = await findAccount(tx, userId);
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: null },
      action: "auth.secondFactor.viewed",
      subjectType: "user",
      subjectId: account.userId,
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return account;
  });
}

async function findAccount(db: Db | Tx, userId: string): Promise<SecondFactorAccount> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new NotFound();
  const row = await db
    .selectFrom("app_user")
    .leftJoin("user_second_factor", "user_second_factor.user_id", "app_user.id")
    .select([
      "app_user.id",
      "app_user.email",
      "app_user.display_name",
      "user_second_factor.confirmed_at",
    ])
    .where("app_user.id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return {
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    enrolledAt: row.confirmed_at,
  };
}

/**
 * An administrator removes a person's second factor and recovery codes (a
 * lost phone): at their next sign-in with a password they enrol again.
 */
export async function resetSecondFactor(ctx: UserContext, userId: string): Promise<void> {
  const { db, actor } = ctx;
  authorize(actor, authRules.resetSecondFactor, { userId });
  await db.transaction().execute(async (tx) => {
    const account = await findAccount(tx, userId);
    await tx.deleteFrom("user_second_factor").where("user_id", "=", account.userId).execute();
    await tx.deleteFrom("user_recovery_code").where("user_id", "=", account.userId).execute();
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: null },
      action: "auth.secondFactor.reset",
      subjectType: "user",
      subjectId: account.userId,
      details: { wasEnrolled: account.enrolledAt !== null },
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
}
