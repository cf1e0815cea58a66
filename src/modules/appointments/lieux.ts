// A responsable's places (lieux): picked from the directory (name, address,
// commune and coordinates copied, the directory reference kept) or typed by
// hand; enabled, disabled, deleted when nothing refers to them. Every change
// is authorised by appointmentRules.manageAgendas on the place's organisation
// and audited in the same transaction.

import type { Db, Tx } from "../../db/database.ts";
import { authorize } from "../../platform/access/policy.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext, UserContext } from "../../platform/http/context.ts";
import { type DirectoryPlace, findDirectoryPlace } from "../directory/service.ts";
import { appointmentRules } from "./policy.ts";

export type LieuStatus = "enabled" | "disabled" | "single_use";

export const LIEU_IN_USE_MESSAGE =
  "Ce lieu ne peut pas être supprimé : des plages d'ouverture, des séances ou des rendez-vous y sont rattachés. Vous pouvez le désactiver : il ne sera plus proposé.";

export interface LieuInput {
  name: string;
  address: string;
  communeCode: string | null;
  phone: string | null;
}

export interface LieuRow {
  id: string;
  organisationId: string;
  name: string;
  address: string;
  communeCode: string | null;
  communeName: string | null;
  phone: string | null;
  status: LieuStatus;
  directoryRef: string | null;
  latitude: number | null;
  longitude: number | null;
  uses: number;
}

function lieuRows(db: Db | Tx) {
  return db
    .selectFrom("rdv_lieu as l")
    .leftJoin("commune as c", "c.insee_code", "l.commune_code")
    .select((eb) => [
      "l.id",
      "l.organisation_id as organisationId",
      "l.name",
      "l.address",
      "l.commune_code as communeCode",
      "c.name as communeName",
      "l.phone",
      "l.status",
      "l.directory_ref as directoryRef",
      "l.latitude",
      "l.longitude",
      eb
        .selectFrom("rdv_plage as p")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("p.lieu_id", "=", "l.id")
        .as("plages"),
      eb
        .selectFrom("rdv as r")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("r.lieu_id", "=", "l.id")
        .as("rdvs"),
      eb
        .selectFrom("rdv_session as s")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("s.lieu_id", "=", "l.id")
        .as("sessions"),
    ]);
}

type RawRow = Omit<LieuRow, "uses"> & {
  plages: number | string | null;
  rdvs: number | string | null;
  sessions: number | string | null;
};

function toRow({ plages, rdvs, sessions, ...row }: RawRow): LieuRow {
  return { ...row, uses: Number(plages ?? 0) + Number(rdvs ?? 0) + Number(sessions ?? 0) };
}

