import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { findService, searchDirectory } from "../directory/service.ts";
import {
  type ChosenService,
  type OrientInput,
  OrientPage,
  PickPersonPage,
  type ServiceSearch,
} from "./orient-views.tsx";
import { listRecords } from "./persons.ts";
import { recordsRules, recordWriterMemberships } from "./policy.ts";
import { openRecord } from "./record.ts";
import { CONSENT_NEEDS_ATTESTATION, orient, recordConsent } from "./sharing.ts";

/**
 * Orienting a person to a service of the directory, without JavaScript:
 * from a record, search the directory and pick a service; from a service
 * page of the directory ("Orienter une personne"), pick the person first.
 */
export const orientRoutes = new Hono<AppEnv>();
orientRoutes.use("/pro/dossiers/*", holdsPersonalData);
orientRoutes.use("/pro/orientations/*", holdsPersonalData);

const SEARCH_PAGE_SIZE = 10;

async function chosenService(c: AppContext, id: string | undefined) {
  if (!id) return undefined;
  const service = await findService(c.var.db, id);
  if (!service) return undefined;
  return {
    id: service.id,
    name: service.nom,
    structureName: service.structure_nom,
    organisationId: service.structure_organisation_id,
  } satisfies ChosenService;
}

/** The directory's services for the words and the place typed, near the place first. */
async function searchServices(
  c: AppContext,
  input: OrientInput,
  chosen: ChosenService | undefined,
): Promise<ServiceSearch & { placeError?: string | undefined }> {
  if (!input.q) return { hits: [] };
  try {
    // Near a commune: the directory's ranking, best match then nearest.
    const result = await searchDirectory(requestContext(c), c.var.deps.config.departementCode, {
      text: input.q,
      place: input.lieu || undefined,
      pageSize: SEARCH_PAGE_SIZE,
    });
    return {
      placeName: result.place?.name,
      hits: result.hits.filter((hit) => hit.id !== chosen?.id),
    };
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return error.fieldErrors.lieu
      ? { hits: [], placeError: error.fieldErrors.lieu }
      : { hits: [], searchError: error.message };
  }
}

/**
 * The errors as the page shows them: without choices on the page, a "choose
 * a service" error belongs to the search field; the search's own refusals
 * go to its fields.
 */
function pageErrors(
  errors: Record<string, string>,
  hasChoices: boolean,
  search: { searchError?: string | undefined; placeError?: string | undefined },
): Record<string, string> {
  const { serviceId: serviceError, ...otherErrors } = errors;
  return {
    ...(hasChoices ? errors : otherErrors),
    ...(search.searchError || (!hasChoices && serviceError)
      ? { q: search.searchError ?? serviceError ?? "" }
      : {}),
    ...(search.placeError ? { lieu: search.placeError } : {}),
  };
}

async function renderOrientPage(
  c: AppContext,
  parcoursId: string,
  input: OrientInput,
  errors: Record<string, string> = {},
  status: 200 | 400 = 200,
) {
  const ctx = userContext(c);
  const view = await openRecord(ctx, parcoursId);
  authorize(ctx.actor, recordsRules.writeRecord, view.access);
  const chosen = await chosenService(c, input.serviceId);
  const search = await searchServices(c, input, chosen);
  const consented = new Set(
    view.consents.filter((consent) => !consent.withdrawnAt).map((c) => c.organisationId),
  );
  const hasChoices = chosen !== undefined || search.hits.length > 0;
  return c.html(
    <OrientPage
      page={pageContext(c)}
      token={c.var.csrfToken}
      today={parisDate(ctx.now)}
      view={view}
      input={input}
      chosen={chosen}
      search={search}
      errors={errors}
      allErrors={pageErrors(errors, hasChoices, search)}
      missingConsent={
        chosen?.organisationId && !consented.has(chosen.organisationId) ? chosen : undefined
      }
    />,
    status,
  );
}

orientRoutes.get("/pro/dossiers/:id/orienter", (c) =>
  renderOrientPage(c, c.req.param("id"), {
    q: c.req.query("q")?.trim().slice(0, 200) ?? "",
    lieu: c.req.query("lieu")?.trim().slice(0, 100) ?? "",
    serviceId: c.req.query("service"),
  }),
);

