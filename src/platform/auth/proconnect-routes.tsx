import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import { recordAudit } from "../audit/audit.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  pageContext,
  requestContext,
} from "../http/context.ts";
import { Alert } from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import type { OidcClient } from "./oidc.ts";
import { finishOidcFlow, type OidcRoutesConfig, startOidcFlow } from "./oidc-routes.ts";
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

/** ProConnect's client for this app; undefined when it is not configured. */
export function proConnectFor(c: AppContext): OidcClient | undefined {
  return c.var.deps.proConnect ?? proConnectClient(c.var.deps.config);
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

const PROCONNECT_FLOW: OidcRoutesConfig = {
  label: "ProConnect",
  name: PROCONNECT,
  refusedWhere: "par ProConnect",
  otherWay: "ou connectez-vous avec votre mot de passe",
  client: proConnectFor,
  flowCookie: "relais_oidc_proconnect",
  cookiePath: "/connexion/proconnect",
  callbackPath: PROCONNECT_CALLBACK_PATH,
  safeReturnPath,
  problemPage: (c, problem) =>
    c.html(
      <ProblemPage c={c} title={problem.title}>
        <Alert
          kind="error"
          title={
            problem.kind === "unreachable"
              ? "La connexion avec ProConnect est indisponible"
              : "La connexion avec ProConnect n'a pas abouti"
          }
        >
          <p>{problem.message}</p>
        </Alert>
      </ProblemPage>,
      problem.status,
    ),
  recordFailure: async (c, error, now) => {
    await c.var.db.transaction().execute((tx) =>
      recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "auth.proconnect.failed",
        subjectType: "user",
        details: { reason: error.reason, detail: error.detail.slice(0, 500) },
        requestId: c.var.requestId,
        at: now,
      }),
    );
  },
};

proConnectRoutes.get("/connexion/proconnect", (c) => startOidcFlow(c, PROCONNECT_FLOW));

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
  const finished = await finishOidcFlow(c, PROCONNECT_FLOW);
  if (finished instanceof Response) return finished;
  const { identity, returnPath, now } = finished;
  const { deps } = c.var;
  // The instant read after the provider answered (finishOidcFlow), not the request's.
  const result = await signInWithProConnect({ ...requestContext(c), now }, identity, {
    policy: {
      idleMinutes: deps.config.sessionIdleMinutes,
      absoluteHours: deps.config.sessionAbsoluteHours,
    },
    previousToken: getCookie(c, SESSION_COOKIE),
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
  return c.redirect(returnPath, 303);
});

// Where ProConnect sends the browser back after its own logout.
proConnectRoutes.get(PROCONNECT_LOGGED_OUT_PATH, (c) => c.redirect("/?deconnecte=1", 303));
