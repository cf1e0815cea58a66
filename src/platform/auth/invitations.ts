import type { Db, Tx } from "../../db/database.ts";
import { ROLE_LABELS, type Role } from "../access/roles.ts";
import type { AuditActor } from "../audit/audit.ts";
import { recordAudit } from "../audit/audit.ts";
import { Conflict, Gone, Invalid } from "../errors.ts";
import type { ServiceContext } from "../http/context.ts";
import { queueMail } from "../mail/outbox.ts";
import {
  INVITATION_VALIDITY_HOURS,
  issueAccountToken,
  markTokenUsed,
  requireUsableToken,
  revokeTokens,
} from "./account-tokens.ts";
import { secondFactorStage } from "./login.ts";
import { passwordProblem } from "./password-rules.ts";
import { hashPassword } from "./passwords.ts";
import { createSession, type SessionOrigin, type SessionPolicy } from "./sessions.ts";

export const ALREADY_MEMBER = (organisationName: string) =>
  `Cette personne est déjà membre de « ${organisationName} ». Pour changer ses rôles, mettez fin au rôle en trop ou invitez-la pour un autre rôle depuis la liste des comptes.`;
export const ACCOUNT_DEACTIVATED =
  "Le compte de cette personne est désactivé. Un administrateur doit d'abord le réactiver.";

export type InvitationInput = {
  email: string;
  displayName: string;
  organisationId: string;
  roles: Role[];
};

/** Who invites, as the audit trail names them (the caller authorized them), and when. */
export type InvitationContext = {
  db: Db;
  actor: AuditActor;
  now: Date;
  requestId?: string | null;
  publicUrl: string;
};

/**
 * Invites a person into an organisation with roles. Someone already a member
 * of it is refused (Conflict, nothing written); someone with an account
 * elsewhere gets a membership invitation on that account; anyone else gets a
 * new account with no password until they accept. A newer invitation into
 * the same organisation replaces an unused older one. The caller authorizes.
 */
