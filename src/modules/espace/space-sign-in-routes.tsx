// /mon-espace/connexion: the code sign-in; /mon-espace/verifier: a fresh code
// before a sensitive action; /mon-espace/deconnexion.
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { TooManyRequests } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, clientAddress } from "../../platform/http/context.ts";
import { formRefusal, formValues, parseForm } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  TextField,
} from "../../platform/ui/components.tsx";
import { CODE_VALID_MINUTES, normaliseCode } from "./codes.ts";
import { FranceConnectChoice, franceConnectLogout } from "./franceconnect-routes.tsx";
import { contactField, maskContact } from "./identifiers.ts";
import {
  CHALLENGE_COOKIE,
  clearChallengeCookie,
  clearResidentCookie,
  RESIDENT_COOKIE,
  residentContext,
  setChallengeCookie,
  setResidentCookie,
  visitorContext,
} from "./session.ts";
import {
  checkCode,
  destroyResidentSession,
  findChallenge,
  markReverified,
  sendCode,
  signIn,
} from "./space-sign-in.ts";
import { SpacePage } from "./views.tsx";

export const signInRoutes = new Hono<AppEnv>();

/** Only a page of the space may be where one goes back to. */
export function safeSpacePath(value: string | undefined): string {
  return value && /^\/mon-espace(\/[\w\-./]*)?$/.test(value) && !value.includes("..")
    ? value
    : "/mon-espace";
}

const ContactForm = z.object({
  contact: contactField("Indiquez votre numéro de portable ou votre adresse électronique."),
  retour: z.string().max(200).optional(),
});

/**
 * A code page's form: the six digits typed, or undefined when missing or
 * malformed (the page then says what a code looks like). Never refused.
 */
export const CodeForm = z.object({
  code: z.string().catch("").transform(normaliseCode),
});

export const CODE_FORMAT = "Le code a 6 chiffres, par exemple 123456.";

function ContactPage({
  c,
  errors = {},
  values = {},
  message,
}: {
  c: AppContext;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  message?: string;
}) {
  const hasError = Object.keys(errors).length > 0 || message !== undefined;
  return (
    <SpacePage c={c} title="Me connecter à mon espace" errorTitle={hasError}>
      <h1>Me connecter à mon espace</h1>
      <p class="lead">Pas de mot de passe : nous vous envoyons un code à 6 chiffres.</p>
      <p>
        Votre espace garde vos rendez-vous et vos papiers. Vous choisissez qui peut les voir. Si
        vous n'avez pas encore d'espace, il est créé quand vous entrez le code.
      </p>
      {message && <Alert kind="error">{message}</Alert>}
      <ErrorSummary errors={errors} />
      <form method="post" action="/mon-espace/connexion" class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input
          type="hidden"
          name="retour"
          value={safeSpacePath(values.retour ?? c.req.query("retour"))}
        />
        <TextField
          name="contact"
          label="Votre numéro de portable ou votre adresse électronique"
          hint="Par exemple 06 12 34 56 78 ou nom@exemple.fr. Utilisez celui que vous avez donné pour vos rendez-vous : ils apparaîtront dans votre espace."
          autocomplete="username"
          required
          value={values.contact}
          error={errors.contact}
        />
        <Button>Recevoir un code</Button>
      </form>
      <FranceConnectChoice c={c} retour={values.retour ?? c.req.query("retour")} />
    </SpacePage>
  );
}

export function CodePage({
  c,
  action,
  sentTo,
  errors = {},
  retour,
  title,
  again = "/mon-espace/connexion",
}: {
  c: AppContext;
  action: string;
  sentTo: string;
  errors?: Record<string, string>;
  retour: string;
  title: string;
  /** Where a new code is asked for. */
  again?: string;
}) {
  return (
    <SpacePage c={c} title={title} errorTitle={Object.keys(errors).length > 0}>
      <h1>{title}</h1>
      <p class="lead">
        Nous avons envoyé un code à 6 chiffres à <strong>{sentTo}</strong>.
      </p>
      <p>
        Il est valable {CODE_VALID_MINUTES} minutes. Ne le donnez à personne : aucun professionnel
        ne vous le demandera.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="retour" value={retour} />
        <TextField
          name="code"
          label="Code reçu"
          hint="6 chiffres, par exemple 123456"
          autocomplete="one-time-code"
          inputmode="numeric"
          width="short"
          required
          error={errors.code}
        />
        <Button>Valider le code</Button>
      </form>
      <p>
        Pas reçu de code ? Attendez une minute, vérifiez vos courriers indésirables, puis{" "}
        <a href={again}>demandez un nouveau code</a>.
      </p>
    </SpacePage>
  );
}