/** An organisation's places, disabled ones included, with how often each is used. */
export async function listOrganisationLieux(db: Db, organisationId: string): Promise<LieuRow[]> {
  const rows = await lieuRows(db)
    .where("l.organisation_id", "=", organisationId)
    .orderBy("l.name")
    .execute();
  return rows.map((r) => toRow(r as RawRow));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One place, whatever its status; NotFound for an unknown id. */
export async function requireLieu(db: Db | Tx, id: string): Promise<LieuRow> {
  const row = UUID.test(id) ? await lieuRows(db).where("l.id", "=", id).executeTakeFirst() : null;
  if (!row) throw new NotFound("Ce lieu n'existe pas.");
  return toRow(row as RawRow);
}

/** A place the actor may manage: NotFound, then Forbidden, never the other way round. */
export async function requireManagedLieu(
  ctx: Pick<ServiceContext, "db" | "actor">,
  id: string,
): Promise<LieuRow> {
  const lieu = await requireLieu(ctx.db, id);
  authorize(ctx.actor, appointmentRules.manageAgendas, { organisationId: lieu.organisationId });
  return lieu;
}

async function audit(
  tx: Tx,
  ctx: UserContext,
  organisationId: string,
  action: AuditAction,
  lieuId: string,
  details: Record<string, unknown> = {},
) {
  await recordAudit(tx, {
    actor: { userId: ctx.actor.userId, organisationId },
    action,
    subjectType: "rdv_lieu",
    subjectId: lieuId,
    details,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

async function knownCommune(db: Db | Tx, code: string | null): Promise<string | null> {
  if (!code) return null;
  const row = await db
    .selectFrom("commune")
    .select("insee_code")
    .where("insee_code", "=", code)
    .executeTakeFirst();
  return row?.insee_code ?? null;
}

/** A place typed by hand. */
export async function createLieuByHand(
  ctx: UserContext,
  organisationId: string,
  input: LieuInput,
): Promise<string> {
  authorize(ctx.actor, appointmentRules.manageAgendas, { organisationId });
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("rdv_lieu")
      .values({
        organisation_id: organisationId,
        name: input.name,
        address: input.address,
        commune_code: await knownCommune(tx, input.communeCode),
        phone: input.phone,
        directory_ref: null,
        latitude: null,
        longitude: null,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, ctx, organisationId, "rdv.lieu.created", row.id, { source: "saisie" });
    return row.id;
  });
}

/** A place picked from the directory: its name, address, commune and coordinates are copied. */
export async function createLieuFromDirectory(
  ctx: UserContext,
  organisationId: string,
  directoryRef: string,
): Promise<string> {
  authorize(ctx.actor, appointmentRules.manageAgendas, { organisationId });
  const place: DirectoryPlace | undefined = await findDirectoryPlace(ctx.db, directoryRef);
  if (!place) {
    throw new Invalid(
      { annuaire: "Ce lieu n'existe pas ou plus dans l'annuaire." },
      "Ce lieu n'existe pas ou plus dans l'annuaire.",
    );
  }
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("rdv_lieu")
      .values({
        organisation_id: organisationId,
        name: place.name.slice(0, 200),
        address: place.address || place.communeName || place.name,
        commune_code: await knownCommune(tx, place.communeCode),
        phone: null,
        directory_ref: place.ref,
        latitude: place.latitude,
        longitude: place.longitude,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, ctx, organisationId, "rdv.lieu.created", row.id, {
      source: "annuaire",
      directoryRef: place.ref,
    });
    return row.id;
  });
}

/** Edits name, address, commune, phone; `unlink` forgets the directory reference and coordinates. */
export async function updateLieu(
  ctx: UserContext,
  lieuId: string,
  input: LieuInput & { unlink?: boolean },
): Promise<void> {
  const lieu = await requireManagedLieu(ctx, lieuId);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("rdv_lieu")
      .set({
        name: input.name,
        address: input.address,
        commune_code: await knownCommune(tx, input.communeCode),
        phone: input.phone,
        ...(input.unlink ? { directory_ref: null, latitude: null, longitude: null } : {}),
      })
      .where("id", "=", lieu.id)
      .execute();
    const changed = (["name", "address", "communeCode", "phone"] as const).filter(
      (key) => (lieu[key] ?? null) !== (input[key] ?? null),
    );
    await audit(tx, ctx, lieu.organisationId, "rdv.lieu.updated", lieu.id, {
      changed,
      ...(input.unlink && lieu.directoryRef ? { unlinked: lieu.directoryRef } : {}),
    });
  });
}

export async function setLieuStatus(
  ctx: UserContext,
  lieuId: string,
  status: "enabled" | "disabled",
): Promise<void> {
  const lieu = await requireManagedLieu(ctx, lieuId);
  if (lieu.status === status) return;
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable("rdv_lieu").set({ status }).where("id", "=", lieu.id).execute();
    await audit(
      tx,
      ctx,
      lieu.organisationId,
      status === "enabled" ? "rdv.lieu.enabled" : "rdv.lieu.disabled",
      lieu.id,
    );
  });
}

/** Deletes a place nothing refers to; a used place is refused with LIEU_IN_USE_MESSAGE. */
export async function deleteLieu(ctx: UserContext, lieuId: string): Promise<void> {
  const lieu = await requireManagedLieu(ctx, lieuId);
  await ctx.db.transaction().execute(async (tx) => {
    // Read again under the row lock: an opening added meanwhile must win.
    await tx.selectFrom("rdv_lieu").select("id").where("id", "=", lieu.id).forUpdate().execute();
    const fresh = await requireLieu(tx, lieu.id);
    if (fresh.uses > 0) throw new Invalid({ lieu: LIEU_IN_USE_MESSAGE }, LIEU_IN_USE_MESSAGE);
    await tx.deleteFrom("rdv_lieu").where("id", "=", lieu.id).execute();
    await audit(tx, ctx, lieu.organisationId, "rdv.lieu.deleted", lieu.id, {
      name: lieu.name,
    });
  });
}
