import type { UserContext } from "../../platform/http/context.ts";
import { requireParcoursFor } from "./access.ts";
import { recordsRules } from "./policy.ts";
import { auditPerson } from "./record-audit.ts";

export type PersonToBook = { parcoursId: string; personId: string; name: string };

/**
 * The person of a parcours, for booking an appointment from their record.
 * 404 for a record the actor may not see, 403 for one whose appointments
 * they may not see; `read` false only checks (the booking's own audit event
 * names the person).
 */
export async function personToBook(
  ctx: UserContext,
  parcoursId: string,
  options: { read: boolean } = { read: true },
): Promise<PersonToBook> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.readAppointments);
    const person = await tx
      .selectFrom("person")
      .select(["first_name", "last_name"])
      .where("id", "=", access.personId)
      .executeTakeFirstOrThrow();
    if (options.read) {
      await auditPerson(tx, ctx, {
        action: "person.read_identity",
        personId: access.personId,
        subjectType: "parcours",
        subjectId: access.parcoursId,
        access,
        details: { purpose: "rendez-vous" },
      });
    }
    return {
      parcoursId: access.parcoursId,
      personId: access.personId,
      name: `${person.first_name} ${person.last_name}`,
    };
  });
}
