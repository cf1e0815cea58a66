import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize, organisationIds } from "../../platform/access/policy.ts";
import type { OrganisationKind, Role } from "../../platform/access/roles.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { inviteIntoOrganisation } from "../../platform/auth/invitations.ts";
import { endAllSessions } from "../../platform/auth/sessions.ts";
import { Conflict, Forbidden, Gone, Invalid, NotFound } from "../../platform/errors.ts";
import type { UserContext } from "../../platform/http/context.ts";
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
export type AdminContext = UserContext & {
  /** The address invitation links are built on. */
  publicUrl: string;
};

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

type AdminEvent = {
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  organisationId?: string;
  details?: Record<string, unknown>;
};

async function audit(tx: Tx, ctx: UserContext, event: AdminEvent) {
  await recordAudit(tx, {
    actor: actingFor(ctx.actor, event.organisationId),
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    details: event.details ?? {},
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/**
 * The shape of every change here, once authorized: one transaction whose
 * work ends with the audit event it returns. Gives back the subject's id.
 */
async function change(ctx: UserContext, work: (tx: Tx) => Promise<AdminEvent>): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const event = await work(tx);
    await audit(tx, ctx, event);
    return event.subjectId;
  });
}

/** A change only an administrator of the territory makes (organisations, accounts, claims). */
function manage(ctx: UserContext, work: (tx: Tx) => Promise<AdminEvent>): Promise<string> {
  authorize(ctx.actor, administrationRules.manageOrganisations, undefined);
  return change(ctx, work);
}

