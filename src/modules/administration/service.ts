import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize, organisationIds } from "../../platform/access/policy.ts";
import type { OrganisationKind, Role } from "../../platform/access/roles.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { inviteIntoOrganisation } from "../../platform/auth/invitations.ts";
import { endAllSessions } from "../../platform/auth/sessions.ts";
import { Conflict, Forbidden, Gone, Invalid, NotFound } from "../../platform/errors.ts";
import {
  findStructure,
  findStructuresOfOrganisation,
  linkStructureToOrganisation,
  searchStructuresByName,
} from "../directory/service.ts";
import { REFERENT_ROLES } from "../records/policy.ts";
import { administeredOrganisationIds, administrationRules } from "./policy.ts";

/**
 * The administration of organisations and accounts (issue 19): the pages'
 * use cases. Each one authorizes, then works in one transaction with its
 * audit event. Account mechanics (links, passwords, sessions) are in
 * platform/auth.
 */
export type AdminContext = { now: Date; requestId?: string | null; publicUrl: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organisation the actor acts for in the audit trail: the one concerned if a member, else the first. */
function actingFor(actor: UserActor, organisationId?: string) {
  const mine = organisationIds(actor);
  return {
    userId: actor.userId,
    organisationId:
      organisationId && mine.includes(organisationId) ? organisationId : (mine[0] ?? null),
  };
}

async function audit(
  tx: Tx,
  actor: UserActor,
  context: AdminContext,
  event: {
    action: AuditAction;
    subjectType: string;
    subjectId: string;
    organisationId?: string;
    details?: Record<string, unknown>;
  },
) {
  await recordAudit(tx, {
    actor: actingFor(actor, event.organisationId),
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    details: event.details ?? {},
    requestId: context.requestId ?? null,
    at: context.now,
  });
}

// Organisations.

export type OrganisationRow = {
  id: string;
  name: string;
  kind: OrganisationKind;
  isActive: boolean;
  communeCodes: string[];
  members: number;
};

export async function listOrganisations(
  db: Db,
  actor: UserActor,
  query: { text: string; page: number },
  pageSize = 50,
): Promise<{ rows: OrganisationRow[]; total: number }> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  let base = db.selectFrom("organisation");
  const text = query.text.trim();
  if (text) {
    base = base.where((eb) =>
      eb(
        eb.fn("unaccent", [eb.fn("lower", ["organisation.name"])]),
        "like",
        eb.fn("unaccent", [eb.val(`%${text.toLowerCase()}%`)]),
      ),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .leftJoin("membership", "membership.organisation_id", "organisation.id")
      .select((eb) => [
        "organisation.id",
        "organisation.name",
        "organisation.kind",
        "organisation.is_active",
        "organisation.commune_codes",
        eb.fn.count<number>("membership.user_id").distinct().as("members"),
      ])
      .groupBy("organisation.id")
      .orderBy("organisation.is_active", "desc")
      .orderBy("organisation.name")
      .limit(pageSize)
      .offset((query.page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      isActive: row.is_active,
      communeCodes: row.commune_codes,
      members: Number(row.members),
    })),
    total: Number(total.total),
  };
}

export type OrganisationInput = {
  name: string;
  kind: OrganisationKind;
  communeCodes: string[];
  /** A directory structure to link, by id (or "source:id"); empty: none. */
  structure: string;
};

