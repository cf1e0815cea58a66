import { Hono } from "hono";
import { z } from "zod";
import { authorize, can } from "../../platform/access/policy.ts";
import { ORGANISATION_KINDS } from "../../platform/access/roles.ts";
import { Conflict } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, userContext } from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import {
  ADMIN_HOME,
  ClaimRequestPage,
  ClaimsPage,
  OrganisationFormPage,
  OrganisationListPage,
} from "./organisation-views.tsx";
import { administrationRules } from "./policy.ts";
import {
  type AdminContext,
  createOrganisationFor,
  deactivateOrganisation,
  decideClaim,
  listClaims,
  listOrganisations,
  organisationDetail,
  reactivateOrganisation,
  requestClaim,
  requireOrganisation,
  searchDirectoryForClaim,
  updateOrganisation,
} from "./service.ts";

export const organisationRoutes = new Hono<AppEnv>();

/** The signed-in professional's context, with the address invitation links are built on. */
export function adminContext(c: AppContext): AdminContext {
  return { ...userContext(c), publicUrl: c.var.deps.config.publicUrl };
}

const OrganisationForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Indiquez le nom de l'organisation.")
    .max(200, "200 caractères au plus."),
  kind: z.enum(ORGANISATION_KINDS as [string, ...string[]], "Choisissez le type d'organisation."),
  communes: z
    .string()
    .trim()
    .max(2000, "Trop de communes d'un coup : 2 000 caractères au plus.")
    .default("")
    .transform((value) => [...new Set(value.split(/[\s,;]+/).filter(Boolean))])
    .refine((codes) => codes.every((code) => /^[0-9][0-9AB][0-9]{3}$/.test(code)), {
      message: "Un code INSEE a cinq caractères, par exemple 92050.",
    }),
  structure: z.string().trim().max(200, "200 caractères au plus.").default(""),
});

function inputOf(data: z.infer<typeof OrganisationForm>) {
  return {
    name: data.name,
    kind: data.kind as (typeof ORGANISATION_KINDS)[number],
    communeCodes: data.communes,
    structure: data.structure,
  };
}

organisationRoutes.get(ADMIN_HOME, async (c) => {
  const ctx = userContext(c);
  const text = (c.req.query("q") ?? "").slice(0, 200);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const { rows, total } = await listOrganisations(ctx, { text, page });
  const claims = await listClaims(ctx, "pending");
  return c.html(
    <OrganisationListPage
      c={c}
      rows={rows}
      total={total}
      text={text}
      page={page}
      pendingClaims={claims.length}
    />,
  );
});

organisationRoutes.get(`${ADMIN_HOME}/nouvelle`, (c) => {
  authorize(requireUser(c), administrationRules.manageOrganisations, undefined);
  return c.html(<OrganisationFormPage c={c} values={{ kind: "ccas" }} />);
});

organisationRoutes.post(`${ADMIN_HOME}/nouvelle`, async (c) => {
  const ctx = userContext(c);
  try {
    const input = await parseForm(c, OrganisationForm);
    const id = await createOrganisationFor(ctx, inputOf(input));
    return c.redirect(`${ADMIN_HOME}/${id}?enregistre=1`, 303);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    const values = await formValues(c);
    return c.html(<OrganisationFormPage c={c} values={values} errors={errors} />, 400);
  }
});

async function renderOrganisation(
  c: AppContext,
  id: string,
  values?: Record<string, string>,
  errors: Record<string, string> = {},
  status: 200 | 400 = 200,
) {
  const ctx = userContext(c);
  const detail = await organisationDetail(ctx, id);
  if (!can(ctx.actor, administrationRules.manageOrganisations, undefined)) {
    return c.redirect(`${ADMIN_HOME}/${detail.organisation.id}/comptes`);
  }
  return c.html(
    <OrganisationFormPage
      c={c}
      organisation={detail.organisation}
      values={
        values ?? {
          name: detail.organisation.name,
          kind: detail.organisation.kind,
          communes: detail.organisation.commune_codes.join(" "),
          structure: "",
        }
      }
      errors={errors}
      structures={detail.structures.map((structure) => ({
        name: structure.name,
        path: structure.path,
      }))}
      communeNames={detail.communes.map((commune) => `${commune.name} (${commune.insee_code})`)}
      saved={c.req.query("enregistre") === "1"}
    />,
    status,
  );
}

