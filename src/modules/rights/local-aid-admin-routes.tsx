// The pilote's pages for the Département's own aids: list, create, change
// (each change a new version), preview on sample households, publish.
import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, parseForm, parseParam } from "../../platform/http/forms.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { simulate } from "./engine.ts";
import {
  addLocalAidVersion,
  createLocalAid,
  endLocalAid,
  listLocalAids,
  publishLocalAidVersion,
  requireLocalAid,
  type StoredVersion,
} from "./local-aid-admin.ts";
import {
  LOCAL_AIDS_PATH,
  LocalAidForm,
  LocalAidList,
  LocalAidPage,
  type PreviewRow,
} from "./local-aid-admin-views.tsx";
import {
  definitionToForm,
  type FormValues,
  formToDefinition,
} from "./local-aid-definition-fields.ts";
import { sampleHouseholds } from "./local-aid-samples.ts";
import { evaluateLocalAid } from "./local-aids.ts";
import { FIRST_MONTH } from "./parameters/resolve.ts";
import { rightsRules } from "./policy.ts";
import { currentMonth, territoryCommunes } from "./results.ts";

export const localAidRoutes = new Hono<AppEnv>();

const TITLE = "Les aides du Département";
const crumbs = (label?: string) => [
  { label: "Espace professionnel", href: "/pro" },
  ...(label ? [{ label: TITLE, href: LOCAL_AIDS_PATH }, { label }] : [{ label: TITLE }]),
];

/**
 * The aid's form as typed, every text field (the repeated ones, checkboxes,
 * as lists): `formToDefinition` then checks each field, in French.
 */
const LocalAidFields = z.record(z.string(), z.unknown()).transform((body): FormValues => {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "_csrf") continue;
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value))
      values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
});

/** The definition the form describes, or `Invalid` with a message per field. */
function definitionOf(c: AppContext, values: FormValues) {
  const parsed = formToDefinition(values, c.var.deps.config.departementCode);
  if (!parsed.ok) throw new Invalid(parsed.errors);
  return parsed;
}

/** A version number in a path: anything else is a page that does not exist. */
const VersionNumber = z.coerce.number().int().min(0);

localAidRoutes.get(LOCAL_AIDS_PATH, async (c) => {
  const aids = await listLocalAids(userContext(c));
  return c.html(
    <Layout page={pageContext(c)} title={TITLE} breadcrumb={crumbs()}>
      <LocalAidList aids={aids} />
    </Layout>,
  );
});

function renderForm(
  c: AppContext,
  options: {
    action: string;
    title: string;
    submit: string;
    values: FormValues;
    errors: Record<string, string>;
  },
) {
  const failed = Object.keys(options.errors).length > 0;
  return c.html(
    <Layout
      page={pageContext(c)}
      title={failed ? `Erreur : ${options.title}` : options.title}
      breadcrumb={crumbs(options.title)}
    >
      <h1>{options.title}</h1>
      <LocalAidForm
        action={options.action}
        csrfToken={c.var.csrfToken}
        values={options.values}
        errors={options.errors}
        departementCode={c.var.deps.config.departementCode}
        submit={options.submit}
      />
    </Layout>,
    failed ? 400 : 200,
  );
}

const NEW_PATH = `${LOCAL_AIDS_PATH}/nouvelle`;

localAidRoutes.get(NEW_PATH, (c) => {
  authorize(c.var.actor, rightsRules.manageLocalAids, undefined);
  return renderForm(c, {
    action: NEW_PATH,
    title: "Créer une aide",
    submit: "Enregistrer le brouillon",
    values: { residence: "oui", date_effet: currentMonth(c.var.now) },
    errors: {},
  });
});

localAidRoutes.post(NEW_PATH, async (c) => {
  const ctx = userContext(c);
  authorize(ctx.actor, rightsRules.manageLocalAids, undefined);
  let values: FormValues = {};
  let id: string;
  try {
    values = await parseForm(c, LocalAidFields);
    id = await createLocalAid(ctx, definitionOf(c, values));
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderForm(c, {
      action: NEW_PATH,
      title: "Créer une aide",
      submit: "Enregistrer le brouillon",
      values,
      errors,
    });
  }
  return c.redirect(`${LOCAL_AIDS_PATH}/${id}`, 303);
});

