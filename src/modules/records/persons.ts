import { sql } from "kysely";
import { authorize } from "../../platform/access/policy.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { searchName } from "./person-name.ts";
import { recordsRules, visibleParcours } from "./policy.ts";
import { auditPerson, auditPersons } from "./record-audit.ts";
import type { ConsentScope } from "./tables.ts";

export type NewPerson = {
  lastName: string;
  firstName: string;
  birthDate: string;
  inCareAse: boolean;
  consentScope: ConsentScope;
  organisationId: string;
};

export type DuplicateCandidate = {
  personId: string;
  /** The record the actor may open: the page links to it. */
  visible: { parcoursId: string; lastName: string; firstName: string; birthDate: string };
  score: number;
};

export type DuplicateCheck = {
  /** Likely duplicates the actor may already open: shown, with a link. */
  visible: DuplicateCandidate[];
  /**
   * Likely duplicates the actor may not see: never shown nor hinted at (the
   * answer would tell that the person exists), flagged to the structure
   * holding them once the record is created.
   */
  hiddenPersonIds: string[];
};

// Trigram similarity above which two names are "probably the same person"
// when the birth dates match (typos, compound names, swapped order).
const LIKELY_SAME = 0.45;

/**
 * Likely duplicates: same birth date and a similar name (in either order), or
 * the same name with a birth date in the same year (day and month swapped).
 * Only records the actor may open are described; every match is audited in
 * the matched person's trail (who checked, from which structure).
 */
export async function findDuplicates(
  ctx: UserContext,
  input: { lastName: string; firstName: string; birthDate: string; organisationId: string },
): Promise<DuplicateCheck> {
  const { db, actor } = ctx;
  const name = searchName(input.lastName, input.firstName);
  const swapped = searchName(input.firstName, input.lastName);
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("person")
      .select([
        "person.id",
        "person.last_name",
        "person.first_name",
        sql<string>`person.birth_date::text`.as("birth_date"),
        sql<number>`greatest(similarity(person.search_name, ${name}), similarity(person.search_name, ${swapped}))`.as(
          "score",
        ),
      ])
      .where((eb) =>
        eb.or([
          eb.and([
            eb("person.birth_date", "=", input.birthDate),
            eb.or([
              sql<boolean>`similarity(person.search_name, ${name}) >= ${LIKELY_SAME}`,
              sql<boolean>`similarity(person.search_name, ${swapped}) >= ${LIKELY_SAME}`,
            ]),
          ]),
          eb.and([
            eb("person.search_name", "=", name),
            sql<boolean>`extract(year FROM person.birth_date) = extract(year FROM ${input.birthDate}::date)`,
          ]),
        ]),
      )
      .orderBy("score", "desc")
      .limit(5)
      .execute();
    if (rows.length === 0) return { visible: [], hiddenPersonIds: [] };
    const visibleRows = await visibleParcours(tx, actor)
      .select(["parcours.id", "parcours.person_id"])
      .where(
        "parcours.person_id",
        "in",
        rows.map((row) => row.id),
      )
      .execute();
    const parcoursByPerson = new Map(visibleRows.map((row) => [row.person_id, row.id]));
    await auditPersons(
      tx,
      ctx,
      rows.map((row) => ({
        action: "person.duplicate_check",
        personId: row.id,
        subjectType: "person",
        subjectId: row.id,
        organisationId: input.organisationId,
        details: { visible: parcoursByPerson.has(row.id) },
      })),
    );
    const visible: DuplicateCandidate[] = [];
    const hiddenPersonIds: string[] = [];
    for (const row of rows) {
      const parcoursId = parcoursByPerson.get(row.id);
      if (!parcoursId) {
        hiddenPersonIds.push(row.id);
        continue;
      }
      visible.push({
        personId: row.id,
        score: row.score,
        visible: {
          parcoursId,
          lastName: row.last_name,
          firstName: row.first_name,
          birthDate: row.birth_date,
        },
      });
    }
    return { visible, hiddenPersonIds };
  });
}

/**
 * Creates the person, records their consent for the actor's structure, and
 * opens their parcours with that structure as its first member: a record
 * never exists without the consent that makes it shareable.
 */
