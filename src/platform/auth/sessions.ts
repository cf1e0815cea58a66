import type { Db } from "../../db/database.ts";
import type { Membership, UserActor } from "../access/actor.ts";
import { randomToken, sha256 } from "./tokens.ts";

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

/** Creates a session; the caller puts the returned token in the cookie. */
export async function createSession(
  db: Db,
  userId: string,
  policy: SessionPolicy,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  await db
    .insertInto("user_session")
    .values({
      token_hash: sha256(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("user_session").where("token_hash", "=", sha256(token)).execute();
}

/**
 * The actor behind a session token, or undefined when the session is unknown,
 * idle for too long, past its absolute expiry, or its user is disabled.
 */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<UserActor | undefined> {
  const tokenHash = sha256(token);
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const session = await db
    .selectFrom("user_session")
    .innerJoin("app_user", "app_user.id", "user_session.user_id")
    .select([
      "user_session.user_id",
      "user_session.last_seen_at",
      "app_user.email",
      "app_user.display_name",
    ])
    .where("user_session.token_hash", "=", tokenHash)
    .where("user_session.expires_at", ">", now)
    .where("user_session.last_seen_at", ">", idleLimit)
    .where("app_user.is_active", "=", true)
    .executeTakeFirst();
  if (!session) return undefined;
  // Touch at most once a minute: a page with many requests writes once.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable("user_session")
      .set({ last_seen_at: now })
      .where("token_hash", "=", tokenHash)
      .execute();
  }
  return {
    kind: "user",
    userId: session.user_id,
    email: session.email,
    displayName: session.display_name,
    memberships: await loadMemberships(db, session.user_id),
  };
}

export async function loadMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["organisation.id", "organisation.name", "organisation.kind", "membership.role"])
    .where("membership.user_id", "=", userId)
    .orderBy("organisation.name")
    .orderBy("membership.role")
    .execute();
  return rows.map((row) => ({
    organisationId: row.id,
    organisationName: row.name,
    organisationKind: row.kind,
    role: row.role,
  }));
}

export async function purgeExpiredSessions(db: Db, policy: SessionPolicy, now: Date) {
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const result = await db
    .deleteFrom("user_session")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleLimit)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
