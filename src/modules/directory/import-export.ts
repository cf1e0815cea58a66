import type { Db } from "../../db/database.ts";
import type { Actor } from "../../platform/access/actor.ts";
import { type AuditActor, recordAudit } from "../../platform/audit/audit.ts";
import { decodeSpreadsheetText, parseCsv, toCsv } from "../../platform/csv/csv.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { toServiceRecord, toStructureRecord } from "./data-inclusion-records.ts";
import { type DirectoryRecords, recordKey, saveRecords } from "./directory-store.ts";
import {
  describeIssues,
  futureDateProblem,
  ServiceRecord,
  StructureRecord,
} from "./record-schema.ts";

/** Import files larger than this are refused before reading. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type ImportProblem = { where: string; messages: string[] };
export type ImportReport = {
  format: "json" | "csv";
  encoding: string;
  structures: number;
  services: number;
  problems: ImportProblem[];
  written: boolean;
  /** Records not written because the directory holds a more recent one (date_maj). */
  keptNewer: number;
};

const ARRAY_FIELDS = new Set([
  "reseaux_porteurs",
  "thematiques",
  "publics",
  "modes_accueil",
  "zone_eligibilite",
  "modes_mobilisation",
  "mobilisable_par",
]);
const STRUCTURE_FIELDS = Object.keys(StructureRecord.shape);
const SERVICE_FIELDS = [
  "source",
  "structure_id",
  "id",
  "nom",
  "description",
  "date_maj",
  "type",
  "thematiques",
  "frais",
  "frais_precisions",
  "publics",
  "publics_precisions",
  "conditions_acces",
  "telephone",
  "courriel",
  "contact_nom_prenom",
  "modes_accueil",
  "zone_eligibilite",
  "lien_mobilisation",
  "modes_mobilisation",
  "mobilisable_par",
  "mobilisation_precisions",
  "volume_horaire_hebdomadaire",
  "nombre_semaines",
  "horaires_accueil",
  "lien_source",
  "commune",
  "code_postal",
  "code_insee",
  "adresse",
  "complement_adresse",
  "longitude",
  "latitude",
];
const CSV_HEADER = ["enregistrement", ...new Set([...SERVICE_FIELDS, ...STRUCTURE_FIELDS])];

/** Records the directory kept because its own copy is more recent. */
export function keptNewerText(count: number): string {
  return count > 0
    ? ` ; ${count} non remplacés car l'annuaire en a une version plus récente (date_maj)`
    : "";
}

