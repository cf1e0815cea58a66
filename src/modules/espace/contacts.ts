// « Mes coordonnées »: the ways into a space. A person adds a mobile number
// or an e-mail address, proved by a one-time code like a sign-in (a space
// opened with FranceConnect has none, so it found no appointments and could
// not be warned); every verified contact finds the appointments booked with
// it. They remove one, never the last way in, nor the one they are signed
// in with. Both are sensitive (a stolen session must not add its own way
// in): a fresh code first. Amendment to decision 0016.
import type { Db } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import { auditSpace, type EspaceContext } from "./context.ts";
import { type Contact, maskContact } from "./identifiers.ts";
import { isUuid } from "./links.ts";
import { espaceRules } from "./policy.ts";
import { type CodeCheck, checkCode, sendCode } from "./sign-in.ts";

type Context = Pick<EspaceContext, "now" | "requestId" | "secret">;

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
  db: Db,
  actor: ResidentActor,
  contact: Contact,
  clientAddress: string,
  context: Context,
): Promise<{ challengeToken: string }> {
  fresh(actor, context.now);
  const own = await db
    .selectFrom("espace_identifier")
    .select("id")
    .where("espace_id", "=", actor.espaceId)
    .where("kind", "=", contact.kind)
    .where("value", "=", contact.value)
    .executeTakeFirst();
  if (own) throw new Invalid({ contact: ALREADY_MINE });
  return sendCode(
    db,
    { contact, purpose: "add_contact", espaceId: actor.espaceId, clientAddress },
    context,
  );
}

/**
 * The code typed for a contact being added: a right one adds it to the
 * space (unless another space has it: the person proved they hold it, so
 * saying so tells them nothing they could not learn by signing in).
 */
export async function confirmContact(
  db: Db,
  actor: ResidentActor,
  challengeToken: string,
  code: string,
  context: Context,
): Promise<Exclude<CodeCheck, { ok: true }> | { ok: true; contact: Contact }> {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const check = await checkCode(db, challengeToken, code, context);
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
        verified_at: context.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditSpace(tx, actor, context, {
      action: "espace.contact.add",
      espaceId: actor.espaceId,
      subjectType: "espace_identifier",
      subjectId: row.id,
      details: { kind: contact.kind, contact: maskContact(contact) },
    });
  });
  return { ok: true, contact };
}

/** Removes a contact: never the last way in, nor the one of this session. */
export async function removeContact(
  db: Db,
  actor: ResidentActor,
  identifierId: string,
  context: Context,
): Promise<void> {
  fresh(actor, context.now);
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
    await auditSpace(tx, actor, context, {
      action: "espace.contact.remove",
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
