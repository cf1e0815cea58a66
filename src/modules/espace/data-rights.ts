// The person's rights over their data (RGPD arts. 15 to 20): everything the
// space holds, as JSON and as a readable PDF; and deleting the space.
import { sql } from "kysely";
import PDFDocument from "pdfkit";
import type { Db } from "../../db/database.ts";
import { authorizeResident } from "../../platform/access/policy.ts";
import { frenchDateTime, frenchLongDate } from "../../platform/time/french-dates.ts";
import { listAppointmentsForContacts } from "../appointments/service.ts";
import {
  ACTION_STATUS_LABELS,
  OBJECTIVE_STATUS_LABELS,
  ORIENTATION_STATUS_LABELS,
} from "../records/service.ts";
import { type AccessEntry, accessHistory } from "./access-history.ts";
import { myAccompagnement } from "./accompagnement.ts";
import { CORRECTION_PARTS, myCorrections } from "./corrections.ts";
import { listLinks } from "./links.ts";
import { mandatesGiven, PART_LABELS } from "./mandates.ts";
import { espaceRules } from "./policy.ts";
import type { SpaceContext } from "./session.ts";
import { auditSpace } from "./space-audit.ts";
import { listShares } from "./space-sharing.ts";
import { CATEGORY_LABELS, listDocuments } from "./vault.ts";

export async function verifiedContacts(db: Db, espaceId: string) {
  const rows = await db
    .selectFrom("espace_identifier")
    .select(["id", "kind", "value", "verified_at"])
    .where("espace_id", "=", espaceId)
    .orderBy("verified_at")
    .execute();
  return {
    rows,
    contacts: {
      phones: rows.filter((row) => row.kind === "phone").map((row) => row.value),
      emails: rows.filter((row) => row.kind === "email").map((row) => row.value),
    },
  };
}

/**
 * Everything about the person in their space, in one JSON document (the
 * documents' contents are downloaded one by one: each is listed here). A
 * fresh code is needed, and the export is audited.
 */
export async function exportSpace(ctx: SpaceContext) {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.sensitiveAction, {
    espaceId: actor.espaceId,
    now: ctx.now,
  });
  const espace = await db
    .selectFrom("espace")
    .select([
      "id",
      "created_at",
      "last_active_at",
      "verified_given_name",
      "verified_family_name",
      sql<string | null>`verified_birthdate::text`.as("verified_birthdate"),
      "identity_verified_at",
    ])
    .where("id", "=", actor.espaceId)
    .executeTakeFirstOrThrow();
  const simulations = await db
    .selectFrom("espace_simulation")
    .select(["month", "answers", "results", "consent_at", "created_at"])
    .where("espace_id", "=", actor.espaceId)
    .orderBy("created_at")
    .execute();
  const { rows, contacts } = await verifiedContacts(db, actor.espaceId);
  const accompagnement = await myAccompagnement(ctx);
  const [appointments, documents, links, shares, history] = await Promise.all([
    listAppointmentsForContacts({ db, now: ctx.now, links: { secret: ctx.secret } }, contacts),
    listDocuments(db, actor.espaceId),
    listLinks(db, actor.espaceId),
    listShares(db, actor.espaceId, ctx.now),
    accessHistory(ctx, {}),
  ]);
  await db.transaction().execute((tx) =>
    auditSpace(tx, actor, ctx, {
      action: "espace.export",
      espaceId: actor.espaceId,
      subjectType: "espace",
      subjectId: actor.espaceId,
    }),
  );
  return {
    generatedAt: ctx.now,
    space: { createdAt: espace.created_at, lastActiveAt: espace.last_active_at },
    verifiedIdentity: espace.identity_verified_at
      ? {
          by: "FranceConnect",
          givenName: espace.verified_given_name,
          familyName: espace.verified_family_name,
          birthdate: espace.verified_birthdate,
          verifiedAt: espace.identity_verified_at,
        }
      : null,
    simulations: simulations.map((row) => ({
      month: row.month,
      answers: row.answers,
      results: row.results,
      consentAt: row.consent_at,
      keptAt: row.created_at,
    })),
    contacts: rows.map((row) => ({
      kind: row.kind,
      value: row.value,
      verifiedAt: row.verified_at,
    })),
    appointments: appointments.map(({ canCancel: _c, canMove: _m, ...appointment }) => appointment),
    documents: documents.map((document) => ({
      ...document,
      category: CATEGORY_LABELS[document.category],
    })),
    followUpRecords: links.map((link) => ({
      structure: link.organisationName,
      confirmedBy: link.confirmedByName,
      confirmedAt: link.confirmedAt,
    })),
    accompagnement: accompagnement.map(({ link, record }) => ({
      structure: link.organisationName,
      ...record,
    })),
    shares,
    mandates: (await mandatesGiven(ctx)).map((mandate) => ({
      helperName: mandate.helperName,
      helper: mandate.helper,
      parts: mandate.parts,
      grantedAt: mandate.grantedAt,
      expiresAt: mandate.expiresAt,
      revokedAt: mandate.revokedAt,
    })),
    corrections: (await myCorrections(ctx)).map((request) => ({
      part: request.part,
      message: request.message,
      sentTo: request.organisationName ?? "Département",
      createdAt: request.createdAt,
      handledAt: request.handledAt,
      handledBy: request.handledByName,
      reply: request.reply,
    })),
    accessHistory: history,
  };
}