type RawRecord = { kind: "structure" | "service"; where: string; data: Record<string, unknown> };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A JSON file: `{ structures, services }` (Relais's export), a bare list, or
 * the data·inclusion API's pages `{ items: [...] }`, whose items are records
 * or search hits `{ service: {...}, distance }`; a service carrying its
 * structure as an object brings that structure too (once per structure).
 */
function rawFromJson(text: string): RawRecord[] {
  const json = JSON.parse(text) as unknown;
  const asList = (value: unknown) => (Array.isArray(value) ? value : []);
  const fromList = (list: unknown[], label: (index: number) => string): RawRecord[] => {
    const records: RawRecord[] = [];
    const embedded = new Set<string>();
    list.forEach((item, index) => {
      const data = isObject(item) && isObject(item.service) ? item.service : item;
      const where = label(index);
      if (isObject(data) && isObject(data.structure)) {
        const { structure, ...service } = data;
        const key = recordKey(String(structure.source), String(structure.id));
        if (!embedded.has(key)) {
          embedded.add(key);
          records.push({ kind: "structure", where: `${where}.structure`, data: structure });
        }
        records.push({ kind: "service", where, data: service });
        return;
      }
      records.push({
        kind: isObject(data) && "structure_id" in data ? "service" : "structure",
        where,
        data: (isObject(data) ? data : {}) as Record<string, unknown>,
      });
    });
    return records;
  };
  if (Array.isArray(json)) return fromList(json, (index) => `élément ${index + 1}`);
  const object = isObject(json) ? json : {};
  if (Array.isArray(object.items)) return fromList(object.items, (index) => `items[${index}]`);
  return [
    ...asList(object.structures).map((data, i) => ({
      kind: "structure" as const,
      where: `structures[${i}]`,
      data,
    })),
    ...asList(object.services).map((data, i) => ({
      kind: "service" as const,
      where: `services[${i}]`,
      data,
    })),
  ];
}

/**
 * A CSV cell as a record value. A CSV has no `null`: an empty cell is null.
 * A list is written `a,b` (or `a|b`), `[]` for an empty list, or as JSON.
 */
function csvValue(name: string, value: string): unknown {
  if (value === "") return null;
  if (!ARRAY_FIELDS.has(name)) return value;
  if (value.trim().startsWith("[")) return safeJson(value);
  return value
    .split(/[,|]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function rawFromCsv(text: string): RawRecord[] {
  const { rows } = parseCsv(text);
  const [header, ...body] = rows;
  if (!header) return [];
  const names = header.cells.map((name) => name.trim());
  if (!names.includes("id") || !names.includes("nom")) {
    throw new Error(
      "La première ligne du CSV doit nommer les colonnes data·inclusion (id, nom, source…). Vérifiez le séparateur (virgule, point-virgule ou tabulation).",
    );
  }
  return body.map((row) => {
    const data: Record<string, unknown> = {};
    names.forEach((name, index) => {
      data[name] = csvValue(name, row.cells[index] ?? "");
    });
    const kind =
      data.enregistrement === "service" || (data.enregistrement === undefined && data.structure_id)
        ? "service"
        : "structure";
    delete data.enregistrement;
    return { kind, where: `ligne ${row.line}`, data };
  });
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Reads and validates a whole file; nothing is written. `now` is the clock's
 * time: a date_maj after its day (in Paris) is refused.
 */
export function readDirectoryFile(
  bytes: Uint8Array,
  now: Date,
): {
  records: DirectoryRecords;
  report: ImportReport;
} {
  const base = { structures: 0, services: 0, written: false, keptNewer: 0 };
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return {
      records: { structures: [], services: [] },
      report: {
        ...base,
        format: "json",
        encoding: "",
        problems: [
          {
            where: "fichier",
            messages: [
              `Le fichier fait ${(bytes.byteLength / 1048576).toFixed(1)} Mo : la limite est de ${MAX_IMPORT_BYTES / 1048576} Mo. Découpez-le en plusieurs fichiers.`,
            ],
          },
        ],
      },
    };
  }
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const format =
    text.trimStart().startsWith("{") || text.trimStart().startsWith("[") ? "json" : "csv";
  let raw: RawRecord[];
  try {
    raw = format === "json" ? rawFromJson(text) : rawFromCsv(text);
  } catch (error) {
    const message =
      error instanceof SyntaxError
        ? `Le fichier JSON est illisible : ${error.message}`
        : (error as Error).message;
    return {
      records: { structures: [], services: [] },
      report: { ...base, format, encoding, problems: [{ where: "fichier", messages: [message] }] },
    };
  }
  const records: DirectoryRecords = { structures: [], services: [] };
  const problems: ImportProblem[] = [];
  const today = parisDate(now);
  for (const item of raw) {
    // safeParse, not parseValue: a bad record is one line of the import's
    // report (skipped with « ignorer »), not a refusal of the whole request.
    const parsed =
      item.kind === "structure"
        ? StructureRecord.safeParse(item.data)
        : ServiceRecord.safeParse(item.data);
    const id = typeof item.data.id === "string" ? ` (id ${item.data.id})` : "";
    const future = parsed.success ? futureDateProblem(parsed.data.date_maj, today) : undefined;
    if (!parsed.success)
      problems.push({ where: `${item.where}${id}`, messages: describeIssues(parsed.error) });
    else if (future) problems.push({ where: `${item.where}${id}`, messages: [future] });
    else if (item.kind === "structure") records.structures.push(parsed.data as StructureRecord);
    else records.services.push(parsed.data as ServiceRecord);
  }
  if (raw.length === 0)
    problems.push({
      where: "fichier",
      messages: ["Le fichier ne contient aucune structure ni aucun service."],
    });
  return {
    records,
    report: {
      ...base,
      format,
      encoding,
      structures: records.structures.length,
      services: records.services.length,
      problems,
    },
  };
}

/** Who imports, for the audit trail: a professional and their first organisation, or the system (the CLI). */
function auditActorOf(actor: Actor): AuditActor {
  return actor.kind === "user"
    ? { userId: actor.userId, organisationId: actor.memberships[0]?.organisationId ?? null }
    : { userId: null, organisationId: null };
}

/**
 * Imports a file: all or nothing, unless `skipInvalid` (then the valid
 * records are written and the others reported). Same (source, id): updated.
 */
export async function importDirectory(
  ctx: ServiceContext,
  bytes: Uint8Array,
  options: { skipInvalid: boolean },
): Promise<ImportReport> {
  const { db, now } = ctx;
  const { records, report } = readDirectoryFile(bytes, now);
  const known = new Set(records.structures.map((s) => recordKey(s.source, s.id)));
  const orphans = records.services.filter((s) => !known.has(recordKey(s.source, s.structure_id)));
  if (orphans.length > 0) {
    const existing = await db
      .selectFrom("directory_structure")
      .select(["source", "source_id"])
      .where("source_id", "in", [...new Set(orphans.map((s) => s.structure_id))])
      .execute();
    for (const row of existing) known.add(recordKey(row.source, row.source_id));
    for (const service of orphans.filter((s) => !known.has(recordKey(s.source, s.structure_id)))) {
      report.problems.push({
        where: `service ${service.id}`,
        messages: [
          `structure_id : la structure « ${service.structure_id} » (source ${service.source}) n'est ni dans le fichier ni dans l'annuaire`,
        ],
      });
    }
    records.services = records.services.filter((s) =>
      known.has(recordKey(s.source, s.structure_id)),
    );
    report.services = records.services.length;
  }
  const fatal = report.problems.some((problem) => problem.where === "fichier");
  if (fatal || (report.problems.length > 0 && !options.skipInvalid)) return report;
  const saved = await db.transaction().execute(async (tx) => {
    const saved = await saveRecords(tx, records, { now });
    await recordAudit(tx, {
      actor: auditActorOf(ctx.actor),
      action: "directory.imported",
      subjectType: "directory",
      details: {
        structures: report.structures,
        services: report.services,
        skipped: report.problems.length,
        keptNewer: saved.keptNewer,
      },
      requestId: ctx.requestId,
      at: now,
    });
    return saved;
  });
  return { ...report, written: true, keptNewer: saved.keptNewer };
}

async function loadAll(db: Db) {
  const structures = await db
    .selectFrom("directory_structure")
    .selectAll()
    .orderBy("source")
    .orderBy("source_id")
    .execute();
  const services = await db
    .selectFrom("directory_service as s")
    .innerJoin("directory_structure as st", "st.id", "s.structure_id")
    .selectAll("s")
    .select("st.source_id as structure_source_id")
    .orderBy("s.source")
    .orderBy("s.source_id")
    .execute();
  return { structures: structures.map(toStructureRecord), services: services.map(toServiceRecord) };
}

/** The whole directory as data·inclusion 1.0.8 JSON ({ structures, services }) or one CSV. */
export async function exportDirectory(db: Db, format: "json" | "csv"): Promise<string> {
  const all = await loadAll(db);
  if (format === "json")
    return `${JSON.stringify({ schema: "data·inclusion 1.0.8", ...all }, null, 2)}\n`;
  // null is an empty cell, [] is written "[]" so that it reads back as [].
  const cell = (record: Record<string, unknown>, name: string) => {
    const value = record[name];
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) return value.length === 0 ? "[]" : value.join(",");
    return value as string | number;
  };
  const rows = [
    ...all.structures.map((record) =>
      CSV_HEADER.map((name) => (name === "enregistrement" ? "structure" : cell(record, name))),
    ),
    ...all.services.map((record) =>
      CSV_HEADER.map((name) => (name === "enregistrement" ? "service" : cell(record, name))),
    ),
  ];
  return toCsv(CSV_HEADER, rows, { quoteEverySeparator: true });
}