export async function requireOrganisation(db: Db | Tx, id: string) {
  const row = UUID.test(id)
    ? await db
        .selectFrom("organisation")
        .select(["id", "name", "kind", "is_active", "commune_codes", "deactivated_at"])
        .where("id", "=", id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new NotFound("Cette organisation n'existe pas.");
  return row;
}

/** The organisation, its directory entries and the communes it serves, for its page. */
export async function organisationDetail(db: Db, actor: UserActor, id: string) {
  const organisation = await requireOrganisation(db, id);
  authorize(actor, administrationRules.viewAccounts, { organisationId: organisation.id });
  const [structures, communes] = await Promise.all([
    findStructuresOfOrganisation(db, organisation.id),
    organisation.commune_codes.length > 0
      ? db
          .selectFrom("commune")
          .select(["insee_code", "name"])
          .where("insee_code", "in", organisation.commune_codes)
          .orderBy("name")
          .execute()
      : [],
  ]);
  return { organisation, structures, communes };
}

async function checkOrganisationInput(tx: Tx, input: OrganisationInput, id?: string) {
  const errors: Record<string, string> = {};
  const sameName = await tx
    .selectFrom("organisation")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", input.name.toLowerCase()))
    .executeTakeFirst();
  if (sameName && sameName.id !== id) errors.name = "Une organisation porte déjà ce nom.";
  if (input.communeCodes.length > 0) {
    const known = await tx
      .selectFrom("commune")
      .select("insee_code")
      .where("insee_code", "in", input.communeCodes)
      .execute();
    const unknown = input.communeCodes.filter(
      (code) => !known.some((row) => row.insee_code === code),
    );
    if (unknown.length > 0) {
      errors.communes = `Code INSEE inconnu du territoire : ${unknown.join(", ")}.`;
    }
  }
  const structure = input.structure ? await findStructure(tx, input.structure) : undefined;
  if (input.structure && !structure) {
    errors.structure = "Aucune structure de l'annuaire n'a cet identifiant.";
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return structure;
}

export async function createOrganisationFor(
  db: Db,
  actor: UserActor,
  input: OrganisationInput,
  context: AdminContext,
): Promise<string> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  return db.transaction().execute(async (tx) => {
    const structure = await checkOrganisationInput(tx, input);
    const row = await tx
      .insertInto("organisation")
      .values({
        name: input.name,
        kind: input.kind,
        commune_codes: input.communeCodes,
        commune_code: input.communeCodes[0] ?? null,
        created_at: context.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (structure) await linkStructureToOrganisation(tx, structure.id, row.id);
    await audit(tx, actor, context, {
      action: "admin.organisation.created",
      subjectType: "organisation",
      subjectId: row.id,
      details: {
        name: input.name,
        kind: input.kind,
        communeCodes: input.communeCodes,
        structureId: structure?.id ?? null,
      },
    });
    return row.id;
  });
}

export async function updateOrganisation(
  db: Db,
  actor: UserActor,
  id: string,
  input: OrganisationInput,
  context: AdminContext,
): Promise<void> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  await db.transaction().execute(async (tx) => {
    const organisation = await requireOrganisation(tx, id);
    const structure = await checkOrganisationInput(tx, input, organisation.id);
    await tx
      .updateTable("organisation")
      .set({
        name: input.name,
        kind: input.kind,
        commune_codes: input.communeCodes,
        commune_code: input.communeCodes[0] ?? null,
      })
      .where("id", "=", organisation.id)
      .execute();
    if (structure) await linkStructureToOrganisation(tx, structure.id, organisation.id);
    await audit(tx, actor, context, {
      action: "admin.organisation.updated",
      subjectType: "organisation",
      subjectId: organisation.id,
      details: {
        name: input.name,
        kind: input.kind,
        communeCodes: input.communeCodes,
        structureId: structure?.id ?? null,
      },
    });
  });
}

/**
 * Deactivates an organisation: its memberships give nothing any more
 * (loadMemberships skips it), every session of its members ends at once and
 * its pending invitations are withdrawn. History stays.
 */
export async function deactivateOrganisation(
  db: Db,
  actor: UserActor,
  id: string,
  context: AdminContext,
): Promise<void> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  await db.transaction().execute(async (tx) => {
    const organisation = await requireOrganisation(tx, id);
    if (!organisation.is_active) throw new Conflict("Cette organisation est déjà désactivée.");
    if (administeredOrganisationIds(actor).includes(organisation.id)) {
      throw new Invalid(
        {},
        "Vous ne pouvez pas désactiver l'organisation qui vous donne le rôle d'administrateur.",
      );
    }
    await tx
      .updateTable("organisation")
      .set({ is_active: false, deactivated_at: context.now })
      .where("id", "=", organisation.id)
      .execute();
    const members = await tx
      .selectFrom("membership")
      .select("user_id")
      .distinct()
      .where("organisation_id", "=", organisation.id)
      .execute();
    const sessionsEnded = await endAllSessions(
      tx,
      members.map((member) => member.user_id),
    );
    await tx
      .updateTable("account_token")
      .set({ revoked_at: context.now })
      .where("organisation_id", "=", organisation.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    await audit(tx, actor, context, {
      action: "admin.organisation.deactivated",
      subjectType: "organisation",
      subjectId: organisation.id,
      details: { members: members.length, sessionsEnded },
    });
  });
}

// Accounts.

export type AccountRow = {
  userId: string;
  displayName: string;
  email: string;
  isActive: boolean;
  roles: Role[];
  lastLoginAt: Date | null;
};

/** The organisation's members, pending invitations and ended memberships; the reading is audited. */
export async function listAccounts(
  db: Db,
  actor: UserActor,
  organisationId: string,
  context: AdminContext,
) {
  const organisation = await requireOrganisation(db, organisationId);
  authorize(actor, administrationRules.viewAccounts, { organisationId: organisation.id });
  return db.transaction().execute(async (tx) => {
    const [members, invitations, ended] = await Promise.all([
      tx
        .selectFrom("membership")
        .innerJoin("app_user", "app_user.id", "membership.user_id")
        .select([
          "app_user.id",
          "app_user.display_name",
          "app_user.email",
          "app_user.is_active",
          "app_user.last_login_at",
          "membership.role",
        ])
        .where("membership.organisation_id", "=", organisation.id)
        .orderBy("app_user.display_name")
        .orderBy("membership.role")
        .execute(),
      tx
        .selectFrom("account_token")
        .innerJoin("app_user", "app_user.id", "account_token.user_id")
        .select([
          "account_token.id",
          "app_user.display_name",
          "app_user.email",
          "account_token.roles",
          "account_token.expires_at",
        ])
        .where("account_token.organisation_id", "=", organisation.id)
        .where("account_token.purpose", "=", "invitation")
        .where("account_token.used_at", "is", null)
        .where("account_token.revoked_at", "is", null)
        .where("account_token.expires_at", ">", context.now)
        .orderBy("account_token.created_at", "desc")
        .execute(),
      tx
        .selectFrom("membership_ended")
        .innerJoin("app_user", "app_user.id", "membership_ended.user_id")
        .select([
          "app_user.id",
          "app_user.display_name",
          "membership_ended.role",
          "membership_ended.created_at",
          "membership_ended.ended_at",
        ])
        .where("membership_ended.organisation_id", "=", organisation.id)
        .orderBy("membership_ended.ended_at", "desc")
        .limit(100)
        .execute(),
    ]);
    await audit(tx, actor, context, {
      action: "admin.accounts.list",
      subjectType: "organisation",
      subjectId: organisation.id,
      organisationId: organisation.id,
    });
    const accounts = new Map<string, AccountRow>();
    for (const row of members) {
      const account = accounts.get(row.id) ?? {
        userId: row.id,
        displayName: row.display_name,
        email: row.email,
        isActive: row.is_active,
        roles: [],
        lastLoginAt: row.last_login_at,
      };
      account.roles.push(row.role);
      accounts.set(row.id, account);
    }
    return {
      organisation,
      accounts: [...accounts.values()],
      invitations: invitations.map((row) => ({
        id: row.id,
        displayName: row.display_name,
        email: row.email,
        roles: row.roles,
        expiresAt: row.expires_at,
      })),
      ended: ended.map((row) => ({
        userId: row.id,
        displayName: row.display_name,
        role: row.role,
        since: row.created_at,
        endedAt: row.ended_at,
      })),
    };
  });
}

export type InviteInput = { email: string; displayName: string; roles: Role[] };

/**
 * Invites a person into the organisation. A responsable may give only the
 * roles of a structure, in their own structure: any other attempt is refused
 * (403), audited, and writes nothing else.
 */
export async function invite(
  db: Db,
  actor: UserActor,
  organisationId: string,
  input: InviteInput,
  context: AdminContext,
): Promise<{ userId: string; newAccount: boolean }> {
  const organisation = await requireOrganisation(db, organisationId);
  try {
    authorize(actor, administrationRules.grantRoles, {
      organisationId: organisation.id,
      roles: input.roles,
    });
  } catch (error) {
    if (error instanceof Forbidden) {
      await db.transaction().execute((tx) =>
        audit(tx, actor, context, {
          action: "admin.invitation.refused",
          subjectType: "organisation",
          subjectId: organisation.id,
          details: { roles: input.roles, reason: "forbidden" },
        }),
      );
    }
    throw error;
  }
  return inviteIntoOrganisation(
    {
      db,
      actor: actingFor(actor, organisation.id),
      now: context.now,
      requestId: context.requestId ?? null,
      publicUrl: context.publicUrl,
    },
    { ...input, organisationId: organisation.id },
  );
}

/**
 * Ends one role of a member in the organisation: the membership moves to
 * `membership_ended` (decision 0018), and takes effect on the member's next
 * request.
 */
export async function endMembership(
  db: Db,
  actor: UserActor,
  input: { organisationId: string; userId: string; role: Role },
  context: AdminContext,
): Promise<void> {
  const organisation = await requireOrganisation(db, input.organisationId);
  authorize(actor, administrationRules.grantRoles, {
    organisationId: organisation.id,
    roles: [input.role],
  });
  await db.transaction().execute(async (tx) => {
    const removed = UUID.test(input.userId)
      ? await tx
          .deleteFrom("membership")
          .where("organisation_id", "=", organisation.id)
          .where("user_id", "=", input.userId)
          .where("role", "=", input.role)
          .returning(["created_at"])
          .executeTakeFirst()
      : undefined;
    if (!removed) throw new NotFound("Cette personne n'a pas ce rôle dans cette organisation.");
    await tx
      .insertInto("membership_ended")
      .values({
        user_id: input.userId,
        organisation_id: organisation.id,
        role: input.role,
        created_at: removed.created_at,
        ended_at: context.now,
        ended_by: actor.userId,
      })
      .execute();
    await audit(tx, actor, context, {
      action: "admin.membership.ended",
      subjectType: "user",
      subjectId: input.userId,
      organisationId: organisation.id,
      details: { organisationId: organisation.id, role: input.role },
    });
  });
}

/**
 * Deactivates an account: it can no longer sign in, every session ends at
 * once (a live one is refused on its next request), its links are withdrawn.
 */
export async function deactivateAccount(
  db: Db,
  actor: UserActor,
  userId: string,
  context: AdminContext,
): Promise<void> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  if (userId === actor.userId) {
    throw new Invalid({}, "Vous ne pouvez pas désactiver votre propre compte.");
  }
  await db.transaction().execute(async (tx) => {
    const user = UUID.test(userId)
      ? await tx
          .selectFrom("app_user")
          .select(["id", "is_active"])
          .where("id", "=", userId)
          .executeTakeFirst()
      : undefined;
    if (!user) throw new NotFound("Ce compte n'existe pas.");
    if (!user.is_active) throw new Conflict("Ce compte est déjà désactivé.");
    await tx
      .updateTable("app_user")
      .set({ is_active: false, deactivated_at: context.now })
      .where("id", "=", user.id)
      .execute();
    const sessionsEnded = await endAllSessions(tx, [user.id]);
    await tx
      .updateTable("account_token")
      .set({ revoked_at: context.now })
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    await audit(tx, actor, context, {
      action: "admin.account.deactivated",
      subjectType: "user",
      subjectId: user.id,
      details: { sessionsEnded },
    });
  });
}

/** Gives a deactivated account back its sign-in (its memberships never left). */
export async function reactivateAccount(
  db: Db,
  actor: UserActor,
  userId: string,
  context: AdminContext,
): Promise<void> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  await db.transaction().execute(async (tx) => {
    const updated = UUID.test(userId)
      ? await tx
          .updateTable("app_user")
          .set({ is_active: true, deactivated_at: null })
          .where("id", "=", userId)
          .where("is_active", "=", false)
          .returning("id")
          .executeTakeFirst()
      : undefined;
    if (!updated) throw new NotFound("Ce compte n'existe pas ou n'est pas désactivé.");
    await audit(tx, actor, context, {
      action: "admin.account.reactivated",
      subjectType: "user",
      subjectId: updated.id,
    });
  });
}

