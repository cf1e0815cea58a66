import { ROLE_LABELS, type Role } from "../../platform/access/roles.ts";
import type { AppContext } from "../../platform/http/context.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { holdsCaseload } from "../records/policy.ts";
import { ADMIN_HOME, AdminPage } from "./organisation-views.tsx";
import type { AccountRow } from "./service.ts";

type Organisation = { id: string; name: string; is_active: boolean };

const crumbs = (organisation: Organisation, canManage: boolean) =>
  canManage
    ? [
        { label: "Organisations", href: ADMIN_HOME },
        { label: organisation.name, href: `${ADMIN_HOME}/${organisation.id}` },
      ]
    : [];

export const NOTICES: Record<string, string> = {
  invitation: "L'invitation est envoyée par courriel. Le lien est valable 72 heures.",
  fin: "Le rôle a pris fin. L'historique est gardé.",
  desactive: "Le compte est désactivé ; ses sessions sont fermées.",
  reactive: "Le compte est réactivé : la personne peut de nouveau se connecter.",
  dossiers: "Les dossiers sont confiés au nouveau référent.",
};

type Invitation = {
  id: string;
  displayName: string;
  email: string;
  roles: Role[];
  expiresAt: Date;
};
type EndedRole = { userId: string; displayName: string; role: Role; since: Date; endedAt: Date };

export function AccountsPage({
  c,
  organisation,
  accounts,
  invitations,
  ended,
  canInvite,
  canManage,
  canEndRole,
  canHandOver,
  canClaim,
  canResetSecondFactor,
  notice,
}: {
  c: AppContext;
  organisation: Organisation;
  accounts: AccountRow[];
  invitations: Invitation[];
  ended: EndedRole[];
  canInvite: boolean;
  canManage: boolean;
  canEndRole: (role: Role) => boolean;
  canHandOver: boolean;
  canClaim: boolean;
  /** The admin may reset this person's second factor (authRules.resetSecondFactor). */
  canResetSecondFactor: (userId: string) => boolean;
  notice?: string | undefined;
}) {
  const base = `${ADMIN_HOME}/${organisation.id}`;
  const title = `Comptes — ${organisation.name}`;
  return (
    <AdminPage c={c} title={title} crumbs={crumbs(organisation, canManage)}>
      <h1>{title}</h1>
      {notice && NOTICES[notice] && (
        <Alert kind="success">
          <p>{NOTICES[notice]}</p>
        </Alert>
      )}
      {canInvite && organisation.is_active && (
        <p>
          <a href={`${base}/invitations`} class="button button--primary">
            Inviter quelqu'un
          </a>
        </p>
      )}
      {canClaim && (
        <p>
          <a href={`${base}/annuaire`}>Tenir la fiche de la structure dans l'annuaire</a>
        </p>
      )}
      <h2>Membres</h2>
      {accounts.length === 0 ? (
        <p>Personne pour l'instant.</p>
      ) : (
        <ul class="cards">
          {accounts.map((account) => (
            <AccountCard
              c={c}
              base={base}
              organisationId={organisation.id}
              account={account}
              canManage={canManage}
              canEndRole={canEndRole}
              canHandOver={canHandOver}
              canResetSecondFactor={canResetSecondFactor}
            />
          ))}
        </ul>
      )}
      <PendingInvitations invitations={invitations} />
      <EndedRoles base={base} ended={ended} canHandOver={canHandOver} />
    </AdminPage>
  );
}

