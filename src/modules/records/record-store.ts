// The queries that read a record's parts, shared by the worker's record page
// (record.ts) and the person's own view in « Mon espace » (person-view.ts):
// each caller adds what only it shows or hides.
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { REFERENT_ROLES } from "./policy.ts";
import { SENSITIVE_THEMES } from "./themes.ts";

/** The structures that follow a parcours, in the order they joined. */
export function listMembers(db: Db | Tx, parcoursId: string) {
  return db
    .selectFrom("parcours_member as m")
    .innerJoin("organisation as o", "o.id", "m.organisation_id")
    .select(["o.id", "o.name", "m.joined_at as joinedAt"])
    .where("m.parcours_id", "=", parcoursId)
    .orderBy("m.joined_at")
    .execute();
}

/** The plan's actions by due date; those of a health objective only `withSensitive`. */
export function listPlanActions(db: Db | Tx, parcoursId: string, withSensitive: boolean) {
  let query = db
    .selectFrom("plan_action as a")
    .innerJoin("plan_objective as o", "o.id", "a.objective_id")
    .select([
      "a.id",
      "a.objective_id as objectiveId",
      "a.title",
      "a.assignee",
      sql<string | null>`a.due_date::text`.as("dueDate"),
      "a.status",
      "a.version",
    ])
    .where("a.parcours_id", "=", parcoursId)
    .orderBy("a.due_date");
  if (!withSensitive) query = query.where("o.theme", "not in", SENSITIVE_THEMES);
  return query.execute();
}

/** The parcours' notes with their author, newest contact first, 200 at most: the caller filters. */
export function notesQuery(db: Db | Tx, parcoursId: string) {
  return db
    .selectFrom("parcours_note as n")
    .leftJoin("app_user as u", "u.id", "n.author_user_id")
    .leftJoin("organisation as o", "o.id", "n.author_organisation_id")
    .select([
      "n.id",
      sql<string>`n.contact_date::text`.as("contactDate"),
      "n.body",
      "u.display_name as authorName",
      "o.name as authorOrganisation",
    ])
    .where("n.parcours_id", "=", parcoursId)
    .orderBy("n.contact_date", "desc")
    .orderBy("n.created_at", "desc")
    .limit(200);
}

/** The parcours' orientations, newest first, with both structures' names: the caller adds columns. */
export function orientationsQuery(db: Db | Tx, parcoursId: string) {
  return db
    .selectFrom("orientation as r")
    .innerJoin("organisation as f", "f.id", "r.from_organisation_id")
    .innerJoin("organisation as t", "t.id", "r.to_organisation_id")
    .select([
      "r.id",
      "f.name as fromName",
      "t.name as toName",
      "r.to_service_name as toServiceName",
      "r.status",
      "r.created_at as createdAt",
      "r.decided_at as decidedAt",
    ])
    .where("r.parcours_id", "=", parcoursId)
    .orderBy("r.created_at", "desc");
}

/** Every structure by name: the record page's consent and orientation lists. */
export function listOrganisationNames(db: Db) {
  return db.selectFrom("organisation").select(["id", "name"]).orderBy("name").execute();
}

/** The members of these structures who may be a référent, by name. */
export function listPossibleReferents(db: Db, organisationIds: readonly string[]) {
  return db
    .selectFrom("membership as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name"])
    .where("m.organisation_id", "in", [...organisationIds])
    .where("m.role", "in", REFERENT_ROLES)
    .orderBy("u.display_name")
    .execute();
}