/** One row by id, or undefined when the id is not even a uuid (no query then). */
function byId<T>(id: string, find: (id: string) => Promise<T | undefined>): Promise<T | undefined> {
  return UUID.test(id) ? find(id) : Promise.resolve(undefined);
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
  { db, actor }: Pick<UserContext, "db" | "actor">,
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
export async function organisationDetail(
  { db, actor }: Pick<UserContext, "db" | "actor">,
  id: string,
) {
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

export function createOrganisationFor(ctx: UserContext, input: OrganisationInput): Promise<string> {
  return manage(ctx, async (tx) => {
    const structure = await checkOrganisationInput(tx, input);
    const row = await tx
      .insertInto("organisation")
      .values({
        name: input.name,
        kind: input.kind,
        commune_codes: input.communeCodes,
        commune_code: input.communeCodes[0] ?? null,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (structure) await linkStructureToOrganisation(tx, structure.id, row.id);
    return {
      action: "admin.organisation.created",
      subjectType: "organisation",
      subjectId: row.id,
      details: {
        name: input.name,
        kind: input.kind,
        communeCodes: input.communeCodes,
        structureId: structure?.id ?? null,
      },
    };
  });
}

export async function updateOrganisation(
  ctx: UserContext,
  id: string,
  input: OrganisationInput,
): Promise<void> {
  await manage(ctx, async (tx) => {
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
    return {
      action: "admin.organisation.updated",
      subjectType: "organisation",
      subjectId: organisation.id,
      details: {
        name: input.name,
        kind: input.kind,
        communeCodes: input.communeCodes,
        structureId: structure?.id ?? null,
      },
    };
  });
}

/**
 * Deactivates an organisation: its memberships give nothing any more
 * (loadMemberships skips it), every session of its members ends at once and
 * its pending invitations are withdrawn. History stays.
 */
export async function deactivateOrganisation(ctx: UserContext, id: string): Promise<void> {
  await manage(ctx, async (tx) => {
    const organisation = await requireOrganisation(tx, id);
    if (!organisation.is_active) throw new Conflict("Cette organisation est déjà désactivée.");
    if (administeredOrganisationIds(ctx.actor).includes(organisation.id)) {
      throw new Invalid(
        {},
        "Vous ne pouvez pas désactiver l'organisation qui vous donne le rôle d'administrateur.",
      );
    }
    await tx
      .updateTable("organisation")
      .set({ is_active: false, deactivated_at: ctx.now })
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
      .set({ revoked_at: ctx.now })
      .where("organisation_id", "=", organisation.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    return {
      action: "admin.organisation.deactivated",
      subjectType: "organisation",
      subjectId: organisation.id,
      details: { members: members.length, sessionsEnded },
    };
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
export async function listAccounts(ctx: UserContext, organisationId: string) {
  const { db, actor } = ctx;
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
        .where("account_token.expires_at", ">", ctx.now)
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
    await audit(tx, ctx, {
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
  ctx: AdminContext,
  organisationId: string,
  input: InviteInput,
): Promise<{ userId: string; newAccount: boolean }> {
  const organisation = await requireOrganisation(ctx.db, organisationId);
  try {
    authorize(ctx.actor, administrationRules.grantRoles, {
      organisationId: organisation.id,
      roles: input.roles,
    });
  } catch (error) {
    if (error instanceof Forbidden) {
      await change(ctx, async () => ({
        action: "admin.invitation.refused",
        subjectType: "organisation",
        subjectId: organisation.id,
        details: { roles: input.roles, reason: "forbidden" },
      }));
    }
    throw error;
  }
  return inviteIntoOrganisation(
    {
      db: ctx.db,
      actor: actingFor(ctx.actor, organisation.id),
      now: ctx.now,
      requestId: ctx.requestId,
      publicUrl: ctx.publicUrl,
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
  ctx: UserContext,
  input: { organisationId: string; userId: string; role: Role },
): Promise<void> {
  const organisation = await requireOrganisation(ctx.db, input.organisationId);
  authorize(ctx.actor, administrationRules.grantRoles, {
    organisationId: organisation.id,
    roles: [input.role],
  });
  await change(ctx, async (tx) => {
    const removed = await byId(input.userId, (userId) =>
      tx
        .deleteFrom("membership")
        .where("organisation_id", "=", organisation.id)
        .where("user_id", "=", userId)
        .where("role", "=", input.role)
        .returning(["created_at"])
        .executeTakeFirst(),
    );
    if (!removed) throw new NotFound("Cette personne n'a pas ce rôle dans cette organisation.");
    await tx
      .insertInto("membership_ended")
      .values({
        user_id: input.userId,
        organisation_id: organisation.id,
        role: input.role,
        created_at: removed.created_at,
        ended_at: ctx.now,
        ended_by: ctx.actor.userId,
      })
      .execute();
    return {
      action: "admin.membership.ended",
      subjectType: "user",
      subjectId: input.userId,
      organisationId: organisation.id,
      details: { organisationId: organisation.id, role: input.role },
    };
  });
}

/**
 * Deactivates an account: it can no longer sign in, every session ends at
 * once (a live one is refused on its next request), its links are withdrawn.
 */
export async function deactivateAccount(ctx: UserContext, userId: string): Promise<void> {
  authorize(ctx.actor, administrationRules.manageOrganisations, undefined);
  if (userId === ctx.actor.userId) {
    throw new Invalid({}, "Vous ne pouvez pas désactiver votre propre compte.");
  }
  await change(ctx, async (tx) => {
    const user = await byId(userId, (id) =>
      tx.selectFrom("app_user").select(["id", "is_active"]).where("id", "=", id).executeTakeFirst(),
    );
    if (!user) throw new NotFound("Ce compte n'existe pas.");
    if (!user.is_active) throw new Conflict("Ce compte est déjà désactivé.");
    await tx
      .updateTable("app_user")
      .set({ is_active: false, deactivated_at: ctx.now })
      .where("id", "=", user.id)
      .execute();
    const sessionsEnded = await endAllSessions(tx, [user.id]);
    await tx
      .updateTable("account_token")
      .set({ revoked_at: ctx.now })
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    return {
      action: "admin.account.deactivated",
      subjectType: "user",
      subjectId: user.id,
      details: { sessionsEnded },
    };
  });
}

/** Gives a deactivated account back its sign-in (its memberships never left). */
export async function reactivateAccount(ctx: UserContext, userId: string): Promise<void> {
  await manage(ctx, async (tx) => {
    const updated = await byId(userId, (id) =>
      tx
        .updateTable("app_user")
        .set({ is_active: true, deactivated_at: null })
        .where("id", "=", id)
        .where("is_active", "=", false)
        .returning("id")
        .executeTakeFirst(),
    );
    if (!updated) throw new NotFound("Ce compte n'existe pas ou n'est pas désactivé.");
    return { action: "admin.account.reactivated", subjectType: "user", subjectId: updated.id };
  });
}

/** Gives a deactivated organisation back to its members (they sign in again). */
export async function reactivateOrganisation(ctx: UserContext, id: string): Promise<void> {
  await manage(ctx, async (tx) => {
    const organisation = await requireOrganisation(tx, id);
    if (organisation.is_active) throw new Conflict("Cette organisation est déjà active.");
    await tx
      .updateTable("organisation")
      .set({ is_active: true, deactivated_at: null })
      .where("id", "=", organisation.id)
      .execute();
    return {
      action: "admin.organisation.reactivated",
      subjectType: "organisation",
      subjectId: organisation.id,
    };
  });
}

/** The account's name in one organisation, for the hand-over page; NotFound when not a member. */
export async function requireMemberName(
  { db, actor }: Pick<UserContext, "db" | "actor">,
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
  { db, actor }: Pick<UserContext, "db" | "actor">,
  organisationId: string,
  text: string,
) {
  authorize(actor, administrationRules.claimDirectoryEntry, { organisationId });
  return searchStructuresByName(db, text);
}

export async function requestClaim(
  ctx: UserContext,
  input: { organisationId: string; structureId: string; message: string },
): Promise<void> {
  const organisation = await requireOrganisation(ctx.db, input.organisationId);
  authorize(ctx.actor, administrationRules.claimDirectoryEntry, {
    organisationId: organisation.id,
  });
  const structure = await findStructure(ctx.db, input.structureId);
  if (!structure) throw new Invalid({ structureId: "Choisissez une structure de l'annuaire." });
  if (structure.organisation_id === organisation.id) {
    throw new Conflict("Votre structure tient déjà cette fiche de l'annuaire.");
  }
  await change(ctx, async (tx) => {
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
        requested_by: ctx.actor.userId,
        message: input.message,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return {
      action: "admin.claim.requested",
      subjectType: "organisation_claim",
      subjectId: claim.id,
      organisationId: organisation.id,
      details: { structureId: structure.id },
    };
  });
}

/** The claims of one organisation (for its responsable), or every pending one (for the admin). */
export async function listClaims(
  { db, actor }: Pick<UserContext, "db" | "actor">,
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
  ctx: UserContext,
  input: { claimId: string; approve: boolean },
): Promise<void> {
  await manage(ctx, async (tx) => {
    const claim = await byId(input.claimId, (id) =>
      tx
        .selectFrom("organisation_claim")
        .select(["id", "organisation_id", "structure_id", "status"])
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst(),
    );
    if (!claim) throw new NotFound("Cette demande n'existe pas.");
    if (claim.status !== "pending") throw new Gone("Cette demande a déjà été traitée.");
    if (input.approve)
      await linkStructureToOrganisation(tx, claim.structure_id, claim.organisation_id);
    await tx
      .updateTable("organisation_claim")
      .set({
        status: input.approve ? "approved" : "refused",
        decided_at: ctx.now,
        decided_by: ctx.actor.userId,
      })
      .where("id", "=", claim.id)
      .execute();
    return {
      action: input.approve ? "admin.claim.approved" : "admin.claim.refused",
      subjectType: "organisation_claim",
      subjectId: claim.id,
      details: { organisationId: claim.organisation_id, structureId: claim.structure_id },
    };
  });
}
