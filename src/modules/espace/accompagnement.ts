// « Mon accompagnement »: each follow-up record linked to the space, as the
// person may see it. The records module decides what that is and audits the
// read (recordForPerson); this module only finds the links that stand.
import type { Db } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { type PersonRecordView, recordForPerson } from "../records/service.ts";
import type { EspaceContext } from "./context.ts";
import { listLinks, type RecordLink } from "./links.ts";
import { espaceRules } from "./policy.ts";

export type Accompagnement = { link: RecordLink; record: PersonRecordView };

/** The records linked to the space (ended links are not read), each read and audited. */
export async function myAccompagnement(
  db: Db,
  actor: ResidentActor,
  context: Pick<EspaceContext, "now" | "requestId">,
): Promise<Accompagnement[]> {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  return db.transaction().execute(async (tx) => {
    const links = await listLinks(tx, actor.espaceId);
    const result: Accompagnement[] = [];
    for (const link of links) {
      const record = await recordForPerson(
        { db: tx, actor, now: context.now, requestId: context.requestId ?? null },
        { espaceId: actor.espaceId, parcoursId: link.parcoursId, linkStands: true },
      );
      result.push({ link, record });
    }
    return result;
  });
}
