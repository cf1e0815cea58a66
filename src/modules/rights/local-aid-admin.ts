/**
 * The Département's own aids in the database: an aid, its versions (drafts
 * and published ones), and the published versions valid in a month (what the
 * simulator reads). Every write is authorised by `rights.manageLocalAids` and
 * audited in the same transaction.
 */
import type { Db, Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { frenchMonth } from "../../platform/time/french-dates.ts";
import {
  type LocalAidDefinition,
  LocalAidDefinitionSchema,
  type LocalAidVersion,
} from "./local-aids.ts";
import { monthKey, parseMonth } from "./period.ts";
import { rightsRules } from "./policy.ts";

export interface StoredVersion extends LocalAidVersion {
  readonly status: "brouillon" | "publiee";
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
}

export interface LocalAidSummary {
  readonly id: string;
  readonly isDemo: boolean;
  /** The last version, draft or published. */
  readonly latest: StoredVersion;
  /** The published version with the latest month of effect, if any. */
  readonly published: StoredVersion | undefined;
}

type VersionRow = {
  aid_id: string;
  number: number;
  status: "brouillon" | "publiee";
  valid_from: string;
  valid_until: string | null;
  definition: unknown;
  created_at: Date;
  published_at: Date | null;
};

function toVersion(row: VersionRow): StoredVersion {
  const raw = typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition;
  return {
    aidId: row.aid_id,
    number: row.number,
    status: row.status,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    // Written only after the same check: a row that fails it is a bug, not an input.
    definition: LocalAidDefinitionSchema.parse(raw),
    createdAt: row.created_at,
    publishedAt: row.published_at,
  };
}

const VERSION_COLUMNS = [
  "aid_id",
  "number",
  "status",
  "valid_from",
  "valid_until",
  "definition",
  "created_at",
  "published_at",
] as const;

/** The published versions valid in the month ("YYYY-MM"): what the simulator applies. */
export async function publishedLocalAids(db: Db | Tx, month: string): Promise<LocalAidVersion[]> {
  const rows = await db
    .selectFrom("rights_local_aid_version")
    .select(VERSION_COLUMNS)
    .where("status", "=", "publiee")
    .where("valid_from", "<=", month)
    .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">=", month)]))
    .orderBy("aid_id")
    .execute();
  return rows.map(toVersion);
}

/** Every aid with its last version and the published one (for the pilote's list). */
export async function listLocalAids({ db, actor }: UserContext): Promise<LocalAidSummary[]> {
  authorize(actor, rightsRules.manageLocalAids, undefined);
  const aids = await db.selectFrom("rights_local_aid").select(["id", "is_demo"]).execute();
  const versions = (
    await db
      .selectFrom("rights_local_aid_version")
      .select(VERSION_COLUMNS)
      .orderBy("aid_id")
      .orderBy("number")
      .execute()
  ).map(toVersion);
  return aids
    .map((aid) =>
      summarise(
        aid.id,
        aid.is_demo,
        versions.filter((v) => v.aidId === aid.id),
      ),
    )
    .filter((s): s is LocalAidSummary => s !== undefined)
    .sort((a, b) => a.latest.definition.name.localeCompare(b.latest.definition.name, "fr"));
}

function summarise(
  id: string,
  isDemo: boolean,
  versions: readonly StoredVersion[],
): LocalAidSummary | undefined {
  const latest = versions.at(-1);
  if (latest === undefined) return undefined;
  const published = versions
    .filter((v) => v.status === "publiee")
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  return { id, isDemo, latest, published };
}

