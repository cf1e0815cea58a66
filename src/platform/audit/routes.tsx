import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { Hono } from "hono";
import { Invalid } from "../errors.ts";
import { type AppContext, type AppEnv, pageContext, requestContext } from "../http/context.ts";
import { formErrors, parseValue } from "../http/forms.ts";
import { holdsPersonalData } from "../http/personal-data.ts";
import { frenchDateTime } from "../time/french-dates.ts";
import { parisDate, parisTimestamp } from "../time/paris.ts";
import { type CheckpointReading, checkpointStore } from "./checkpoint.ts";
import type { JournalEvent } from "./journal.ts";
import { JournalFilters, searchFields } from "./journal-filters.ts";
import { describeAction } from "./journal-labels.ts";
import {
  journalFormOptions,
  startJournalExport,
  verifyJournal,
  viewJournal,
} from "./journal-service.ts";
import {
  describeActor,
  EXPORT_PATH,
  JOURNAL_PATH,
  JournalPageView,
  VERIFICATION_PATH,
  VerificationView,
} from "./journal-views.tsx";

export const auditRoutes = new Hono<AppEnv>();

auditRoutes.use(JOURNAL_PATH, holdsPersonalData);
auditRoutes.use(`${JOURNAL_PATH}/*`, holdsPersonalData);

function store(c: AppContext) {
  return checkpointStore(c.var.deps.config);
}

function describeCheckpoints(reading: CheckpointReading): string {
  if (reading.forgedLines.length > 0) {
    return `Attention : le fichier des points de contrôle a été altéré (ligne ${reading.forgedLines[0]}). Lancez la vérification complète.`;
  }
  if (!reading.latest) {
    return "Aucun point de contrôle n'a encore été écrit (la tâche en écrit un chaque heure).";
  }
  return `Dernier point de contrôle signé : ${frenchDateTime(reading.latest.at)}, ${reading.latest.count} événements (jusqu'au n° ${reading.latest.seq}).`;
}

auditRoutes.get(JOURNAL_PATH, async (c) => {
  const ctx = requestContext(c);
  const query = c.req.query();
  let filters: JournalFilters;
  let result: Awaited<ReturnType<typeof viewJournal>>;
  try {
    // The raw query, empty fields included: what the filters were written against.
    filters = parseValue(JournalFilters, query);
    result = await viewJournal(ctx, store(c), filters);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    const options = await journalFormOptions(ctx, store(c));
    return c.html(
      <JournalPageView
        page={pageContext(c)}
        values={query}
        errors={errors}
        organisations={options.organisations}
        result={undefined}
        filtersQuery={{}}
        checkpointSummary={describeCheckpoints(options.checkpoints)}
      />,
      400,
    );
  }
  const filtersQuery = searchFields(filters);
  return c.html(
    <JournalPageView
      page={pageContext(c)}
      values={filtersQuery}
      errors={{}}
      organisations={result.organisations}
      result={result}
      filtersQuery={filtersQuery}
      checkpointSummary={describeCheckpoints(result.checkpoints)}
    />,
  );
});

/** A spreadsheet runs a cell that starts with = + - @ as a formula: such text is quoted out. */
function cell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const CSV_COLUMNS = [
  { key: "numero", header: "numero" },
  { key: "date_paris", header: "date_heure_paris" },
  { key: "date_utc", header: "date_heure_utc" },
  { key: "qui", header: "qui" },
  { key: "compte_id", header: "compte_id" },
  { key: "organisation", header: "organisation" },
  { key: "organisation_id", header: "organisation_id" },
  { key: "action", header: "action" },
  { key: "action_libelle", header: "action_en_clair" },
  { key: "objet_type", header: "objet_type" },
  { key: "objet_id", header: "objet_id" },
  { key: "personne_id", header: "personne_id" },
  { key: "details", header: "precisions" },
  { key: "requete_id", header: "requete_id" },
];

function csvRow(event: JournalEvent): Record<string, string | number> {
  return {
    numero: event.seq,
    date_paris: parisTimestamp(event.occurredAt),
    date_utc: event.occurredAt.toISOString(),
    qui: cell(describeActor(event)),
    compte_id: cell(event.actorUserId),
    organisation: cell(event.organisationName),
    organisation_id: cell(event.organisationId),
    action: cell(event.action),
    action_libelle: cell(describeAction(event.action)),
    objet_type: cell(event.subjectType),
    objet_id: cell(event.subjectId),
    personne_id: cell(event.personId),
    details: cell(JSON.stringify(event.details)),
    requete_id: cell(event.requestId),
  };
}

async function* csvRows(events: AsyncGenerator<JournalEvent>) {
  for await (const event of events) yield csvRow(event);
}

auditRoutes.get(EXPORT_PATH, async (c) => {
  const ctx = requestContext(c);
  let filters: JournalFilters;
  try {
    filters = parseValue(JournalFilters, c.req.query());
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    // Authorized first: an anonymous visitor is sent to sign in, not told about filters.
    await journalFormOptions(ctx, store(c));
    const messages = Object.values(error.fieldErrors).join(" ");
    throw new Invalid(error.fieldErrors, `Export impossible : ${messages}`);
  }
  const events = await startJournalExport(ctx, filters);
  const csv = stringify({ header: true, columns: CSV_COLUMNS, delimiter: ";", bom: true });
  pipeline(Readable.from(csvRows(events)), csv, (error) => {
    if (error) c.var.logger.error("audit export failed", { requestId: c.var.requestId });
  });
  const day = parisDate(c.var.deps.now());
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="journal-audit-${day}.csv"`);
  return c.body(Readable.toWeb(csv) as ReadableStream);
});

auditRoutes.get(VERIFICATION_PATH, async (c) => {
  const verification = await verifyJournal(requestContext(c), store(c));
  return c.html(<VerificationView page={pageContext(c)} verification={verification} />);
});
