import { sql } from "kysely";
import PDFDocument from "pdfkit";
import type { Db } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/policy.ts";
import { requireParcoursFor } from "./access.ts";
import { auditPerson, type RecordsContext } from "./context.ts";
import { frenchDate } from "./person-name.ts";
import { recordsRules } from "./policy.ts";
import { isSensitiveTheme } from "./themes.ts";

// An id no objective has: `IN ()` is not valid SQL.
const NO_OBJECTIVE = "00000000-0000-0000-0000-000000000000";

/**
 * Everything held on the person and who accessed it (RGPD art. 15), for a
 * worker to hand over. The access history is read from the audit trail;
 * the export itself is the last event in it.
 */
export async function exportPersonData(
  db: Db,
  actor: UserActor,
  parcoursId: string,
  context: RecordsContext,
) {
  return db.transaction().execute(async (tx) => {
    const access = await requireParcoursFor(tx, actor, parcoursId, recordsRules.exportPerson);
    const withSensitive = can(actor, recordsRules.readSensitive, access);
    await auditPerson(tx, actor, context, {
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
    const parcours = await tx
      .selectFrom("parcours")
      .select(["id", "status", "situation", "opened_at as openedAt", "closed_at as closedAt"])
      .where("person_id", "=", access.personId)
      .execute();
    const parcoursIds = parcours.map((p) => p.id);
    const consents = await tx
      .selectFrom("person_consent as c")
      .innerJoin("organisation as o", "o.id", "c.organisation_id")
      .select([
        "o.name as organisation",
        "c.scope",
        "c.collected_at as collectedAt",
        "c.withdrawn_at as withdrawnAt",
      ])
      .where("c.person_id", "=", access.personId)
      .orderBy("c.collected_at")
      .execute();
    const plan = await tx
      .selectFrom("plan_objective")
      .select(["id", "theme", "title", "status"])
      .where("parcours_id", "in", parcoursIds)
      .execute();
    // Health objectives and their actions: only for a reader of sensitive data, like health notes.
    const objectives = plan.filter((o) => withSensitive || !isSensitiveTheme(o.theme));
    const actions = await tx
      .selectFrom("plan_action")
      .select(["title", "assignee", sql<string | null>`due_date::text`.as("dueDate"), "status"])
      .where("parcours_id", "in", parcoursIds)
      .where(
        "objective_id",
        "in",
        objectives.length > 0 ? objectives.map((o) => o.id) : [NO_OBJECTIVE],
      )
      .execute();
    const notes = await tx
      .selectFrom("parcours_note")
      .select([
        sql<string>`contact_date::text`.as("contactDate"),
        "body",
        "is_sensitive as isSensitive",
      ])
      .where("parcours_id", "in", parcoursIds)
      .orderBy("contact_date")
      .execute();
    const documents = await tx
      .selectFrom("parcours_document")
      .select(["file_name as fileName", "media_type as mediaType", "uploaded_at as uploadedAt"])
      .where("parcours_id", "in", parcoursIds)
      .execute();
    const simulations = await tx
      .selectFrom("parcours_simulation")
      .select(["month", "inputs", "results", "attached_at as attachedAt"])
      .where("parcours_id", "in", parcoursIds)
      .orderBy("attached_at")
      .execute();
    const accesses = await tx
      .selectFrom("audit_event as e")
      .leftJoin("app_user as u", "u.id", "e.actor_user_id")
      .leftJoin("organisation as o", "o.id", "e.actor_organisation_id")
      .select([
        "e.occurred_at as at",
        "e.action",
        "u.display_name as who",
        "o.name as organisation",
      ])
      .where("e.person_id", "=", access.personId)
      .orderBy("e.seq")
      .execute();
    return {
      generatedAt: context.now,
      person,
      parcours,
      consents,
      plan: { objectives: objectives.map(({ id: _id, ...objective }) => objective), actions },
      sensitiveObjectivesWithheld: plan.length - objectives.length,
      notes: notes.filter((note) => withSensitive || !note.isSensitive),
      sensitiveNotesWithheld: withSensitive ? 0 : notes.filter((note) => note.isSensitive).length,
      documents,
      simulations,
      accesses,
    };
  });
}

export type PersonExport = Awaited<ReturnType<typeof exportPersonData>>;

export const ACTION_LABELS: Record<string, string> = {
  "person.create": "création du dossier",
  "person.list": "affichage dans une liste",
  "person.read_identity": "consultation de l'identité",
  "parcours.read": "consultation du dossier",
  "parcours.attention.read": "affichage dans les dossiers à surveiller",
  "parcours.situation.update": "modification de la situation",
  "parcours.referent.set": "désignation du référent",
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
  "person.export": "export des données",
};

const when = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

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
    .text(`Document établi le ${when.format(data.generatedAt)}.`);
  heading("Identité");
  doc.text(
    `${data.person.firstName} ${data.person.lastName}, né·e le ${frenchDate(data.person.birthDate)}`,
  );
  heading("Consentements au partage");
  for (const c of data.consents) {
    doc.text(
      `• ${c.organisation} : ${c.scope === "suivi_sante" ? "suivi avec santé" : "suivi sans santé"}, depuis le ${when.format(c.collectedAt)}${c.withdrawnAt ? `, retiré le ${when.format(c.withdrawnAt)}` : ""}`,
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
      `  – ${a.title} — ${a.assignee}${a.dueDate ? `, pour le ${frenchDate(a.dueDate)}` : ""} (${a.status})`,
    );
  if (data.sensitiveObjectivesWithheld > 0) {
    doc.text(
      `${data.sensitiveObjectivesWithheld} objectif(s) de santé ne figurent pas ici : demandez-les au travailleur social habilité.`,
    );
  }
  heading("Notes");
  for (const n of data.notes) doc.text(`${frenchDate(n.contactDate)} : ${n.body}`);
  if (data.sensitiveNotesWithheld > 0) {
    doc.text(
      `${data.sensitiveNotesWithheld} note(s) de santé ne figurent pas ici : demandez-les au travailleur social habilité.`,
    );
  }
  heading("Documents");
  for (const d of data.documents) doc.text(`• ${d.fileName} (${when.format(d.uploadedAt)})`);
  heading("Qui a consulté ou modifié vos données");
  for (const a of data.accesses) {
    doc.text(
      `${when.format(a.at)} — ${a.who ?? "traitement automatique"}${a.organisation ? ` (${a.organisation})` : ""} : ${ACTION_LABELS[a.action] ?? a.action}`,
    );
  }
  doc.end();
  return done;
}
