import { Hono } from "hono";
import { z } from "zod";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
  userContext,
} from "../../platform/http/context.ts";
import { formRefusal, parseForm } from "../../platform/http/forms.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { EditPage } from "./edit-views.tsx";
import { MAX_OPENING_HOURS_LENGTH } from "./opening-hours.ts";
import { hoursFieldNames, hoursFieldValues, resolveHours } from "./opening-hours-form.ts";
import type { ServiceDetail } from "./service.ts";
import { requireEditableService, type ServiceChanges, updateService } from "./service-edits.ts";

/** A responsable de structure edits their services and confirms they are up to date. */
export const editRoutes = new Hono<AppEnv>();

const ServiceEdit = z
  .object({
    nom: z
      .string()
      .trim()
      .min(3, "Le nom doit faire 3 caractères au moins.")
      .max(150, "150 caractères au plus."),
    description: z.string().trim().min(5, "Décrivez le service en quelques mots.").max(10_000),
    telephone: z.string().trim().max(40).optional().default(""),
    // The length is checked before the parser, whose time grows with the
    // square of the length; a refinement after a failed .max() still ran it
    // (32,000 characters held the whole server 28 s). The hours themselves are
    // read once every field is valid (resolveHours).
    horaires_accueil: z
      .string()
      .trim()
      .optional()
      .default("")
      .check((context) => {
        const value = context.value;
        if (value.length > MAX_OPENING_HOURS_LENGTH) {
          const count = (n: number) => n.toLocaleString("fr-FR").replace(/\u202f/g, " ");
          context.issues.push({
            code: "custom",
            input: "",
            message: `${count(MAX_OPENING_HOURS_LENGTH)} caractères au plus (ici ${count(value.length)}).`,
          });
        }
      }),
    horaires_origine: z.string().max(MAX_OPENING_HOURS_LENGTH).optional().default(""),
    horaires_avance: z.string().max(1).optional().default(""),
    ...Object.fromEntries(
      hoursFieldNames().map((name) => [name, z.string().trim().max(20).optional().default("")]),
    ),
  })
  .transform((data, context) => {
    const hours = resolveHours(data as Record<string, string>);
    if ("errors" in hours) {
      for (const [path, message] of Object.entries(hours.errors))
        context.issues.push({ code: "custom", path: [path], message, input: "" });
      return z.NEVER;
    }
    return {
      nom: data.nom,
      description: data.description,
      telephone: data.telephone,
      horaires_accueil: hours.hours,
    } satisfies ServiceChanges;
  });

editRoutes.get("/pro/annuaire/services/:id", async (c) => {
  const ctx = requestContext(c);
  const service = await requireEditableService(ctx, c.req.param("id"));
  const values = {
    nom: service.nom,
    description: service.description,
    telephone: service.telephone ?? "",
    ...hoursFieldValues(service.horaires_accueil ?? service.structure_horaires).values,
  };
  return renderEditPage(c, service, { values, saved: c.req.query("enregistre") === "1" });
});

editRoutes.post("/pro/annuaire/services/:id", async (c) => {
  const ctx = userContext(c);
  const service = await requireEditableService(ctx, c.req.param("id"));
  try {
    const input = await parseForm(c, ServiceEdit);
    await updateService(ctx, service, input);
  } catch (error) {
    const refused = await formRefusal(c, error);
    // The hours are read after the other fields; when those fail, say what
    // is wrong with the hours too, in the same answer.
    const hours = resolveHours(refused.values);
    const errors = { ...("errors" in hours ? hours.errors : {}), ...refused.errors };
    return renderEditPage(c, service, { values: refused.values, errors }, 400);
  }
  return c.redirect(`/pro/annuaire/services/${service.id}?enregistre=1`, 303);
});

function renderEditPage(
  c: AppContext,
  service: ServiceDetail,
  form: { values: Record<string, string>; errors?: Record<string, string>; saved?: boolean },
  status: 200 | 400 = 200,
) {
  return c.html(
    <Layout
      page={pageContext(c)}
      title={status === 400 ? `Erreur — Modifier ${service.nom}` : `Modifier ${service.nom}`}
    >
      <EditPage
        service={service}
        values={form.values}
        errors={form.errors ?? {}}
        saved={form.saved ?? false}
        csrf={c.var.csrfToken}
        now={requestContext(c).now}
        inherited={!service.horaires_accueil && Boolean(service.structure_horaires)}
      />
    </Layout>,
    status,
  );
}
