import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { z } from "zod";
import { isSignedIn } from "../access/actor.ts";
import { TooManyRequests } from "../errors.ts";
import {
  type AppContext,
  type AppEnv,
  clientAddress,
  requestContext,
  userContext,
} from "../http/context.ts";
import { formErrors, formRefusal, formValues, parseForm } from "../http/forms.ts";
import { requireUser } from "../http/require-user.ts";
import {
  ChangePasswordPage,
  ForgotPasswordPage,
  InvitationPage,
  ResetPasswordPage,
  SessionsPage,
} from "./account-views.tsx";
import { describeDevice } from "./devices.ts";
import { acceptInvitation, viewInvitation } from "./invitations.ts";
import { ownSecondFactorRoutes } from "./own-second-factor-routes.tsx";
import {
  changePassword,
  RESET_REQUESTED,
  requestPasswordReset,
  resetPassword,
  viewPasswordReset,
} from "./password-reset.ts";
import { MAX_PASSWORD_LENGTH } from "./password-rules.ts";
import { proConnectFor } from "./proconnect-routes.tsx";
import { SESSION_COOKIE } from "./routes.tsx";
import { secondFactorPath, setPendingCookie } from "./second-factor-routes.tsx";
import { endOwnSession, listActiveSessions } from "./sessions.ts";

/**
 * Account pages every person has: a forgotten password, an invitation to
 * accept, their own password and sessions. Who invites whom is decided in
 * the administration module; these handlers act on the link or on the
 * signed-in person only.
 */
export const accountRoutes = new Hono<AppEnv>();
accountRoutes.route("/", ownSecondFactorRoutes);

const policyOf = (c: AppContext) => ({
  idleMinutes: c.var.deps.config.sessionIdleMinutes,
  absoluteHours: c.var.deps.config.sessionAbsoluteHours,
});

const origin = (c: AppContext) => ({
  userAgent: c.req.header("user-agent"),
  clientAddress: clientAddress(c),
});

function setSessionCookie(c: AppContext, session: { token: string; expiresAt: Date }) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.config.publicUrl.startsWith("https:"),
    path: "/",
    expires: session.expiresAt,
  });
}

const Password = z
  .string("Choisissez un mot de passe.")
  .min(1, "Choisissez un mot de passe.")
  .max(
    MAX_PASSWORD_LENGTH,
    `Le mot de passe doit faire au plus ${MAX_PASSWORD_LENGTH} caractères.`,
  );
const Token = z.string().trim().max(100).default("");

/** The password typed twice must be the same: one message on the second field. */
function samePasswords<T extends { password: string; confirmation: string }>(
  data: T,
  ctx: z.RefinementCtx,
) {
  if (data.password !== data.confirmation) {
    ctx.addIssue({
      code: "custom",
      path: ["confirmation"],
      message: "Les deux mots de passe ne sont pas les mêmes.",
    });
  }
}

// Forgotten password.
const ForgotForm = z.object({
  email: z.email("Indiquez une adresse électronique valide, par exemple nom@exemple.fr.").max(254),
});

accountRoutes.get("/mot-de-passe-oublie", (c) => c.html(<ForgotPasswordPage c={c} />));

accountRoutes.post("/mot-de-passe-oublie", async (c) => {
  try {
    const data = await parseForm(c, ForgotForm);
    await requestPasswordReset(
      { ...requestContext(c), publicUrl: c.var.deps.config.publicUrl },
      { email: data.email, clientAddress: clientAddress(c) },
    );
  } catch (error) {
    if (error instanceof TooManyRequests) {
      c.header("Retry-After", String(error.retryAfterSeconds));
      const values = await formValues(c);
      return c.html(<ForgotPasswordPage c={c} values={values} message={error.message} />, 429);
    }
    const form = await formRefusal(c, error);
    return c.html(<ForgotPasswordPage c={c} errors={form.errors} values={form.values} />, 400);
  }
  return c.html(<ForgotPasswordPage c={c} sent={RESET_REQUESTED} />);
});

// A new password from a reset link.
const ResetForm = z
  .object({
    jeton: Token,
    password: Password,
    confirmation: z.string().max(MAX_PASSWORD_LENGTH).default(""),
  })
  .superRefine(samePasswords);

accountRoutes.get("/mot-de-passe/nouveau", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const account = await viewPasswordReset(requestContext(c), token);
  return c.html(<ResetPasswordPage c={c} token={token} email={account.email} />);
});

