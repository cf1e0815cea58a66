import { authorizeResident } from "../../platform/access/policy.ts";
import { NotFound } from "../../platform/errors.ts";
import { listPersonConsents, withdrawConsentByPerson } from "../records/service.ts";
import { listLinks } from "./links.ts";
import { espaceRules } from "./policy.ts";
import type { ResidentContext, SpaceContext } from "./session.ts";

/** The persons of the records linked to the space now (an ended link gives nothing). */
async function linkedPersons(ctx: ResidentContext): Promise<string[]> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  return [...new Set((await listLinks(db, actor.espaceId)).map((link) => link.personId))];
}

export async function myConsents(ctx: ResidentContext) {
  const { db } = ctx;
  return listPersonConsents(db, await linkedPersons(ctx));
}

export async function withdrawMyConsent(ctx: SpaceContext, consentId: string): Promise<void> {
  const { db } = ctx;
  const persons = await linkedPersons(ctx);
  const consent = (await listPersonConsents(db, persons)).find(
    (candidate) => candidate.id === consentId && candidate.withdrawnAt === null,
  );
  if (!consent) throw new NotFound("Cet accord n'existe pas ou a déjà été retiré.");
  await withdrawConsentByPerson(ctx, consent.personId, consent.id);
}
