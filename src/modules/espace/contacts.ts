import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import { type Contact, maskContact } from "./identifiers.ts";
import { isUuid } from "./links.ts";
import { espaceRules } from "./policy.ts";
import type { SpaceContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import { type CodeCheck, checkCode, sendCode } from "./space-sign-in.ts";

export const ALREADY_MINE = "Ce contact est déjà dans votre espace.";
export const OWNED_ELSEWHERE =
  "Ce numéro ou cette adresse ouvre déjà un autre espace Relais. Connectez-vous avec, et supprimez cet autre espace si vous n'en voulez plus (« Mes données ») ; puis ajoutez-le ici.";
export const LAST_WAY_IN =
  "C'est le seul moyen d'entrer dans votre espace : ajoutez-en un autre avant de retirer celui-ci.";
export const IN_USE =
  "Vous êtes connecté avec ce contact : pour le retirer, connectez-vous avec un autre.";

function fresh(actor: ResidentActor, now: Date) {
  authorizeResident(actor, espaceRules.sensitiveAction, { espaceId: actor.espaceId, now });
}

/** Sends a code to the contact to add; the browser keeps the challenge. */
export async function sendContactCode(
  ctx: SpaceContext,
  contact: Contact,
  clientAddress: string,
): Promise<{ challengeToken: string }> {
  const { db, actor } = ctx;
  fresh(actor, ctx.now);
  const own = await db
    .selectFrom("espace_identifier")
    .select("id")
    .where("espace_id", "=", actor.espaceId)
    .where("kind", "=", contact.kind)
    .where("value", "=", contact.value)
    .executeTakeFirst();
  if (own) throw new Invalid({ contact: ALREADY_MINE });
  return sendCode(ctx, {
    contact,
    purpose: "add_contact",
    espaceId: actor.espaceId,
    clientAddress,
  });
}

/**
 * The code typed for a contact being added: a right one adds it to the
 * space (unless another space has it: the person proved they hold it, so
 * saying so tells them nothing they could not learn by signing in).
 */
export async function confirmContact(
  ctx: SpaceContext,
  challengeToken: string,
  code: string,
): Promise<Exclude<CodeCheck, { ok: true }> | { ok: true; contact: Contact }> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const check = await checkCode(ctx, challengeToken, code);
  if (!check.ok) return check;
  if (check.purpose !== "add_contact" || check.espaceId !== actor.espaceId)
    return { ok: false, reason: "expired" };
  const contact = check.contact;
  await db.transaction().execute(async (tx) => {
    const holder = await tx
      .selectFrom("espace_identifier")
      .select("espace_id")
      .where("kind", "=", contact.kind)
      .where("value", "=", contact.value)
      .executeTakeFirst();
    if (holder)
      throw new Invalid({
        code: holder.espace_id === actor.espaceId ? ALREADY_MINE : OWNED_ELSEWHERE,
      });
    const row = await tx
      .insertInto("espace_identifier")
      .values({
        espace_id: actor.espaceId,
        kind: contact.kind,
        value: contact.value,
        verified_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditSpace(tx, actor, ctx, {
      action: "espace.contact.added",
      espaceId: actor.espaceId,
      subjectType: "espace_identifier",
      subjectId: row.id,
      details: { kind: contact.kind, contact: maskContact(contact) },
    });
  });
  return { ok: true, contact };
}

/** Removes a contact: never the last way in, nor the one of this session. */
export async function removeContact(ctx: SpaceContext, identifierId: string): Promise<void> {
  const { db, actor } = ctx;
  fresh(actor, ctx.now);
  await db.transaction().execute(async (tx) => {
    // One removal at a time per space: two at once could leave none.
    await tx
      .selectFrom("espace")
      .select("id")
      .where("id", "=", actor.espaceId)
      .forUpdate()
      .execute();
    const identifiers = await tx
      .selectFrom("espace_identifier")
      .select(["id", "kind", "value"])
      .where("espace_id", "=", actor.espaceId)
      .execute();
    const target = isUuid(identifierId)
      ? identifiers.find((identifier) => identifier.id === identifierId)
      : undefined;
    if (!target || target.kind === "franceconnect")
      throw new NotFound("Ce contact n'est pas dans votre espace.");
    if (identifiers.length <= 1) throw new Invalid({ contact: LAST_WAY_IN });
    if (actor.contact?.kind === target.kind && actor.contact.value === target.value)
      throw new Invalid({ contact: IN_USE });
    await tx.deleteFrom("espace_identifier").where("id", "=", target.id).execute();
    await auditSpace(tx, actor, ctx, {
      action: "espace.contact.removed",
      espaceId: actor.espaceId,
      subjectType: "espace_identifier",
      subjectId: target.id,
      details: {
        kind: target.kind,
        contact: maskContact({ kind: target.kind, value: target.value }),
      },
    });
  });
}