/** One member: their roles (each may end), the links to their records and second factor, (de)activation. */
function AccountCard({
  c,
  base,
  organisationId,
  account,
  canManage,
  canEndRole,
  canHandOver,
  canResetSecondFactor,
}: {
  c: AppContext;
  base: string;
  organisationId: string;
  account: AccountRow;
  canManage: boolean;
  canEndRole: (role: Role) => boolean;
  canHandOver: boolean;
  canResetSecondFactor: (userId: string) => boolean;
}) {
  return (
    <li class="card">
      <h3 class="card__title">
        {account.displayName} {!account.isActive && <Tag>Compte désactivé</Tag>}
      </h3>
      <p>
        {account.email}
        <br />
        {account.lastLoginAt
          ? `Dernière connexion le ${frenchLongDate(account.lastLoginAt)}`
          : "Jamais connecté"}
      </p>
      <ul>
        {account.roles.map((role) => (
          <li>
            {ROLE_LABELS[role]}
            {canEndRole(role) && (
              <form
                method="post"
                action={`${base}/comptes/${account.userId}/fin`}
                class="inline-form"
              >
                <CsrfField token={c.var.csrfToken} />
                <input type="hidden" name="role" value={role} />{" "}
                <button type="submit" class="button button--link">
                  Mettre fin à ce rôle
                  <span class="visually-hidden"> pour {account.displayName}</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {canHandOver && holdsCaseload(account.roles) && (
        <p>
          <a href={`${base}/comptes/${account.userId}/dossiers`}>
            Confier ses dossiers à un collègue
            <span class="visually-hidden"> ({account.displayName})</span>
          </a>
        </p>
      )}
      {canResetSecondFactor(account.userId) && (
        <p>
          <a href={`/admin/comptes/${account.userId}/second-facteur`}>
            Second facteur de connexion
            <span class="visually-hidden"> ({account.displayName})</span>
          </a>
        </p>
      )}
      {canManage &&
        account.isActive &&
        account.userId !== (c.var.actor.kind === "user" ? c.var.actor.userId : "") && (
          <form
            method="post"
            action={`/pro/administration/comptes/${account.userId}/desactivation`}
          >
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="organisation" value={organisationId} />
            <Button kind="secondary">
              Désactiver le compte
              <span class="visually-hidden"> de {account.displayName}</span>
            </Button>
          </form>
        )}
      {canManage && !account.isActive && (
        <form method="post" action={`/pro/administration/comptes/${account.userId}/reactivation`}>
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="organisation" value={organisationId} />
          <Button kind="secondary">
            Réactiver le compte
            <span class="visually-hidden"> de {account.displayName}</span>
          </Button>
        </form>
      )}
    </li>
  );
}

function PendingInvitations({ invitations }: { invitations: Invitation[] }) {
  return (
    <>
      <h2>Invitations en attente</h2>
      {invitations.length === 0 ? (
        <p>Aucune.</p>
      ) : (
        <ul>
          {invitations.map((invitation) => (
            <li>
              {invitation.displayName} ({invitation.email}) —{" "}
              {invitation.roles.map((role) => ROLE_LABELS[role]).join(", ")}, valable jusqu'au{" "}
              {frenchLongDate(invitation.expiresAt)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function EndedRoles({
  base,
  ended,
  canHandOver,
}: {
  base: string;
  ended: EndedRole[];
  canHandOver: boolean;
}) {
  if (ended.length === 0) return null;
  return (
    <>
      <h2>Rôles terminés</h2>
      <ul>
        {ended.map((row) => (
          <li>
            {row.displayName} — {ROLE_LABELS[row.role]}, du {frenchLongDate(row.since)} au{" "}
            {frenchLongDate(row.endedAt)}
            {canHandOver && holdsCaseload([row.role]) && (
              <>
                {" "}
                —{" "}
                <a href={`${base}/comptes/${row.userId}/dossiers`}>
                  ses dossiers<span class="visually-hidden"> ({row.displayName})</span>
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function InvitePage({
  c,
  organisation,
  roles,
  values = {},
  checked = [],
  errors = {},
  message,
  canManage,
}: {
  c: AppContext;
  organisation: Organisation;
  roles: Role[];
  values?: Record<string, string>;
  checked?: string[];
  errors?: Record<string, string>;
  message?: string | undefined;
  canManage: boolean;
}) {
  const title = "Inviter quelqu'un";
  return (
    <AdminPage
      c={c}
      title={title}
      errors={message ? { formulaire: message } : errors}
      crumbs={[
        ...crumbs(organisation, canManage),
        { label: "Comptes", href: `${ADMIN_HOME}/${organisation.id}/comptes` },
      ]}
    >
      <h1>
        {title} dans « {organisation.name} »
      </h1>
      <p>
        La personne reçoit un courriel avec un lien, valable 72 heures, pour choisir son mot de
        passe. Si elle a déjà un compte, elle rejoint simplement votre organisation.
      </p>
      {message && <Alert kind="error">{message}</Alert>}
      <ErrorSummary errors={errors} />
      <form
        method="post"
        action={`${ADMIN_HOME}/${organisation.id}/invitations`}
        class="form"
        novalidate
      >
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="email"
          label="Adresse électronique"
          type="email"
          autocomplete="off"
          required
          value={values.email}
          error={errors.email}
        />
        <TextField
          name="displayName"
          label="Prénom et nom"
          autocomplete="off"
          required
          value={values.displayName}
          error={errors.displayName}
        />
        <CheckboxGroup
          name="roles"
          legend="Rôles"
          options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          checked={checked}
          error={errors.roles}
        />
        <Button>Envoyer l'invitation</Button>
      </form>
    </AdminPage>
  );
}

export function HandOverPage({
  c,
  organisation,
  worker,
  records,
  colleagues,
  values = {},
  checked = [],
  errors = {},
}: {
  c: AppContext;
  organisation: Organisation;
  worker: { id: string; name: string };
  records: { parcoursId: string; name: string; openedAt: Date; lastContactAt: Date }[];
  colleagues: { id: string; display_name: string }[];
  values?: Record<string, string>;
  checked?: string[];
  errors?: Record<string, string>;
}) {
  const title = `Confier les dossiers de ${worker.name}`;
  const base = `${ADMIN_HOME}/${organisation.id}`;
  return (
    <AdminPage
      c={c}
      title={title}
      errors={errors}
      crumbs={[{ label: "Comptes", href: `${base}/comptes` }]}
    >
      <h1>{title}</h1>
      <p>
        Les parcours ouverts dont {worker.name} est le référent dans « {organisation.name} ». Le
        changement figure dans l'historique de chaque personne.
      </p>
      <ErrorSummary errors={errors} />
      {records.length === 0 ? (
        <p>Aucun parcours ouvert n'a cette personne pour référent.</p>
      ) : colleagues.length === 0 ? (
        <Alert kind="warning">
          <p>Aucun autre travailleur social actif dans la structure : invitez-en un d'abord.</p>
        </Alert>
      ) : (
        <form
          method="post"
          action={`${base}/comptes/${worker.id}/dossiers`}
          class="form"
          novalidate
        >
          <CsrfField token={c.var.csrfToken} />
          <CheckboxGroup
            name="parcoursIds"
            legend={`Dossiers à confier (${records.length})`}
            options={records.map((record) => ({
              value: record.parcoursId,
              label: `${record.name} — suivi depuis le ${frenchLongDate(record.openedAt)}`,
            }))}
            checked={checked}
            error={errors.parcoursIds}
          />
          <SelectField
            name="toUserId"
            label="Nouveau référent"
            required
            value={values.toUserId}
            error={errors.toUserId}
            options={[
              { value: "", label: "Choisir un travailleur social" },
              ...colleagues.map((colleague) => ({
                value: colleague.id,
                label: colleague.display_name,
              })),
            ]}
          />
          <TextField
            name="overrideReason"
            label="Raison d'un dépassement du nombre de parcours par travailleur social"
            hint="Seulement si le nouveau référent dépasse le maximum de la structure."
            value={values.overrideReason}
            error={errors.overrideReason}
          />
          <Button>Confier les dossiers cochés</Button>
        </form>
      )}
    </AdminPage>
  );
}
