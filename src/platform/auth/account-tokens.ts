import type { Db, Tx } from "../../db/database.ts";
import type { Role } from "../access/roles.ts";
import { recordAudit } from "../audit/audit.ts";
import { Gone, NotFound } from "../errors.ts";
import { randomToken, sha256 } from "./tokens.ts";

/** An invitation link lives 72 hours; a password-reset link one hour (issue 19). */
export const INVITATION_VALIDITY_HOURS = 72;
export const RESET_VALIDITY_HOURS = 1;

export type TokenPurpose = "invitation" | "password_reset";

export type AccountToken = {
  id: string;
  purpose: TokenPurpose;
  userId: string;
  organisationId: string | null;
  roles: Role[];
  expiresAt: Date;
};

/**
 * Writes a single-use link for `userId` and returns the token to put in it;
 * only its SHA-256 is stored, so that a copy of the database opens nothing.
 */
export async function issueAccountToken(
  tx: Tx,
  input: {
    purpose: TokenPurpose;
    userId: string;
    organisationId?: string | null;
    roles?: Role[];
    createdBy?: string | null;
  },
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const hours = input.purpose === "invitation" ? INVITATION_VALIDITY_HOURS : RESET_VALIDITY_HOURS;
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await tx
    .insertInto("account_token")
    .values({
      purpose: input.purpose,
      token_hash: sha256(token),
      user_id: input.userId,
      organisation_id: input.organisationId ?? null,
      roles: input.roles ?? [],
      created_by: input.createdBy ?? null,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

const REFUSALS: Record<TokenPurpose, { unknown: string; used: string; expired: string }> = {
  invitation: {
    unknown:
      "Ce lien d'invitation n'est pas valide. Vérifiez que vous avez copié le lien en entier, ou demandez une nouvelle invitation.",
    used: "Ce lien d'invitation a déjà servi ou a été remplacé par une invitation plus récente. Si vous avez déjà choisi votre mot de passe, connectez-vous.",
    expired:
      "Ce lien d'invitation a expiré (il est valable 72 heures). Demandez une nouvelle invitation à la personne qui vous a invité.",
  },
  password_reset: {
    unknown:
      "Ce lien de réinitialisation n'est pas valide. Vérifiez que vous avez copié le lien en entier, ou faites une nouvelle demande.",
    used: "Ce lien de réinitialisation a déjà servi ou a été remplacé par une demande plus récente. Faites une nouvelle demande si besoin.",
    expired:
      "Ce lien de réinitialisation a expiré (il est valable une heure). Faites une nouvelle demande.",
  },
};

/**
 * The link's token if it may still be used; NotFound (404) for a token that
 * was never issued (forged, cut), Gone (410) for a used, replaced or expired
 * one — that refusal is audited on the account it belongs to. With a
 * transaction, the row is locked until commit: two clicks cannot both use it.
 */
export async function requireUsableToken(
  db: Db,
  purpose: TokenPurpose,
  token: string,
  now: Date,
  options: { lock?: Tx; requestId?: string | null } = {},
): Promise<AccountToken> {
  let query = (options.lock ?? db)
    .selectFrom("account_token")
    .select(["id", "user_id", "organisation_id", "roles", "expires_at", "used_at", "revoked_at"])
    .where("token_hash", "=", sha256(token))
    .where("purpose", "=", purpose);
  if (options.lock) query = query.forUpdate();
  const row = token.length > 0 && token.length <= 100 ? await query.executeTakeFirst() : undefined;
  const refusals = REFUSALS[purpose];
  if (!row) throw new NotFound(refusals.unknown);
  const reason = row.used_at || row.revoked_at ? "used" : row.expires_at <= now ? "expired" : null;
  if (reason) {
    await auditRefusedLink(db, purpose, row.user_id, reason, now, options.requestId ?? null);
    throw new Gone(refusals[reason]);
  }
  return {
    id: row.id,
    purpose,
    userId: row.user_id,
    organisationId: row.organisation_id,
    roles: row.roles,
    expiresAt: row.expires_at,
  };
}

async function auditRefusedLink(
  db: Db,
  purpose: TokenPurpose,
  userId: string,
  reason: "used" | "expired",
  now: Date,
  requestId: string | null,
) {
  // Its own transaction, not the caller's: the refusal is kept though the caller's work rolls back.
  await db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: purpose === "invitation" ? "auth.invitation.refused" : "auth.password.reset_refused",
      subjectType: "user",
      subjectId: userId,
      details: { reason },
      requestId,
      at: now,
    }),
  );
}

/** Marks the token used (inside the caller's transaction, after requireUsableToken with lock). */
export async function markTokenUsed(tx: Tx, tokenId: string, now: Date): Promise<void> {
  await tx.updateTable("account_token").set({ used_at: now }).where("id", "=", tokenId).execute();
}

/** Withdraws the user's links of one purpose still unused (a newer one replaces them). */
export async function revokeTokens(
  tx: Tx,
  where: { userId: string; purpose: TokenPurpose; organisationId?: string },
  now: Date,
): Promise<void> {
  let query = tx
    .updateTable("account_token")
    .set({ revoked_at: now })
    .where("user_id", "=", where.userId)
    .where("purpose", "=", where.purpose)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null);
  if (where.organisationId) query = query.where("organisation_id", "=", where.organisationId);
  await query.execute();
}