accountRoutes.post("/mot-de-passe/nouveau", async (c) => {
  const ctx = requestContext(c);
  const token = (await formValues(c)).jeton ?? "";
  const account = await viewPasswordReset(ctx, token);
  try {
    const data = await parseForm(c, ResetForm);
    await resetPassword(ctx, { token, password: data.password });
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return c.html(
      <ResetPasswordPage c={c} token={token} email={account.email} errors={errors} />,
      400,
    );
  }
  return c.redirect("/connexion?motdepasse=change", 303);
});

// An invitation.
const InvitationForm = z
  .object({
    jeton: Token,
    password: z.string().max(MAX_PASSWORD_LENGTH).default(""),
    confirmation: z.string().max(MAX_PASSWORD_LENGTH).default(""),
  })
  .superRefine(samePasswords);

accountRoutes.get("/invitation", async (c) => {
  const token = c.req.query("jeton") ?? "";
  const invitation = await viewInvitation(requestContext(c), token);
  return c.html(
    <InvitationPage
      c={c}
      token={token}
      invitation={invitation}
      proConnect={proConnectFor(c) !== undefined}
    />,
  );
});

accountRoutes.post("/invitation", async (c) => {
  const ctx = requestContext(c);
  const values = await formValues(c);
  const token = values.jeton ?? "";
  const invitation = await viewInvitation(ctx, token);
  try {
    // An account that has a password chooses none: its form's fields do not matter.
    if (invitation.needsPassword) await parseForm(c, InvitationForm);
    const result = await acceptInvitation(
      { ...ctx, origin: origin(c), secondFactorRoles: c.var.deps.config.secondFactorRoles },
      { token, password: values.password },
      policyOf(c),
    );
    if (result.session?.stage === "complete") {
      setSessionCookie(c, result.session);
      return c.redirect("/pro", 303);
    }
    if (result.session) {
      // The roles need a second factor: enrol it before anything opens.
      setPendingCookie(c, result.session.token, result.session.expiresAt);
      return c.redirect(secondFactorPath(result.session.stage, "/pro"), 303);
    }
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return c.html(
      <InvitationPage
        c={c}
        token={token}
        invitation={invitation}
        proConnect={proConnectFor(c) !== undefined}
        errors={errors}
      />,
      400,
    );
  }
  return c.redirect(isSignedIn(c.var.actor) ? "/pro" : "/connexion?invitation=acceptee", 303);
});

// The signed-in person's own password and sessions.
const ChangeForm = z
  .object({
    currentPassword: z
      .string()
      .min(1, "Indiquez votre mot de passe actuel.")
      .max(MAX_PASSWORD_LENGTH),
    password: Password,
    confirmation: z.string().max(MAX_PASSWORD_LENGTH).default(""),
  })
  .superRefine(samePasswords);

accountRoutes.get("/pro/compte/mot-de-passe", (c) => {
  requireUser(c);
  return c.html(<ChangePasswordPage c={c} done={c.req.query("fait") === "1"} />);
});

accountRoutes.post("/pro/compte/mot-de-passe", async (c) => {
  const ctx = userContext(c);
  try {
    const data = await parseForm(c, ChangeForm);
    await changePassword(ctx, {
      currentPassword: data.currentPassword,
      newPassword: data.password,
      currentSessionToken: c.var.sessionToken,
    });
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    // The service names the new password `newPassword`; the form calls it `password`.
    const fields = Object.fromEntries(
      Object.entries(errors).map(([key, message]) => [
        key === "newPassword" ? "password" : key,
        message,
      ]),
    );
    return c.html(<ChangePasswordPage c={c} errors={fields} />, 400);
  }
  return c.redirect("/pro/compte/mot-de-passe?fait=1", 303);
});

accountRoutes.get("/pro/compte/sessions", async (c) => {
  const sessions = await listActiveSessions(userContext(c), c.var.sessionToken, policyOf(c));
  return c.html(
    <SessionsPage
      c={c}
      sessions={sessions.map((session) => ({
        ...session,
        device: describeDevice(session.userAgent),
      }))}
      ended={c.req.query("fin") === "1"}
    />,
  );
});

accountRoutes.post("/pro/compte/sessions/:id/fin", async (c) => {
  await endOwnSession(userContext(c), c.req.param("id"));
  return c.redirect("/pro/compte/sessions?fin=1", 303);
});
