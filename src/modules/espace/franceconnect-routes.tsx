// /mon-espace/franceconnect: a resident signs in with FranceConnect (issue 15,
// decision 0016 amended), through the generic OIDC client. The flow (state,
// nonce, PKCE verifier) waits in a sealed HttpOnly cookie until the callback.

import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { OidcClient } from "../../platform/auth/oidc.ts";
import {
  finishOidcFlow,
  type OidcProblem,
  type OidcRoutesConfig,
  startOidcFlow,
} from "../../platform/auth/oidc-routes.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import { Alert, FranceConnectButton, Tag } from "../../platform/ui/components.tsx";
import {
  FRANCECONNECT,
  FRANCECONNECT_CALLBACK_PATH,
  FRANCECONNECT_LOGGED_OUT_PATH,
  FRANCECONNECT_START_PATH,
  franceConnectClient,
  recordFranceConnectRefusal,
  sessionIdToken,
  signInWithFranceConnect,
  type VerifiedIdentity,
} from "./franceconnect.ts";
import { RESIDENT_COOKIE, setResidentCookie, visitorContext } from "./session.ts";
import { safeSpacePath } from "./space-sign-in-routes.tsx";
import { frenchDay, SpacePage } from "./views.tsx";

export const franceConnectRoutes = new Hono<AppEnv>();

/** FranceConnect's client for this app; undefined when it is not configured. */
export function franceConnectFor(c: AppContext): OidcClient | undefined {
  return c.var.deps.franceConnect ?? franceConnectClient(c.var.deps.config);
}

/** The button on the sign-in and verification pages; nothing when FranceConnect is off. */
export function FranceConnectChoice({ c, retour }: { c: AppContext; retour?: string }) {
  if (!franceConnectFor(c)) return null;
  const target = safeSpacePath(retour);
  return (
    <section aria-labelledby="franceconnect-title">
      <h2 id="franceconnect-title">Avec FranceConnect</h2>
      <FranceConnectButton
        href={`${FRANCECONNECT_START_PATH}?retour=${encodeURIComponent(target)}`}
      />
    </section>
  );
}

/** « Vérifié par FranceConnect »: the names and birth date FranceConnect gave. */
export function VerifiedIdentityCard({ identity }: { identity: VerifiedIdentity | undefined }) {
  if (!identity) return null;
  const name = [identity.givenName, identity.familyName].filter(Boolean).join(" ");
  return (
    <section class="card" aria-labelledby="identite-title">
      <h2 id="identite-title">Mon identité</h2>
      <p>
        {name && <strong>{name}</strong>}
        {identity.birthdate && <>, né ou née le {frenchDay(identity.birthdate)}</>}
      </p>
      <p>
        <Tag kind="success">Vérifié par FranceConnect</Tag> le {frenchLongDate(identity.verifiedAt)}
        .
      </p>
    </section>
  );
}

function ProblemPage(c: AppContext, { title, message, status }: OidcProblem) {
  return c.html(
    <SpacePage c={c} title={title} errorTitle>
      <h1>{title}</h1>
      <Alert kind="error" title="La connexion avec FranceConnect n'a pas abouti">
        <p>{message}</p>
      </Alert>
      <p>
        <a href="/mon-espace/connexion">Revenir à la page de connexion</a> : vous pouvez aussi
        recevoir un code par SMS ou par courriel.
      </p>
    </SpacePage>,
    status,
  );
}

const FRANCECONNECT_FLOW: OidcRoutesConfig = {
  label: "FranceConnect",
  name: FRANCECONNECT,
  refusedWhere: "sur FranceConnect",
  otherWay: "ou recevez un code par SMS ou par courriel",
  client: franceConnectFor,
  flowCookie: "relais_oidc_franceconnect",
  cookiePath: FRANCECONNECT_START_PATH,
  callbackPath: FRANCECONNECT_CALLBACK_PATH,
  safeReturnPath: safeSpacePath,
  problemPage: ProblemPage,
  recordFailure: (c, error, now) =>
    recordFranceConnectRefusal({ ...visitorContext(c), now }, error),
};

franceConnectRoutes.get(FRANCECONNECT_START_PATH, (c) => startOidcFlow(c, FRANCECONNECT_FLOW));

franceConnectRoutes.get(FRANCECONNECT_CALLBACK_PATH, async (c) => {
  const finished = await finishOidcFlow(c, FRANCECONNECT_FLOW);
  if (finished instanceof Response) return finished;
  const { identity, returnPath, now } = finished;
  const session = await signInWithFranceConnect(
    { ...visitorContext(c), now },
    identity,
    getCookie(c, RESIDENT_COOKIE),
  );
  setResidentCookie(c, session.token, session.expiresAt);
  return c.redirect(
    session.created && returnPath === "/mon-espace" ? "/mon-espace?bienvenue=1" : returnPath,
    303,
  );
});

// Where FranceConnect sends the browser back after its own logout.
franceConnectRoutes.get(FRANCECONNECT_LOGGED_OUT_PATH, (c) =>
  c.redirect("/mon-espace?deconnecte=1", 303),
);

/**
 * At the resident's logout: FranceConnect's end_session address for a session
 * opened through it (read before the session is destroyed), else undefined.
 */
export async function franceConnectLogout(
  c: AppContext,
  sessionToken: string,
): Promise<URL | undefined> {
  const idToken = await sessionIdToken(c.var.db, sessionToken);
  const client = idToken ? franceConnectFor(c) : undefined;
  if (!client || !idToken) return undefined;
  return client.logoutUrl(idToken).catch(() => undefined);
}
