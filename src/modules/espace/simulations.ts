// « Mes simulations » (issue 15): a rights simulation kept in the space with
// the person's explicit consent, run again for the current month through the
// rights module, shown to the structure of a linked record, deleted. The
// figures are always computed here from the answers, never taken from a page.
import type { Db } from "../../db/database.ts";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { open, seal } from "../../platform/crypto/sealed-box.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import { shareSimulationFromSpace } from "../records/service.ts";
import {
  type Answers,
  answersToHousehold,
  currentMonth,
  firstIncompleteStep,
  openAnswers,
  type SimulationResult,
  simulate,
} from "../rights/service.ts";
import { auditSpace, type EspaceContext } from "./context.ts";
import { listLinks } from "./links.ts";
import { espaceRules } from "./policy.ts";
import type { KeptBenefit } from "./tables.ts";

type Context = Pick<EspaceContext, "now" | "requestId">;

export const CONSENT_NEEDED =
  "Cochez la case pour accepter que cette simulation soit gardée dans votre espace.";

/** A simulation computed from complete answers for `month`, or undefined when they are not. */
export function computeSimulation(
  answers: Answers,
  month: string,
): { month: string; results: KeptBenefit[] } | undefined {
  if (firstIncompleteStep(answers, month) !== undefined) return undefined;
  const result: SimulationResult = simulate(answersToHousehold(answers, month), month);
  return {
    month: result.month,
    results: Object.values(result.results).map((r) => ({
      benefit: r.benefit,
      label: r.label,
      eligible: r.eligible,
      amountCents: r.amountCents,
      periodicity: r.periodicity,
      reason: r.reason,
    })),
  };
}

/**
 * The simulator's signed answers (its `etat` field), sealed for a short-lived
 * cookie under /mon-espace; undefined when they were altered or incomplete.
 */
export function sealPendingSimulation(
  key: Buffer,
  etat: string,
  secret: string,
  now: Date,
): string | undefined {
  const answers = openAnswers(etat, secret);
  if (!answers || !computeSimulation(answers, currentMonth(now))) return undefined;
  return seal(key, Buffer.from(JSON.stringify(answers), "utf8"), "espace-simulation").toString(
    "base64url",
  );
}

export function openPendingSimulation(key: Buffer, value: string | undefined): Answers | undefined {
  if (!value) return undefined;
  const plain = open(key, Buffer.from(value, "base64url"), "espace-simulation");
  if (!plain) return undefined;
  try {
    return JSON.parse(plain.toString("utf8")) as Answers;
  } catch {
    return undefined;
  }
}

function own(actor: ResidentActor) {
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
}

/** What a pending simulation estimates now, shown to the person before they consent. */
export function previewSimulation(actor: ResidentActor, answers: Answers | undefined, now: Date) {
  own(actor);
  return answers ? computeSimulation(answers, currentMonth(now)) : undefined;
}

/** Keeps a simulation: only with the person's consent, computed again for the current month. */
export async function keepSimulation(
  db: Db,
  actor: ResidentActor,
  input: { answers: Answers; consent: boolean },
  context: Context,
): Promise<{ id: string }> {
  own(actor);
  if (!input.consent) throw new Invalid({ consentement: CONSENT_NEEDED });
  const computed = computeSimulation(input.answers, currentMonth(context.now));
  if (!computed) throw new Invalid({}, "Cette simulation est incomplète : refaites-la.");
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("espace_simulation")
      .values({
        espace_id: actor.espaceId,
        month: computed.month,
        answers: JSON.stringify(input.answers),
        results: JSON.stringify(computed.results),
        consent_at: context.now,
        created_at: context.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditSpace(tx, actor, context, {
      action: "espace.simulation.keep",
      espaceId: actor.espaceId,
      subjectType: "espace_simulation",
      subjectId: row.id,
      details: { month: computed.month },
    });
    return { id: row.id };
  });
}

export type KeptSimulation = {
  id: string;
  month: string;
  results: KeptBenefit[];
  createdAt: Date;
};

export async function mySimulations(db: Db, actor: ResidentActor): Promise<KeptSimulation[]> {
  own(actor);
  const rows = await db
    .selectFrom("espace_simulation")
    .select(["id", "month", "results", "created_at"])
    .where("espace_id", "=", actor.espaceId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    month: row.month,
    results: row.results,
    createdAt: row.created_at,
  }));
}

async function findOwn(db: Db, actor: ResidentActor, id: string) {
  own(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFound();
  const row = await db
    .selectFrom("espace_simulation")
    .select(["id", "month", "answers", "results", "created_at"])
    .where("id", "=", id)
    .where("espace_id", "=", actor.espaceId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

/**
 * The kept simulation, and the same answers run for the current month (the
 * law and the amounts may have changed); undefined when the answers no longer
 * hold this month (a child came of age…): the person simulates again.
 */
export async function rerunSimulation(
  db: Db,
  actor: ResidentActor,
  id: string,
  now: Date,
): Promise<{
  kept: KeptSimulation;
  current: { month: string; results: KeptBenefit[] } | undefined;
}> {
  const row = await findOwn(db, actor, id);
  return {
    kept: { id: row.id, month: row.month, results: row.results, createdAt: row.created_at },
    current: computeSimulation(row.answers as Answers, currentMonth(now)),
  };
}

export async function deleteSimulation(
  db: Db,
  actor: ResidentActor,
  id: string,
  context: Context,
): Promise<void> {
  const row = await findOwn(db, actor, id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("espace_simulation").where("id", "=", row.id).execute();
    await auditSpace(tx, actor, context, {
      action: "espace.simulation.delete",
      espaceId: actor.espaceId,
      subjectType: "espace_simulation",
      subjectId: row.id,
      details: { month: row.month },
    });
  });
}

/**
 * Shows a kept simulation to the structure of a linked record (the référent
 * sees it in the record's simulations, « partagée par la personne »).
 */
export async function shareSimulation(
  db: Db,
  actor: ResidentActor,
  input: { id: string; linkId: string },
  context: Context,
): Promise<void> {
  const row = await findOwn(db, actor, input.id);
  const link = (await listLinks(db, actor.espaceId)).find((l) => l.id === input.linkId);
  authorizeResident(actor, espaceRules.shareSimulation, {
    espaceId: actor.espaceId,
    now: context.now,
    linkStands: link !== undefined,
  });
  if (!link) throw new Invalid({ lien: "Choisissez une structure qui vous accompagne." });
  const shared = await shareSimulationFromSpace(
    { db, now: context.now, requestId: context.requestId ?? null },
    {
      parcoursId: link.parcoursId,
      personId: link.personId,
      simulation: {
        month: row.month,
        inputs: flattenAnswers(row.answers as Answers),
        results: row.results,
      },
    },
  );
  await db.transaction().execute((tx) =>
    auditSpace(tx, actor, context, {
      action: "espace.simulation.share",
      espaceId: actor.espaceId,
      subjectType: "espace_simulation",
      subjectId: row.id,
      organisationId: link.organisationId,
      details: {
        organisationId: link.organisationId,
        organisationName: link.organisationName,
        recordSimulationId: shared.id,
        month: row.month,
      },
    }),
  );
}

/** The answers as the record keeps a simulator's inputs: "step.field" → value. */
function flattenAnswers(answers: Answers): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [step, values] of Object.entries(answers)) {
    for (const [field, value] of Object.entries(values ?? {})) {
      if (value !== "") flat[`${step}.${field}`.slice(0, 60)] = String(value).slice(0, 500);
    }
  }
  return flat;
}
