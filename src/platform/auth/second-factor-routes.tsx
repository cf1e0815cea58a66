import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { raw } from "hono/html";
import QRCode from "qrcode";
import { z } from "zod";
import { TooManyRequests } from "../errors.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  pageContext,
  requestContext,
} from "../http/context.ts";
import { formRefusal, formValues, parseForm } from "../http/forms.ts";
import { Alert, Button, CsrfField, ErrorSummary, TextField } from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import { completeSignIn } from "./login.ts";
import { safeReturnPath } from "./return-path.ts";
import {
  confirmEnrolment,
  enrolmentSecret,
  secondFactorKey,
  verifySecondFactor,
} from "./second-factor.ts";
import { findPendingSession, type PendingSession, SESSION_COOKIE } from "./sessions.ts";
import { groupSecret, totpUri } from "./totp.ts";

export const secondFactorRoutes = new Hono<AppEnv>();

/** The half-signed session's cookie: sent only to the second-factor pages. */
export const PENDING_COOKIE = "relais_pending";
const PENDING_PATH = "/connexion/second-facteur";
const ENROL_PATH = `${PENDING_PATH}/activation`;

/** Sets the half-signed session's cookie after a right password (routes.tsx). */
export function setPendingCookie(c: AppContext, token: string, expiresAt: Date) {
  setCookie(c, PENDING_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.config.publicUrl.startsWith("https:"),
    path: PENDING_PATH,
    expires: expiresAt,
  });
}

/** Where a right password leads when a second factor is due. */
export function secondFactorPath(stage: "second_factor" | "enrolment", returnPath: string): string {
  const path = stage === "enrolment" ? ENROL_PATH : PENDING_PATH;
  return `${path}?retour=${encodeURIComponent(returnPath)}`;
}

async function pendingSession(c: AppContext): Promise<PendingSession | undefined> {
  const token = getCookie(c, PENDING_COOKIE);
  return token ? findPendingSession(c.var.db, token, c.var.now) : undefined;
}

function keyOf(c: AppContext): Buffer {
  return secondFactorKey(c.var.deps.config.documentsKey);
}

function sessionPolicy(c: AppContext) {
  const { config } = c.var.deps;
  return { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
}

/** The full session replaces the half-signed one; then on to where the person was going. */
async function signIn(
  c: AppContext,
  pending: PendingSession,
  secondFactor: "totp" | "recovery" | "enrolled",
) {
  const session = await completeSignIn(
    requestContext(c),
    { pendingToken: getCookie(c, PENDING_COOKIE) ?? "", userId: pending.userId, secondFactor },
    sessionPolicy(c),
  );
  deleteCookie(c, PENDING_COOKIE, { path: PENDING_PATH });
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.config.publicUrl.startsWith("https:"),
    path: "/",
    expires: session.expiresAt,
  });
}

const CodeForm = z.object({
  code: z
    .string("Indiquez le code")
    .trim()
    .min(1, "Indiquez le code à 6 chiffres de votre application, ou un code de secours")
    .max(40, "Ce code est trop long"),
  retour: z.string().optional(),
});

function CodePage({
  c,
  returnPath,
  error,
  message,
}: {
  c: AppContext;
  returnPath: string;
  error?: string | undefined;
  message?: string | undefined;
}) {
  const failed = Boolean(error || message);
  return (
    <Layout
      page={pageContext(c)}
      title={failed ? "Erreur — Code de connexion" : "Code de connexion"}
    >
      <h1>Code de connexion</h1>
      <p>
        Ouvrez votre application d'authentification et recopiez le code à 6 chiffres affiché pour
        Relais. Sans votre téléphone, utilisez un de vos codes de secours.
      </p>
      {message && <Alert kind="error">{message}</Alert>}
      <ErrorSummary errors={error ? { code: error } : {}} />
      <form method="post" action={PENDING_PATH} class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="retour" value={returnPath} />
        <TextField
          name="code"
          label="Code à 6 chiffres ou code de secours"
          hint="Par exemple 123456, ou un code de secours comme abcde-23456."
          autocomplete="one-time-code"
          required
          width="medium"
          error={error}
        />
        <Button>Valider</Button>
      </form>
    </Layout>
  );
}

secondFactorRoutes.get(PENDING_PATH, async (c) => {
  const pending = await pendingSession(c);
  const returnPath = safeReturnPath(c.req.query("retour"));
  if (!pending) return c.redirect("/connexion", 303);
  if (pending.stage === "enrolment")
    return c.redirect(secondFactorPath("enrolment", returnPath), 303);
  return c.html(<CodePage c={c} returnPath={returnPath} />);
});

secondFactorRoutes.post(PENDING_PATH, async (c) => {
  const pending = await pendingSession(c);
  if (pending?.stage !== "second_factor") return c.redirect("/connexion", 303);
  const returnPath = safeReturnPath((await formValues(c)).retour);
  let accepted: "totp" | "recovery" | undefined;
  try {
    const data = await parseForm(c, CodeForm);
    accepted = await verifySecondFactor(requestContext(c), keyOf(c), {
      userId: pending.userId,
      code: data.code,
      clientAddress: clientAddress(c),
    });
  } catch (error) {
    if (error instanceof TooManyRequests) {
      c.header("Retry-After", String(error.retryAfterSeconds));
      return c.html(<CodePage c={c} returnPath={returnPath} message={error.message} />, 429);
    }
    const form = await formRefusal(c, error);
    return c.html(<CodePage c={c} returnPath={returnPath} error={form.errors.code} />, 400);
  }
  if (!accepted) {
    return c.html(
      <CodePage
        c={c}
        returnPath={returnPath}
        error="Ce code n'est pas valide, ou il a déjà servi. Attendez le code suivant et réessayez."
      />,
      401,
    );
  }
  await signIn(c, pending, accepted);
  return c.redirect(returnPath, 303);
});

