// /mon-espace/franceconnect: a resident signs in with FranceConnect (issue 15,
// decision 0016 amended), through the generic OIDC client. The flow (state,
// nonce, PKCE verifier) waits in a sealed HttpOnly cookie until the callback.
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { OidcClient } from "../../platform/auth/oidc.ts";
import { OIDC_FLOW_MINUTES, OidcError, openFlow, sealFlow } from "../../platform/auth/oidc.ts";
import { deriveKey } from "../../platform/crypto/sealed-box.ts";
import { NotFound } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
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
import { RESIDENT_COOKIE, setResidentCookie } from "./session.ts";
import { safeSpacePath } from "./sign-in-routes.tsx";
import { frenchDate, SpacePage } from "./views.tsx";

export const franceConnectRoutes = new Hono<AppEnv>();

const FLOW_COOKIE = "relais_oidc_franceconnect";

/** FranceConnect's client for this app; undefined when it is not configured. */
export function franceConnectFor(c: AppContext): OidcClient | undefined {
  return c.var.deps.franceConnect ?? franceConnectClient(c.var.deps.config);
}

function requireFranceConnect(c: AppContext): OidcClient {
  const client = franceConnectFor(c);
  if (!client) throw new NotFound();
  return client;
}

function flowKey(c: AppContext): Buffer {
  return deriveKey(c.var.deps.config.secret, "oidc-flow");
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
        {identity.birthdate && <>, né ou née le {frenchDate(identity.birthdate)}</>}
      </p>
      <p>
        <Tag kind="success">Vérifié par FranceConnect</Tag> le {frenchDate(identity.verifiedAt)}.
      </p>
    </section>
  );
}

function ProblemPage({
  c,
  title,
  message,
  status,
}: {
  c: AppContext;
  title: string;
  message: string;
  status: 400 | 503;
}) {
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

franceConnectRoutes.get(FRANCECONNECT_START_PATH, async (c) => {
  const client = requireFranceConnect(c);
  const now = c.var.deps.now();
  try {
    const { url, flow } = await client.startSignIn(safeSpacePath(c.req.query("retour")), now);
    setCookie(c, FLOW_COOKIE, sealFlow(flowKey(c), FRANCECONNECT, flow), {
      httpOnly: true,
      // Lax: FranceConnect sends the browser back with a top-level GET.
      sameSite: "Lax",
      secure: c.var.deps.config.publicUrl.startsWith("https:"),
      path: FRANCECONNECT_START_PATH,
      maxAge: OIDC_FLOW_MINUTES * 60,
    });
    return c.redirect(url.href, 303);
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    c.var.logger.warn("franceconnect unreachable", {
      requestId: c.var.requestId,
      detail: error.detail,
    });
    return ProblemPage({
      c,
      title: "FranceConnect ne répond pas",
      message: "Réessayez dans quelques minutes, ou recevez un code par SMS ou par courriel.",
      status: 503,
    });
  }
});

const FAILURE_MESSAGES: Record<OidcError["reason"], string> = {
  flow_missing:
    "Votre demande de connexion a expiré ou ne vient pas de ce navigateur. Recommencez depuis la page de connexion.",
  state_mismatch:
    "La réponse reçue ne correspond pas à votre demande de connexion. Recommencez depuis la page de connexion.",
  provider_error: "La connexion a été annulée ou refusée sur FranceConnect.",
  invalid_response:
    "La réponse de FranceConnect n'a pas pu être vérifiée. Recommencez depuis la page de connexion.",
  unreachable: "FranceConnect ne répond pas. Réessayez dans quelques minutes.",
};

franceConnectRoutes.get(FRANCECONNECT_CALLBACK_PATH, async (c) => {
  const client = requireFranceConnect(c);
  const { deps } = c.var;
  const now = deps.now();
  const context = { now, requestId: c.var.requestId };
  const flowCookie = getCookie(c, FLOW_COOKIE);
  const flow = openFlow(flowKey(c), FRANCECONNECT, flowCookie, now);
  // Single use: the flow cookie goes whatever the outcome.
  deleteCookie(c, FLOW_COOKIE, { path: FRANCECONNECT_START_PATH });
  const callbackUrl = new URL(`${deps.config.publicUrl}${FRANCECONNECT_CALLBACK_PATH}`);
  callbackUrl.search = new URL(c.req.url).search;

  let identity: Awaited<ReturnType<OidcClient["finishSignIn"]>>;
  try {
    if (!flow) throw new OidcError("flow_missing", "no valid flow cookie");
    identity = await client.finishSignIn(callbackUrl, flow);
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    // Without any flow cookie the callback was not started here: logged, not
    // audited (anyone could fill the audit trail by calling this address).
    if (!flowCookie) {
      c.var.logger.warn("franceconnect callback without flow", { requestId: c.var.requestId });
    } else {
      await recordFranceConnectRefusal(deps.db, error, context);
    }
    return ProblemPage({
      c,
      title: "Connexion impossible",
      message: FAILURE_MESSAGES[error.reason],
      status: error.reason === "unreachable" ? 503 : 400,
    });
  }

  const session = await signInWithFranceConnect(
    deps.db,
    identity,
    getCookie(c, RESIDENT_COOKIE),
    context,
  );
  setResidentCookie(c, session.token, session.expiresAt);
  const retour = safeSpacePath(flow.returnPath);
  return c.redirect(
    session.created && retour === "/mon-espace" ? "/mon-espace?bienvenue=1" : retour,
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