export async function inviteIntoOrganisation(
  context: InvitationContext,
  input: InvitationInput,
): Promise<{ userId: string; newAccount: boolean }> {
  const { db } = context;
  const email = input.email.trim();
  return db.transaction().execute(async (tx) => {
    const organisation = await tx
      .selectFrom("organisation")
      .select(["id", "name", "is_active"])
      .where("id", "=", input.organisationId)
      .executeTakeFirstOrThrow();
    if (!organisation.is_active) {
      throw new Invalid({}, "Cette organisation est désactivée : on ne peut plus y inviter.");
    }
    const existing = await tx
      .selectFrom("app_user")
      .select(["id", "is_active", "display_name"])
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
      .executeTakeFirst();
    if (existing) {
      if (!existing.is_active) throw new Conflict(ACCOUNT_DEACTIVATED);
      const member = await tx
        .selectFrom("membership")
        .select("role")
        .where("user_id", "=", existing.id)
        .where("organisation_id", "=", organisation.id)
        .executeTakeFirst();
      if (member) throw new Conflict(ALREADY_MEMBER(organisation.name));
    }
    const userId =
      existing?.id ??
      (
        await tx
          .insertInto("app_user")
          .values({
            email,
            display_name: input.displayName.trim(),
            password_hash: null,
            created_at: context.now,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    await revokeTokens(
      tx,
      { userId, purpose: "invitation", organisationId: organisation.id },
      context.now,
    );
    const { token } = await issueAccountToken(
      tx,
      {
        purpose: "invitation",
        userId,
        organisationId: organisation.id,
        roles: input.roles,
        createdBy: context.actor.userId,
      },
      context.now,
    );
    const link = `${context.publicUrl}/invitation?jeton=${token}`;
    const roles = input.roles.map((role) => ROLE_LABELS[role]).join(", ");
    await queueMail(
      tx,
      {
        to: email,
        subject: `Invitation à rejoindre ${organisation.name} sur Relais`,
        text: [
          `Bonjour ${existing?.display_name ?? input.displayName.trim()},`,
          "",
          `Vous êtes invité à rejoindre « ${organisation.name} » sur Relais, avec le rôle : ${roles}.`,
          "",
          existing
            ? "Pour accepter, ouvrez ce lien :"
            : "Pour accepter et choisir votre mot de passe, ouvrez ce lien :",
          link,
          "",
          `Ce lien ne sert qu'une fois et reste valable ${INVITATION_VALIDITY_HOURS} heures.`,
          "Si vous n'attendiez pas cette invitation, ignorez ce message.",
        ].join("\n"),
      },
      context.now,
    );
    await recordAudit(tx, {
      actor: context.actor,
      action: "admin.invitation.created",
      subjectType: "user",
      subjectId: userId,
      details: { organisationId: organisation.id, roles: input.roles, newAccount: !existing },
      requestId: context.requestId ?? null,
      at: context.now,
    });
    return { userId, newAccount: !existing };
  });
}

export type InvitationView = {
  organisationName: string;
  roles: Role[];
  email: string;
  displayName: string;
  /** The account has no password yet: accepting sets one. */
  needsPassword: boolean;
};

/** What the invitation link opens, or NotFound / Gone for a bad link. */
export async function viewInvitation(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  token: string,
): Promise<InvitationView> {
  const { db, now, requestId } = ctx;
  const invitation = await requireUsableToken(db, "invitation", token, now, { requestId });
  const [user, organisation] = await Promise.all([
    db
      .selectFrom("app_user")
      .select(["email", "display_name", "password_hash"])
      .where("id", "=", invitation.userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("organisation")
      .select("name")
      .where("id", "=", invitation.organisationId ?? "")
      .executeTakeFirstOrThrow(),
  ]);
  return {
    organisationName: organisation.name,
    roles: invitation.roles,
    email: user.email,
    displayName: user.display_name,
    needsPassword: user.password_hash === null,
  };
}

/**
 * Accepts an invitation: the memberships it names are added, and an account
 * without a password gets the one chosen (checked against the password
 * rules), then a session. Single use: the link is marked used in the same
 * transaction, under a row lock. When the new roles need a second factor
 * (decision 0015), the session is half-signed at the enrolment stage: the
 * password alone opens nothing, as at sign-in.
 */
export async function acceptInvitation(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId"> & {
    origin: SessionOrigin;
    /** Roles that need a second factor (config.secondFactorRoles). */
    secondFactorRoles: readonly Role[];
  },
  input: { token: string; password?: string | undefined },
  policy: SessionPolicy,
): Promise<{
  userId: string;
  session?: {
    token: string;
    expiresAt: Date;
    stage: "complete" | "second_factor" | "enrolment";
  };
}> {
  const { db, now } = ctx;
  const result = await db.transaction().execute(async (tx) => {
    const invitation = await requireUsableToken(db, "invitation", input.token, now, {
      lock: tx,
      requestId: ctx.requestId,
    });
    const user = await tx
      .selectFrom("app_user")
      .select(["id", "email", "display_name", "password_hash", "is_active", "is_demo"])
      .where("id", "=", invitation.userId)
      .executeTakeFirstOrThrow();
    const organisation = await tx
      .selectFrom("organisation")
      .select(["is_active"])
      .where("id", "=", invitation.organisationId ?? "")
      .executeTakeFirstOrThrow();
    if (!user.is_active || !organisation.is_active) {
      throw new Gone(
        "Cette invitation ne peut plus être acceptée : le compte ou l'organisation a été désactivé.",
      );
    }
    const settingPassword = user.password_hash === null;
    if (settingPassword) {
      const problem = passwordProblem(input.password ?? "", {
        email: user.email,
        displayName: user.display_name,
      });
      if (problem) throw new Invalid({ password: problem });
      await tx
        .updateTable("app_user")
        .set({ password_hash: await hashPassword(input.password ?? "") })
        .where("id", "=", user.id)
        .execute();
    }
    await markTokenUsed(tx, invitation.id, now);
    await addMemberships(tx, user.id, invitation.organisationId ?? "", invitation.roles, now);
    await recordAudit(tx, {
      actor: { userId: user.id, organisationId: invitation.organisationId },
      action: "auth.invitation.accepted",
      subjectType: "user",
      subjectId: user.id,
      details: {
        organisationId: invitation.organisationId,
        roles: invitation.roles,
        settingPassword,
      },
      requestId: ctx.requestId ?? null,
      at: now,
    });
    return { userId: user.id, isDemo: user.is_demo, settingPassword };
  });
  if (!result.settingPassword) return { userId: result.userId };
  const stage = await secondFactorStage(
    db,
    { id: result.userId, is_demo: result.isDemo },
    ctx.secondFactorRoles,
  );
  const session = await createSession(db, result.userId, policy, now, {
    ...ctx.origin,
    stage,
  });
  return { userId: result.userId, session: { ...session, stage } };
}

/**
 * Accepts, inside a ProConnect sign-in's transaction, the account's
 * invitations still pending (not used, withdrawn or expired, into an active
 * organisation): the federation vouched for the invited e-mail, which is what
 * the link proves (decision 0015). Each gives its memberships and is marked
 * used, under a row lock, and audited as accepted `via` ProConnect. Returns
 * how many were accepted.
 */
export async function acceptPendingInvitations(
  tx: Tx,
  userId: string,
  context: { now: Date; requestId?: string | null; via: "proconnect" },
): Promise<number> {
  const pending = await tx
    .selectFrom("account_token")
    .innerJoin("organisation", "organisation.id", "account_token.organisation_id")
    .select(["account_token.id", "account_token.organisation_id", "account_token.roles"])
    .where("account_token.user_id", "=", userId)
    .where("account_token.purpose", "=", "invitation")
    .where("account_token.used_at", "is", null)
    .where("account_token.revoked_at", "is", null)
    .where("account_token.expires_at", ">", context.now)
    .where("organisation.is_active", "=", true)
    .forUpdate("account_token")
    .execute();
  for (const invitation of pending) {
    const organisationId = invitation.organisation_id ?? "";
    await markTokenUsed(tx, invitation.id, context.now);
    await addMemberships(tx, userId, organisationId, invitation.roles, context.now);
    await recordAudit(tx, {
      actor: { userId, organisationId },
      action: "auth.invitation.accepted",
      subjectType: "user",
      subjectId: userId,
      details: {
        organisationId,
        roles: invitation.roles,
        settingPassword: false,
        via: context.via,
      },
      requestId: context.requestId ?? null,
      at: context.now,
    });
  }
  return pending.length;
}

async function addMemberships(
  tx: Tx,
  userId: string,
  organisationId: string,
  roles: readonly Role[],
  now: Date,
) {
  await tx
    .insertInto("membership")
    .values(
      roles.map((role) => ({
        user_id: userId,
        organisation_id: organisationId,
        role,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
