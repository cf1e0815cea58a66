import type { Config } from "../../config.ts";
import type { Db } from "../../db/database.ts";
import { recordAudit } from "../audit/audit.ts";
import type { ServiceContext } from "../http/context.ts";
import { acceptPendingInvitations } from "./invitations.ts";
import {
  createOidcClient,
  type OidcClient,
  type OidcIdentity,
  type OidcProviderConfig,
} from "./oidc.ts";
import { createSession, destroySession, type SessionPolicy } from "./sessions.ts";

/**
 * ProConnect, the State's OpenID Connect federation for professionals
 * (docs/proconnect.md, decision 0015): it signs in an existing account,
 * found by the provider's subject, or the first time by its verified e-mail.
 * It never creates one: accounts come from an invitation.
 */
export const PROCONNECT = "proconnect";

export const PROCONNECT_CALLBACK_PATH = "/connexion/proconnect/retour";
export const PROCONNECT_LOGGED_OUT_PATH = "/connexion/proconnect/deconnecte";

/** The OIDC client's configuration for ProConnect, from the environment; undefined when off. */
export function proConnectProvider(
  config: Config,
  fetch?: OidcProviderConfig["fetch"],
): OidcProviderConfig | undefined {
  const settings = config.proConnect;
  if (!settings) return undefined;
  return {
    name: PROCONNECT,
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: `${config.publicUrl}${PROCONNECT_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${config.publicUrl}${PROCONNECT_LOGGED_OUT_PATH}`,
    scopes: settings.scopes,
    ...(settings.acrValues
      ? { extraAuthorizationParameters: { acr_values: settings.acrValues } }
      : {}),
    // ProConnect signs its ID tokens and its userinfo responses (RS256).
    clientMetadata: {
      id_token_signed_response_alg: "RS256",
      userinfo_signed_response_alg: "RS256",
    },
    ...(fetch ? { fetch } : {}),
  };
}

const clients = new WeakMap<Config, OidcClient>();

/** One client per configuration (its discovery is fetched once); undefined when ProConnect is off. */
export function proConnectClient(config: Config): OidcClient | undefined {
  const cached = clients.get(config);
  if (cached) return cached;
  const provider = proConnectProvider(config);
  if (!provider) return undefined;
  const client = createOidcClient(provider);
  clients.set(config, client);
  return client;
}

export type ProConnectRefusal =
  /** No active account has this e-mail: an invitation is needed first. */
  | "unknown_email"
  /** The account exists but is deactivated. */
  | "inactive"
  /** The provider says the e-mail is not verified (or gave none). */
  | "email_unverified"
  /** The account is already linked to another ProConnect identity. */
  | "linked_elsewhere";

export type ProConnectSignIn =
  | { ok: true; userId: string; token: string; expiresAt: Date; linked: boolean }
  | { ok: false; reason: ProConnectRefusal };

type SignInOptions = {
  policy: SessionPolicy;
  previousToken: string | undefined;
  /** The browser and address, shown on the user's list of sessions. */
  userAgent?: string | undefined;
  clientAddress?: string | undefined;
};

/**
 * Signs in the account behind a checked ProConnect identity: by its subject,
 * or the first time by its e-mail (case-insensitive), which the federation's
 * identity providers verify (an explicit `email_verified: false` is refused).
 * An invited account without a password can be linked. Audited either way.
 */
export async function signInWithProConnect(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  identity: OidcIdentity,
  options: SignInOptions,
): Promise<ProConnectSignIn> {
  const { db, now } = ctx;
  const outcome = await findAccount(db, identity);
  if (!outcome.ok) {
    await db.transaction().execute((tx) =>
      recordAudit(tx, {
        actor: { userId: outcome.userId ?? null, organisationId: null },
        action: "auth.proconnect.refused",
        subjectType: "user",
        subjectId: outcome.userId ?? null,
        details: {
          reason: outcome.reason,
          subject: identity.subject,
          email: identity.email ?? null,
          acr: identity.acr ?? null,
        },
        requestId: ctx.requestId,
        at: now,
      }),
    );
    return { ok: false, reason: outcome.reason };
  }
  const { userId, linked } = outcome;
  if (options.previousToken) await destroySession(db, options.previousToken);
  const session = await db.transaction().execute(async (tx) => {
    if (linked) {
      await tx
        .insertInto("user_identity")
        .values({
          provider: PROCONNECT,
          subject: identity.subject,
          user_id: userId,
          created_at: now,
          last_used_at: now,
        })
        .execute();
    } else {
      await tx
        .updateTable("user_identity")
        .set({ last_used_at: now })
        .where("provider", "=", PROCONNECT)
        .where("subject", "=", identity.subject)
        .execute();
    }
    await tx.updateTable("app_user").set({ last_login_at: now }).where("id", "=", userId).execute();
    // Signing in with ProConnect answers the invitations waiting for this account.
    await acceptPendingInvitations(tx, userId, {
      now,
      requestId: ctx.requestId,
      via: "proconnect",
    });
    const created = await createSession(tx, userId, options.policy, now, {
      method: "proconnect",
      userAgent: options.userAgent,
      clientAddress: options.clientAddress,
      acr: identity.acr ?? null,
      idToken: identity.idToken,
    });
    await recordAudit(tx, {
      actor: { userId, organisationId: null },
      action: "auth.proconnect.signedIn",
      subjectType: "user",
      subjectId: userId,
      details: { acr: identity.acr ?? null, linkedNow: linked },
      requestId: ctx.requestId,
      at: now,
    });
    return created;
  });
  return { ok: true, userId, linked, ...session };
}

type AccountLookup =
  | { ok: true; userId: string; linked: boolean }
  | { ok: false; reason: ProConnectRefusal; userId?: string };

async function findAccount(db: Db, identity: OidcIdentity): Promise<AccountLookup> {
  const known = await db
    .selectFrom("user_identity")
    .innerJoin("app_user", "app_user.id", "user_identity.user_id")
    .select(["app_user.id", "app_user.is_active"])
    .where("user_identity.provider", "=", PROCONNECT)
    .where("user_identity.subject", "=", identity.subject)
    .executeTakeFirst();
  if (known) {
    return known.is_active
      ? { ok: true, userId: known.id, linked: false }
      : { ok: false, reason: "inactive", userId: known.id };
  }
  if (!identity.email || identity.emailVerified === false) {
    return { ok: false, reason: "email_unverified" };
  }
  const email = identity.email.trim().toLowerCase();
  const user = await db
    .selectFrom("app_user")
    .leftJoin("user_identity", (join) =>
      join
        .onRef("user_identity.user_id", "=", "app_user.id")
        .on("user_identity.provider", "=", PROCONNECT),
    )
    .select(["app_user.id", "app_user.is_active", "user_identity.subject"])
    .where((eb) => eb(eb.fn("lower", ["app_user.email"]), "=", email))
    .executeTakeFirst();
  if (!user) return { ok: false, reason: "unknown_email" };
  if (!user.is_active) return { ok: false, reason: "inactive", userId: user.id };
  if (user.subject) return { ok: false, reason: "linked_elsewhere", userId: user.id };
  return { ok: true, userId: user.id, linked: true };
}
