// Simulations of rights attached to a person's record (issue 4: the social
// worker "later attaches it to the person's record"). The rights module
// computes; this module keeps what was entered and what was estimated that
// day, decides who may attach, and audits it.

import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid } from "../../platform/errors.ts";
import type { ServiceContext, UserContext } from "../../platform/http/context.ts";
import { actingOrganisationId, requireParcoursFor } from "./access.ts";
import { attachableParcours, recordsRules } from "./policy.ts";
import { auditPerson } from "./record-audit.ts";
import type { AttachedBenefit } from "./tables.ts";

const SimulationSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Le mois : format AAAA-MM."),
  inputs: z
    .record(z.string().max(60), z.string().max(500))
    .refine((inputs) => Object.keys(inputs).length <= 100, "Trop de champs."),
  results: z
    .array(
      z.object({
        benefit: z.string().max(60),
        label: z.string().max(200),
        eligible: z.boolean(),
        amountCents: z.number().int().min(0).max(100_000_000),
        periodicity: z.string().max(30),
        reason: z.string().max(1000).optional(),
      }),
    )
    .min(1)
    .max(30),
});

/** What the simulator hands over: the form's answers and its estimate per benefit. */
export type SimulationToAttach = {
  month: string;
  inputs: Record<string, string>;
  results: AttachedBenefit[];
};

/**
 * Attaches a simulation to a parcours, with its audit event in the same
 * transaction. A parcours the actor may not see answers 404 (a forged id
 * tells nothing); one they see but may not write to answers 403.
 */
export async function attachSimulation(
  ctx: UserContext,
  parcoursId: string,
  simulation: SimulationToAttach,
): Promise<{ id: string }> {
  const { db, actor } = ctx;
  // Not a handler's input: the simulator built this object, nobody typed it.
  // A failure is one message, read only once the record check has passed (a
  // forged id answers 404 first), hence safeParse rather than parseValue.
  const parsed = SimulationSchema.safeParse(simulation);
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.attachSimulation);
    if (!parsed.success) throw new Invalid({}, "Cette simulation est incomplète : recommencez-la.");
    const row = await tx
      .insertInto("parcours_simulation")
      .values({
        parcours_id: access.parcoursId,
        person_id: access.personId,
        month: parsed.data.month,
        inputs: JSON.stringify(parsed.data.inputs),
        results: JSON.stringify(parsed.data.results),
        attached_by_user_id: actor.userId,
        attached_by_organisation_id: actingOrganisationId(actor, access),
        attached_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditPerson(tx, ctx, {
      action: "parcours.simulation.attach",
      personId: access.personId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      access,
      details: { simulationId: row.id, month: parsed.data.month },
    });
    return { id: row.id };
  });
}

/**
 * A simulation the person shares from « Mon espace » with the structure that
 * follows them: the espace module has checked the person, their record link
 * and their consent; this keeps it with the parcours, marked as shared by
 * the person, and audits it (no worker acted).
 */
export async function shareSimulationFromSpace(
  ctx: Pick<ServiceContext, "db" | "now" | "requestId">,
  input: { parcoursId: string; personId: string; simulation: SimulationToAttach },
): Promise<{ id: string }> {
  // Built by the simulator, not typed by the person: one message, no fields.
  const parsed = SimulationSchema.safeParse(input.simulation);
  if (!parsed.success) throw new Invalid({}, "Cette simulation est incomplète : recommencez-la.");
  return ctx.db.transaction().execute(async (tx) => {
    const parcours = await tx
      .selectFrom("parcours")
      .select(["id", "person_id"])
      .where("id", "=", input.parcoursId)
      .where("person_id", "=", input.personId)
      .executeTakeFirst();
    if (!parcours) throw new Invalid({}, "Ce dossier n'existe plus.");
    const row = await tx
      .insertInto("parcours_simulation")
      .values({
        parcours_id: parcours.id,
        person_id: parcours.person_id,
        month: parsed.data.month,
        inputs: JSON.stringify(parsed.data.inputs),
        results: JSON.stringify(parsed.data.results),
        attached_by_user_id: null,
        attached_by_organisation_id: null,
        attached_at: ctx.now,
        shared_by_person_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: "parcours.simulation.sharedByPerson",
      subjectType: "parcours",
      subjectId: parcours.id,
      personId: parcours.person_id,
      details: { by: "resident", simulationId: row.id, month: parsed.data.month },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return { id: row.id };
  });
}

/**
 * The records a worker may attach a simulation to, for the simulator's
 * picker: the list twin of `attachSimulation`. Listing names is a read of
 * personal data, audited like the records list.
 */
export async function listSimulationTargets(
  ctx: UserContext,
): Promise<{ parcoursId: string; label: string }[]> {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.enterRecords, undefined);
  const rows = await attachableParcours(db, actor)
    .innerJoin("person", "person.id", "parcours.person_id")
    .select([
      "parcours.id as parcoursId",
      "person.id as personId",
      "person.last_name as lastName",
      "person.first_name as firstName",
      sql<string>`to_char(person.birth_date, 'DD/MM/YYYY')`.as("birthDate"),
    ])
    // The worker's own follow-ups first, then by name.
    .orderBy(sql`parcours.referent_user_id = ${actor.userId}`, (ob) => ob.desc().nullsLast())
    .orderBy("person.last_name")
    .orderBy("person.first_name")
    .limit(50)
    .execute();
  if (rows.length === 0) return [];
  await db.transaction().execute(async (tx) => {
    for (const row of rows) {
      await auditPerson(tx, ctx, {
        action: "person.list",
        personId: row.personId,
        subjectType: "parcours",
        subjectId: row.parcoursId,
      });
    }
  });
  return rows.map((row) => ({
    parcoursId: row.parcoursId,
    label: `${row.lastName} ${row.firstName}, né·e le ${row.birthDate}`,
  }));
}

/** The simulations of a parcours, newest first; read inside `openRecord`'s audited transaction. */
export async function loadSimulations(db: Db, parcoursId: string) {
  return db
    .selectFrom("parcours_simulation as s")
    .leftJoin("app_user as u", "u.id", "s.attached_by_user_id")
    .select([
      "s.id",
      "s.month",
      "s.results",
      "s.attached_at as attachedAt",
      "s.shared_by_person_at as sharedByPersonAt",
      "u.display_name as attachedBy",
    ])
    .where("s.parcours_id", "=", parcoursId)
    .orderBy("s.attached_at", "desc")
    .limit(50)
    .execute();
}