export function tooMany(c: AppContext, error: TooManyRequests) {
  c.header("Retry-After", String(error.retryAfterSeconds));
}

signInRoutes.get("/mon-espace/connexion", (c) => {
  if (c.var.actor.kind === "resident") return c.redirect("/mon-espace");
  return c.html(<ContactPage c={c} />);
});

signInRoutes.post("/mon-espace/connexion", async (c) => {
  let retour: string;
  try {
    const data = await parseForm(c, ContactForm);
    retour = safeSpacePath(data.retour);
    const { challengeToken } = await sendCode(visitorContext(c), {
      contact: data.contact,
      purpose: "sign_in",
      clientAddress: clientAddress(c),
    });
    setChallengeCookie(c, challengeToken);
  } catch (error) {
    if (error instanceof TooManyRequests) {
      tooMany(c, error);
      const values = await formValues(c);
      return c.html(<ContactPage c={c} values={values} message={error.message} />, 429);
    }
    const form = await formRefusal(c, error);
    return c.html(<ContactPage c={c} errors={form.errors} values={form.values} />, 400);
  }
  return c.redirect(`/mon-espace/connexion/code?retour=${encodeURIComponent(retour)}`, 303);
});

const EXPIRED =
  "Ce code n'est plus valable (trop d'essais, ou plus de 10 minutes). Demandez un nouveau code.";

export async function challengeOrRestart(c: AppContext) {
  const token = getCookie(c, CHALLENGE_COOKIE);
  return token ? findChallenge(visitorContext(c), token) : undefined;
}

signInRoutes.get("/mon-espace/connexion/code", async (c) => {
  const challenge = await challengeOrRestart(c);
  if (challenge?.purpose !== "sign_in") return c.redirect("/mon-espace/connexion");
  return c.html(
    <CodePage
      c={c}
      title="Entrer le code"
      action="/mon-espace/connexion/code"
      sentTo={maskContact({ kind: challenge.kind, value: challenge.destination })}
      retour={safeSpacePath(c.req.query("retour"))}
    />,
  );
});

signInRoutes.post("/mon-espace/connexion/code", async (c) => {
  const retour = safeSpacePath((await formValues(c)).retour);
  const { code } = await parseForm(c, CodeForm);
  const token = getCookie(c, CHALLENGE_COOKIE);
  const challenge = await challengeOrRestart(c);
  if (!token || !challenge || challenge.purpose !== "sign_in") {
    return c.html(<ContactPage c={c} message={EXPIRED} values={{ retour }} />, 400);
  }
  const sentTo = maskContact({ kind: challenge.kind, value: challenge.destination });
  const page = (message: string) =>
    c.html(
      <CodePage
        c={c}
        title="Entrer le code"
        action="/mon-espace/connexion/code"
        sentTo={sentTo}
        retour={retour}
        errors={{ code: message }}
      />,
      400,
    );
  if (!code) return page(CODE_FORMAT);
  const check = await checkCode(visitorContext(c), token, code);
  if (!check.ok && check.reason === "expired") {
    clearChallengeCookie(c);
    return c.html(<ContactPage c={c} message={EXPIRED} values={{ retour }} />, 400);
  }
  if (!check.ok) {
    return page(
      `Ce code n'est pas le bon. Il vous reste ${check.attemptsLeft} essai${check.attemptsLeft > 1 ? "s" : ""}.`,
    );
  }
  const session = await signIn(visitorContext(c), check.contact, getCookie(c, RESIDENT_COOKIE));
  clearChallengeCookie(c);
  setResidentCookie(c, session.token, session.expiresAt);
  return c.redirect(
    session.created && retour === "/mon-espace" ? "/mon-espace?bienvenue=1" : retour,
    303,
  );
});

signInRoutes.post("/mon-espace/deconnexion", async (c) => {
  const token = getCookie(c, RESIDENT_COOKIE);
  // Signed in through FranceConnect: its session ends too (end_session).
  const providerLogout = token ? await franceConnectLogout(c, token) : undefined;
  if (token) await destroyResidentSession(c.var.db, token);
  clearResidentCookie(c);
  return c.redirect(providerLogout?.href ?? "/mon-espace?deconnecte=1", 303);
});

