import { sql } from "kysely";
import PDFDocument from "pdfkit";
import type { Tx } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/policy.ts";
import type { UserContext } from "../../platform/http/context.ts";
import { frenchDateTime, frenchLocalDate } from "../../platform/time/french-dates.ts";
import { findParcoursAccess, requireParcoursFor } from "./access.ts";
import { type ParcoursAccess, recordsRules } from "./policy.ts";
import { auditPerson } from "./record-audit.ts";
import { isSensitiveTheme } from "./themes.ts";

// An id no row has: `IN ()` is not valid SQL.
const NO_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Everything held on the person and who accessed it (RGPD art. 15), for a
 * worker to hand over. The access history is read from the audit trail;
 * the export itself is the last event in it.
 */
export async function exportPersonData(ctx: UserContext, parcoursId: string) {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.exportPerson);
    await auditPerson(tx, ctx, {
      action: "person.export",
      personId: access.personId,
      subjectType: "parcours",
      subjectId: access.parcoursId,
      access,
    });
    const person = await tx
      .selectFrom("person")
      .select([
        "id",
        "last_name as lastName",
        "first_name as firstName",
        sql<string>`birth_date::text`.as("birthDate"),
        "in_care_ase as inCareAse",
        "created_at as createdAt",
      ])
      .where("id", "=", access.personId)
      .executeTakeFirstOrThrow();
    const { readable, withHealth } = await readableParcours(tx, actor, access);
    const items = await exportedItems(tx, access.personId, readable, withHealth);
    const { objectives, actions, notes, documents } = items;
    // What the history may speak of: the items shown above, no withheld one (not even its date).
    const shown = new Set<string>([
      ...readable.map((p) => p.id),
      ...objectives.map((o) => o.id),
      ...actions.map((a) => a.id),
      ...notes.map((n) => n.id),
      ...documents.map((d) => d.id),
      ...items.orientations.map((o) => o.id),
    ]);
    return {
      generatedAt: ctx.now,
      person,
      parcours: readable,
      consents: items.consents,
      plan: {
        objectives: objectives.map(
          ({ id: _id, parcours_id: _parcours, ...objective }) => objective,
        ),
        actions: actions.map(({ id: _id, ...action }) => action),
      },
      // Whether health items may exist here, never how many: a count or a date would tell.
      healthWithheld: readable.some((p) => !withHealth.has(p.id)),
      notes: notes.map(({ id: _id, ...note }) => note),
      documents: documents.map(({ id: _id, ...document }) => document),
      simulations: items.simulations,
      accesses: await accessHistory(tx, access.personId, shown),
    };
  });
}

/**
 * Only the parcours this worker may read, each with its own health rule:
 * another structure's parcours of the same person is not theirs to hand over.
 */
async function readableParcours(tx: Tx, actor: UserActor, access: ParcoursAccess) {
  const allParcours = await tx
    .selectFrom("parcours")
    .select(["id", "status", "situation", "opened_at as openedAt", "closed_at as closedAt"])
    .where("person_id", "=", access.personId)
    .execute();
  const readable: typeof allParcours = [];
  const withHealth = new Set<string>();
  for (const row of allParcours) {
    const rowAccess = row.id === access.parcoursId ? access : await findParcoursAccess(tx, row.id);
    if (!rowAccess || !can(actor, recordsRules.exportPerson, rowAccess)) continue;
    readable.push(row);
    if (can(actor, recordsRules.readSensitive, rowAccess)) withHealth.add(row.id);
  }
  return { readable, withHealth };
}

