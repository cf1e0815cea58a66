import type { Db, Tx } from "../../db/database.ts";
import { endOfParisDay, type JournalFilters, startOfParisDay } from "./journal-filters.ts";

/** Events on one page of the viewer (keyset on seq, newest first). */
export const JOURNAL_PAGE_SIZE = 50;
/** Rows in one CSV export at most, newest first; the page says so. */
export const EXPORT_ROW_LIMIT = 100_000;
const EXPORT_BATCH = 1_000;

/** The filters turned into what the query compares; `userId: null` matches nothing (unknown address). */
export type JournalCriteria = {
  personId?: string | undefined;
  subjectId?: string | undefined;
  userId?: string | null | undefined;
  organisationId?: string | undefined;
  actionPrefix?: string | undefined;
  from?: Date | undefined;
  until?: Date | undefined;
};

export type JournalEvent = {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  organisationId: string | null;
  organisationName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  personId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
};

export type JournalPage = {
  events: JournalEvent[];
  /** The cursor of the page of newer events (`apres`), when there is one. */
  newerAfter: number | undefined;
  /** The cursor of the page of older events (`avant`), when there is one. */
  olderBefore: number | undefined;
};

/** Reads the filters' account: an address is looked up (case-insensitive); an unknown one matches nothing. */
export async function criteriaFrom(db: Db | Tx, filters: JournalFilters): Promise<JournalCriteria> {
  let userId: string | null | undefined;
  if (filters.utilisateur?.includes("@")) {
    const user = await db
      .selectFrom("app_user")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", filters.utilisateur?.toLowerCase() ?? ""))
      .executeTakeFirst();
    userId = user?.id ?? null;
  } else {
    userId = filters.utilisateur;
  }
  return {
    personId: filters.personne,
    subjectId: filters.objet,
    userId,
    organisationId: filters.organisation,
    actionPrefix: filters.action,
    from: filters.du ? startOfParisDay(filters.du) : undefined,
    until: filters.au ? endOfParisDay(filters.au) : undefined,
  };
}

function filtered(db: Db | Tx, criteria: JournalCriteria) {
  let query = db
    .selectFrom("audit_event as e")
    .leftJoin("app_user as u", "u.id", "e.actor_user_id")
    .leftJoin("organisation as o", "o.id", "e.actor_organisation_id");
  if (criteria.personId) query = query.where("e.person_id", "=", criteria.personId);
  if (criteria.subjectId) query = query.where("e.subject_id", "=", criteria.subjectId);
  if (criteria.userId === null)
    query = query.where("e.actor_user_id", "is", null).where("e.seq", "<", 0);
  else if (criteria.userId) query = query.where("e.actor_user_id", "=", criteria.userId);
  if (criteria.organisationId) {
    query = query.where("e.actor_organisation_id", "=", criteria.organisationId);
  }
  if (criteria.actionPrefix) {
    // "_" is a LIKE wildcard and common in actions ("person.read_identity").
    query = query.where("e.action", "like", `${criteria.actionPrefix.replace(/_/g, "\\_")}%`);
  }
  if (criteria.from) query = query.where("e.occurred_at", ">=", criteria.from);
  if (criteria.until) query = query.where("e.occurred_at", "<", criteria.until);
  return query;
}

function selectEvents(db: Db | Tx, criteria: JournalCriteria) {
  return filtered(db, criteria).select([
    "e.seq",
    "e.occurred_at",
    "e.actor_user_id",
    "u.display_name",
    "u.email",
    "e.actor_organisation_id",
    "o.name",
    "e.action",
    "e.subject_type",
    "e.subject_id",
    "e.person_id",
    "e.details",
    "e.request_id",
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectEvents>["execute"]>>[number];

function toEvent(row: Row): JournalEvent {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorName: row.display_name,
    actorEmail: row.email,
    organisationId: row.actor_organisation_id,
    organisationName: row.name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    personId: row.person_id,
    details: row.details,
    requestId: row.request_id,
  };
}

async function anyMatching(
  db: Db | Tx,
  criteria: JournalCriteria,
  direction: "<" | ">",
  seq: number,
): Promise<boolean> {
  const row = await filtered(db, criteria)
    .select("e.seq")
    .where("e.seq", direction, seq)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * One page of events, newest first. `before` (older page) and `after` (newer
 * page) are keyset cursors on seq: no OFFSET, so the 1,000th page costs what
 * the first does.
 */
export async function searchJournal(
  db: Db | Tx,
  criteria: JournalCriteria,
  cursor: { before?: number | undefined; after?: number | undefined } = {},
): Promise<JournalPage> {
  const size = JOURNAL_PAGE_SIZE;
  if (cursor.after !== undefined) {
    const rows = await selectEvents(db, criteria)
      .where("e.seq", ">", cursor.after)
      .orderBy("e.seq", "asc")
      .limit(size + 1)
      .execute();
    const events = rows.slice(0, size).map(toEvent).reverse();
    const oldest = events.at(-1);
    return {
      events,
      newerAfter: rows.length > size ? events[0]?.seq : undefined,
      olderBefore:
        oldest && (await anyMatching(db, criteria, "<", oldest.seq)) ? oldest.seq : undefined,
    };
  }
  let query = selectEvents(db, criteria);
  if (cursor.before !== undefined) query = query.where("e.seq", "<", cursor.before);
  const rows = await query
    .orderBy("e.seq", "desc")
    .limit(size + 1)
    .execute();
  const events = rows.slice(0, size).map(toEvent);
  const newest = events[0];
  return {
    events,
    newerAfter:
      cursor.before !== undefined && newest && (await anyMatching(db, criteria, ">", newest.seq))
        ? newest.seq
        : undefined,
    olderBefore: rows.length > size ? events.at(-1)?.seq : undefined,
  };
}

/** The matching events for the export, newest first, in batches, EXPORT_ROW_LIMIT at most. */
export async function* exportJournal(
  db: Db,
  criteria: JournalCriteria,
  limit = EXPORT_ROW_LIMIT,
): AsyncGenerator<JournalEvent> {
  let before: number | undefined;
  let sent = 0;
  while (sent < limit) {
    let query = selectEvents(db, criteria);
    if (before !== undefined) query = query.where("e.seq", "<", before);
    const rows = await query
      .orderBy("e.seq", "desc")
      .limit(Math.min(EXPORT_BATCH, limit - sent))
      .execute();
    for (const row of rows) yield toEvent(row);
    sent += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_BATCH) return;
    before = Number(last.seq);
  }
}

/** The organisations a search may name, by name. */
export async function listOrganisations(db: Db | Tx): Promise<{ id: string; name: string }[]> {
  return db.selectFrom("organisation").select(["id", "name"]).orderBy("name").execute();
}
