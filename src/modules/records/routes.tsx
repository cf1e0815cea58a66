import { Hono } from "hono";
import { z } from "zod";
import type { UserActor } from "../../platform/access/actor.ts";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import {
  Alert,
  Button,
  Card,
  CsrfField,
  ErrorSummary,
  fieldId,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { ATTENTION_LABELS } from "./attention.ts";
import { frenchDate } from "./person-name.ts";
import {
  createPersonWithParcours,
  type DuplicateCandidate,
  findDuplicates,
  listRecords,
} from "./persons.ts";
import { recordsRules } from "./policy.ts";
import { caseloadDashboard, recordsNeedingAttention, setMaxCaseload } from "./referent.ts";
import { recordsContext, renderRecord, signedIn } from "./routes-helpers.tsx";
import { orientRoutes } from "./routes-orient.tsx";
import { recordActionRoutes } from "./routes-record.tsx";
import {
  countIncomingOrientations,
  decideOrientation,
  listIncomingOrientations,
} from "./sharing.ts";
import { CONSENT_SCOPE_LABELS, PARCOURS_STATUS_LABELS } from "./themes.ts";

export const recordsRoutes = new Hono<AppEnv>();
recordsRoutes.use("/pro/dossiers", holdsPersonalData);
recordsRoutes.use("/pro/dossiers/*", holdsPersonalData);
recordsRoutes.use("/pro/orientations", holdsPersonalData);
recordsRoutes.use("/pro/orientations/*", holdsPersonalData);
recordsRoutes.use("/pro/suivi-structure", holdsPersonalData);

const crumbs = (label: string) => [
  { label: "Espace professionnel", href: "/pro" },
  { label: "Dossiers", href: "/pro/dossiers" },
  { label },
];

recordsRoutes.get("/pro/dossiers", async (c) => {
  const actor = c.var.actor;
  authorize(actor, recordsRules.enterRecords, undefined);
  const query = c.req.query("nom")?.trim() ?? "";
  const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(c.req.query("naissance") ?? "")
    ? c.req.query("naissance")
    : undefined;
  const mine = c.req.query("mes") === "1";
  const rows = await listRecords(c.var.db, actor, { query, birthDate, mine }, recordsContext(c));
  const incoming = await countIncomingOrientations(c.var.db, actor);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Dossiers"
      breadcrumb={crumbs("Dossiers")
        .slice(0, 2)
        .concat([{ label: "Dossiers" }])}
    >
      <h1>Dossiers des personnes accompagnées</h1>
      {incoming > 0 && (
        <Alert kind="info" title={`${incoming} orientation(s) à traiter`}>
          <a href="/pro/orientations">Voir les orientations reçues</a>
        </Alert>
      )}
      <search>
        <form method="get" action="/pro/dossiers" class="records-form">
          <TextField name="nom" label="Nom ou prénom" value={query} type="search" />
          <TextField
            name="naissance"
            label="Date de naissance"
            type="date"
            value={birthDate}
            width="medium"
          />
          <Button kind="secondary">Rechercher</Button>
        </form>
      </search>
      <p>
        <a href="/pro/dossiers?mes=1">Les dossiers dont je suis référent</a>
        {hasWriterRole(actor) && (
          <>
            {" · "}
            <a href="/pro/dossiers/nouveau">Ouvrir le dossier d'une nouvelle personne</a>
          </>
        )}
      </p>
      {rows.length === 0 ? (
        <p>Aucun dossier trouvé.</p>
      ) : (
        <div class="table-wrapper">
          <table>
            <caption>Dossiers que vous pouvez consulter</caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Naissance</th>
                <th scope="col">Référent</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    <a href={`/pro/dossiers/${row.parcoursId}`}>
                      {row.lastName} {row.firstName}
                    </a>
                  </td>
                  <td>{frenchDate(row.birthDate)}</td>
                  <td>{row.referentName ?? "—"}</td>
                  <td>
                    {PARCOURS_STATUS_LABELS[row.status as keyof typeof PARCOURS_STATUS_LABELS]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
});

function hasWriterRole(actor: UserActor): boolean {
  return actor.memberships.some(
    (m) => m.role === "travailleur_social" || m.role === "responsable_structure",
  );
}

const NewPersonForm = z.object({
  lastName: z.string().trim().min(1, "Indiquez le nom.").max(200),
  firstName: z.string().trim().min(1, "Indiquez le prénom.").max(200),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date de naissance."),
  inCareAse: z.literal("1").optional(),
  consent: z.literal("1", "Le dossier ne peut être ouvert qu'avec l'accord de la personne."),
  consentScope: z.enum(["suivi", "suivi_sante"], "Choisissez l'étendue du consentement."),
  organisationId: z.string().uuid("Choisissez votre structure."),
  confirmDuplicate: z.literal("1").optional(),
});

function NewPersonPage({
  c,
  values,
  errors,
  duplicates,
}: {
  c: AppContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  duplicates: DuplicateCandidate[];
}) {
  const actor = c.var.actor as UserActor;
  const structures = actor.memberships.filter(
    (m) => m.role === "travailleur_social" || m.role === "responsable_structure",
  );
  return (
    <Layout
      page={pageContext(c)}
      title={Object.keys(errors).length ? "Erreur — Nouvelle personne" : "Nouvelle personne"}
      breadcrumb={crumbs("Nouvelle personne")}
    >
      <h1>Ouvrir le dossier d'une nouvelle personne</h1>
      <ErrorSummary errors={errors} />
      {duplicates.length > 0 && (
        <Alert kind="warning" title="Cette personne a peut-être déjà un dossier">
          <ul>
            {duplicates.map((d) =>
              d.visible ? (
                <li>
                  <a href={`/pro/dossiers/${d.visible.parcoursId}`}>
                    {d.visible.firstName} {d.visible.lastName}, né·e le{" "}
                    {frenchDate(d.visible.birthDate)}
                  </a>
                </li>
              ) : (
                <li>
                  Un dossier proche existe dans une structure qui ne le partage pas avec vous :
                  demandez à la personne qui l'accompagne, pour qu'elle vous oriente plutôt que
                  d'ouvrir un doublon.
                </li>
              ),
            )}
          </ul>
          <p>
            Si c'est bien une autre personne, cochez « Il s'agit d'une autre personne » et envoyez à
            nouveau.
          </p>
        </Alert>
      )}
      <form method="post" action="/pro/dossiers/nouveau" class="records-form">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="lastName"
          label="Nom"
          value={values.lastName}
          error={errors.lastName}
          required
          autocomplete="off"
        />
        <TextField
          name="firstName"
          label="Prénom"
          value={values.firstName}
          error={errors.firstName}
          required
          autocomplete="off"
        />
        <TextField
          name="birthDate"
          type="date"
          label="Date de naissance"
          value={values.birthDate}
          error={errors.birthDate}
          required
          width="medium"
        />
        <SelectField
          name="organisationId"
          label="Votre structure"
          value={values.organisationId}
          options={structures.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
          error={errors.organisationId}
          required
        />
        <fieldset class="field">
          <legend class="field__label">Consentement de la personne</legend>
          {errors.consent && (
            <p class="field__error" id="champ-consent">
              {errors.consent}
            </p>
          )}
          <input
            type="checkbox"
            id="champ-consent-box"
            name="consent"
            value="1"
            checked={values.consent === "1"}
          />{" "}
          <label for="champ-consent-box">
            La personne accepte que sa situation soit suivie et partagée avec votre structure
          </label>
          <SelectField
            name="consentScope"
            label="Étendue"
            value={values.consentScope}
            options={Object.entries(CONSENT_SCOPE_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
            required
          />
        </fieldset>
        <div class="field">
          <input
            type="checkbox"
            id="champ-ase"
            name="inCareAse"
            value="1"
            checked={values.inCareAse === "1"}
          />{" "}
          <label for="champ-ase">Jeune accompagné par l'aide sociale à l'enfance (ASE)</label>
        </div>
        {duplicates.length > 0 && (
          <div class="field">
            <input type="checkbox" id="champ-confirm" name="confirmDuplicate" value="1" />{" "}
            <label for="champ-confirm">Il s'agit d'une autre personne</label>
          </div>
        )}
        <Button>Ouvrir le dossier</Button>
      </form>
    </Layout>
  );
}

recordsRoutes.get("/pro/dossiers/nouveau", (c) => {
  const actor = signedIn(c);
  authorize(actor, recordsRules.createPerson, {
    organisationId: actor.memberships.find((m) => m.role !== "agent_accueil")?.organisationId ?? "",
  });
  return c.html(
    <NewPersonPage c={c} values={{ consentScope: "suivi" }} errors={{}} duplicates={[]} />,
  );
});

recordsRoutes.post("/pro/dossiers/nouveau", async (c) => {
  const actor = c.var.actor;
  authorize(actor, recordsRules.enterRecords, undefined);
  const result = await readForm(c, NewPersonForm);
  if (!result.ok)
    return c.html(
      <NewPersonPage c={c} values={result.values} errors={result.errors} duplicates={[]} />,
      400,
    );
  const input = result.data;
  if (!input.confirmDuplicate) {
    const duplicates = await findDuplicates(c.var.db, actor, input);
    if (duplicates.length > 0)
      return c.html(
        <NewPersonPage c={c} values={result.values} errors={{}} duplicates={duplicates} />,
        409,
      );
  }
  const created = await createPersonWithParcours(
    c.var.db,
    actor,
    { ...input, inCareAse: input.inCareAse === "1", consentScope: input.consentScope },
    recordsContext(c),
  );
  return c.redirect(`/pro/dossiers/${created.parcoursId}`, 303);
});

recordsRoutes.route("/", recordActionRoutes);
recordsRoutes.route("/", orientRoutes);

recordsRoutes.get("/pro/dossiers/:id", (c) => renderRecord(c, c.req.param("id")));

/** A refused decision on one orientation: its card shows the errors and what was typed. */
type DecisionErrors = {
  orientationId: string;
  errors: Record<string, string>;
  values: Record<string, string>;
};

async function renderIncoming(c: AppContext, refused?: DecisionErrors) {
  const actor = c.var.actor;
  authorize(actor, recordsRules.enterRecords, undefined);
  const incoming = await listIncomingOrientations(c.var.db, actor, recordsContext(c));
  // Several cards share the page: each field's id carries its orientation's id.
  const summary = refused
    ? Object.fromEntries(
        Object.entries(refused.errors).map(([field, message]) => [
          `${field}-${refused.orientationId}`,
          message,
        ]),
      )
    : {};
  return c.html(
    <Layout
      page={pageContext(c)}
      title={refused ? "Erreur — Orientations reçues" : "Orientations reçues"}
      breadcrumb={crumbs("Orientations reçues")}
    >
      <h1>Orientations reçues</h1>
      <ErrorSummary errors={summary} />
      {incoming.length === 0 && <p>Aucune orientation en attente.</p>}
      {incoming.map((o) => {
        const errors = refused?.orientationId === o.id ? refused.errors : {};
        const values = refused?.orientationId === o.id ? refused.values : {};
        const reasonId = fieldId(`reason-${o.id}`);
        return (
          <Card title={`${o.firstName} ${o.lastName}, né·e le ${frenchDate(o.birthDate)}`}>
            <p>
              De {o.fromName} vers {o.toName}
              {o.serviceName && ` (${o.serviceName})`}. {o.message}
            </p>
            <form method="post" action={`/pro/orientations/${o.id}`} class="records-form">
              <CsrfField token={c.var.csrfToken} />
              <fieldset class={`field${errors.decision ? " field--error" : ""}`}>
                <legend class="field__label" id={fieldId(`decision-${o.id}`)} tabindex={-1}>
                  Décision
                </legend>
                {errors.decision && <p class="field__error">{errors.decision}</p>}
                <input
                  type="radio"
                  id={`accepter-${o.id}`}
                  name="decision"
                  value="acceptee"
                  checked={values.decision === "acceptee"}
                  required
                />{" "}
                <label for={`accepter-${o.id}`}>Accepter</label>{" "}
                <input
                  type="radio"
                  id={`refuser-${o.id}`}
                  name="decision"
                  value="refusee"
                  checked={values.decision === "refusee"}
                />{" "}
                <label for={`refuser-${o.id}`}>Refuser</label>
              </fieldset>
              <div class={`field${errors.reason ? " field--error" : ""}`}>
                <label for={reasonId} class="field__label">
                  Raison (obligatoire en cas de refus)
                </label>
                {errors.reason && (
                  <p id={`${reasonId}-erreur`} class="field__error">
                    <span class="visually-hidden">Erreur : </span>
                    {errors.reason}
                  </p>
                )}
                <input
                  id={reasonId}
                  name="reason"
                  type="text"
                  class="field__input field__input--full"
                  value={values.reason ?? ""}
                  aria-invalid={errors.reason ? "true" : undefined}
                  aria-describedby={errors.reason ? `${reasonId}-erreur` : undefined}
                />
              </div>
              <Button>Envoyer la décision</Button>
            </form>
          </Card>
        );
      })}
    </Layout>,
    refused ? 400 : 200,
  );
}

recordsRoutes.get("/pro/orientations", (c) => renderIncoming(c));

recordsRoutes.post("/pro/orientations/:id", async (c) => {
  const actor = c.var.actor;
  authorize(actor, recordsRules.enterRecords, undefined);
  const orientationId = c.req.param("id");
  const result = await readForm(
    c,
    z.object({
      decision: z.enum(["acceptee", "refusee"], "Choisissez « Accepter » ou « Refuser »."),
      reason: z.string().trim().max(1000, "1 000 caractères au plus.").optional(),
    }),
  );
  if (!result.ok)
    return renderIncoming(c, { orientationId, errors: result.errors, values: result.values });
  let decided: Awaited<ReturnType<typeof decideOrientation>>;
  try {
    decided = await decideOrientation(
      c.var.db,
      actor,
      orientationId,
      result.data,
      recordsContext(c),
    );
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const errors =
      Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { decision: error.message };
    return renderIncoming(c, { orientationId, errors, values: result.values });
  }
  return c.redirect(
    decided.status === "acceptee" ? `/pro/dossiers/${decided.parcoursId}` : "/pro/orientations",
    303,
  );
});

recordsRoutes.get("/pro/suivi-structure", async (c) => {
  const actor = signedIn(c);
  const organisationId =
    c.req.query("structure") ??
    actor.memberships.find((m) => m.role === "responsable_structure")?.organisationId ??
    "";
  const dashboard = await caseloadDashboard(c.var.db, actor, organisationId);
  const attention = await recordsNeedingAttention(
    c.var.db,
    actor,
    organisationId,
    recordsContext(c),
  );
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Suivi de la structure"
      breadcrumb={crumbs("Suivi de la structure")}
    >
      <h1>Charge des travailleurs sociaux</h1>
      <form
        method="post"
        action={`/pro/suivi-structure?structure=${organisationId}`}
        class="records-form"
      >
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="max"
          type="number"
          label="Nombre maximum de parcours par travailleur social"
          value={String(dashboard.max)}
          width="short"
          required
          inputmode="numeric"
        />
        <Button kind="secondary">Enregistrer</Button>
      </form>
      <div class="table-wrapper">
        <table>
          <caption>Parcours ouverts dont chacun est référent (maximum : {dashboard.max})</caption>
          <thead>
            <tr>
              <th scope="col">Travailleur social</th>
              <th scope="col">Parcours</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.workers.map((w) => (
              <tr>
                <td>{w.name}</td>
                <td>{w.count}</td>
                <td>
                  {w.level === "over" ? (
                    <Tag kind="warning">Au-delà du maximum</Tag>
                  ) : w.level === "near" ? (
                    <Tag kind="warning">Proche du maximum</Tag>
                  ) : (
                    <Tag kind="success">Dans la limite</Tag>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Dossiers qui demandent votre attention</h2>
      {attention.length === 0 && <p>Aucun pour l'instant.</p>}
      <ul>
        {attention.map((a) => (
          <li>
            <a href={`/pro/dossiers/${a.parcoursId}`}>{a.name}</a> (
            {a.referentName ?? "sans référent"}) :{" "}
            {a.reasons.map((r) => ATTENTION_LABELS[r]).join(" ; ")}
          </li>
        ))}
      </ul>
    </Layout>,
  );
});

recordsRoutes.post("/pro/suivi-structure", async (c) => {
  const actor = signedIn(c);
  const organisationId = c.req.query("structure") ?? "";
  const result = await readForm(
    c,
    z.object({ max: z.coerce.number().int().min(1, "Au moins 1.").max(1000, "Au plus 1 000.") }),
  );
  authorize(actor, recordsRules.viewCaseload, { organisationId });
  if (!result.ok) throw new Invalid(result.errors, Object.values(result.errors).join(" "));
  await setMaxCaseload(c.var.db, actor, organisationId, result.data.max, c.var.deps.now());
  return c.redirect(`/pro/suivi-structure?structure=${organisationId}`, 303);
});