organisationRoutes.get(`${ADMIN_HOME}/:id`, (c) => renderOrganisation(c, c.req.param("id")));

organisationRoutes.post(`${ADMIN_HOME}/:id`, async (c) => {
  const ctx = userContext(c);
  const id = c.req.param("id");
  try {
    const input = await parseForm(c, OrganisationForm);
    await updateOrganisation(ctx, id, inputOf(input));
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderOrganisation(c, id, await formValues(c), errors, 400);
  }
  return c.redirect(`${ADMIN_HOME}/${id}?enregistre=1`, 303);
});

organisationRoutes.post(`${ADMIN_HOME}/:id/desactivation`, async (c) => {
  const ctx = userContext(c);
  const id = c.req.param("id");
  await parseForm(c, z.object({}));
  await deactivateOrganisation(ctx, id);
  return c.redirect(`${ADMIN_HOME}/${id}?enregistre=1`, 303);
});

organisationRoutes.post(`${ADMIN_HOME}/:id/reactivation`, async (c) => {
  const ctx = userContext(c);
  const id = c.req.param("id");
  await parseForm(c, z.object({}));
  await reactivateOrganisation(ctx, id);
  return c.redirect(`${ADMIN_HOME}/${id}?enregistre=1`, 303);
});

// Directory claims.

organisationRoutes.get("/pro/administration/demandes", async (c) => {
  const claims = await listClaims(userContext(c), "pending");
  return c.html(<ClaimsPage c={c} claims={claims} />);
});

const DecisionForm = z.object({
  decision: z.enum(["accepter", "refuser"], "Choisissez d'accepter ou de refuser la demande."),
});

organisationRoutes.post("/pro/administration/demandes/:id", async (c) => {
  const ctx = userContext(c);
  const { decision } = await parseForm(c, DecisionForm);
  await decideClaim(ctx, { claimId: c.req.param("id"), approve: decision === "accepter" });
  return c.redirect("/pro/administration/demandes", 303);
});

async function renderClaimRequest(
  c: AppContext,
  organisationId: string,
  options: { errors?: Record<string, string>; message?: string; status?: 200 | 400 | 409 } = {},
) {
  const ctx = userContext(c);
  const organisation = await requireOrganisation(ctx.db, organisationId);
  const text = (c.req.query("q") ?? "").slice(0, 200);
  const [results, claims] = await Promise.all([
    searchDirectoryForClaim(ctx, organisation.id, text),
    listClaims(ctx, { organisationId: organisation.id }),
  ]);
  return c.html(
    <ClaimRequestPage
      c={c}
      organisation={organisation}
      text={text}
      results={results}
      claims={claims}
      errors={options.errors}
      message={options.message}
      sent={c.req.query("envoyee") === "1"}
    />,
    options.status ?? 200,
  );
}

organisationRoutes.get(`${ADMIN_HOME}/:id/annuaire`, (c) =>
  renderClaimRequest(c, c.req.param("id")),
);

const ClaimForm = z.object({
  structureId: z.uuid("Choisissez une structure de l'annuaire."),
  message: z.string().trim().max(2000, "2 000 caractères au plus.").default(""),
});

organisationRoutes.post(`${ADMIN_HOME}/:id/annuaire`, async (c) => {
  const ctx = userContext(c);
  const id = c.req.param("id");
  try {
    const input = await parseForm(c, ClaimForm);
    await requestClaim(ctx, {
      organisationId: id,
      structureId: input.structureId,
      message: input.message,
    });
  } catch (error) {
    if (error instanceof Conflict)
      return renderClaimRequest(c, id, { message: error.message, status: 409 });
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderClaimRequest(c, id, { errors, status: 400 });
  }
  return c.redirect(`${ADMIN_HOME}/${id}/annuaire?envoyee=1`, 303);
});
