// The responsable de structure's setup: motifs, plages d'ouverture and
// absences, with French messages per field and overlap warnings (overlaps
// between an agent's openings are allowed, as in RDV Service Public).

import { Hono } from "hono";
import { z } from "zod";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import {
  formErrors,
  formFields,
  formRefusal,
  parseForm,
  parseValue,
} from "../../platform/http/forms.ts";
import type { IsoWeekday } from "../../platform/time/paris.ts";
import { organisationSetup } from "./agenda-admin.ts";
import { AbsenceSchema, PlageOuvertureSchema } from "./agenda-schemas.ts";
import { addMotif, addOpening, declareAbsence, setDocumentsToBring } from "./agenda-setup.ts";
import { SETUP_PATH, type SetupNotice, SetupPage } from "./config-views.tsx";
import { DocumentsToBring, MotifForm } from "./motif-schemas.ts";
import { appointmentRules } from "./policy.ts";
import { organisationFor } from "./pro-context.ts";
import { SESSIONS_PATH } from "./session-routes.tsx";
import { loadOrganisationAgenda } from "./setup-store.ts";

export const configRoutes = new Hono<AppEnv>();

const PATH = SETUP_PATH;
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === "string" && value ? [value] : [];

function requireManager(c: AppContext): string {
  return organisationFor(c, appointmentRules.manageAgendas).organisationId;
}

/** The setup page, with what it shows loaded here; 400 when it shows errors. */
async function renderSetup(c: AppContext, organisationId: string, notice?: SetupNotice) {
  const [setup, agenda] = await Promise.all([
    organisationSetup(c.var.db, organisationId),
    loadOrganisationAgenda(c.var.db, organisationId),
  ]);
  return c.html(
    <SetupPage
      page={pageContext(c)}
      organisationId={organisationId}
      sessionsPath={SESSIONS_PATH}
      setup={setup}
      agenda={agenda}
      notice={notice}
    />,
    notice?.errors ? 400 : 200,
  );
}

configRoutes.get(PATH, async (c) => renderSetup(c, requireManager(c)));

configRoutes.post(`${PATH}/plages`, async (c) => {
  const organisationId = requireManager(c);
  let overlapsFrom: string[];
  try {
    // The form's lists (motifs, weekdays) assembled into the opening its schema validates.
    const body = await formFields(c);
    const weekdays = list(body.jours).map(Number) as IsoWeekday[];
    const opening = parseValue(PlageOuvertureSchema, {
      id: "nouvelle",
      agentId: String(body.agent ?? ""),
      lieuId: body.lieu ? String(body.lieu) : null,
      motifIds: list(body.motifs),
      firstDay: String(body.firstDay ?? ""),
      startTime: String(body.startTime ?? ""),
      endTime: String(body.endTime ?? ""),
      recurrence:
        weekdays.length > 0
          ? { everyWeeks: 1, weekdays, until: body.until ? String(body.until) : null }
          : null,
    });
    ({ overlapsFrom } = await addOpening(userContext(c), organisationId, opening));
  } catch (error) {
    return renderSetup(c, organisationId, { errors: refusalOf(error) });
  }
  return renderSetup(c, organisationId, {
    done: "Plage d'ouverture ajoutée",
    warnings: overlapsFrom.map(
      (firstDate) =>
        `Cette plage chevauche une autre plage du même agent (à partir du ${firstDate}). Les créneaux ne seront proposés qu'une fois.`,
    ),
  });
});

const AbsenceForm = z.object({
  agent: z.string(),
  firstDay: z.string(),
  endDay: z.string().optional(),
  startTime: z.string(),
  endTime: z.string(),
});

configRoutes.post(`${PATH}/absences`, async (c) => {
  const organisationId = requireManager(c);
  try {
    const input = await parseForm(c, AbsenceForm);
    const absence = parseValue(AbsenceSchema, {
      id: "nouvelle",
      agentId: input.agent,
      firstDay: input.firstDay,
      endDay: input.endDay || null,
      startTime: input.startTime,
      endTime: input.endTime,
      recurrence: null,
    });
    await declareAbsence(userContext(c), organisationId, absence);
  } catch (error) {
    return renderSetup(c, organisationId, { errors: refusalOf(error) });
  }
  return renderSetup(c, organisationId, { done: "Absence déclarée" });
});

configRoutes.post(`${PATH}/motifs`, async (c) => {
  const organisationId = requireManager(c);
  try {
    const input = await parseForm(c, MotifForm);
    await addMotif(userContext(c), {
      organisationId,
      name: input.nom,
      locationKind: input.modalite,
      durationMinutes: input.duree,
      bookableBy: input.reservable,
      minNoticeMinutes: input.delai,
      maxHorizonDays: input.horizon,
      isCollective: input.collectif === "oui",
      documentsToBring: input.pieces,
    });
  } catch (error) {
    return renderSetup(c, organisationId, await formRefusal(c, error));
  }
  return renderSetup(c, organisationId, { done: "Motif ajouté" });
});

configRoutes.post(`${PATH}/motifs/:id/pieces`, async (c) => {
  const organisationId = requireManager(c);
  const motifId = c.req.param("id");
  try {
    const { pieces } = await parseForm(c, z.object({ pieces: DocumentsToBring }));
    await setDocumentsToBring(userContext(c), organisationId, motifId, pieces);
  } catch (error) {
    return renderSetup(c, organisationId, { errors: refusalOf(error), motifId });
  }
  return renderSetup(c, organisationId, { done: "Pièces à apporter enregistrées" });
});

/** The field messages of an expected refusal; anything else goes on to the error handler. */
function refusalOf(error: unknown): Record<string, string> {
  const errors = formErrors(error);
  if (!errors) throw error;
  return errors;
}
