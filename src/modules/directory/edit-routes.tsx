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
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  TextAreaField,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { MAX_OPENING_HOURS_LENGTH } from "./opening-hours.ts";
import {
  CLOSURE_ROWS,
  DAY_NAMES,
  DAYS,
  hoursFieldNames,
  hoursFieldValues,
  RANGES_PER_DAY,
  resolveHours,
} from "./opening-hours-form.ts";
import { isStale, type ServiceDetail } from "./service.ts";
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

function EditPage({
  service,
  values,
  errors,
  saved,
  csrf,
  now,
  inherited = false,
}: {
  service: ServiceDetail;
  values: Record<string, string>;
  errors: Record<string, string>;
  saved: boolean;
  csrf: string;
  now: Date;
  /** The hours shown are the structure's: the service has none of its own. */
  inherited?: boolean;
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
        Dernière vérification{"\u00a0"}: {frenchLongDate(service.checked_at)}.
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
        <TextAreaField
          name="description"
          label="Description"
          hint="Ce que le service propose, pour qui, comment y accéder. Des phrases courtes, avec des mots simples."
          required
          rows={8}
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
        <HoursEditor values={values} errors={errors} inherited={inherited} />
        <Button>Enregistrer : les informations sont à jour</Button>
      </form>
    </>
  );
}

const NBSP = "\u00a0";

/**
 * Opening hours as ordinary fields: two time ranges a day, public holidays,
 * exceptional closures. The raw OpenStreetMap value stays available to
 * experts in a <details>; what they change there wins, and plain French is
 * accepted there too.
 */
function HoursEditor({
  values,
  errors,
  inherited,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  inherited: boolean;
}) {
  const advanced = values.horaires_avance === "1";
  const rawOpen = advanced || Boolean(errors.horaires_accueil);
  return (
    <section class="hours-editor" aria-labelledby="horaires-titre">
      <h2 id="horaires-titre">Horaires d'accueil</h2>
      {inherited && (
        <p class="field__hint">
          Ce service n'a pas d'horaires à lui{NBSP}: voici ceux de la structure. En enregistrant des
          horaires différents, ils deviennent ceux du service.
        </p>
      )}
      {advanced ? (
        <Alert kind="info" title="Horaires détaillés">
          Ces horaires utilisent des règles que le formulaire ne sait pas montrer (semaines, mois…).
          Modifiez-les dans le champ pour les experts ci-dessous.
        </Alert>
      ) : (
        <>
          <p class="field__hint">
            Laissez vides les jours de fermeture. Heures au format 09:00. Un second horaire pour les
            journées coupées (matin et après-midi).
          </p>
          {DAYS.map((day) => (
            <fieldset class="hours-editor__day-box">
              <legend>{DAY_NAMES[day].replace(/^./, (first) => first.toUpperCase())}</legend>
              {Array.from({ length: RANGES_PER_DAY }, (_, i) => (
                <div class="hours-editor__day">
                  <TextField
                    name={`horaires_${day}_${i + 1}_debut`}
                    type="time"
                    width="short"
                    label={i === 0 ? "Ouvre à" : "Puis rouvre à"}
                    value={values[`horaires_${day}_${i + 1}_debut`]}
                    error={errors[`horaires_${day}_${i + 1}_debut`]}
                  />
                  <TextField
                    name={`horaires_${day}_${i + 1}_fin`}
                    type="time"
                    width="short"
                    label="Ferme à"
                    value={values[`horaires_${day}_${i + 1}_fin`]}
                    error={errors[`horaires_${day}_${i + 1}_fin`]}
                  />
                </div>
              ))}
            </fieldset>
          ))}
          <div class="field">
            <input
              type="checkbox"
              id="champ-horaires_feries"
              name="horaires_feries"
              value="ferme"
              checked={values.horaires_feries === "ferme"}
            />{" "}
            <label for="champ-horaires_feries">Fermé les jours fériés</label>
          </div>
          <fieldset>
            <legend>Fermetures exceptionnelles (congés, travaux…)</legend>
            {Array.from({ length: CLOSURE_ROWS }, (_, i) => (
              <div class="hours-editor__day">
                <TextField
                  name={`fermeture_${i + 1}_debut`}
                  type="date"
                  width="medium"
                  label={`Fermeture ${i + 1}${NBSP}: du`}
                  value={values[`fermeture_${i + 1}_debut`]}
                  error={errors[`fermeture_${i + 1}_debut`]}
                />
                <TextField
                  name={`fermeture_${i + 1}_fin`}
                  type="date"
                  width="medium"
                  label="au (inclus)"
                  value={values[`fermeture_${i + 1}_fin`]}
                  error={errors[`fermeture_${i + 1}_fin`]}
                />
              </div>
            ))}
          </fieldset>
        </>
      )}
      <input type="hidden" name="horaires_origine" value={values.horaires_origine ?? ""} />
      <input type="hidden" name="horaires_avance" value={advanced ? "1" : ""} />
      <details class="hours-editor__raw" open={rawOpen || undefined}>
        <summary>Pour les experts{NBSP}: les horaires au format OpenStreetMap</summary>
        <TextField
          name="horaires_accueil"
          label="Horaires (format OpenStreetMap, ou en français)"
          hint="Exemple : Mo-Fr 09:00-12:00,14:00-17:00; PH off; 2026 Dec 24-2027 Jan 01 off. En français : « du lundi au vendredi de 9h à 12h ». Si vous modifiez ce champ, il remplace les cases ci-dessus."
          value={values.horaires_accueil}
          error={errors.horaires_accueil}
        />
      </details>
    </section>
  );
}

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
        now={c.var.now}
        inherited={!service.horaires_accueil && Boolean(service.structure_horaires)}
      />
    </Layout>,
    status,
  );
}
