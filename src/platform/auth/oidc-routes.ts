// The two halves of an OpenID Connect sign-in, written once for every
// provider (ProConnect for professionals, FranceConnect for residents): the
// start route seals the flow (state, nonce, PKCE verifier) in an HttpOnly
// cookie scoped to the provider's path and sends the browser to the
// provider; the callback opens that cookie once, lets the client check the
// answer, and maps every failure to a French page. What follows a verified
// identity (whose session, which cookie, where to go) stays with the caller.
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { deriveKey } from "../crypto/sealed-box.ts";
import { NotFound } from "../errors.ts";
import type { AppContext } from "../http/context.ts";
import {
  OIDC_FLOW_MINUTES,
  type OidcClient,
  OidcError,
  type OidcIdentity,
  openFlow,
  sealFlow,
} from "./oidc.ts";

/** A problem page: the provider cannot be reached, or the sign-in failed. */
export interface OidcProblem {
  readonly kind: "unreachable" | "failed";
  readonly title: string;
  readonly message: string;
  readonly status: 400 | 503;
}

export interface OidcRoutesConfig {
  /** The provider's name as people read it: « ProConnect », « FranceConnect ». */
  readonly label: string;
  /** Its id (sealFlow's associated data, the logs' prefix): « proconnect ». */
  readonly name: string;
  /** How the provider refused, in the refusal message: « par ProConnect », « sur FranceConnect ». */
  readonly refusedWhere: string;
  /** The other way to sign in, ending « Réessayez dans quelques minutes, … ». */
  readonly otherWay: string;
  /** The provider's client, undefined when it is not configured (the routes answer 404). */
  readonly client: (c: AppContext) => OidcClient | undefined;
  readonly flowCookie: string;
  /** The flow cookie's path: the start route's, the callback lies under it. */
  readonly cookiePath: string;
  readonly callbackPath: string;
  /** The return path check: what is not a page of this space becomes its home. */
  readonly safeReturnPath: (path: string | undefined) => string;
  readonly problemPage: (c: AppContext, problem: OidcProblem) => Response | Promise<Response>;
  /** Audits a failed callback that came with a flow cookie (one without is only logged). */
  readonly recordFailure: (c: AppContext, error: OidcError, now: Date) => Promise<void>;
}

function requireClient(c: AppContext, config: OidcRoutesConfig): OidcClient {
  const client = config.client(c);
  if (!client) throw new NotFound();
  return client;
}

const flowKey = (c: AppContext) => deriveKey(c.var.deps.config.secret, "oidc-flow");

/** The start route: the flow in its cookie, then the provider; a French page when it does not answer. */
export async function startOidcFlow(c: AppContext, config: OidcRoutesConfig): Promise<Response> {
  const client = requireClient(c, config);
  const now = c.var.deps.now();
  try {
    const { url, flow } = await client.startSignIn(
      config.safeReturnPath(c.req.query("retour")),
      now,
    );
    setCookie(c, config.flowCookie, sealFlow(flowKey(c), config.name, flow), {
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET.
      sameSite: "Lax",
      secure: c.var.deps.config.publicUrl.startsWith("https:"),
      path: config.cookiePath,
      maxAge: OIDC_FLOW_MINUTES * 60,
    });
    return c.redirect(url.href, 303);
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    c.var.logger.warn(`${config.name} unreachable`, {
      requestId: c.var.requestId,
      detail: error.detail,
    });
    return config.problemPage(c, {
      kind: "unreachable",
      title: `${config.label} ne répond pas`,
      message: `Réessayez dans quelques minutes, ${config.otherWay}.`,
      status: 503,
    });
  }
}

function failureMessage(reason: OidcError["reason"], config: OidcRoutesConfig): string {
  const again = "Recommencez depuis la page de connexion.";
  switch (reason) {
    case "flow_missing":
      return `Votre demande de connexion a expiré ou ne vient pas de ce navigateur. ${again}`;
    case "state_mismatch":
      return `La réponse reçue ne correspond pas à votre demande de connexion. ${again}`;
    case "provider_error":
      return `La connexion a été annulée ou refusée ${config.refusedWhere}.`;
    case "invalid_response":
      return `La réponse de ${config.label} n'a pas pu être vérifiée. ${again}`;
    case "unreachable":
      return `${config.label} ne répond pas. Réessayez dans quelques minutes.`;
  }
}

/**
 * The callback: the verified identity and the return path (already checked),
 * or the French page of the failure, audited when the flow began here.
 */
export async function finishOidcFlow(
  c: AppContext,
  config: OidcRoutesConfig,
): Promise<{ identity: OidcIdentity; returnPath: string; now: Date } | Response> {
  const client = requireClient(c, config);
  const { deps } = c.var;
  const now = deps.now();
  const flowCookie = getCookie(c, config.flowCookie);
  const flow = openFlow(flowKey(c), config.name, flowCookie, now);
  // Single use: the flow cookie goes whatever the outcome.
  deleteCookie(c, config.flowCookie, { path: config.cookiePath });
  // The URL the provider redirected to, as registered: our public address, its query string.
  const callbackUrl = new URL(`${deps.config.publicUrl}${config.callbackPath}`);
  callbackUrl.search = new URL(c.req.url).search;
  try {
    if (!flow) throw new OidcError("flow_missing", "no valid flow cookie");
    const identity = await client.finishSignIn(callbackUrl, flow);
    return { identity, returnPath: config.safeReturnPath(flow.returnPath), now };
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    // Without any flow cookie the callback was not started here: answered, logged, not
    // audited (anyone could fill the audit trail by calling this address).
    if (!flowCookie)
      c.var.logger.warn(`${config.name} callback without flow`, { requestId: c.var.requestId });
    else await config.recordFailure(c, error, now);
    return config.problemPage(c, {
      kind: "failed",
      title: "Connexion impossible",
      message: failureMessage(error.reason, config),
      status: error.reason === "unreachable" ? 503 : 400,
    });
  }
}
