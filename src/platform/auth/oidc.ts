import * as oidc from "openid-client";
import { open, seal } from "../crypto/sealed-box.ts";

/**
 * A generic OpenID Connect client (authorization code flow with PKCE S256,
 * `state` and `nonce`) over the maintained `openid-client` library. ProConnect
 * uses it for professionals; FranceConnect can use it for residents with its
 * own configuration. Decision 0015.
 */
export type OidcProviderConfig = {
  /** A short name: "proconnect"; it names the sign-in cookie and the audit details. */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Our callback, registered with the provider. */
  redirectUri: string;
  /** Where the provider sends the browser back after its logout (registered too). */
  postLogoutRedirectUri?: string;
  /** Space-separated, "openid" first. */
  scopes: string;
  /** Added to the authorization request: acr_values, claims, prompt… */
  extraAuthorizationParameters?: Record<string, string>;
  /** Client metadata beyond the defaults (ProConnect signs its userinfo: userinfo_signed_response_alg). */
  clientMetadata?: Partial<oidc.ClientMetadata>;
  /** Tests only: the requests to the provider go through this fetch. */
  fetch?: oidc.CustomFetch;
};

/** What the browser must bring back to the callback: kept in a sealed cookie, never in the URL. */
export type OidcFlow = {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go once signed in (a local path). */
  returnPath: string;
  /** Milliseconds since the epoch (from the injected clock): the flow is refused after. */
  expiresAt: number;
};

/** A signed-in identity: the ID token's claims, checked, and the userinfo. */
export type OidcIdentity = {
  subject: string;
  email: string | undefined;
  emailVerified: boolean | undefined;
  /** The assurance level (acr claim of the ID token). */
  acr: string | undefined;
  idToken: string;
  claims: Record<string, unknown>;
  userinfo: Record<string, unknown>;
};

export type OidcFailure =
  /** The flow cookie is missing, expired or was altered. */
  | "flow_missing"
  /** The `state` returned is not the one sent: a forged or crossed callback. */
  | "state_mismatch"
  /** The provider answered with an error (the person cancelled, access refused). */
  | "provider_error"
  /** The code exchange or an ID token check failed (signature, issuer, audience, expiry, nonce, replayed code). */
  | "invalid_response"
  /** The provider could not be reached or its discovery document is wrong. */
  | "unreachable";

export class OidcError extends Error {
  override name = "OidcError";
  constructor(
    readonly reason: OidcFailure,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** A sign-in flow stays open this long: time to type a password at the provider. */
export const OIDC_FLOW_MINUTES = 10;

export type OidcClient = {
  readonly name: string;
  /** The provider's authorization URL and the flow to keep (sealed) until the callback. */
  startSignIn(returnPath: string, now: Date): Promise<{ url: URL; flow: OidcFlow }>;
  /** Handles the callback URL: state, code exchange, ID token checks, userinfo. Throws OidcError. */
  finishSignIn(callbackUrl: URL, flow: OidcFlow): Promise<OidcIdentity>;
  /** The provider's logout URL, or undefined when it has no end_session_endpoint. */
  logoutUrl(idToken: string): Promise<URL | undefined>;
};

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export function createOidcClient(config: OidcProviderConfig): OidcClient {
  let discovered: Promise<oidc.Configuration> | undefined;

  function configuration(): Promise<oidc.Configuration> {
    discovered ??= (async () => {
      const issuer = new URL(config.issuer);
      const execute = [oidc.enableNonRepudiationChecks];
      // Plain HTTP only for a provider on this machine (the tests' provider).
      if (issuer.protocol === "http:" && isLoopback(issuer)) {
        execute.push(oidc.allowInsecureRequests);
      }
      return oidc.discovery(
        issuer,
        config.clientId,
        { client_secret: config.clientSecret, ...config.clientMetadata },
        oidc.ClientSecretPost(config.clientSecret),
        { execute, ...(config.fetch ? { [oidc.customFetch]: config.fetch } : {}) },
      );
    })().catch((error: unknown) => {
      discovered = undefined; // try again at the next sign-in
      throw new OidcError("unreachable", String(error));
    });
    return discovered;
  }

  return {
    name: config.name,

    async startSignIn(returnPath, now) {
      const server = await configuration();
      const flow: OidcFlow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnPath,
        expiresAt: now.getTime() + OIDC_FLOW_MINUTES * 60_000,
      };
      const url = oidc.buildAuthorizationUrl(server, {
        ...config.extraAuthorizationParameters,
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: "S256",
      });
      return { url, flow };
    },

    async finishSignIn(callbackUrl, flow) {
      const server = await configuration();
      const providerError = callbackUrl.searchParams.get("error");
      if (callbackUrl.searchParams.get("state") !== flow.state) {
        throw new OidcError("state_mismatch", "state differs from the one sent");
      }
      if (providerError) throw new OidcError("provider_error", providerError);
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(server, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new OidcError("invalid_response", describe(error));
      }
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new OidcError("invalid_response", "no ID token");
      let userinfo: Record<string, unknown>;
      try {
        userinfo = await oidc.fetchUserInfo(server, tokens.access_token, claims.sub);
      } catch (error) {
        throw new OidcError("invalid_response", `userinfo: ${describe(error)}`);
      }
      const email = typeof userinfo.email === "string" ? userinfo.email : claims.email;
      const verified = userinfo.email_verified ?? claims.email_verified;
      return {
        subject: claims.sub,
        email: typeof email === "string" ? email : undefined,
        emailVerified: typeof verified === "boolean" ? verified : undefined,
        acr: typeof claims.acr === "string" ? claims.acr : undefined,
        idToken: tokens.id_token,
        claims: { ...claims },
        userinfo,
      };
    },

    async logoutUrl(idToken) {
      const server = await configuration();
      if (!server.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(server, {
        id_token_hint: idToken,
        state: oidc.randomState(),
        ...(config.postLogoutRedirectUri
          ? { post_logout_redirect_uri: config.postLogoutRedirectUri }
          : {}),
      });
    },
  };
}

/** The error's code and message, and its cause's (openid-client wraps oauth4webapi's precise one). */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const { code, error: oauthError } = current as { code?: unknown; error?: unknown };
    const label = oauthError ?? code;
    parts.push(label ? `${String(label)}: ${current.message}` : current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(" ← ") : String(error);
}

/** The flow, sealed (AES-256-GCM) for an HttpOnly cookie. */
export function sealFlow(key: Buffer, providerName: string, flow: OidcFlow): string {
  return seal(key, Buffer.from(JSON.stringify(flow), "utf8"), `oidc-flow:${providerName}`).toString(
    "base64url",
  );
}

/** The flow back from its cookie; undefined when absent, altered or expired at `now`. */
export function openFlow(
  key: Buffer,
  providerName: string,
  value: string | undefined,
  now: Date,
): OidcFlow | undefined {
  if (!value) return undefined;
  const plain = open(key, Buffer.from(value, "base64url"), `oidc-flow:${providerName}`);
  if (!plain) return undefined;
  try {
    const flow = JSON.parse(plain.toString("utf8")) as OidcFlow;
    return typeof flow.expiresAt === "number" && flow.expiresAt > now.getTime() ? flow : undefined;
  } catch {
    return undefined;
  }
}
