import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import { parisDate } from "../../platform/time/paris.ts";
import {
  Alert,
  Button,
  CheckboxField,
  type Choice,
  CsrfField,
  DateField,
  ErrorSummary,
  Radios,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import {
  findService,
  formatDistance,
  type SearchHit,
  searchDirectory,
} from "../directory/service.ts";
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

type ChosenService = {
  id: string;
  name: string;
  structureName: string;
  organisationId: string | null;
};

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

/** A service to orient to, as one of the radio buttons. */
function serviceChoice(
  hit: Pick<SearchHit, "id" | "nom" | "structureNom" | "commune"> & {
    distanceKm?: number | null;
  },
): Choice {
  const where = hit.commune
    ? ` (${hit.commune}${hit.distanceKm != null ? `, à ${formatDistance(hit.distanceKm)}` : ""})`
    : "";
  return {
    value: hit.id,
    id: `service-${hit.id}`,
    label: `${hit.nom} — ${hit.structureNom}${where}`,
  };
}

async function renderOrientPage(
  c: AppContext,
  parcoursId: string,
  input: {
    q: string;
    lieu?: string | undefined;
    serviceId?: string | undefined;
    message?: string | undefined;
  },
  errors: Record<string, string> = {},
  status: 200 | 400 = 200,
) {
  const actor = requireUser(c);
  const view = await openRecord(c.var.db, actor, parcoursId, requestContext(c));
  authorize(actor, recordsRules.writeRecord, view.access);
  const name = `${view.person.firstName} ${view.person.lastName}`;
  const chosen = await chosenService(c, input.serviceId);
  let hits: SearchHit[] = [];
  let searchError: string | undefined;
  let placeError: string | undefined;
  let placeName: string | undefined;
  if (input.q) {
    try {
      // Near a commune: the directory's ranking, best match then nearest.
      const result = await searchDirectory(requestContext(c), c.var.deps.config.departementCode, {
        text: input.q,
        place: input.lieu || undefined,
        pageSize: SEARCH_PAGE_SIZE,
      });
      placeName = result.place?.name;
      hits = result.hits.filter((hit) => hit.id !== chosen?.id);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      if (error.fieldErrors.lieu) placeError = error.fieldErrors.lieu;
      else searchError = error.message;
    }
  }
  const consented = new Set(
    view.consents.filter((consent) => !consent.withdrawnAt).map((c) => c.organisationId),
  );
  const base = `/pro/dossiers/${view.access.parcoursId}`;
  // Without choices on the page, a "choose a service" error belongs to the search field.
  const { serviceId: serviceError, ...otherErrors } = errors;
  const hasChoices = chosen !== undefined || hits.length > 0;
  const allErrors: Record<string, string> = {
    ...(hasChoices ? errors : otherErrors),
    ...(searchError || (!hasChoices && serviceError)
      ? { q: searchError ?? serviceError ?? "" }
      : {}),
    ...(placeError ? { lieu: placeError } : {}),
  };
  const missingConsent =
    chosen?.organisationId && !consented.has(chosen.organisationId) ? chosen : undefined;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={Object.keys(allErrors).length > 0 ? `Erreur — Orienter ${name}` : `Orienter ${name}`}
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Dossiers", href: "/pro/dossiers" },
        { label: name, href: base },
        { label: "Orienter" },
      ]}
    >
      <h1>Orienter {name}</h1>
      <ErrorSummary errors={allErrors} />
      <p>
        La structure du service choisi reçoit l'orientation et l'accepte ou la refuse. La personne
        doit d'abord avoir accepté de partager son dossier avec elle (
        <a href={`${base}#consentements`}>consentements</a>).
      </p>
      <search>
        <form method="get" action={`${base}/orienter`} class="records-form">
          {chosen && <input type="hidden" name="service" value={chosen.id} />}
          <TextField
            name="q"
            type="search"
            label="Chercher un service dans l'annuaire"
            hint="Un besoin ou un nom : « aide alimentaire », « Secours Catholique »…"
            value={input.q}
            error={allErrors.q}
            required
          />
          <TextField
            name="lieu"
            label="Près de quelle commune ?"
            hint="Commune ou code postal : les services les plus proches viennent en premier."
            value={input.lieu}
            error={allErrors.lieu}
            autocomplete="address-level2"
          />
          <Button kind="secondary">Chercher</Button>
        </form>
      </search>
      {hasChoices && (
        <form method="post" action={`${base}/orientations`} class="records-form">
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="q" value={input.q} />
          <input type="hidden" name="lieu" value={input.lieu ?? ""} />
          {placeName && hits.length > 0 && (
            <p class="field__hint">Les services autour de {placeName}, les plus proches d'abord.</p>
          )}
          <Radios
            name="serviceId"
            legend="Service vers lequel orienter"
            required
            error={errors.serviceId}
            value={chosen ? chosen.id : input.serviceId}
            options={[
              ...(chosen
                ? [
                    serviceChoice({
                      id: chosen.id,
                      nom: chosen.name,
                      structureNom: chosen.structureName,
                      commune: null,
                    }),
                  ]
                : []),
              ...hits.map(serviceChoice),
            ]}
          />
          {missingConsent && !view.can.recordConsent && (
            <Alert kind="warning" title="Consentement manquant">
              <p>
                {name} n'a pas accepté de partager son dossier avec {missingConsent.structureName}
                {"\u00a0"}: demandez au référent de recueillir son accord avant d'orienter.
              </p>
            </Alert>
          )}
          <TextField
            name="message"
            label="Message pour la structure"
            value={input.message}
            error={errors.message}
          />
          <Button>Proposer l'orientation</Button>
        </form>
      )}
      {missingConsent && view.can.recordConsent && (
        <section class="records-consent-inline" aria-labelledby="consentement-titre">
          <h2 id="consentement-titre">Consentement manquant</h2>
          <p>
            {name} n'a pas encore accepté de partager son dossier avec{" "}
            {missingConsent.structureName}. Si la personne est d'accord, enregistrez son accord ici,
            puis proposez l'orientation.
          </p>
          <form method="post" action={`${base}/orienter/consentement`} class="records-form">
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="serviceId" value={missingConsent.id} />
            <input type="hidden" name="q" value={input.q} />
            <input type="hidden" name="lieu" value={input.lieu ?? ""} />
            <Radios
              name="how"
              legend="Comment la personne a donné son accord"
              inline
              required
              error={errors.how}
              options={[
                { value: "oral", label: "Oralement" },
                { value: "ecrit", label: "Par écrit" },
              ]}
            />
            <DateField
              name="givenOn"
              label="Date de l'accord"
              value={parisDate(c.var.now)}
              error={errors.givenOn}
              required
            />
            {!view.can.recordConsentForPerson && (
              <CheckboxField
                name="attested"
                value="1"
                error={errors.attested}
                label="La personne m'a donné cet accord elle-même"
              />
            )}
            <Button kind="secondary">
              Enregistrer l'accord avec {missingConsent.structureName}
            </Button>
          </form>
        </section>
      )}
      {input.q && hits.length === 0 && !searchError && <p>Aucun service trouvé.</p>}
      <p>
        <a href={base}>Revenir au dossier de {name}</a>
      </p>
    </Layout>,
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
    await recordConsent(
      c.var.db,
      requireUser(c),
      parcoursId,
      {
        organisationId: service.organisationId,
        scope: "suivi",
        how: input.how,
        givenOn: input.givenOn,
        attested: input.attested === "1",
      },
      requestContext(c),
    );
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
    await orient(
      c.var.db,
      requireUser(c),
      parcoursId,
      { serviceId: input.serviceId, message: input.message },
      requestContext(c),
    );
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
  const actor = requireUser(c);
  authorize(actor, recordsRules.enterRecords, undefined);
  const service = await chosenService(c, c.req.query("service"));
  if (!service) throw new NotFound("Ce service n'existe pas ou a été retiré de l'annuaire.");
  const query = c.req.query("nom")?.trim().slice(0, 200) ?? "";
  const rows = await listRecords(
    c.var.db,
    actor,
    query ? { query } : { mine: true },
    requestContext(c),
  );
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Orienter une personne"
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: "Dossiers", href: "/pro/dossiers" },
        { label: "Orienter une personne" },
      ]}
    >
      <h1>Orienter une personne</h1>
      <p>
        Vers : <strong>{service.name}</strong> — {service.structureName}
      </p>
      {!service.organisationId && (
        <Alert kind="warning" title="Cette structure n'utilise pas encore Relais">
          <p>Contactez-la directement : ses coordonnées sont sur la fiche du service.</p>
        </Alert>
      )}
      <search>
        <form method="get" action="/pro/orientations/nouvelle" class="records-form">
          <input type="hidden" name="service" value={service.id} />
          <TextField
            name="nom"
            type="search"
            label="Chercher la personne (nom ou prénom)"
            value={query}
            required
          />
          <Button kind="secondary">Chercher</Button>
        </form>
      </search>
      <h2>
        {query ? `Dossiers trouvés pour « ${query} »` : "Les dossiers dont vous êtes référent"}
      </h2>
      {rows.length === 0 ? (
        <p>Aucun dossier trouvé.</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li>
              <a href={`/pro/dossiers/${row.parcoursId}/orienter?service=${service.id}`}>
                Orienter {row.firstName} {row.lastName}
              </a>
              , né·e le {frenchLocalDate(row.birthDate)}
            </li>
          ))}
        </ul>
      )}
      {recordWriterMemberships(actor).length > 0 && (
        <p>
          La personne n'a pas encore de dossier ?{" "}
          <a href="/pro/dossiers/nouveau">Ouvrir son dossier</a>, puis revenez à ce service.
        </p>
      )}
    </Layout>,
  );
});
