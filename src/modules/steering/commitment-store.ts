import type { Db, Tx } from "../../db/database.ts";
import { NotFound } from "../../platform/errors.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { auditPilote, requirePilote } from "./pilote-changes.ts";
import type { CommitmentStatus } from "./tables.ts";

export type CommitmentInput = {
  respondent: string;
  question: number;
  quote: string;
  actionNumber: number | null;
};

export type Commitment = CommitmentInput & {
  id: string;
  status: CommitmentStatus;
  statusDate: string | null;
  statusSource: string;
};

export async function insertCommitments(tx: Tx, items: CommitmentInput[], now: Date) {
  if (items.length === 0) return;
  await tx
    .insertInto("steering_commitment")
    .values(
      items.map((item) => ({
        respondent: item.respondent,
        question: item.question,
        quote: item.quote,
        action_number: item.actionNumber,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(["respondent", "question", "quote"]).doNothing())
    .execute();
}

export async function listCommitments(db: Db): Promise<Commitment[]> {
  const rows = await db
    .selectFrom("steering_commitment")
    .selectAll()
    .orderBy("question")
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    respondent: row.respondent,
    question: row.question,
    quote: row.quote,
    actionNumber: row.action_number,
    status: row.status,
    statusDate: row.status_date,
    statusSource: row.status_source,
  }));
}

/** A pilote marks a commitment: its status, the date it was observed, and the source. */
export async function markCommitment(
  ctx: ServiceContext,
  id: string,
  mark: { status: CommitmentStatus; date: string; source: string; actionNumber: number | null },
): Promise<void> {
  const pilote = requirePilote(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable("steering_commitment")
      .set({
        status: mark.status,
        status_date: mark.date,
        status_source: mark.source,
        action_number: mark.actionNumber,
        updated_at: ctx.now,
      })
      .where("id", "=", id)
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new NotFound();
    await auditPilote(tx, pilote, {
      action: "steering.commitment.mark",
      subjectType: "steering_commitment",
      subjectId: id,
      details: { status: mark.status, date: mark.date },
    });
  });
}
