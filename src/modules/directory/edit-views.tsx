import { frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxField,
  CsrfField,
  DateField,
  ErrorSummary,
  FormHint,
  TextAreaField,
  TextField,
  TimeField,
} from "../../platform/ui/components.tsx";
import { CLOSURE_ROWS, DAY_NAMES, DAYS, RANGES_PER_DAY } from "./opening-hours-form.ts";
import { isStale, type ServiceDetail } from "./service.ts";

/** The form a responsable de structure edits a service with. */
export function EditPage({
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
        <FormHint>
          Ce service n'a pas d'horaires à lui{NBSP}: voici ceux de la structure. En enregistrant des
          horaires différents, ils deviennent ceux du service.
        </FormHint>
      )}
      {advanced ? (
        <Alert kind="info" title="Horaires détaillés">
          Ces horaires utilisent des règles que le formulaire ne sait pas montrer (semaines, mois…).
          Modifiez-les dans le champ pour les experts ci-dessous.
        </Alert>
      ) : (
        <>
          <FormHint>
            Laissez vides les jours de fermeture. Heures au format 09:00. Un second horaire pour les
            journées coupées (matin et après-midi).
          </FormHint>
          {DAYS.map((day) => (
            <fieldset class="hours-editor__day-box">
              <legend>{DAY_NAMES[day].replace(/^./, (first) => first.toUpperCase())}</legend>
              {Array.from({ length: RANGES_PER_DAY }, (_, i) => (
                <div class="hours-editor__day">
                  <TimeField
                    name={`horaires_${day}_${i + 1}_debut`}
                    label={i === 0 ? "Ouvre à" : "Puis rouvre à"}
                    value={values[`horaires_${day}_${i + 1}_debut`]}
                    error={errors[`horaires_${day}_${i + 1}_debut`]}
                  />
                  <TimeField
                    name={`horaires_${day}_${i + 1}_fin`}
                    label="Ferme à"
                    value={values[`horaires_${day}_${i + 1}_fin`]}
                    error={errors[`horaires_${day}_${i + 1}_fin`]}
                  />
                </div>
              ))}
            </fieldset>
          ))}
          <CheckboxField
            name="horaires_feries"
            value="ferme"
            label="Fermé les jours fériés"
            checked={values.horaires_feries === "ferme"}
          />
          <fieldset>
            <legend>Fermetures exceptionnelles (congés, travaux…)</legend>
            {Array.from({ length: CLOSURE_ROWS }, (_, i) => (
              <div class="hours-editor__day">
                <DateField
                  name={`fermeture_${i + 1}_debut`}
                  label={`Fermeture ${i + 1}${NBSP}: du`}
                  value={values[`fermeture_${i + 1}_debut`]}
                  error={errors[`fermeture_${i + 1}_debut`]}
                />
                <DateField
                  name={`fermeture_${i + 1}_fin`}
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