/** What the readable parcours hold; health items only where the worker may read them. */
async function exportedItems(
  tx: Tx,
  personId: string,
  readable: readonly { id: string }[],
  withHealth: ReadonlySet<string>,
) {
  const parcoursIds = readable.map((p) => p.id);
  const withHealthIds = withHealth.size > 0 ? [...withHealth] : [NO_ID];
  const consents = await tx
    .selectFrom("person_consent as c")
    .innerJoin("organisation as o", "o.id", "c.organisation_id")
    .select([
      "o.name as organisation",
      "c.scope",
      "c.collected_at as collectedAt",
      "c.withdrawn_at as withdrawnAt",
    ])
    .where("c.person_id", "=", personId)
    .orderBy("c.collected_at")
    .execute();
  const plan = await tx
    .selectFrom("plan_objective")
    .select(["id", "parcours_id", "theme", "title", "status"])
    .where("parcours_id", "in", parcoursIds)
    .execute();
  // Health objectives and their actions: only for a reader of sensitive data, like health notes.
  const objectives = plan.filter(
    (o) => withHealth.has(o.parcours_id) || !isSensitiveTheme(o.theme),
  );
  const actions = await tx
    .selectFrom("plan_action")
    .select(["id", "title", "assignee", sql<string | null>`due_date::text`.as("dueDate"), "status"])
    .where("parcours_id", "in", parcoursIds)
    .where("objective_id", "in", objectives.length > 0 ? objectives.map((o) => o.id) : [NO_ID])
    .execute();
  const notes = await tx
    .selectFrom("parcours_note")
    .select([
      "id",
      sql<string>`contact_date::text`.as("contactDate"),
      "body",
      "is_sensitive as isSensitive",
    ])
    .where("parcours_id", "in", parcoursIds)
    .where((eb) => eb.or([eb("is_sensitive", "=", false), eb("parcours_id", "in", withHealthIds)]))
    .orderBy("contact_date")
    .execute();
  const documents = await tx
    .selectFrom("parcours_document")
    .select(["id", "file_name as fileName", "media_type as mediaType", "uploaded_at as uploadedAt"])
    .where("parcours_id", "in", parcoursIds)
    .where((eb) => eb.or([eb("is_sensitive", "=", false), eb("parcours_id", "in", withHealthIds)]))
    .execute();
  const simulations = await tx
    .selectFrom("parcours_simulation")
    .select(["month", "inputs", "results", "attached_at as attachedAt"])
    .where("parcours_id", "in", parcoursIds)
    .orderBy("attached_at")
    .execute();
  const orientations = await tx
    .selectFrom("orientation")
    .select("id")
    .where("parcours_id", "in", parcoursIds)
    .execute();
  return { consents, objectives, actions, notes, documents, simulations, orientations };
}

/** Who accessed the person's data, from the audit trail; an item not shown is not spoken of. */
async function accessHistory(tx: Tx, personId: string, shown: ReadonlySet<string>) {
  const events = await tx
    .selectFrom("audit_event as e")
    .leftJoin("app_user as u", "u.id", "e.actor_user_id")
    .leftJoin("organisation as o", "o.id", "e.actor_organisation_id")
    .select([
      "e.occurred_at as at",
      "e.action",
      "e.subject_type as subjectType",
      "e.subject_id as subjectId",
      "u.display_name as who",
      "o.name as organisation",
    ])
    .where("e.person_id", "=", personId)
    .orderBy("e.seq")
    .execute();
  return events
    .filter(
      (event) => !ITEM_SUBJECTS.has(event.subjectType ?? "") || shown.has(event.subjectId ?? ""),
    )
    .map(({ subjectType: _type, subjectId: _id, ...event }) => event);
}

/** Audit subjects that are items of a parcours: shown in the history only when the item is. */
const ITEM_SUBJECTS = new Set([
  "parcours",
  "plan_objective",
  "plan_action",
  "parcours_note",
  "parcours_document",
  "orientation",
]);

export type PersonExport = Awaited<ReturnType<typeof exportPersonData>>;

/** Said whether or not health items exist: their number would tell. */
export const HEALTH_WITHHELD =
  "Les informations de santé (notes, objectifs, documents) ne figurent pas dans ce document : si vous en avez, demandez-les au travailleur social qui vous suit.";

