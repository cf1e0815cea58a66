// What the setup pages need about one organisation: its agents, places,
// motifs and current openings (for overlap warnings). One query each.

import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { IsoWeekday } from "../../platform/time/paris.ts";
import type { PlageOuverture } from "./agenda.ts";
import { DESK_ROLES } from "./policy.ts";

export async function loadOrganisationAgenda(db: Db, organisationId: string) {
  const [agents, lieux, motifs, plages] = await Promise.all([
    db
      .selectFrom("membership as m")
      .innerJoin("app_user as u", "u.id", "m.user_id")
      .select(["u.id", "u.display_name as name"])
      .where("m.organisation_id", "=", organisationId)
      .where("m.role", "in", DESK_ROLES)
      .distinct()
      .orderBy("u.display_name")
      .execute(),
    db
      .selectFrom("rdv_lieu")
      .select(["id", "name"])
      .where("organisation_id", "=", organisationId)
      .where("status", "!=", "disabled")
      .orderBy("name")
      .execute(),
    db.selectFrom("rdv_motif").select("id").where("organisation_id", "=", organisationId).execute(),
    db
      .selectFrom("rdv_plage")
      .select([
        "id",
        "agent_id as agentId",
        "lieu_id as lieuId",
        sql<string>`to_char(first_day, 'YYYY-MM-DD')`.as("firstDay"),
        sql<string>`to_char(start_time, 'HH24:MI')`.as("startTime"),
        sql<string>`to_char(end_time, 'HH24:MI')`.as("endTime"),
        "every_weeks as everyWeeks",
        "weekdays",
        sql<string | null>`to_char(until, 'YYYY-MM-DD')`.as("until"),
      ])
      .where("organisation_id", "=", organisationId)
      .execute(),
  ]);
  const openings: PlageOuverture[] = plages.map((p) => ({
    id: p.id,
    agentId: p.agentId,
    lieuId: p.lieuId,
    motifIds: [],
    firstDay: p.firstDay,
    startTime: p.startTime,
    endTime: p.endTime,
    recurrence:
      p.everyWeeks === null
        ? null
        : { everyWeeks: p.everyWeeks, weekdays: p.weekdays as IsoWeekday[], until: p.until },
  }));
  return { agents, lieux, motifIds: motifs.map((m) => m.id), openings };
}
