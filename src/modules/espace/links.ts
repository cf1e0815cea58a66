// The link of a follow-up record to a person's space: confirmed by a
// professional who may write the record, never automatic (decision 0016);
// ended by the person at any time.
import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize, authorizeResident, can } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { recordsRules, requireParcoursFor } from "../records/service.ts";
import type { Contact } from "./identifiers.ts";
import { actingStructure, espaceRules } from "./policy.ts";
import type { SpaceContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import type { IdentifierKind } from "./tables.ts";

export const NO_SPACE_FOR_CONTACT =
  "Aucun espace n'est ouvert avec cette coordonnée. Demandez à la personne de se connecter à « Mon espace » avec ce numéro ou cette adresse, puis réessayez.";
export const ALREADY_LINKED = "Ce dossier est déjà relié à l'espace de cette personne.";
export const CONFIRM_IDENTITY =
  "Cochez la case : vous avez vérifié avec la personne que cette coordonnée est bien la sienne.";

export type RecordLink = {
  id: string;
  parcoursId: string;
  personId: string;
  organisationId: string;
  organisationName: string;
  confirmedByName: string | null;
  identifierKind: IdentifierKind;
  confirmedAt: Date;
};

function linksQuery(db: Db | Tx) {
  return db
    .selectFrom("espace_record_link as k")
    .innerJoin("organisation as o", "o.id", "k.organisation_id")
    .leftJoin("app_user as u", "u.id", "k.confirmed_by_user_id")
    .select([
      "k.id",
      "k.espace_id",
      "k.parcours_id",
      "k.person_id",
      "k.organisation_id",
      "o.name as organisation_name",
      "u.display_name",
      "k.identifier_kind",
      "k.confirmed_at",
    ])
    .where("k.ended_at", "is", null);
}

function toLink(
  row: Awaited<ReturnType<ReturnType<typeof linksQuery>["executeTakeFirstOrThrow"]>>,
): RecordLink {
  return {
    id: row.id,
    parcoursId: row.parcours_id,
    personId: row.person_id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    confirmedByName: row.display_name,
    identifierKind: row.identifier_kind,
    confirmedAt: row.confirmed_at,
  };
}

export async function listLinks(db: Db | Tx, espaceId: string): Promise<RecordLink[]> {
  const rows = await linksQuery(db)
    .where("k.espace_id", "=", espaceId)
    .orderBy("k.confirmed_at")
    .execute();
  return rows.map(toLink);
}

/** Every person id of the records ever linked to the space: their history is the person's. */
export async function linkedPersonIds(db: Db | Tx, espaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("espace_record_link")
    .select("person_id")
    .distinct()
    .where("espace_id", "=", espaceId)
    .execute();
  return rows.map((row) => row.person_id);
}

/** The space a record is linked to, if any: what a professional sees of it. */
export async function findLinkOfRecord(db: Db | Tx, parcoursId: string) {
  const row = await linksQuery(db).where("k.parcours_id", "=", parcoursId).executeTakeFirst();
  return row ? { ...toLink(row), espaceId: row.espace_id } : undefined;
}

export async function requireWritableRecord(tx: Tx, actor: UserActor, parcoursId: string) {
  const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.writeRecord);
  const organisationId = actingStructure(actor, access) ?? "";
  authorize(actor, espaceRules.writeLinkedSpace, {
    canWriteRecord: can(actor, recordsRules.writeRecord, access),
    organisationId,
  });
  return { access, organisationId };
}

/**
 * The professional links the record to the space of the person, found by a
 * contact that person verified. They confirm they checked it is the person's
 * own (a shared family e-mail is common): never a link on a match alone.
 */
export async function linkRecordToSpace(
  ctx: SpaceContext<UserActor>,
  parcoursId: string,
  input: { contact: Contact; identityChecked: boolean },
): Promise<string> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const { access, organisationId } = await requireWritableRecord(tx, actor, parcoursId);
    if (!input.identityChecked) throw new Invalid({ verifie: CONFIRM_IDENTITY });
    const identifier = await tx
      .selectFrom("espace_identifier")
      .select(["espace_id", "kind"])
      .where("kind", "=", input.contact.kind)
      .where("value", "=", input.contact.value)
      .executeTakeFirst();
    if (!identifier) throw new Invalid({ contact: NO_SPACE_FOR_CONTACT });
    const existing = await findLinkOfRecord(tx, access.parcoursId);
    if (existing) throw new Invalid({ contact: ALREADY_LINKED });
    const link = await tx
      .insertInto("espace_record_link")
      .values({
        espace_id: identifier.espace_id,
        person_id: access.personId,
        parcours_id: access.parcoursId,
        organisation_id: organisationId,
        confirmed_by_user_id: actor.userId,
        identifier_kind: input.contact.kind,
        confirmed_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const details = { linkId: link.id, identifierKind: identifier.kind };
    await auditSpace(tx, actor, ctx, {
      action: "espace.link",
      espaceId: identifier.espace_id,
      subjectType: "espace_record_link",
      subjectId: link.id,
      organisationId,
      details,
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId },
      action: "espace.link",
      subjectType: "parcours",
      subjectId: access.parcoursId,
      personId: access.personId,
      details,
      requestId: ctx.requestId ?? null,
      at: ctx.now,
    });
    return link.id;
  });
}

/** The person ends a link (« ce n'est pas mon dossier », or no longer wanted): its shares stop. */
export async function endLink(ctx: SpaceContext, linkId: string): Promise<void> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  await db.transaction().execute(async (tx) => {
    const ended = await tx
      .updateTable("espace_record_link")
      .set({ ended_at: ctx.now })
      .where("id", "=", isUuid(linkId) ? linkId : "00000000-0000-0000-0000-000000000000")
      .where("espace_id", "=", actor.espaceId)
      .where("ended_at", "is", null)
      .returning(["id", "person_id", "parcours_id"])
      .executeTakeFirst();
    if (!ended) throw new NotFound("Ce lien n'existe pas ou a déjà pris fin.");
    await auditSpace(tx, actor, ctx, {
      action: "espace.unlink",
      espaceId: actor.espaceId,
      subjectType: "espace_record_link",
      subjectId: ended.id,
    });
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const NOT_LINKED =
  "Ce dossier n'est pas relié à l'espace personnel de la personne : reliez-le d'abord.";

/**
 * Before a professional deposits a document: they may write the record, and
 * the record is linked to a space. The deposit itself is streamed after.
 */
export async function prepareDeposit(
  ctx: ServiceContext<UserActor>,
  parcoursId: string,
): Promise<{ espaceId: string; organisationId: string }> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const { access, organisationId } = await requireWritableRecord(tx, actor, parcoursId);
    const link = await findLinkOfRecord(tx, access.parcoursId);
    if (!link) throw new Invalid({ fichier: NOT_LINKED });
    return { espaceId: link.espaceId, organisationId };
  });
}
