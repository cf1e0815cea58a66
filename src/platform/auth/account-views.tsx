import { ROLE_LABELS } from "../access/roles.ts";
import { type AppContext, pageContext } from "../http/context.ts";
import { frenchDateTime } from "../time/french-dates.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  ProConnectButton,
  TextField,
} from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import type { InvitationView } from "./invitations.ts";
import { PASSWORD_HINT } from "./password-rules.ts";
import type { ActiveSession } from "./sessions.ts";

const errorTitle = (title: string, errors: Record<string, string>) =>
  Object.keys(errors).length > 0 ? `Erreur — ${title}` : title;

function NewPasswordFields({ errors }: { errors: Record<string, string> }) {
  return (
    <>
      <TextField
        name="password"
        label="Nouveau mot de passe"
        type="password"
        autocomplete="new-password"
        hint={PASSWORD_HINT}
        required
        error={errors.password}
      />
      <TextField
        name="confirmation"
        label="Le même mot de passe, une seconde fois"
        type="password"
        autocomplete="new-password"
        required
        error={errors.confirmation}
      />
    </>
  );
}

export function ForgotPasswordPage({
  c,
  errors = {},
  values = {},
  message,
  sent,
}: {
  c: AppContext;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  message?: string;
  sent?: string;
}) {
  const title = "Mot de passe oublié";
  return (
    <Layout
      page={pageContext(c)}
      title={message ? `Erreur — ${title}` : errorTitle(title, errors)}
      breadcrumb={[{ label: "Connexion", href: "/connexion" }, { label: title }]}
    >
      <h1>{title}</h1>
      {sent ? (
        <>
          <Alert kind="success" title="Demande enregistrée">
            <p>{sent}</p>
          </Alert>
          <p>
            <a href="/connexion">Revenir à la connexion</a>
          </p>
        </>
      ) : (
        <>
          <p>
            Indiquez l'adresse électronique de votre compte : nous y enverrons un lien pour choisir
            un nouveau mot de passe.
          </p>
          {message && <Alert kind="error">{message}</Alert>}
          <ErrorSummary errors={errors} />
          <form method="post" action="/mot-de-passe-oublie" class="form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <TextField
              name="email"
              label="Adresse électronique"
              type="email"
              autocomplete="username"
              required
              value={values.email}
              error={errors.email}
            />
            <Button>Recevoir un lien</Button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function ResetPasswordPage({
  c,
  token,
  email,
  errors = {},
}: {
  c: AppContext;
  token: string;
  email: string;
  errors?: Record<string, string>;
}) {
  const title = "Choisir un nouveau mot de passe";
  return (
    <Layout page={pageContext(c)} title={errorTitle(title, errors)}>
      <h1>{title}</h1>
      <p>Pour le compte {email}. Une fois enregistré, toutes vos sessions ouvertes se ferment.</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/mot-de-passe/nouveau" class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <input type="hidden" name="email" value={email} autocomplete="username" />
        <NewPasswordFields errors={errors} />
        <Button>Enregistrer le mot de passe</Button>
      </form>
    </Layout>
  );
}

export function InvitationPage({
  c,
  token,
  invitation,
  proConnect = false,
  errors = {},
}: {
  c: AppContext;
  token: string;
  invitation: InvitationView;
  /** ProConnect is configured: the invited account can sign in with it instead. */
  proConnect?: boolean;
  errors?: Record<string, string>;
}) {
  const title = `Rejoindre ${invitation.organisationName}`;
  return (
    <Layout page={pageContext(c)} title={errorTitle(title, errors)}>
      <h1>{title}</h1>
      <p>
        Bonjour {invitation.displayName}, vous êtes invité à rejoindre «{" "}
        {invitation.organisationName} » sur Relais avec le rôle :{" "}
        {invitation.roles.map((role) => ROLE_LABELS[role]).join(", ")}.
      </p>
      <ErrorSummary errors={errors} />
      {proConnect && (
        <>
          <p>
            Si votre organisation vous donne accès à ProConnect avec l'adresse {invitation.email},
            connectez-vous avec : l'invitation sera acceptée, sans mot de passe à retenir.
          </p>
          <ProConnectButton href="/connexion/proconnect?retour=%2Fpro" />
          <h2>{invitation.needsPassword ? "Ou avec un mot de passe" : "Ou accepter ici"}</h2>
        </>
      )}
      <form method="post" action="/invitation" class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        {invitation.needsPassword ? (
          <>
            <p>Votre compte : {invitation.email}. Choisissez votre mot de passe pour l'activer.</p>
            <input type="hidden" name="email" value={invitation.email} autocomplete="username" />
            <NewPasswordFields errors={errors} />
            <Button>Activer mon compte</Button>
          </>
        ) : (
          <>
            <p>
              Vous avez déjà un compte ({invitation.email}) : acceptez, puis connectez-vous avec
              votre mot de passe habituel.
            </p>
            <Button>Accepter l'invitation</Button>
          </>
        )}
      </form>
    </Layout>
  );
}

const ACCOUNT_CRUMBS = (label: string) => [
  { label: "Espace professionnel", href: "/pro" },
  { label },
];

export function ChangePasswordPage({
  c,
  errors = {},
  done = false,
}: {
  c: AppContext;
  errors?: Record<string, string>;
  done?: boolean;
}) {
  const title = "Changer mon mot de passe";
  const actor = c.var.actor;
  return (
    <Layout
      page={pageContext(c)}
      title={errorTitle(title, errors)}
      breadcrumb={ACCOUNT_CRUMBS(title)}
    >
      <h1>{title}</h1>
      {done && (
        <Alert kind="success">
          <p>Votre mot de passe est changé. Vos autres sessions sont fermées.</p>
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      <form method="post" action="/pro/compte/mot-de-passe" class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        {actor.kind === "user" && (
          <input type="hidden" name="email" value={actor.email} autocomplete="username" />
        )}
        <TextField
          name="currentPassword"
          label="Mot de passe actuel"
          type="password"
          autocomplete="current-password"
          required
          error={errors.currentPassword}
        />
        <NewPasswordFields errors={errors} />
        <Button>Changer le mot de passe</Button>
      </form>
      <p>
        <a href="/pro/compte/sessions">Voir mes sessions ouvertes</a>
      </p>
    </Layout>
  );
}

export function SessionsPage({
  c,
  sessions,
  ended,
}: {
  c: AppContext;
  sessions: (ActiveSession & { device: string })[];
  ended: boolean;
}) {
  const title = "Mes sessions";
  return (
    <Layout page={pageContext(c)} title={title} breadcrumb={ACCOUNT_CRUMBS(title)}>
      <h1>{title}</h1>
      <p>
        Les appareils où votre compte est ouvert. Si vous n'en reconnaissez pas un, fermez sa
        session et <a href="/pro/compte/mot-de-passe">changez votre mot de passe</a>.
      </p>
      <p>
        <a href="/pro/compte/second-facteur">Mon second facteur</a> : l'activer, ou tirer de
        nouveaux codes de secours.
      </p>
      {ended && (
        <Alert kind="success">
          <p>La session est fermée.</p>
        </Alert>
      )}
      <ul class="cards">
        {sessions.map((session) => (
          <li class="card">
            <h2 class="card__title">
              {session.device}
              {session.isCurrent && " — cette session"}
            </h2>
            <dl class="rdv-details">
              <dt>Adresse</dt>
              <dd>{session.clientAddress ?? "inconnue"}</dd>
              <dt>Ouverte le</dt>
              <dd>{frenchDateTime(session.createdAt)}</dd>
              <dt>Dernière activité</dt>
              <dd>{frenchDateTime(session.lastSeenAt)}</dd>
            </dl>
            <form method="post" action={`/pro/compte/sessions/${session.id}/fin`}>
              <CsrfField token={c.var.csrfToken} />
              <Button kind="secondary">
                {session.isCurrent ? "Me déconnecter ici" : "Fermer cette session"}
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
