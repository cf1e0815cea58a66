// FranceConnect for residents (issue 15, decision 0016 and its amendment):
// the generic OIDC client of src/platform/auth/oidc.ts with FranceConnect's
// registration. The space is found by the FranceConnect subject, or created;
// never by the e-mail FranceConnect gives, even verified (no automatic merge).

import { sql } from "kysely";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/database.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import {
  createOidcClient,
  type OidcClient,
  type OidcIdentity,
  type OidcProviderConfig,
} from "../../platform/auth/oidc.ts";
import { randomToken, sha256 } from "../../platform/auth/tokens.ts";
import { espaceRules } from "./policy.ts";
import type { ResidentContext, VisitorContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import { destroyResidentSession, RESIDENT_SESSION } from "./space-sign-in.ts";

export const FRANCECONNECT = "franceconnect";
export const FRANCECONNECT_START_PATH = "/mon-espace/franceconnect";
export const FRANCECONNECT_CALLBACK_PATH = "/mon-espace/franceconnect/retour";
export const FRANCECONNECT_LOGGED_OUT_PATH = "/mon-espace/franceconnect/deconnecte";

/** The OIDC client's configuration for FranceConnect, from the environment; undefined when off. */
export function franceConnectProvider(
  config: Config,
  fetch?: OidcProviderConfig["fetch"],
): OidcProviderConfig | undefined {
  const settings = config.franceConnect;
  if (!settings) return undefined;
  return {
    name: FRANCECONNECT,
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: `${config.publicUrl}${FRANCECONNECT_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${config.publicUrl}${FRANCECONNECT_LOGGED_OUT_PATH}`,
    scopes: settings.scopes,
    // FranceConnect v2 signs its ID tokens and its userinfo responses.
    clientMetadata: {
      id_token_signed_response_alg: "RS256",
      userinfo_signed_response_alg: "RS256",
    },
    ...(fetch ? { fetch } : {}),
  };
}

const clients = new WeakMap<Config, OidcClient>();

/** One client per configuration (its discovery is fetched once); undefined when off. */
export function franceConnectClient(config: Config): OidcClient | undefined {
  const cached = clients.get(config);
  if (cached) return cached;
  const provider = franceConnectProvider(config);
  if (!provider) return undefined;
  const client = createOidcClient(provider);
  clients.set(config, client);
  return client;
}

/** The identity FranceConnect vouches for, as kept on the space. */
export type VerifiedIdentity = {
  givenName: string | null;
  familyName: string | null;
  birthdate: string | null;
  verifiedAt: Date;
};

function claim(identity: OidcIdentity, name: string): string | null {
  const value = identity.userinfo[name] ?? identity.claims[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, 200) : null;
}

/** A birth date as FranceConnect gives it (YYYY-MM-DD); anything else is not kept. */
function birthdate(identity: OidcIdentity): string | null {
  const value = claim(identity, "birthdate");
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/**
 * Opens a resident session for a checked FranceConnect identity: the space
 * of its subject, or a new one. The names and birth date are stored as
 * verified. A space whose verified e-mail is the one FranceConnect gives is
 * NOT joined (decision 0016, amendment): the person adds their contacts.
 */
export async function signInWithFranceConnect(
  ctx: Pick<VisitorContext, "db" | "now" | "requestId">,
  identity: OidcIdentity,
  previousToken: string | undefined,
): Promise<{ token: string; expiresAt: Date; espaceId: string; created: boolean }> {
  const { db } = ctx;
  if (previousToken) await destroyResidentSession(db, previousToken);
  const names = {
    verified_given_name: claim(identity, "given_name"),
    verified_family_name: claim(identity, "family_name"),
    verified_birthdate: birthdate(identity),
    identity_verified_at: ctx.now,
  };
  return db.transaction().execute(async (tx) => {
    const found = await tx
      .selectFrom("espace_identifier")
      .select(["id", "espace_id"])
      .where("kind", "=", FRANCECONNECT)
      .where("value", "=", identity.subject)
      .executeTakeFirst();
    let identifier = found;
    if (!identifier) {
      const espace = await tx
        .insertInto("espace")
        .values({ created_at: ctx.now, last_active_at: ctx.now, ...names })
        .returning("id")
        .executeTakeFirstOrThrow();
      identifier = await tx
        .insertInto("espace_identifier")
        .values({
          espace_id: espace.id,
          kind: FRANCECONNECT,
          value: identity.subject,
          verified_at: ctx.now,
        })
        .returning(["id", "espace_id"])
        .executeTakeFirstOrThrow();
    } else {
      await tx
        .updateTable("espace")
        .set({ last_active_at: ctx.now, inactivity_warned_at: null, ...names })
        .where("id", "=", identifier.espace_id)
        .execute();
      await tx
        .updateTable("espace_identifier")
        .set({ verified_at: ctx.now })
        .where("id", "=", identifier.id)
        .execute();
    }
    const token = randomToken();
    const expiresAt = new Date(ctx.now.getTime() + RESIDENT_SESSION.absoluteHours * 3_600_000);
    await tx
      .insertInto("espace_session")
      .values({
        token_hash: sha256(token),
        espace_id: identifier.espace_id,
        identifier_id: identifier.id,
        method: FRANCECONNECT,
        created_at: ctx.now,
        last_seen_at: ctx.now,
        expires_at: expiresAt,
        // FranceConnect has just checked the person: sensitive actions are open.
        reverified_at: ctx.now,
        id_token: identity.idToken,
      })
      .execute();
    await auditSpace(tx, "system", ctx, {
      action: "espace.franceconnect.signedIn",
      espaceId: identifier.espace_id,
      subjectType: "espace",
      subjectId: identifier.espace_id,
      details: {
        by: "resident",
        method: FRANCECONNECT,
        created: !found,
        acr: identity.acr ?? null,
      },
    });
    return { token, expiresAt, espaceId: identifier.espace_id, created: !found };
  });
}

/** A FranceConnect answer that could not be checked: audited without a person. */
export async function recordFranceConnectRefusal(
  ctx: Pick<VisitorContext, "db" | "now" | "requestId">,
  failure: { reason: string; detail: string },
): Promise<void> {
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: "espace.franceconnect.refused",
      subjectType: "espace",
      details: { by: "resident", reason: failure.reason, detail: failure.detail.slice(0, 500) },
      requestId: ctx.requestId ?? null,
      at: ctx.now,
    }),
  );
}

/** The ID token of a FranceConnect session (its logout needs it); undefined for a code session. */
export async function sessionIdToken(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("espace_session")
    .select("id_token")
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  return row?.id_token ?? undefined;
}

/** The identity FranceConnect vouched for, or undefined when the space has none. */
export async function myVerifiedIdentity(
  ctx: ResidentContext,
): Promise<VerifiedIdentity | undefined> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const espaceId = actor.espaceId;
  const row = await db
    .selectFrom("espace")
    .select([
      "verified_given_name",
      "verified_family_name",
      // As text (YYYY-MM-DD): the driver would make a date a midnight instant.
      sql<string | null>`verified_birthdate::text`.as("verified_birthdate"),
      "identity_verified_at",
    ])
    .where("id", "=", espaceId)
    .executeTakeFirst();
  if (!row?.identity_verified_at) return undefined;
  return {
    givenName: row.verified_given_name,
    familyName: row.verified_family_name,
    birthdate: row.verified_birthdate,
    verifiedAt: row.identity_verified_at,
  };
}
