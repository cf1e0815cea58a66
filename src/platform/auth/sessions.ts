import { z } from "zod";
import type { Db, Tx } from "../../db/database.ts";
import type { SessionStage } from "../../db/foundation-tables.ts";
import type { Membership, UserActor } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { NotFound } from "../errors.ts";
import type { UserContext } from "../http/context.ts";
import { randomToken, sha256 } from "./tokens.ts";

export const SESSION_COOKIE = "relais_session";

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

/** How and from where a session was opened: the device and address are shown to its user. */
export type SessionOrigin = {
  userAgent?: string | undefined;
  clientAddress?: string | undefined;
  method?: "password" | "proconnect";
  /** The assurance level the OpenID provider gave (decision 0015). */
  acr?: string | null;
  /** Kept for the provider's logout (id_token_hint). */
  idToken?: string | null;
};

/** A half-signed session lives this long: time to type a code, or to enrol. */
export const PENDING_SESSION_MINUTES = 10;

/**
 * Creates a session; the caller puts the returned token in the cookie. A
 * session at another stage than "complete" signs nobody in (resolveSession
 * ignores it): only the second-factor pages read it.
 */
export async function createSession(
  db: Db | Tx,
  userId: string,
  policy: SessionPolicy,
  now: Date,
  origin: SessionOrigin & { stage?: SessionStage } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const stage = origin.stage ?? "complete";
  const lifetimeMs =
    stage === "complete" ? policy.absoluteHours * 3_600_000 : PENDING_SESSION_MINUTES * 60_000;
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await db
    .insertInto("user_session")
    .values({
      token_hash: sha256(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      user_agent: origin.userAgent?.slice(0, 512) ?? null,
      client_address: origin.clientAddress?.slice(0, 100) ?? null,
      stage,
      method: origin.method ?? "password",
      acr: origin.acr ?? null,
      id_token: origin.idToken ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** A half-signed session: the password was right, the second factor is still due. */
export type PendingSession = {
  userId: string;
  stage: Exclude<SessionStage, "complete">;
  email: string;
  displayName: string;
};

export async function findPendingSession(
  db: Db | Tx,
  token: string,
  now: Date,
): Promise<PendingSession | undefined> {
  const row = await db
    .selectFrom("user_session")
    .innerJoin("app_user", "app_user.id", "user_session.user_id")
    .select([
      "user_session.user_id",
      "user_session.stage",
      "app_user.email",
      "app_user.display_name",
    ])
    .where("user_session.token_hash", "=", sha256(token))
    .where("user_session.stage", "!=", "complete")
    .where("user_session.expires_at", ">", now)
    .where("app_user.is_active", "=", true)
    .executeTakeFirst();
  if (!row || row.stage === "complete") return undefined;
  return {
    userId: row.user_id,
    stage: row.stage,
    email: row.email,
    displayName: row.display_name,
  };
}

/** The ID token kept with a session opened through an OpenID provider, for its logout. */
export async function findSessionIdToken(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("user_session")
    .select("id_token")
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  return row?.id_token ?? undefined;
}

export async function destroySession(db: Db | Tx, token: string): Promise<void> {
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
    .where("user_session.stage", "=", "complete")
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
    // A deactivated organisation gives its members nothing (issue 19).
    .where("organisation.is_active", "=", true)
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

export type ActiveSession = {
  id: string;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
};

/** The user's sessions still alive at `now`, the most recently used first. */
export async function listActiveSessions(
  ctx: Pick<UserContext, "db" | "actor" | "now">,
  currentToken: string | undefined,
  policy: SessionPolicy,
): Promise<ActiveSession[]> {
  const { db, now } = ctx;
  const userId = ctx.actor.userId;
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const currentHash = currentToken ? sha256(currentToken) : "";
  const rows = await db
    .selectFrom("user_session")
    .select(["id", "token_hash", "user_agent", "client_address", "created_at", "last_seen_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .where("last_seen_at", ">", idleLimit)
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userAgent: row.user_agent,
    clientAddress: row.client_address,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    isCurrent: row.token_hash === currentHash,
  }));
}

/** Ends one of the user's own sessions; false when it is not theirs (or gone). */
export async function endSession(db: Db | Tx, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("user_session")
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * A signed-in user ends one of their own sessions, audited; NotFound when it
 * is not theirs, already gone, or not a session id at all.
 */
export async function endOwnSession(ctx: UserContext, sessionId: string): Promise<void> {
  const { db, actor } = ctx;
  // A malformed id is a session that does not exist (same answer), not a form error.
  const ended = z.uuid().safeParse(sessionId).success
    ? await db.transaction().execute(async (tx) => {
        const done = await endSession(tx, actor.userId, sessionId);
        if (done) {
          await recordAudit(tx, {
            actor: { userId: actor.userId, organisationId: null },
            action: "auth.session.ended",
            subjectType: "user",
            subjectId: actor.userId,
            details: { sessionId },
            requestId: ctx.requestId,
            at: ctx.now,
          });
        }
        return done;
      })
    : false;
  if (!ended) throw new NotFound("Cette session n'existe pas ou est déjà terminée.");
}

/** Ends every session of the users, at once (deactivation, password reset). */
export async function endAllSessions(db: Db | Tx, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const result = await db
    .deleteFrom("user_session")
    .where("user_id", "in", [...userIds])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
