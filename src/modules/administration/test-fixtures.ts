import type { Db } from "../../db/database.ts";

/** The single-use link of the last e-mail sent to `to`, read from the outbox. */
export async function lastLinkTo(db: Db, to: string): Promise<string> {
  const message = await db
    .selectFrom("outbox_message")
    .select("text_body")
    .where("recipient", "=", to)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const match = /https?:\/\/[^/\s]+(\/\S+jeton=[\w-]+)/.exec(message.text_body);
  if (!match?.[1]) throw new Error(`Aucun lien dans le dernier courriel à ${to}`);
  return match[1];
}

export async function countRows(
  db: Db,
  table: "app_user" | "outbox_message" | "membership" | "account_token" | "organisation",
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function auditActions(db: Db, subjectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_event")
    .select("action")
    .where("subject_id", "=", subjectId)
    .orderBy("seq")
    .execute();
  return rows.map((row) => row.action);
}