// A fresh code before a sensitive action: sent to the contact the person signed in with.

signInRoutes.get("/mon-espace/verifier", (c) => {
  const ctx = residentContext(c);
  const { actor } = ctx;
  const retour = safeSpacePath(c.req.query("retour"));
  return c.html(
    <SpacePage c={c} title="Confirmer que c'est bien vous">
      <h1>Confirmer que c'est bien vous</h1>
      <p class="lead">
        Avant une action importante (partager un document, donner un mandat, changer vos
        coordonnées, télécharger vos données ou supprimer votre espace), nous vous demandons un
        nouveau code.
      </p>
      {actor.contact ? (
        <form method="post" action="/mon-espace/verifier" class="form">
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="retour" value={retour} />
          <p>
            Le code sera envoyé à <strong>{maskContact(actor.contact)}</strong>.
          </p>
          <Button>Recevoir un code</Button>
        </form>
      ) : (
        <FranceConnectChoice c={c} retour={retour} />
      )}
    </SpacePage>,
  );
});

signInRoutes.post("/mon-espace/verifier", async (c) => {
  const ctx = residentContext(c);
  const { actor } = ctx;
  const retour = safeSpacePath((await formValues(c)).retour);
  if (!actor.contact) return c.redirect("/mon-espace/connexion", 303);
  try {
    const { challengeToken } = await sendCode(visitorContext(c), {
      contact: actor.contact,
      purpose: "reverify",
      espaceId: actor.espaceId,
      clientAddress: clientAddress(c),
    });
    setChallengeCookie(c, challengeToken);
  } catch (error) {
    if (!(error instanceof TooManyRequests)) throw error;
    tooMany(c, error);
    return c.html(
      <SpacePage c={c} title="Confirmer que c'est bien vous" errorTitle>
        <h1>Confirmer que c'est bien vous</h1>
        <Alert kind="error">{error.message}</Alert>
      </SpacePage>,
      429,
    );
  }
  return c.redirect(`/mon-espace/verifier/code?retour=${encodeURIComponent(retour)}`, 303);
});

signInRoutes.get("/mon-espace/verifier/code", async (c) => {
  const ctx = residentContext(c);
  const { actor } = ctx;
  const challenge = await challengeOrRestart(c);
  if (challenge?.purpose !== "reverify" || challenge.espace_id !== actor.espaceId) {
    return c.redirect("/mon-espace/verifier");
  }
  return c.html(
    <CodePage
      c={c}
      title="Entrer le code de confirmation"
      action="/mon-espace/verifier/code"
      sentTo={maskContact({ kind: challenge.kind, value: challenge.destination })}
      retour={safeSpacePath(c.req.query("retour"))}
    />,
  );
});

signInRoutes.post("/mon-espace/verifier/code", async (c) => {
  const ctx = residentContext(c);
  const { actor } = ctx;
  const retour = safeSpacePath((await formValues(c)).retour);
  const { code } = await parseForm(c, CodeForm);
  const token = getCookie(c, CHALLENGE_COOKIE);
  const challenge = await challengeOrRestart(c);
  if (
    !token ||
    !challenge ||
    challenge.purpose !== "reverify" ||
    challenge.espace_id !== actor.espaceId
  ) {
    return c.redirect(`/mon-espace/verifier?retour=${encodeURIComponent(retour)}`, 303);
  }
  const page = (message: string) =>
    c.html(
      <CodePage
        c={c}
        title="Entrer le code de confirmation"
        action="/mon-espace/verifier/code"
        sentTo={maskContact({ kind: challenge.kind, value: challenge.destination })}
        retour={retour}
        errors={{ code: message }}
      />,
      400,
    );
  if (!code) return page(CODE_FORMAT);
  const check = await checkCode(visitorContext(c), token, code);
  if (!check.ok && check.reason === "expired") {
    clearChallengeCookie(c);
    return c.redirect(`/mon-espace/verifier?retour=${encodeURIComponent(retour)}`, 303);
  }
  if (!check.ok) {
    return page(
      `Ce code n'est pas le bon. Il vous reste ${check.attemptsLeft} essai${check.attemptsLeft > 1 ? "s" : ""}.`,
    );
  }
  await markReverified(ctx, c.var.sessionToken ?? "");
  clearChallengeCookie(c);
  return c.redirect(retour, 303);
});
