// « Mes consentements »: which structures see the follow-up records linked to
// the space, since when, and withdrawing (the records module's withdrawal,
// same effects as a structure's: at once, waiting orientations cancelled).
import type { Db } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import { listPersonConsents, withdrawConsentByPerson } from "../records/service.ts";
import type { EspaceContext } from "./context.ts";
import { listLinks } from "./links.ts";
import { espaceRules } from "./policy.ts";

/** The persons of the records linked to the space now (an ended link gives nothing). */
async function linkedPersons(db: Db, actor: ResidentActor): Promise<string[]> {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  return [...new Set((await listLinks(db, actor.espaceId)).map((link) => link.personId))];
}

export async function myConsents(db: Db, actor: ResidentActor) {
  return listPersonConsents(db, await linkedPersons(db, actor));
}

export async function withdrawMyConsent(
  db: Db,
  actor: ResidentActor,
  consentId: string,
  context: Pick<EspaceContext, "now" | "requestId">,
): Promise<void> {
  const persons = await linkedPersons(db, actor);
  const consent = (await listPersonConsents(db, persons)).find(
    (candidate) => candidate.id === consentId && candidate.withdrawnAt === null,
  );
  if (!consent) throw new NotFound("Cet accord n'existe pas ou a déjà été retiré.");
  await withdrawConsentByPerson(
    { db, now: context.now, requestId: context.requestId ?? null },
    consent.personId,
    consent.id,
  );
}
