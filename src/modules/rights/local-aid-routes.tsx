// The pilote's pages for the Département's own aids: list, create, change
// (each change a new version), preview on sample households, publish.
import { Hono } from "hono";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
} from "../../platform/http/context.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { simulate } from "./engine.ts";
import { definitionToForm, type FormValues, formToDefinition } from "./local-aid-form.ts";
import { sampleHouseholds } from "./local-aid-samples.ts";
import {
  addLocalAidVersion,
  createLocalAid,
  endLocalAid,
  listLocalAids,
  publishLocalAidVersion,
  requireLocalAid,
  type StoredVersion,
} from "./local-aid-store.ts";
import {
  LOCAL_AIDS_PATH,
  LocalAidForm,
  LocalAidList,
  LocalAidPage,
  type PreviewRow,
} from "./local-aid-views.tsx";
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

const context = requestContext;

async function formValues(c: AppContext): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "_csrf") continue;
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value))
      values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

localAidRoutes.get(LOCAL_AIDS_PATH, async (c) => {
  const aids = await listLocalAids(c.var.db, requireUser(c));
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
    values: { residence: "oui", date_effet: currentMonth(c.var.deps.now()) },
    errors: {},
  });
});

localAidRoutes.post(NEW_PATH, async (c) => {
  const actor = requireUser(c);
  authorize(actor, rightsRules.manageLocalAids, undefined);
  const values = await formValues(c);
  const parsed = formToDefinition(values, c.var.deps.config.departementCode);
  if (!parsed.ok)
    return renderForm(c, {
      action: NEW_PATH,
      title: "Créer une aide",
      submit: "Enregistrer le brouillon",
      values,
      errors: parsed.errors,
    });
  const id = await createLocalAid(c.var.db, actor, parsed, context(c));
  return c.redirect(`${LOCAL_AIDS_PATH}/${id}`, 303);
});

localAidRoutes.get(`${LOCAL_AIDS_PATH}/:id/modifier`, async (c) => {
  const aid = await requireLocalAid(c.var.db, requireUser(c), c.req.param("id"));
  const month = currentMonth(c.var.deps.now());
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
  const actor = requireUser(c);
  const aid = await requireLocalAid(c.var.db, actor, c.req.param("id"));
  const values = await formValues(c);
  const parsed = formToDefinition(values, c.var.deps.config.departementCode);
  if (!parsed.ok)
    return renderForm(c, {
      action: `${LOCAL_AIDS_PATH}/${aid.id}/modifier`,
      title: `Modifier : ${aid.latest.definition.name}`,
      submit: "Enregistrer la nouvelle version",
      values,
      errors: parsed.errors,
    });
  await addLocalAidVersion(c.var.db, actor, aid.id, parsed, context(c));
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
  const aid = await requireLocalAid(c.var.db, requireUser(c), id);
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
        defaultLastMonth={currentMonth(c.var.deps.now())}
      />
    </Layout>,
    error ? 400 : 200,
  );
}

localAidRoutes.get(`${LOCAL_AIDS_PATH}/:id`, (c) => renderAid(c, c.req.param("id")));

localAidRoutes.post(`${LOCAL_AIDS_PATH}/:id/versions/:number/publier`, async (c) => {
  const actor = requireUser(c);
  const aid = await requireLocalAid(c.var.db, actor, c.req.param("id"));
  const number = Number(c.req.param("number"));
  try {
    await publishLocalAidVersion(
      c.var.db,
      actor,
      aid.id,
      Number.isInteger(number) ? number : 0,
      context(c),
    );
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderAid(c, aid.id, error.fieldErrors.version ?? error.message);
  }
  return c.redirect(`${LOCAL_AIDS_PATH}/${aid.id}`, 303);
});

localAidRoutes.post(`${LOCAL_AIDS_PATH}/:id/arreter`, async (c) => {
  const actor = requireUser(c);
  const aid = await requireLocalAid(c.var.db, actor, c.req.param("id"));
  const body = await c.req.parseBody();
  const lastMonth = typeof body.dernier_mois === "string" ? body.dernier_mois.trim() : "";
  try {
    await endLocalAid(c.var.db, actor, aid.id, lastMonth, context(c));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return renderAid(c, aid.id, error.fieldErrors.dernier_mois ?? error.message, "dernier_mois");
  }
  return c.redirect(`${LOCAL_AIDS_PATH}/${aid.id}`, 303);
});