/** Gives a deactivated organisation back to its members (they sign in again). */
export async function reactivateOrganisation(
  db: Db,
  actor: UserActor,
  id: string,
  context: AdminContext,
): Promise<void> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  await db.transaction().execute(async (tx) => {
    const organisation = await requireOrganisation(tx, id);
    if (organisation.is_active) throw new Conflict("Cette organisation est déjà active.");
    await tx
      .updateTable("organisation")
      .set({ is_active: true, deactivated_at: null })
      .where("id", "=", organisation.id)
      .execute();
    await audit(tx, actor, context, {
      action: "admin.organisation.reactivated",
      subjectType: "organisation",
      subjectId: organisation.id,
    });
  });
}

/** The account's name in one organisation, for the hand-over page; NotFound when not a member. */
export async function requireMemberName(
  db: Db,
  actor: UserActor,
  organisationId: string,
  userId: string,
): Promise<string> {
  authorize(actor, administrationRules.viewAccounts, { organisationId });
  const row =
    UUID.test(userId) && UUID.test(organisationId)
      ? await db
          .selectFrom("app_user")
          .select("display_name")
          .where("id", "=", userId)
          .where((eb) =>
            eb.or([
              eb.exists(
                eb
                  .selectFrom("membership")
                  .select("user_id")
                  .whereRef("membership.user_id", "=", "app_user.id")
                  .where("membership.organisation_id", "=", organisationId),
              ),
              eb.exists(
                eb
                  .selectFrom("membership_ended")
                  .select("user_id")
                  .whereRef("membership_ended.user_id", "=", "app_user.id")
                  .where("membership_ended.organisation_id", "=", organisationId),
              ),
            ]),
          )
          .executeTakeFirst()
      : undefined;
  if (!row) throw new NotFound("Cette personne n'est pas membre de cette organisation.");
  return row.display_name;
}