/** One aid and all its versions, oldest first; NotFound when absent. */
export async function requireLocalAid(
  { db, actor }: UserContext,
  id: string,
): Promise<LocalAidSummary & { versions: StoredVersion[] }> {
  authorize(actor, rightsRules.manageLocalAids, undefined);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFound();
  const aid = await db
    .selectFrom("rights_local_aid")
    .select(["id", "is_demo"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (aid === undefined) throw new NotFound("Cette aide n'existe pas.");
  const versions = (
    await db
      .selectFrom("rights_local_aid_version")
      .select(VERSION_COLUMNS)
      .where("aid_id", "=", id)
      .orderBy("number")
      .execute()
  ).map(toVersion);
  const summary = summarise(aid.id, aid.is_demo, versions);
  if (summary === undefined) throw new NotFound("Cette aide n'existe pas.");
  return { ...summary, versions };
}

/** Locks the aid for the transaction (its versions change together); NotFound when absent. */
async function lockAid(tx: Tx, aidId: string): Promise<void> {
  const aid = await tx
    .selectFrom("rights_local_aid")
    .select("id")
    .where("id", "=", aidId)
    .forUpdate()
    .executeTakeFirst();
  if (aid === undefined) throw new NotFound("Cette aide n'existe pas.");
}

function auditActor(actor: UserActor) {
  return { userId: actor.userId, organisationId: actor.memberships[0]?.organisationId ?? null };
}

/** Creates an aid and its first version, a draft. Returns the aid's id. */
export async function createLocalAid(
  ctx: UserContext,
  input: { definition: LocalAidDefinition; validFrom: string },
): Promise<string> {
  const { db, actor } = ctx;
  authorize(actor, rightsRules.manageLocalAids, undefined);
  const definition = LocalAidDefinitionSchema.parse(input.definition);
  return db.transaction().execute(async (tx) => {
    const aid = await tx
      .insertInto("rights_local_aid")
      .values({ is_demo: definition.demo, created_at: ctx.now, created_by: actor.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertVersion(tx, aid.id, 1, definition, input.validFrom, actor.userId, ctx.now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "rights.local_aid.create",
      subjectType: "rights_local_aid",
      subjectId: aid.id,
      details: { name: definition.name, validFrom: input.validFrom },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return aid.id;
  });
}

async function insertVersion(
  tx: Tx,
  aidId: string,
  number: number,
  definition: LocalAidDefinition,
  validFrom: string,
  userId: string | null,
  now: Date,
) {
  await tx
    .insertInto("rights_local_aid_version")
    .values({
      aid_id: aidId,
      number,
      status: "brouillon",
      valid_from: validFrom,
      valid_until: null,
      definition: JSON.stringify(definition),
      created_at: now,
      created_by: userId,
      published_at: null,
      published_by: null,
    })
    .execute();
}

/** A change: a new version, a draft, numbered after the last one. Returns its number. */
export async function addLocalAidVersion(
  ctx: UserContext,
  aidId: string,
  input: { definition: LocalAidDefinition; validFrom: string },
): Promise<number> {
  const { db, actor } = ctx;
  authorize(actor, rightsRules.manageLocalAids, undefined);
  const definition = LocalAidDefinitionSchema.parse(input.definition);
  return db.transaction().execute(async (tx) => {
    await lockAid(tx, aidId);
    const last = await tx
      .selectFrom("rights_local_aid_version")
      .select((eb) => eb.fn.max("number").as("number"))
      .where("aid_id", "=", aidId)
      .executeTakeFirst();
    const number = Number(last?.number ?? 0) + 1;
    await insertVersion(tx, aidId, number, definition, input.validFrom, actor.userId, ctx.now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "rights.local_aid.version",
      subjectType: "rights_local_aid",
      subjectId: aidId,
      details: { number, name: definition.name, validFrom: input.validFrom },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return number;
  });
}

/**
 * Publishes a draft: from its month of effect it replaces the version in
 * force, which ends the month before. A month of effect not after the
 * version in force is refused (history is not rewritten: a correction of the
 * past is a new délibération with its own date).
 */
export async function publishLocalAidVersion(
  ctx: UserContext,
  aidId: string,
  number: number,
): Promise<void> {
  const { db, actor } = ctx;
  authorize(actor, rightsRules.manageLocalAids, undefined);
  await db.transaction().execute(async (tx) => {
    await lockAid(tx, aidId);
    const versions = await tx
      .selectFrom("rights_local_aid_version")
      .select(["number", "status", "valid_from", "valid_until"])
      .where("aid_id", "=", aidId)
      .execute();
    const draft = versions.find((v) => v.number === number);
    if (draft === undefined) throw new NotFound("Cette version n'existe pas.");
    if (draft.status !== "brouillon")
      throw new Invalid({ version: "Cette version est déjà publiée." });
    const latestPublished = versions
      .filter((v) => v.status === "publiee")
      .sort((a, b) => b.valid_from.localeCompare(a.valid_from))[0];
    if (latestPublished !== undefined && draft.valid_from <= latestPublished.valid_from)
      throw new Invalid({
        version: `La date d'effet (${frenchMonth(draft.valid_from)}) doit suivre celle de la version en vigueur (${frenchMonth(latestPublished.valid_from)}). Créez une nouvelle version avec une date d'effet plus tardive.`,
      });
    const before = monthKey((parseMonth(draft.valid_from) as number) - 1);
    await tx
      .updateTable("rights_local_aid_version")
      .set({ valid_until: before })
      .where("aid_id", "=", aidId)
      .where("status", "=", "publiee")
      .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">", before)]))
      .execute();
    await tx
      .updateTable("rights_local_aid_version")
      .set({ status: "publiee", published_at: ctx.now, published_by: actor.userId })
      .where("aid_id", "=", aidId)
      .where("number", "=", number)
      .execute();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "rights.local_aid.publish",
      subjectType: "rights_local_aid",
      subjectId: aidId,
      details: { number, validFrom: draft.valid_from },
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
}

/**
 * Stops an aid after `lastMonth` ("YYYY-MM"): the version in force ends then, and the simulator
 * no longer shows the aid from the month after. Refused, in French, before the version's start
 * or when a published version starts later (publish no version after the end).
 */
export async function endLocalAid(
  ctx: UserContext,
  aidId: string,
  lastMonth: string,
): Promise<void> {
  const { db, actor } = ctx;
  authorize(actor, rightsRules.manageLocalAids, undefined);
  if (parseMonth(lastMonth) === undefined)
    throw new Invalid({ dernier_mois: "Le dernier mois au format AAAA-MM, par exemple 2026-12." });
  await db.transaction().execute(async (tx) => {
    await lockAid(tx, aidId);
    const published = await tx
      .selectFrom("rights_local_aid_version")
      .select(["number", "valid_from", "valid_until"])
      .where("aid_id", "=", aidId)
      .where("status", "=", "publiee")
      .execute();
    const inForce = published.sort((a, b) => b.valid_from.localeCompare(a.valid_from))[0];
    if (inForce === undefined)
      throw new Invalid({ dernier_mois: "Aucune version n'est publiée : rien à arrêter." });
    if (lastMonth < inForce.valid_from)
      throw new Invalid({
        dernier_mois: `Le dernier mois ne peut pas précéder le début de la version en vigueur (${frenchMonth(inForce.valid_from)}).`,
      });
    await tx
      .updateTable("rights_local_aid_version")
      .set({ valid_until: lastMonth })
      .where("aid_id", "=", aidId)
      .where("status", "=", "publiee")
      .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">", lastMonth)]))
      .execute();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "rights.local_aid.end",
      subjectType: "rights_local_aid",
      subjectId: aidId,
      details: { lastMonth },
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
}

/** Loads aids published from their month of effect (the demo seed, run once). */
export async function seedLocalAids(
  tx: Tx,
  aids: readonly { definition: LocalAidDefinition; validFrom: string }[],
  now: Date,
): Promise<void> {
  for (const { definition, validFrom } of aids) {
    const checked = LocalAidDefinitionSchema.parse(definition);
    const aid = await tx
      .insertInto("rights_local_aid")
      .values({ is_demo: checked.demo, created_at: now, created_by: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertVersion(tx, aid.id, 1, checked, validFrom, null, now);
    await tx
      .updateTable("rights_local_aid_version")
      .set({ status: "publiee", published_at: now })
      .where("aid_id", "=", aid.id)
      .execute();
  }
}