localAidRoutes.get(`${LOCAL_AIDS_PATH}/:id/modifier`, async (c) => {
  const aid = await requireLocalAid(userContext(c), c.req.param("id"));
  const month = currentMonth(c.var.now);
  return renderForm(c, {
    action: `${LOCAL_AIDS_PATH}/${aid.id}/modifier`,
    title: `Modifier : ${aid.latest.definition.name}`,
    submit: "Enregistrer la nouvelle version",
    values: definitionToForm(
      aid.latest.definition,
      aid.latest.validFrom > month ? aid.latest.validFrom : month,
    ),
    errors: {},
  });
});

localAidRoutes.post(`${LOCAL_AIDS_PATH}/:id/modifier`, async (c) => {
  const ctx = userContext(c);
  const aid = await requireLocalAid(ctx, c.req.param("id"));
  let values: FormValues = {};
  try {
    values = await parseForm(c, LocalAidFields);
    await addLocalAidVersion(ctx, aid.id, definitionOf(c, values));
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderForm(c, {
      action: `${LOCAL_AIDS_PATH}/${aid.id}/modifier`,
      title: `Modifier : ${aid.latest.definition.name}`,
      submit: "Enregistrer la nouvelle version",
      values,
      errors,
    });
  }
  return c.redirect(`${LOCAL_AIDS_PATH}/${aid.id}#apercu`, 303);
});

/** The preview of a version on the sample households, at its month of effect. */
async function preview(c: AppContext, version: StoredVersion) {
  const month = version.validFrom < FIRST_MONTH ? FIRST_MONTH : version.validFrom;
  const communes = await territoryCommunes(c.var.db, c.var.deps.config.departementCode);
  const depcom = communes[0]?.inseeCode ?? `${c.var.deps.config.departementCode}000`;
  const rows: PreviewRow[] = sampleHouseholds(month, depcom).map((sample) => ({
    label: sample.label,
    result: evaluateLocalAid(
      version,
      sample.household,
      month,
      simulate(sample.household, month, { explain: false }).results,
    ),
  }));
  return { version, month, rows };
}

async function renderAid(
  c: AppContext,
  id: string,
  error?: string,
  field: "version" | "dernier_mois" = "version",
) {
  const aid = await requireLocalAid(userContext(c), id);
  return c.html(
    <Layout
      page={pageContext(c)}
      title={error ? `Erreur : ${aid.latest.definition.name}` : aid.latest.definition.name}
      breadcrumb={crumbs(aid.latest.definition.name)}
    >
      <LocalAidPage
        aid={aid}
        preview={await preview(c, aid.latest)}
        csrfToken={c.var.csrfToken}
        error={error}
        errorField={field}
        defaultLastMonth={currentMonth(c.var.now)}
      />
    </Layout>,
    error ? 400 : 200,
  );
}

localAidRoutes.get(`${LOCAL_AIDS_PATH}/:id`, (c) => renderAid(c, c.req.param("id")));

localAidRoutes.post(`${LOCAL_AIDS_PATH}/:id/versions/:number/publier`, async (c) => {
  const ctx = userContext(c);
  const aid = await requireLocalAid(ctx, c.req.param("id"));
  try {
    await publishLocalAidVersion(ctx, aid.id, parseParam(c, "number", VersionNumber));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderAid(c, aid.id, error.fieldErrors.version ?? error.message);
  }
  return c.redirect(`${LOCAL_AIDS_PATH}/${aid.id}`, 303);
});

/** The last month the aid is given; `endLocalAid` checks its form, in French. */
const EndForm = z.object({ dernier_mois: z.string().trim().catch("") });

localAidRoutes.post(`${LOCAL_AIDS_PATH}/:id/arreter`, async (c) => {
  const ctx = userContext(c);
  const aid = await requireLocalAid(ctx, c.req.param("id"));
  try {
    const input = await parseForm(c, EndForm);
    await endLocalAid(ctx, aid.id, input.dernier_mois);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderAid(c, aid.id, error.fieldErrors.dernier_mois ?? error.message, "dernier_mois");
  }
  return c.redirect(`${LOCAL_AIDS_PATH}/${aid.id}`, 303);
});