export async function createPersonWithParcours(
  ctx: UserContext,
  input: NewPerson & { possibleDuplicateOf?: readonly string[] },
): Promise<{ personId: string; parcoursId: string }> {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.createPerson, { organisationId: input.organisationId });
  return db.transaction().execute(async (tx) => {
    const person = await tx
      .insertInto("person")
      .values({
        last_name: input.lastName,
        first_name: input.firstName,
        birth_date: input.birthDate,
        search_name: searchName(input.lastName, input.firstName),
        in_care_ase: input.inCareAse,
        created_by_organisation_id: input.organisationId,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("person_consent")
      .values({
        person_id: person.id,
        organisation_id: input.organisationId,
        scope: input.consentScope,
        collected_by_user_id: actor.userId,
        collected_at: ctx.now,
      })
      .execute();
    const parcours = await tx
      .insertInto("parcours")
      .values({
        person_id: person.id,
        // The structure that opens the record holds it until a référent is named.
        referent_organisation_id: input.organisationId,
        opened_at: ctx.now,
        last_contact_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("parcours_member")
      .values({
        parcours_id: parcours.id,
        organisation_id: input.organisationId,
        joined_at: ctx.now,
      })
      .execute();
    await auditPerson(tx, ctx, {
      action: "person.create",
      personId: person.id,
      subjectType: "parcours",
      subjectId: parcours.id,
      organisationId: input.organisationId,
      details: { consentScope: input.consentScope, inCareAse: input.inCareAse },
    });
    const duplicates = input.possibleDuplicateOf ?? [];
    if (duplicates.length > 0) {
      await tx
        .insertInto("person_duplicate_flag")
        .values(
          duplicates.map((existing) => ({
            person_id: existing,
            new_person_id: person.id,
            flagged_by_organisation_id: input.organisationId,
            flagged_at: ctx.now,
          })),
        )
        .onConflict((oc) => oc.columns(["person_id", "new_person_id"]).doNothing())
        .execute();
    }
    return { personId: person.id, parcoursId: parcours.id };
  });
}

export type RecordListItem = {
  parcoursId: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  status: string;
  referentName: string | null;
  lastContactAt: Date;
};

/**
 * The records the actor may open, optionally filtered by name (trigram) and
 * birth date. Listing identities is a read: it is audited once per person shown.
 */
export async function listRecords(
  ctx: UserContext,
  filters: { query?: string; birthDate?: string; mine?: boolean },
): Promise<RecordListItem[]> {
  const { db, actor } = ctx;
  authorize(actor, recordsRules.enterRecords, undefined);
  const name = filters.query ? searchName(filters.query, "") : "";
  // The read and its audit events in one transaction: what was shown is what was traced.
  return db.transaction().execute(async (tx) => {
    let query = visibleParcours(tx, actor)
      .innerJoin("person", "person.id", "parcours.person_id")
      .leftJoin("app_user as referent", "referent.id", "parcours.referent_user_id")
      .select([
        "parcours.id as parcoursId",
        "person.id as personId",
        "person.last_name as lastName",
        "person.first_name as firstName",
        sql<string>`person.birth_date::text`.as("birthDate"),
        "parcours.status",
        "referent.display_name as referentName",
        "parcours.last_contact_at as lastContactAt",
      ])
      .orderBy("person.last_name")
      .orderBy("person.first_name")
      .limit(50);
    if (name) {
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`person.search_name % ${name}`,
          eb("person.search_name", "like", `${name.replace(/[%_\\]/g, "")}%`),
        ]),
      );
    }
    if (filters.birthDate) query = query.where("person.birth_date", "=", filters.birthDate);
    if (filters.mine) query = query.where("parcours.referent_user_id", "=", actor.userId);
    const rows = await query.execute();
    await auditPersons(
      tx,
      ctx,
      rows.map((row) => ({
        action: "person.list",
        personId: row.personId,
        subjectType: "parcours",
        subjectId: row.parcoursId,
      })),
    );
    return rows.map(({ personId: _personId, ...row }) => row);
  });
}
