import { Hono } from "hono";
import { z } from "zod";
import { TooManyRequests } from "../errors.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  pageContext,
  requestContext,
} from "../http/context.ts";
import { formRefusal, parseForm } from "../http/forms.ts";
import { requireUser } from "../http/require-user.ts";
import { Alert, Button, CsrfField, ErrorSummary, TextField } from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import {
  confirmEnrolment,
  enrolmentSecret,
  hasSecondFactor,
  remainingRecoveryCodes,
  renewRecoveryCodes,
  secondFactorKey,
} from "./second-factor.ts";
import { SecretToScan } from "./second-factor-routes.tsx";

/**
 * « Mon compte » › second factor: a signed-in person enrols one of their own
 * accord (their roles may not require it), or draws new recovery codes with
 * a current code. Sign-in's own pages (second-factor-routes.tsx) serve the
 * half-signed session; these serve the full one.
 */
export const ownSecondFactorRoutes = new Hono<AppEnv>();

export const OWN_SECOND_FACTOR_PATH = "/pro/compte/second-facteur";
const ENROL = `${OWN_SECOND_FACTOR_PATH}/activation`;
const RENEW = `${OWN_SECOND_FACTOR_PATH}/codes-de-secours`;
const TITLE = "Mon second facteur";
const CRUMBS = [{ label: "Espace professionnel", href: "/pro" }, { label: TITLE }];

const WRONG_CODE =
  "Ce code n'est pas le bon. Vérifiez que l'heure de votre téléphone est juste et recopiez le code affiché.";

const CodeForm = z.object({
  code: z
    .string("Indiquez le code à 6 chiffres de votre application.")
    .trim()
    .min(1, "Indiquez le code à 6 chiffres de votre application.")
    .max(40, "Ce code est trop long."),
});

const keyOf = (c: AppContext) => secondFactorKey(c.var.deps.config.documentsKey);

function CodeField({ error }: { error?: string | undefined }) {
  return (
    <TextField
      name="code"
      label="Code à 6 chiffres affiché par l'application"
      autocomplete="one-time-code"
      inputmode="numeric"
      required
      width="medium"
      error={error}
    />
  );
}

async function OwnPage({
  c,
  enrolled,
  remaining,
  secret,
  error,
  message,
}: {
  c: AppContext;
  enrolled: boolean;
  remaining: number;
  secret?: string | undefined;
  error?: string | undefined;
  message?: string | undefined;
}) {
  const actor = requireUser(c);
  const failed = Boolean(error || message);
  return (
    <Layout page={pageContext(c)} title={failed ? `Erreur — ${TITLE}` : TITLE} breadcrumb={CRUMBS}>
      <h1>{TITLE}</h1>
      {message && <Alert kind="error">{message}</Alert>}
      <ErrorSummary errors={error ? { code: error } : {}} />
      {enrolled ? (
        <>
          <p>
            Votre second facteur est activé. Il vous reste {remaining} code
            {remaining > 1 ? "s" : ""} de secours non utilisé{remaining > 1 ? "s" : ""}.
          </p>
          <h2>Nouveaux codes de secours</h2>
          <p>
            Si vous avez perdu vos codes de secours ou les avez presque tous utilisés, tirez-en dix
            nouveaux : les anciens ne marcheront plus. Donnez d'abord le code affiché par votre
            application.
          </p>
          <form method="post" action={RENEW} class="form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <CodeField error={error} />
            <Button>Tirer de nouveaux codes de secours</Button>
          </form>
        </>
      ) : (
        <>
          <p>
            En plus du mot de passe, Relais peut vous demander à chaque connexion un code à usage
            unique, calculé par une application sur votre téléphone (par exemple FreeOTP, Aegis,
            Google Authenticator ou Microsoft Authenticator).
          </p>
          <h2>1. Ajoutez Relais à votre application</h2>
          {secret && (await SecretToScan({ secret, email: actor.email }))}
          <h2>2. Recopiez le code affiché</h2>
          <form method="post" action={ENROL} class="form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <CodeField error={error} />
            <Button>Activer</Button>
          </form>
        </>
      )}
    </Layout>
  );
}

function CodesPage({ c, codes, title }: { c: AppContext; codes: string[]; title: string }) {
  return (
    <Layout page={pageContext(c)} title={title} breadcrumb={CRUMBS}>
      <h1>{title}</h1>
      <Alert kind="warning" title="Notez vos codes de secours maintenant">
        <p>
          Ils ne seront plus affichés. Chacun sert une seule fois, si vous n'avez pas votre
          téléphone. Gardez-les à l'abri, pas sur le téléphone lui-même.
        </p>
      </Alert>
      <h2>Vos {codes.length} codes de secours</h2>
      <ol class="recovery-codes code-text">
        {codes.map((code) => (
          <li>{code}</li>
        ))}
      </ol>
      <p>
        <a href={OWN_SECOND_FACTOR_PATH}>J'ai noté mes codes</a>
      </p>
    </Layout>
  );
}

async function render(c: AppContext, options: { error?: string; message?: string } = {}) {
  const actor = requireUser(c);
  const enrolled = await hasSecondFactor(c.var.db, actor.userId);
  return OwnPage({
    c,
    enrolled,
    remaining: enrolled ? await remainingRecoveryCodes(c.var.db, actor.userId) : 0,
    secret: enrolled ? undefined : await enrolmentSecret(requestContext(c), actor.userId, keyOf(c)),
    ...options,
  });
}

ownSecondFactorRoutes.get(OWN_SECOND_FACTOR_PATH, async (c) => c.html(await render(c)));

/** Runs a code check; a wrong code re-renders the page (400), past the limits 429. */
async function withCode(
  c: AppContext,
  check: (code: string) => Promise<string[] | undefined>,
  title: string,
) {
  try {
    const data = await parseForm(c, CodeForm);
    const codes = await check(data.code);
    if (!codes) return c.html(await render(c, { error: WRONG_CODE }), 400);
    return c.html(<CodesPage c={c} codes={codes} title={title} />);
  } catch (error) {
    if (error instanceof TooManyRequests) {
      c.header("Retry-After", String(error.retryAfterSeconds));
      return c.html(await render(c, { message: error.message }), 429);
    }
    const form = await formRefusal(c, error);
    return c.html(await render(c, { error: form.errors.code ?? WRONG_CODE }), 400);
  }
}

const codeCheck = (c: AppContext, code: string) => ({
  userId: requireUser(c).userId,
  code,
  clientAddress: clientAddress(c),
});

ownSecondFactorRoutes.post(ENROL, async (c) => {
  if (await hasSecondFactor(c.var.db, requireUser(c).userId)) {
    return c.redirect(OWN_SECOND_FACTOR_PATH, 303);
  }
  return withCode(
    c,
    (code) => confirmEnrolment(requestContext(c), keyOf(c), codeCheck(c, code)),
    "Second facteur activé",
  );
});

ownSecondFactorRoutes.post(RENEW, async (c) => {
  if (!(await hasSecondFactor(c.var.db, requireUser(c).userId))) {
    return c.redirect(OWN_SECOND_FACTOR_PATH, 303);
  }
  return withCode(
    c,
    (code) => renewRecoveryCodes(requestContext(c), keyOf(c), codeCheck(c, code)),
    "Nouveaux codes de secours",
  );
});
