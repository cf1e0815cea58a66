import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { isSignedIn } from "../access/actor.ts";
import { authorize, platformRules } from "../access/policy.ts";
import { ROLE_LABELS } from "../access/roles.ts";
import { TooManyRequests } from "../errors.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  pageContext,
  requestContext,
} from "../http/context.ts";
import { formRefusal, formValues, parseForm } from "../http/forms.ts";
import {
  Alert,
  Button,
  Card,
  CsrfField,
  ErrorSummary,
  ProConnectButton,
  TextField,
} from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import { login } from "./login.ts";
import { proConnectFor, proConnectRoutes } from "./proconnect-routes.tsx";
import { safeReturnPath } from "./return-path.ts";
import { secondFactorAdminRoutes } from "./second-factor-admin-routes.tsx";
import { secondFactorPath, secondFactorRoutes, setPendingCookie } from "./second-factor-routes.tsx";
import { destroySession, findSessionIdToken, SESSION_COOKIE } from "./sessions.ts";

export { SESSION_COOKIE };

export const authRoutes = new Hono<AppEnv>();
// ProConnect (OpenID Connect) and the second factor: decision 0015.
authRoutes.route("/", proConnectRoutes);
authRoutes.route("/", secondFactorRoutes);
authRoutes.route("/", secondFactorAdminRoutes);

const LoginForm = z.object({
  email: z.string().trim().min(1, "Indiquez votre adresse électronique").max(254),
  password: z.string().min(1, "Indiquez votre mot de passe").max(200),
  retour: z.string().optional(),
});

function LoginPage({
  c,
  errors = {},
  values = {},
  message,
}: {
  c: AppContext;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  message?: string | undefined;
}) {
  return (
    <Layout
      page={pageContext(c)}
      title={Object.keys(errors).length || message ? "Erreur — Connexion" : "Connexion"}
    >
      <h1>Connexion à l'espace professionnel</h1>
      <p>
        Pour les agents et partenaires du département. Les habitants n'ont pas besoin de compte.
      </p>
      {message && <Alert kind="error">{message}</Alert>}
      <ErrorSummary errors={errors} />
      {proConnectFor(c) && (
        <>
          <ProConnectButton
            href={`/connexion/proconnect?retour=${encodeURIComponent(safeReturnPath(values.retour ?? c.req.query("retour")))}`}
          />
          <h2>Ou avec votre mot de passe</h2>
        </>
      )}
      <form method="post" action="/connexion" class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input
          type="hidden"
          name="retour"
          value={safeReturnPath(values.retour ?? c.req.query("retour"))}
        />
        <TextField
          name="email"
          label="Adresse électronique"
          type="email"
          autocomplete="username"
          required
          value={values.email}
          error={errors.email}
        />
        <TextField
          name="password"
          label="Mot de passe"
          type="password"
          autocomplete="current-password"
          required
          error={errors.password}
        />
        <Button>Se connecter</Button>
      </form>
      <p>
        <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
      </p>
    </Layout>
  );
}

authRoutes.get("/connexion", (c) => {
  if (isSignedIn(c.var.actor)) return c.redirect("/pro");
  return c.html(<LoginPage c={c} />);
});

authRoutes.post("/connexion", async (c) => {
  const { deps } = c.var;
  try {
    const data = await parseForm(c, LoginForm);
    const result = await login(
      requestContext(c),
      {
        email: data.email,
        password: data.password,
        clientAddress: clientAddress(c),
        userAgent: c.req.header("user-agent"),
        previousToken: getCookie(c, SESSION_COOKIE),
        secondFactorRoles: deps.config.secondFactorRoles,
      },
      {
        idleMinutes: deps.config.sessionIdleMinutes,
        absoluteHours: deps.config.sessionAbsoluteHours,
      },
    );
    if (!result.ok) {
      return c.html(
        <LoginPage
          c={c}
          values={await formValues(c)}
          message="Adresse électronique ou mot de passe incorrect. Vérifiez-les et réessayez."
        />,
        401,
      );
    }
    if (result.stage !== "complete") {
      // Half-signed: the session cookie is not set until the code is given.
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      setPendingCookie(c, result.token, result.expiresAt);
      return c.redirect(secondFactorPath(result.stage, safeReturnPath(data.retour)), 303);
    }
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: deps.config.publicUrl.startsWith("https:"),
      path: "/",
      expires: result.expiresAt,
    });
    return c.redirect(safeReturnPath(data.retour), 303);
  } catch (error) {
    if (error instanceof TooManyRequests) {
      c.header("Retry-After", String(error.retryAfterSeconds));
      const values = await formValues(c);
      return c.html(<LoginPage c={c} values={values} message={error.message} />, 429);
    }
    const form = await formRefusal(c, error);
    return c.html(<LoginPage c={c} errors={form.errors} values={form.values} />, 400);
  }
});

authRoutes.post("/deconnexion", async (c) => {
  const token = getCookie(c, SESSION_COOKIE);
  const idToken = token ? await findSessionIdToken(c.var.db, token) : undefined;
  if (token) await destroySession(c.var.db, token);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  // Signed in through ProConnect: end its session too, where it has a logout endpoint.
  const client = idToken ? proConnectFor(c) : undefined;
  const providerLogout =
    client && idToken ? await client.logoutUrl(idToken).catch(() => undefined) : undefined;
  return c.redirect(providerLogout?.href ?? "/?deconnecte=1", 303);
});

authRoutes.get("/pro", (c) => {
  const actor = c.var.actor;
  authorize(actor, platformRules.enterProSpace, undefined);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Espace professionnel"
      breadcrumb={[{ label: "Espace professionnel" }]}
    >
      <h1>Bonjour {actor.displayName}</h1>
      <h2>Vos rôles</h2>
      <ul>
        {actor.memberships.map((membership) => (
          <li>
            {ROLE_LABELS[membership.role]} — {membership.organisationName}
          </li>
        ))}
      </ul>
      <h2>Outils</h2>
      <ul class="cards">
        {c.var.proEntries.map((entry) => {
          const href = entry.link(actor);
          return (
            href && (
              <li>
                <Card title={entry.title} href={href} headingLevel={3}>
                  <p>{entry.description}</p>
                </Card>
              </li>
            )
          );
        })}
      </ul>
    </Layout>,
  );
});