export const ACTION_LABELS: Record<string, string> = {
  "person.create": "création du dossier",
  "person.list": "affichage dans une liste",
  "person.read_identity": "consultation de l'identité",
  "parcours.read": "consultation du dossier",
  "parcours.read_by_person": "vous avez consulté votre accompagnement",
  "parcours.attention.read": "affichage dans les dossiers à surveiller",
  "parcours.situation.update": "modification de la situation",
  "parcours.referent.set": "désignation du référent",
  "parcours.referent.handover": "suivi confié à un autre référent (départ du précédent)",
  "parcours.close": "clôture du parcours",
  "parcours.archive": "archivage",
  "consent.record": "recueil d'un consentement",
  "consent.withdraw": "retrait d'un consentement",
  "note.create": "ajout d'une note",
  "parcours.simulation.attach": "rattachement d'une simulation de droits",
  "rdv.booked": "prise d'un rendez-vous",
  "plan.objective.create": "ajout d'un objectif",
  "plan.objective.update": "modification d'un objectif",
  "plan.action.create": "ajout d'une action",
  "plan.action.update": "modification d'une action",
  "document.create": "ajout d'un document",
  "document.read": "lecture d'un document",
  "orientation.create": "orientation proposée",
  "orientation.list": "affichage dans les orientations reçues",
  "orientation.accept": "orientation acceptée",
  "orientation.refuse": "orientation refusée",
  "orientation.cancel": "orientation annulée (accord retiré)",
  "person.duplicate_check": "vérification de doublon à l'ouverture d'un dossier",
  "person.export": "export des données",
};

export async function renderExportPdf(data: PersonExport, territoryName: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: `Données de ${data.person.firstName} ${data.person.lastName}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  const heading = (title: string) =>
    doc.moveDown().font("Helvetica-Bold").fontSize(13).text(title).font("Helvetica").fontSize(10);
  doc
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(`Relais ${territoryName} — vos données et qui les a consultées`);
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(`Document établi le ${frenchDateTime(data.generatedAt)}.`);
  heading("Identité");
  doc.text(
    `${data.person.firstName} ${data.person.lastName}, né·e le ${frenchLocalDate(data.person.birthDate)}`,
  );
  heading("Consentements au partage");
  for (const c of data.consents) {
    doc.text(
      `• ${c.organisation} : ${c.scope === "suivi_sante" ? "suivi avec santé" : "suivi sans santé"}, depuis le ${frenchDateTime(c.collectedAt)}${c.withdrawnAt ? `, retiré le ${frenchDateTime(c.withdrawnAt)}` : ""}`,
    );
  }
  heading("Situation");
  for (const p of data.parcours) {
    for (const [key, value] of Object.entries(p.situation)) doc.text(`• ${key} : ${value}`);
  }
  heading("Plan d'accompagnement");
  for (const o of data.plan.objectives) doc.text(`• ${o.title} (${o.theme}, ${o.status})`);
  for (const a of data.plan.actions)
    doc.text(
      `  – ${a.title} — ${a.assignee}${a.dueDate ? `, pour le ${frenchLocalDate(a.dueDate)}` : ""} (${a.status})`,
    );
  heading("Notes");
  for (const n of data.notes) doc.text(`${frenchLocalDate(n.contactDate)} : ${n.body}`);
  heading("Documents");
  for (const d of data.documents) doc.text(`• ${d.fileName} (${frenchDateTime(d.uploadedAt)})`);
  if (data.healthWithheld) {
    doc.moveDown().text(HEALTH_WITHHELD);
  }
  heading("Qui a consulté ou modifié vos données");
  for (const a of data.accesses) {
    doc.text(
      `${frenchDateTime(a.at)} — ${a.who ?? "traitement automatique"}${a.organisation ? ` (${a.organisation})` : ""} : ${ACTION_LABELS[a.action] ?? a.action}`,
    );
  }
  doc.end();
  return done;
}
