// Form pieces of the booking pages: the person's details (labels, hints
// and errors tied to each field, RGAA 11), and the chosen slot carried in
// hidden fields from page to page.

import type { Child } from "hono/jsx";
import { z } from "zod";
import {
  Button,
  CheckboxField,
  CsrfField,
  fieldId,
  TextField,
} from "../../platform/ui/components.tsx";
import type { LocationKind } from "./tables.ts";

export const LOCATION_LABELS: Record<LocationKind, string> = {
  sur_place: "Sur place",
  telephone: "Par téléphone",
  visio: "En visioconférence",
  domicile: "À domicile",
};

/**
 * How the person is reached, and on which legal basis messages go out.
 * `channel` "public": the person books online, and the messages rest on
 * their consent (RGPD art. 6-1-a): a box they tick themselves, never ticked
 * in advance, required. "agent": an agent books for someone in the
 * service's public-interest mission (art. 6-1-e): the page says so instead
 * of asking for a consent, and the person may object (art. 21).
 * `smsAvailable`: an SMS operator is configured; without one, no SMS is promised.
 */
export function PersonFields({
  errors,
  values,
  channel,
  smsAvailable,
  phoneRequired = false,
}: {
  errors: Record<string, string>;
  values: Record<string, string>;
  channel: "public" | "agent";
  smsAvailable: boolean;
  phoneRequired?: boolean;
}) {
  const consentId = fieldId("consentement");
  const oppositionId = fieldId("opposition");
  const channels = smsAvailable ? "par courriel, ou par SMS sur un portable" : "par courriel";
  const phoneHint = [
    phoneRequired ? "Le service appellera ce numéro." : "",
    "Par exemple 06 12 34 56 78.",
    smsAvailable ? "Un portable reçoit la confirmation et le rappel par SMS." : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <TextField
        name="nom"
        label="Nom et prénom"
        autocomplete="name"
        required
        error={errors.nom}
        value={values.nom}
      />
      <p class="field__hint">
        {phoneRequired
          ? "Le numéro de téléphone est obligatoire."
          : "Indiquez au moins un numéro de téléphone ou une adresse électronique."}
      </p>
      <TextField
        name="telephone"
        label="Numéro de téléphone"
        hint={phoneHint}
        type="tel"
        autocomplete="tel"
        inputmode="tel"
        width="medium"
        required={phoneRequired}
        error={errors.telephone}
        value={values.telephone}
      />
      <TextField
        name="email"
        label="Adresse électronique"
        hint="Pour recevoir la confirmation avec le rendez-vous à ajouter à votre agenda."
        type="email"
        autocomplete="email"
        error={errors.email}
        value={values.email}
      />
      {channel === "public" ? (
        <CheckboxField
          name="consentement"
          id={consentId}
          required
          checked={values.consentement === "oui"}
          error={errors.consentement}
          label={`J'accepte que le service utilise mon nom et ces coordonnées pour ce rendez-vous : me joindre si besoin, me le confirmer et me le rappeler 48 heures avant, ${channels}. (obligatoire)`}
        />
      ) : (
        <CheckboxField
          name="opposition"
          id={oppositionId}
          checked={values.opposition === "oui"}
          hint={`Ces coordonnées servent à joindre la personne, à lui confirmer le rendez-vous et à le lui rappeler 48 heures avant, ${channels}. Ce n'est pas un consentement : la base légale est la mission de service public du service (article 6-1-e du RGPD). Dites-le à la personne : elle peut refuser ces messages (article 21 du RGPD).`}
          label="La personne refuse de recevoir ces messages."
        />
      )}
    </>
  );
}

const SLOT_FIELDS = ["motif", "lieu", "agent", "debut", "cle"] as const;

/** The chosen slot, carried as hidden fields; `schema` reads them back. */
export function SlotHiddenFields({ fields }: { fields: Record<string, string | undefined> }) {
  return (
    <>
      {SLOT_FIELDS.map((name) =>
        fields[name] ? <input type="hidden" name={name} value={fields[name]} /> : null,
      )}
    </>
  );
}
SlotHiddenFields.schema = z.object({
  motif: z.string().min(1),
  lieu: z.string().min(1),
  agent: z.string().min(1),
  debut: z.iso.datetime({ offset: true }),
  cle: z.string().max(200).optional(),
});

export function SlotForm({
  action,
  csrfToken,
  submit,
  children,
}: {
  action: string;
  csrfToken: string;
  submit: string;
  children: Child;
}) {
  return (
    <form method="post" action={action} class="rdv-form" novalidate>
      <CsrfField token={csrfToken} />
      {children}
      <Button>{submit}</Button>
    </form>
  );
}
