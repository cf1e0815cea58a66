import { authorizeResident } from "../../platform/access/policy.ts";
import { type PersonRecordView, recordForPerson } from "../records/service.ts";
import { listLinks, type RecordLink } from "./links.ts";
import { espaceRules } from "./policy.ts";
import type { SpaceContext } from "./session.ts";

export type Accompagnement = { link: RecordLink; record: PersonRecordView };

/** The records linked to the space (ended links are not read), each read and audited. */
export async function myAccompagnement(ctx: SpaceContext): Promise<Accompagnement[]> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  return db.transaction().execute(async (tx) => {
    const links = await listLinks(tx, actor.espaceId);
    const result: Accompagnement[] = [];
    for (const link of links) {
      const record = await recordForPerson(
        { ...ctx, db: tx },
        { espaceId: actor.espaceId, parcoursId: link.parcoursId, linkStands: true },
      );
      result.push({ link, record });
    }
    return result;
  });
}
