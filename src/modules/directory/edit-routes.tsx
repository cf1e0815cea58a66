import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { type AppEnv, pageContext } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { checkOpeningHours, MAX_OPENING_HOURS_LENGTH } from "./opening-hours.ts";
import { directoryRules } from "./policy.ts";
import { isStale, requireService, type ServiceDetail } from "./service.ts";
import { searchText } from "./store.ts";
import { frenchDate } from "./views.tsx";

/** A responsable de structure edits their services and confirms they are up to date. */
export const editRoutes = new Hono<AppEnv>();

const ServiceEdit = z.object({
  nom: z
    .string()
    .trim()
    .min(3, "Le nom doit faire 3 caractères au moins.")
    .max(150, "150 caractères au plus."),
  description: z.string().trim().min(5, "Décrivez le service en quelques mots.").max(10_000),
  telephone: z.string().trim().max(40).optional().default(""),
  // The length is checked before the parser, whose time grows with the
  // square of the length; a refinement after a failed .max() still ran it
  // (32,000 characters held the whole server 28 s).
  horaires_accueil: z
    .string()
    .trim()
    .optional()
    .default("")
    .check((context) => {
      const value = context.value;
      if (!value) return;
      const problem =
        value.length > MAX_OPENING_HOURS_LENGTH
          ? `${MAX_OPENING_HOURS_LENGTH.toLocaleString("fr-FR").replace(/\u202f/g, " ")} caractères au plus (ici ${value.length.toLocaleString("fr-FR").replace(/\u202f/g, " ")}).`
          : checkOpeningHours(value)?.replace(/^horaires_accueil : /, "");
      if (problem) context.issues.push({ code: "custom", input: "", message: problem });
    }),
});

function EditPage({
  service,
  values,
  errors,
  saved,
  csrf,
  now,
}: {
  service: ServiceDetail;
  values: Record<string, string>;
  errors: Record<string, string>;
  saved: boolean;
  csrf: string;
  now: Date;
}) {
  return (
    <>
      <h1>Modifier « {service.nom} »</h1>
      {saved && <Alert kind="success">Le service est à jour.</Alert>}
      {isStale(service.checked_at, now) && (
        <Alert kind="warning" title="À vérifier">
          Ce service n'a pas été vérifié depuis plus de 6 mois : le public le voit signalé comme
          tel.
        </Alert>
      )}
      <p>
        Dernière vérification{"\u00a0"}: {frenchDate(service.checked_at)}.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post">
        <CsrfField token={csrf} />
        <TextField
          name="nom"
          label="Nom du service"
          required
          value={values.nom}
          error={errors.nom}
        />
        <TextField
          name="description"
          label="Description"
          required
          value={values.description}
          error={errors.description}
        />
        <TextField
          name="telephone"
          label="Téléphone"
          type="tel"
          value={values.telephone}
          error={errors.telephone}
        />
        <TextField
          name="horaires_accueil"
          label="Horaires (format OpenStreetMap)"
          hint="Exemple : Mo-Fr 09:00-12:00,14:00-17:00; PH off; 2026 Dec 24-2027 Jan 1 off (fermeture exceptionnelle)"
          value={values.horaires_accueil}
          error={errors.horaires_accueil}
        />
        <Button>Enregistrer : les informations sont à jour</Button>
      </form>
    </>
  );
}

editRoutes.get("/pro/annuaire/services/:id", async (c) => {
  const service = await requireService(c.var.db, c.req.param("id"));
  authorize(c.var.actor, directoryRules.editStructure, {
    organisationId: service.structure_organisation_id,
  });
  const values = {
    nom: service.nom,
    description: service.description,
    telephone: service.telephone ?? "",
    horaires_accueil: service.horaires_accueil ?? "",
  };
  return c.html(
    <Layout page={pageContext(c)} title={`Modifier ${service.nom}`}>
      <EditPage
        service={service}
        values={values}
        errors={{}}
        saved={c.req.query("enregistre") === "1"}
        csrf={c.var.csrfToken}
        now={c.var.deps.now()}
      />
    </Layout>,
  );
});

editRoutes.post("/pro/annuaire/services/:id", async (c) => {
  const service = await requireService(c.var.db, c.req.param("id"));
  authorize(c.var.actor, directoryRules.editStructure, {
    organisationId: service.structure_organisation_id,
  });
  const form = await readForm(c, ServiceEdit);
  const now = c.var.deps.now();
  if (!form.ok) {
    return c.html(
      <Layout page={pageContext(c)} title={`Erreur — Modifier ${service.nom}`}>
        <EditPage
          service={service}
          values={form.values}
          errors={form.errors}
          saved={false}
          csrf={c.var.csrfToken}
          now={now}
        />
      </Layout>,
      400,
    );
  }
  const actor = c.var.actor;
  const changes = {
    nom: form.data.nom,
    description: form.data.description,
    telephone: form.data.telephone || null,
    horaires_accueil: form.data.horaires_accueil || null,
  };
  await c.var.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("directory_service")
      .set({
        ...changes,
        search_text: searchText(
          { ...service, ...changes, date_maj: "" } as never,
          service.structure_nom,
        ),
        date_maj: now.toISOString().slice(0, 10),
        checked_at: now,
        updated_at: now,
      })
      .where("id", "=", service.id)
      .execute();
    await recordAudit(tx, {
      actor: { userId: actor.userId, organisationId: service.structure_organisation_id },
      action: "directory.service.updated",
      subjectType: "directory_service",
      subjectId: service.id,
      details: {
        fields: Object.keys(changes).filter(
          (key) =>
            changes[key as keyof typeof changes] !== (service as Record<string, unknown>)[key],
        ),
      },
      requestId: c.var.requestId,
      at: now,
    });
  });
  return c.redirect(`/pro/annuaire/services/${service.id}?enregistre=1`, 303);
});
