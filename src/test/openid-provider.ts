import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A person known to the test provider: the claims it gives about them. */
export type TestAccount = {
  email: string;
  email_verified?: boolean;
  given_name?: string;
  usual_name?: string;
  /** FranceConnect's claims (residents). */
  family_name?: string;
  birthdate?: string;
  siret?: string;
  uid?: string;
};

export type TestOpenIdProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next interaction signs in (the provider's login page, played by the test). */
  signInAs(subject: string): void;
  close(): Promise<void>;
};

/**
 * A real OpenID provider (the `oidc-provider` package) on loopback, with one
 * client shaped like ProConnect's (or FranceConnect's) registration: code flow with PKCE, signed
 * ID tokens and userinfo (RS256), RP-initiated logout, the acr `eidas1`.
 * Its login step is played programmatically: the interaction signs in the
 * account chosen with `signInAs` and consent is implied.
 */
export async function startTestOpenIdProvider(input: {
  redirectUri: string;
  postLogoutRedirectUri: string;
  accounts: Record<string, TestAccount>;
  /** Another registration's name (FranceConnect's client beside ProConnect's). */
  clientId?: string;
}): Promise<TestOpenIdProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = input.clientId ?? "relais-test";
  const clientSecret = "relais-test-secret-0123456789abcdef0123456789";
  const scopes = [
    "openid",
    "email",
    "given_name",
    "usual_name",
    "siret",
    "uid",
    "family_name",
    "birthdate",
  ];
  let subject: string | undefined;

  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "jwk",
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [input.redirectUri],
        post_logout_redirect_uris: [input.postLogoutRedirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "test-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["test-provider-cookie-key-0123456789"] },
    claims: {
      email: ["email", "email_verified"],
      given_name: ["given_name"],
      usual_name: ["usual_name"],
      siret: ["siret"],
      uid: ["uid"],
      family_name: ["family_name"],
      birthdate: ["birthdate"],
    },
    scopes,
    acrValues: ["eidas1"],
    pkce: { required: () => true },
    ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Plain pages: the defaults load a web font from the network.
        async logoutSource(ctx, form) {
          ctx.body = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Déconnexion du fournisseur de test</title></head><body><main><h1>Se déconnecter du fournisseur de test ?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Oui, me déconnecter</button></main></body></html>`;
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Déconnecté</title></head><body><main><h1>Déconnecté</h1></main></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = input.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // Consent is implied for the test client: no consent page.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope(scopes.join(" "));
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  async function interaction(request: IncomingMessage, response: ServerResponse) {
    await provider.interactionDetails(request, response);
    if (!subject) throw new Error("signInAs() n'a pas été appelé");
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: subject, acr: "eidas1", amr: ["pwd"] } },
      { mergeWithLastSubmission: false },
    );
  }

  server.on("request", (request, response) => {
    if (request.url?.startsWith("/interaction/")) {
      interaction(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
      return;
    }
    callback(request, response);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(next) {
      subject = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A browser's trip through the provider: follows its redirects with fetch,
 * keeping its cookies, until one leads back to `until` (Relais). Returns that
 * address, or throws with the page where the trip stopped.
 */
export async function followProvider(
  start: string,
  until: string,
  jar = new Map<string, string>(),
) {
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(until)) return url;
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const index = pair.indexOf("=");
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const location = response.headers.get("location");
    if (!location) {
      throw new Error(
        `Le fournisseur s'est arrêté sur ${url} (${response.status}) : ${await response.text()}`,
      );
    }
    url = new URL(location, url).href;
  }
  throw new Error("Trop de redirections chez le fournisseur");
}
