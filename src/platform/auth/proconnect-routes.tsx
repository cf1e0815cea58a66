import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import { recordAudit } from "../audit/audit.ts";
import { deriveKey } from "../crypto/sealed-box.ts";
import { NotFound } from "../errors.ts";
import { type AppContext, type AppEnv, clientAddress, pageContext } from "../http/context.ts";
import { Alert } from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import { OIDC_FLOW_MINUTES, type OidcClient, OidcError, openFlow, sealFlow } from "./oidc.ts";
import {
  PROCONNECT,
  PROCONNECT_CALLBACK_PATH,
  PROCONNECT_LOGGED_OUT_PATH,
  type ProConnectRefusal,
  proConnectClient,
  signInWithProConnect,
} from "./proconnect.ts";
import { safeReturnPath } from "./return-path.ts";
import { SESSION_COOKIE } from "./sessions.ts";

export const proConnectRoutes = new Hono<AppEnv>();

const FLOW_COOKIE = "relais_oidc_proconnect";
const FLOW_COOKIE_PATH = "/connexion/proconnect";

/** ProConnect's client for this app; undefined when it is not configured. */
export function proConnectFor(c: AppContext): OidcClient | undefined {
  return c.var.deps.proConnect ?? proConnectClient(c.var.deps.config);
}

function requireProConnect(c: AppContext): OidcClient {
  const client = proConnectFor(c);
  if (!client) throw new NotFound();
  return client;
}

function flowKey(c: AppContext): Buffer {
  return deriveKey(c.var.deps.config.secret, "oidc-flow");
}

function ProblemPage({ c, title, children }: { c: AppContext; title: string; children: Child }) {
  return (
    <Layout
      page={pageContext(c)}
      title={title}
      breadcrumb={[{ label: "Connexion", href: "/connexion" }, { label: title }]}
    >
      <h1>{title}</h1>
      {children}
      <p>
        <a href="/connexion">Revenir à la page de connexion</a>
      </p>
    </Layout>
  );
}

proConnectRoutes.get("/connexion/proconnect", async (c) => {
  const client = requireProConnect(c);
  const now = c.var.deps.now();
  try {
    const { url, flow } = await client.startSignIn(safeReturnPath(c.req.query("retour")), now);
    setCookie(c, FLOW_COOKIE, sealFlow(flowKey(c), PROCONNECT, flow), {
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET.
      sameSite: "Lax",
      secure: c.var.deps.config.publicUrl.startsWith("https:"),
      path: FLOW_COOKIE_PATH,
      maxAge: OIDC_FLOW_MINUTES * 60,
    });
    return c.redirect(url.href, 303);
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    c.var.logger.warn("proconnect unreachable", {
      requestId: c.var.requestId,
      detail: error.detail,
    });
    return c.html(
      <ProblemPage c={c} title="ProConnect ne répond pas">
        <Alert kind="error" title="La connexion avec ProConnect est indisponible">
          <p>Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.</p>
        </Alert>
      </ProblemPage>,
      503,
    );
  }
});

const FAILURE_MESSAGES: Record<OidcError["reason"], string> = {
  flow_missing:
    "Votre demande de connexion a expiré ou ne vient pas de ce navigateur. Recommencez depuis la page de connexion.",
  state_mismatch:
    "La réponse reçue ne correspond pas à votre demande de connexion. Recommencez depuis la page de connexion.",
  provider_error: "La connexion a été annulée ou refusée par ProConnect.",
  invalid_response:
    "La réponse de ProConnect n'a pas pu être vérifiée. Recommencez depuis la page de connexion.",
  unreachable: "ProConnect ne répond pas. Réessayez dans quelques minutes.",
};

const REFUSAL_MESSAGES: Record<ProConnectRefusal, string> = {
  unknown_email:
    "Aucun compte Relais n'est ouvert à cette adresse électronique. Demandez à la personne qui gère les comptes de votre structure de vous inviter : vous pourrez ensuite vous connecter avec ProConnect.",
  inactive:
    "Votre compte Relais est désactivé. Adressez-vous à la personne qui gère les comptes de votre structure.",
  email_unverified:
    "ProConnect n'a pas transmis d'adresse électronique vérifiée : votre compte ne peut pas être retrouvé. Demandez à votre structure une invitation, ou connectez-vous avec votre mot de passe.",
  linked_elsewhere:
    "Votre compte Relais est déjà relié à une autre identité ProConnect. Adressez-vous à l'administrateur de Relais.",
};

proConnectRoutes.get(PROCONNECT_CALLBACK_PATH, async (c) => {
  const client = requireProConnect(c);
  const { deps } = c.var;
  const now = deps.now();
  const flowCookie = getCookie(c, FLOW_COOKIE);
  const flow = openFlow(flowKey(c), PROCONNECT, flowCookie, now);
  // Single use: the flow cookie goes whatever the outcome.
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
  // The URL the provider redirected to, as registered: our public address, its query string.
  const callbackUrl = new URL(`${deps.config.publicUrl}${PROCONNECT_CALLBACK_PATH}`);
  callbackUrl.search = new URL(c.req.url).search;

  let identity: Awaited<ReturnType<OidcClient["finishSignIn"]>>;
  try {
    if (!flow) throw new OidcError("flow_missing", "no valid flow cookie");
    identity = await client.finishSignIn(callbackUrl, flow);
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    // Without any flow cookie the callback was not started here: answered, logged, not
    // audited (anyone could fill the audit trail by calling this address).
    if (!flowCookie) {
      c.var.logger.warn("proconnect callback without flow", { requestId: c.var.requestId });
    } else
      await deps.db.transaction().execute((tx) =>
        recordAudit(tx, {
          actor: { userId: null, organisationId: null },
          action: "auth.proconnect.failed",
          subjectType: "user",
          details: { reason: error.reason, detail: error.detail.slice(0, 500) },
          requestId: c.var.requestId,
          at: now,
        }),
      );
    return c.html(
      <ProblemPage c={c} title="Connexion impossible">
        <Alert kind="error" title="La connexion avec ProConnect n'a pas abouti">
          <p>{FAILURE_MESSAGES[error.reason]}</p>
        </Alert>
      </ProblemPage>,
      error.reason === "unreachable" ? 503 : 400,
    );
  }

  const result = await signInWithProConnect(deps.db, identity, {
    policy: {
      idleMinutes: deps.config.sessionIdleMinutes,
      absoluteHours: deps.config.sessionAbsoluteHours,
    },
    previousToken: getCookie(c, SESSION_COOKIE),
    requestId: c.var.requestId,
    now,
    userAgent: c.req.header("user-agent"),
    clientAddress: clientAddress(c),
  });
  if (!result.ok) {
    return c.html(
      <ProblemPage c={c} title="Pas de compte Relais">
        <Alert kind="error" title="Vous ne pouvez pas encore vous connecter">
          <p>{REFUSAL_MESSAGES[result.reason]}</p>
        </Alert>
        <p>Aucun compte n'a été créé.</p>
      </ProblemPage>,
      403,
    );
  }
  setCookie(c, SESSION_COOKIE, result.token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: deps.config.publicUrl.startsWith("https:"),
    path: "/",
    expires: result.expiresAt,
  });
  return c.redirect(safeReturnPath(flow.returnPath), 303);
});

// Where ProConnect sends the browser back after its own logout.
proConnectRoutes.get(PROCONNECT_LOGGED_OUT_PATH, (c) => c.redirect("/?deconnecte=1", 303));