export type SpaceExport = Awaited<ReturnType<typeof exportSpace>>;

function label(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

function historyLine(entry: AccessEntry): string {
  const who = entry.organisation
    ? `${entry.who} (${[entry.organisation, ...entry.roles].join(", ")})`
    : entry.who;
  return `${frenchDateTime(entry.at)} — ${who} : ${entry.what}${entry.detail ? ` (${entry.detail})` : ""}`;
}

/** A part of the readable export: a heading, its lines, what to say when empty. */
export type PdfSection = { title: string; intro?: string; lines: string[]; empty: string };

/** What the readable export says, section by section (pure: the PDF only lays it out). */
export function spacePdfSections(data: SpaceExport): PdfSection[] {
  const sections: PdfSection[] = [
    {
      title: "Mes coordonnées vérifiées",
      lines: data.contacts.map(
        (c) =>
          `${c.kind === "phone" ? "Téléphone" : c.kind === "email" ? "Adresse électronique" : "FranceConnect"} : ${c.value}`,
      ),
      empty: "Aucune.",
    },
    {
      title: "Mes rendez-vous",
      lines: data.appointments.map(
        (a) => `${frenchDateTime(a.startsAt)} — ${a.motifName}, ${a.organisationName} (${a.where})`,
      ),
      empty: "Aucun rendez-vous.",
    },
    {
      title: "Mes documents",
      lines: data.documents.map(
        (d) =>
          `${d.title} (${d.category}, ${Math.ceil(d.sizeBytes / 1024)} Ko)${d.expiresOn ? `, valable jusqu'au ${d.expiresOn}` : ""}`,
      ),
      empty: "Aucun document.",
    },
    {
      title: "Mes dossiers de suivi reliés",
      lines: data.followUpRecords.map(
        (r) => `${r.structure}, relié le ${frenchDateTime(r.confirmedAt)}`,
      ),
      empty: "Aucun.",
    },
    {
      title: "Mes partages",
      lines: data.shares.map(
        (s) =>
          `${s.documentTitle ?? `catégorie ${s.category}`} avec ${s.organisationName}, pour : ${s.purpose}, jusqu'au ${frenchDateTime(s.expiresAt)}${s.revokedAt ? ` (retiré le ${frenchDateTime(s.revokedAt)})` : ""}`,
      ),
      empty: "Aucun partage.",
    },
  ];
  if (data.accompagnement.length === 0)
    sections.push({
      title: "Mon accompagnement",
      lines: [],
      empty: "Aucun dossier de suivi relié à mon espace.",
    });
  for (const item of data.accompagnement) {
    sections.push({
      title: `Mon accompagnement par ${item.structure}`,
      intro: item.referent
        ? `Mon référent : ${item.referent.name}${item.referent.structure ? `, ${item.referent.structure}` : ""}.`
        : "Pas encore de référent désigné.",
      lines: [
        ...item.structures.map(
          (structure) =>
            `Structure : ${structure.name}, depuis le ${frenchLongDate(structure.joinedAt)}`,
        ),
        ...item.objectives.flatMap((objective) => [
          `Objectif : ${objective.title} (${label(OBJECTIVE_STATUS_LABELS, objective.status)})`,
          ...objective.actions.map(
            (action) =>
              `Action : ${action.title} (${action.assignee}${action.dueDate ? `, pour le ${action.dueDate}` : ""}) : ${label(ACTION_STATUS_LABELS, action.status)}`,
          ),
        ]),
        ...item.orientations.map(
          (orientation) =>
            `Orientation vers ${orientation.toServiceName ?? orientation.toName}, proposée par ${orientation.fromName} le ${frenchLongDate(orientation.createdAt)} : ${label(ORIENTATION_STATUS_LABELS, orientation.status)}`,
        ),
        ...item.notes.map(
          (note) =>
            `Note du ${note.contactDate}, ${note.authorName ?? "un professionnel"}${note.authorOrganisation ? ` (${note.authorOrganisation})` : ""} : ${note.body}`,
        ),
      ],
      empty: "Rien d'autre pour l'instant.",
    });
  }
  sections.push(
    {
      title: "Les mandats que j'ai donnés",
      lines: data.mandates.map(
        (mandate) =>
          `${mandate.helperName} (${mandate.helper.value}) : ${mandate.parts.map((part) => PART_LABELS[part]).join(", ")} ; donné le ${frenchLongDate(mandate.grantedAt)}, ${mandate.revokedAt ? `retiré le ${frenchLongDate(mandate.revokedAt)}` : `jusqu'au ${frenchLongDate(mandate.expiresAt)}`}`,
      ),
      empty: "Aucun mandat.",
    },
    {
      title: "Mes demandes de correction",
      lines: data.corrections.map(
        (request) =>
          `${frenchLongDate(request.createdAt)}, à ${request.sentTo} — ${CORRECTION_PARTS[request.part]} : ${request.message}${request.handledAt ? ` — traitée le ${frenchLongDate(request.handledAt)}${request.reply ? ` : ${request.reply}` : ""}` : " — envoyée, pas encore traitée"}`,
      ),
      empty: "Aucune demande.",
    },
    {
      title: "Qui a consulté mes données",
      lines: data.accessHistory.map(historyLine),
      empty: "Aucun événement.",
    },
  );
  return sections;
}

/** The same export as a readable PDF. */
export async function renderSpacePdf(data: SpaceExport, territoryName: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: "Mes données — Relais" } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  doc.font("Helvetica-Bold").fontSize(16).text(`Relais ${territoryName} — mon espace, mes données`);
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(`Document établi le ${frenchDateTime(data.generatedAt)}.`);
  for (const section of spacePdfSections(data)) {
    doc.moveDown().font("Helvetica-Bold").fontSize(13).text(section.title);
    doc.font("Helvetica").fontSize(10);
    if (section.intro) doc.text(section.intro);
    if (section.lines.length === 0) doc.text(section.empty);
    for (const line of section.lines) doc.text(`• ${line}`);
  }
  doc.end();
  return done;
}

/**
 * Deletes the space: its contacts, documents (every chunk), shares, links
 * and sessions. The follow-up records stay with the structures (the law has
 * them kept, see the page); the audit trail keeps the deletion itself.
 */
export async function deleteSpace(ctx: SpaceContext): Promise<void> {
  const { db, actor } = ctx;
  authorizeResident(actor, espaceRules.sensitiveAction, {
    espaceId: actor.espaceId,
    now: ctx.now,
  });
  await db.transaction().execute(async (tx) => {
    await auditSpace(tx, actor, ctx, {
      action: "espace.delete",
      espaceId: actor.espaceId,
      subjectType: "espace",
      subjectId: actor.espaceId,
    });
    await tx.deleteFrom("espace").where("id", "=", actor.espaceId).execute();
  });
}
