// Form pieces of the booking pages: the person's details (labels, hints
// and errors tied to each field, RGAA 11), and the chosen slot carried in
// hidden fields from page to page.

import type { Child } from "hono/jsx";
import { z } from "zod";
import { Button, CsrfField, fieldId, TextField } from "../../platform/ui/components.tsx";
import type { LocationKind } from "./tables.ts";

export const LOCATION_LABELS: Record<LocationKind, string> = {
  sur_place: "Sur place",
  telephone: "Par téléphone",
  visio: "En visioconférence",
  domicile: "À domicile",
};

export function PersonFields({
  errors,
  values,
}: {
  errors: Record<string, string>;
  values: Record<string, string>;
}) {
  const consentId = fieldId("consentement");
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
      <TextField
        name="telephone"
        label="Numéro de téléphone"
        hint="Par exemple 06 12 34 56 78. Un portable reçoit la confirmation et le rappel par SMS."
        type="tel"
        autocomplete="tel"
        inputmode="tel"
        width="medium"
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
      <div class="field rdv-checkbox">
        <input
          type="checkbox"
          id={consentId}
          name="consentement"
          value="oui"
          checked={Object.keys(values).length === 0 || values.consentement === "oui"}
        />
        <label for={consentId}>
          J'accepte de recevoir la confirmation et un rappel 48 heures avant, par SMS ou courriel.
        </label>
      </div>
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