/** The secret to add to the application: a QR code drawn on the server, and the key as text. */
export async function SecretToScan({ secret, email }: { secret: string; email: string }) {
  const svg = await QRCode.toString(totpUri(secret, email), {
    type: "svg",
    margin: 2,
    errorCorrectionLevel: "M",
  });
  return (
    <>
      <p>Scannez ce code avec l'application :</p>
      <div
        class="qr-code"
        role="img"
        aria-label="Code QR à scanner avec votre application d'authentification"
      >
        {raw(svg)}
      </div>
      <p>Ou, si vous ne pouvez pas scanner, saisissez cette clé dans l'application :</p>
      <p class="code-text" id="cle-secrete">
        {groupSecret(secret)}
      </p>
    </>
  );
}

async function EnrolPage({
  c,
  pending,
  secret,
  returnPath,
  error,
  message,
}: {
  c: AppContext;
  pending: PendingSession;
  secret: string;
  returnPath: string;
  error?: string | undefined;
  message?: string | undefined;
}) {
  const toScan = await SecretToScan({ secret, email: pending.email });
  const failed = Boolean(error || message);
  return (
    <Layout
      page={pageContext(c)}
      title={failed ? "Erreur — Activer le second facteur" : "Activer le second facteur"}
    >
      <h1>Activer le second facteur</h1>
      <p>
        Votre compte donne accès à des dossiers de personnes : en plus du mot de passe, Relais vous
        demandera à chaque connexion un code à usage unique, calculé par une application sur votre
        téléphone (par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator).
      </p>
      {message && <Alert kind="error">{message}</Alert>}
      <ErrorSummary errors={error ? { code: error } : {}} />
      <h2>1. Ajoutez Relais à votre application</h2>
      {toScan}
      <h2>2. Recopiez le code affiché</h2>
      <form method="post" action={ENROL_PATH} class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="retour" value={returnPath} />
        <TextField
          name="code"
          label="Code à 6 chiffres affiché par l'application"
          autocomplete="one-time-code"
          inputmode="numeric"
          required
          width="medium"
          error={error}
        />
        <Button>Activer</Button>
      </form>
    </Layout>
  );
}

secondFactorRoutes.get(ENROL_PATH, async (c) => {
  const pending = await pendingSession(c);
  const returnPath = safeReturnPath(c.req.query("retour"));
  if (!pending) return c.redirect("/connexion", 303);
  if (pending.stage !== "enrolment")
    return c.redirect(secondFactorPath(pending.stage, returnPath), 303);
  const secret = await enrolmentSecret(requestContext(c), pending.userId, keyOf(c));
  return c.html(await EnrolPage({ c, pending, secret, returnPath }));
});

secondFactorRoutes.post(ENROL_PATH, async (c) => {
  const pending = await pendingSession(c);
  if (pending?.stage !== "enrolment") return c.redirect("/connexion", 303);
  const returnPath = safeReturnPath((await formValues(c)).retour);
  const ctx = requestContext(c);
  const secret = await enrolmentSecret(ctx, pending.userId, keyOf(c));
  let codes: string[] | undefined;
  try {
    const data = await parseForm(c, CodeForm);
    codes = await confirmEnrolment(ctx, keyOf(c), {
      userId: pending.userId,
      code: data.code,
      clientAddress: clientAddress(c),
    });
  } catch (error) {
    if (error instanceof TooManyRequests) {
      c.header("Retry-After", String(error.retryAfterSeconds));
      return c.html(
        await EnrolPage({ c, pending, secret, returnPath, message: error.message }),
        429,
      );
    }
    const form = await formRefusal(c, error);
    return c.html(
      await EnrolPage({ c, pending, secret, returnPath, error: form.errors.code }),
      400,
    );
  }
  if (!codes) {
    return c.html(
      await EnrolPage({
        c,
        pending,
        secret,
        returnPath,
        error:
          "Ce code n'est pas le bon. Vérifiez que l'heure de votre téléphone est juste et recopiez le code affiché.",
      }),
      400,
    );
  }
  await signIn(c, pending, "enrolled");
  // Shown once, in this answer only: only their hashes are kept.
  return c.html(
    <Layout page={pageContext(c)} title="Vos codes de secours">
      <h1>Second facteur activé</h1>
      <Alert kind="warning" title="Notez vos codes de secours maintenant">
        <p>
          Ils ne seront plus affichés. Chacun sert une seule fois, si vous n'avez pas votre
          téléphone. Gardez-les à l'abri, pas sur le téléphone lui-même.
        </p>
      </Alert>
      <h2>Vos 10 codes de secours</h2>
      <ol class="recovery-codes code-text">
        {codes.map((code) => (
          <li>{code}</li>
        ))}
      </ol>
      <p>
        <a class="button button--primary" href={returnPath}>
          J'ai noté mes codes, continuer
        </a>
      </p>
    </Layout>,
  );
});