const OrientForm = z.object({
  serviceId: z
    .string("Choisissez un service de l'annuaire.")
    .uuid("Choisissez un service de l'annuaire."),
  message: z.string().trim().max(2000, "2 000 caractères au plus.").default(""),
  q: z.string().trim().max(200).default(""),
  lieu: z.string().trim().max(100).default(""),
});

/** The consent an orientation needs, recorded without leaving the orientation. */
const OrientConsentForm = z.object({
  serviceId: z
    .string("Choisissez un service de l'annuaire.")
    .uuid("Choisissez un service de l'annuaire."),
  how: z.enum(["ecrit", "oral"], "Dites si la personne a donné son accord par écrit ou oralement."),
  givenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez une date au format jj/mm/aaaa."),
  attested: z.literal("1").optional(),
  q: z.string().trim().max(200).default(""),
  lieu: z.string().trim().max(100).default(""),
});

orientRoutes.post("/pro/dossiers/:id/orienter/consentement", async (c) => {
  const parcoursId = c.req.param("id");
  const typed = await formValues(c);
  const values = { q: typed.q ?? "", lieu: typed.lieu ?? "", serviceId: typed.serviceId };
  let input: z.infer<typeof OrientConsentForm> | undefined;
  try {
    input = await parseForm(c, OrientConsentForm);
    const service = await chosenService(c, input.serviceId);
    if (!service?.organisationId) {
      throw new Invalid({
        serviceId: "Cette structure n'utilise pas Relais : contactez-la directement.",
      });
    }
    // recordConsent authorizes (records.recordConsent) and writes the audit event.
    await recordConsent(userContext(c), parcoursId, {
      organisationId: service.organisationId,
      scope: "suivi",
      how: input.how,
      givenOn: input.givenOn,
      attested: input.attested === "1",
    });
    const back = new URLSearchParams({ service: service.id, q: input.q, lieu: input.lieu });
    return c.redirect(`/pro/dossiers/${parcoursId}/orienter?${back}`, 303);
  } catch (error) {
    if (error instanceof Forbidden && input && input.attested !== "1")
      return renderOrientPage(c, parcoursId, values, { attested: CONSENT_NEEDS_ATTESTATION }, 400);
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderOrientPage(c, parcoursId, values, errors, 400);
  }
});

orientRoutes.post("/pro/dossiers/:id/orientations", async (c) => {
  const parcoursId = c.req.param("id");
  let input: z.infer<typeof OrientForm> | undefined;
  try {
    input = await parseForm(c, OrientForm);
    await orient(userContext(c), parcoursId, {
      serviceId: input.serviceId,
      message: input.message,
    });
  } catch (error) {
    // Bad input or a refusal of the service: the page again, with its messages.
    const errors = formErrors(error, "serviceId");
    if (!errors) throw error;
    const typed = await formValues(c);
    return renderOrientPage(
      c,
      parcoursId,
      {
        q: typed.q ?? "",
        lieu: typed.lieu ?? "",
        message: typed.message,
        serviceId: input?.serviceId,
      },
      errors,
      400,
    );
  }
  return c.redirect(`/pro/dossiers/${parcoursId}#orientations`, 303);
});

/** From the directory: the service is chosen, now the person. */
orientRoutes.get("/pro/orientations/nouvelle", async (c) => {
  const ctx = userContext(c);
  authorize(ctx.actor, recordsRules.enterRecords, undefined);
  const service = await chosenService(c, c.req.query("service"));
  if (!service) throw new NotFound("Ce service n'existe pas ou a été retiré de l'annuaire.");
  const query = c.req.query("nom")?.trim().slice(0, 200) ?? "";
  const rows = await listRecords(ctx, query ? { query } : { mine: true });
  return c.html(
    <PickPersonPage
      page={pageContext(c)}
      service={service}
      query={query}
      rows={rows}
      mayOpenRecord={recordWriterMemberships(ctx.actor).length > 0}
    />,
  );
});