/** The structure's active social workers, but one: who may take over the records. */
export async function listColleagues(db: Db, organisationId: string, except: string) {
  return db
    .selectFrom("membership")
    .innerJoin("app_user", "app_user.id", "membership.user_id")
    .select(["app_user.id", "app_user.display_name"])
    .where("membership.organisation_id", "=", organisationId)
    .where("membership.role", "in", REFERENT_ROLES)
    .where("app_user.is_active", "=", true)
    .where("app_user.id", "<>", except)
    .orderBy("app_user.display_name")
    .execute();
}

// Directory claims.

export async function searchDirectoryForClaim(
  db: Db,
  actor: UserActor,
  organisationId: string,
  text: string,
) {
  authorize(actor, administrationRules.claimDirectoryEntry, { organisationId });
  return searchStructuresByName(db, text);
}

export async function requestClaim(
  db: Db,
  actor: UserActor,
  input: { organisationId: string; structureId: string; message: string },
  context: AdminContext,
): Promise<void> {
  const organisation = await requireOrganisation(db, input.organisationId);
  authorize(actor, administrationRules.claimDirectoryEntry, { organisationId: organisation.id });
  const structure = await findStructure(db, input.structureId);
  if (!structure) throw new Invalid({ structureId: "Choisissez une structure de l'annuaire." });
  if (structure.organisation_id === organisation.id) {
    throw new Conflict("Votre structure tient déjà cette fiche de l'annuaire.");
  }
  await db.transaction().execute(async (tx) => {
    const pending = await tx
      .selectFrom("organisation_claim")
      .select("id")
      .where("organisation_id", "=", organisation.id)
      .where("structure_id", "=", structure.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (pending)
      throw new Conflict(
        "Une demande pour cette fiche attend déjà la décision d'un administrateur.",
      );
    const claim = await tx
      .insertInto("organisation_claim")
      .values({
        organisation_id: organisation.id,
        structure_id: structure.id,
        requested_by: actor.userId,
        message: input.message,
        created_at: context.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, actor, context, {
      action: "admin.claim.requested",
      subjectType: "organisation_claim",
      subjectId: claim.id,
      organisationId: organisation.id,
      details: { structureId: structure.id },
    });
  });
}

/** The claims of one organisation (for its responsable), or every pending one (for the admin). */
export async function listClaims(
  db: Db,
  actor: UserActor,
  scope: { organisationId: string } | "pending",
) {
  if (scope === "pending") authorize(actor, administrationRules.manageOrganisations, undefined);
  else authorize(actor, administrationRules.claimDirectoryEntry, scope);
  let query = db
    .selectFrom("organisation_claim")
    .innerJoin("organisation", "organisation.id", "organisation_claim.organisation_id")
    .leftJoin("app_user", "app_user.id", "organisation_claim.requested_by")
    .select([
      "organisation_claim.id",
      "organisation_claim.structure_id",
      "organisation_claim.status",
      "organisation_claim.message",
      "organisation_claim.created_at",
      "organisation.name as organisationName",
      "app_user.display_name as requestedBy",
    ])
    .orderBy("organisation_claim.created_at", "desc")
    .limit(200);
  query =
    scope === "pending"
      ? query.where("organisation_claim.status", "=", "pending")
      : query.where("organisation_claim.organisation_id", "=", scope.organisationId);
  const rows = await query.execute();
  const structures = await Promise.all(rows.map((row) => findStructure(db, row.structure_id)));
  return rows.map((row, index) => ({
    id: row.id,
    status: row.status,
    message: row.message,
    createdAt: row.created_at,
    organisationName: row.organisationName,
    requestedBy: row.requestedBy,
    structureId: row.structure_id,
    structureName: structures[index]?.nom ?? "(retirée de l'annuaire)",
  }));
}

/** Approves (the organisation then maintains the entry) or refuses a pending claim. */
export async function decideClaim(
  db: Db,
  actor: UserActor,
  input: { claimId: string; approve: boolean },
  context: AdminContext,
): Promise<void> {
  authorize(actor, administrationRules.manageOrganisations, undefined);
  await db.transaction().execute(async (tx) => {
    const claim = UUID.test(input.claimId)
      ? await tx
          .selectFrom("organisation_claim")
          .select(["id", "organisation_id", "structure_id", "status"])
          .where("id", "=", input.claimId)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!claim) throw new NotFound("Cette demande n'existe pas.");
    if (claim.status !== "pending") throw new Gone("Cette demande a déjà été traitée.");
    if (input.approve)
      await linkStructureToOrganisation(tx, claim.structure_id, claim.organisation_id);
    await tx
      .updateTable("organisation_claim")
      .set({
        status: input.approve ? "approved" : "refused",
        decided_at: context.now,
        decided_by: actor.userId,
      })
      .where("id", "=", claim.id)
      .execute();
    await audit(tx, actor, context, {
      action: input.approve ? "admin.claim.approved" : "admin.claim.refused",
      subjectType: "organisation_claim",
      subjectId: claim.id,
      details: { organisationId: claim.organisation_id, structureId: claim.structure_id },
    });
  });
}
