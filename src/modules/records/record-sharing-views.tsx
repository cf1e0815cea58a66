// What the record page shows of sharing: the orientations sent from the
// parcours (and the search to send one), and the person's consents with
// their forms.

import { Button, SelectField, Tag, TextField } from "../../platform/ui/components.tsx";
import type { RecordView } from "./record.ts";
import {
  type Capabilities,
  type FormProps,
  type Option,
  PostForm,
  type RecordBody,
  Section,
} from "./record-page-parts.tsx";
import { CONSENT_SCOPE_LABELS, ORIENTATION_STATUS_LABELS } from "./themes.ts";

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

export function OrientationsSection({
  record,
  can,
  base,
}: {
  record: RecordBody;
  can: Capabilities;
  base: string;
}) {
  return (
    <Section id="orientations" title="Orientations">
      <ul>
        {record.orientations.map((o) => (
          <li>
            {dateTime.format(o.createdAt)} : {o.fromName} → {o.toName}
            {o.toServiceName && ` (${o.toServiceName})`}{" "}
            <Tag>{ORIENTATION_STATUS_LABELS[o.status]}</Tag>
            {o.decisionReason && ` — ${o.decisionReason}`}
          </li>
        ))}
      </ul>
      {can.writeRecord && (
        <search>
          <form method="get" action={`${base}/orienter`} class="records-form">
            <TextField
              name="q"
              type="search"
              label="Orienter vers un service de l'annuaire"
              hint="Un besoin ou un nom : « aide alimentaire », « Secours Catholique »…"
              required
            />
            <Button kind="secondary">Chercher un service</Button>
          </form>
        </search>
      )}
    </Section>
  );
}

export function ConsentsSection({
  consents,
  organisations,
  can,
  base,
  token,
  errors,
}: FormProps & {
  consents: RecordView["consents"];
  organisations: Option[];
  can: Capabilities;
}) {
  return (
    <Section id="consentements" title="Consentements">
      <ul>
        {consents.map((consent) => (
          <li>
            {consent.organisationName} : {CONSENT_SCOPE_LABELS[consent.scope]} — recueilli le{" "}
            {dateTime.format(consent.collectedAt)}
            {consent.collectedBy && ` par ${consent.collectedBy}`}
            {consent.withdrawnAt ? ` — retiré le ${dateTime.format(consent.withdrawnAt)}` : ""}
            {!consent.withdrawnAt && can.manageConsent && (
              <PostForm action={`${base}/consentements/${consent.id}/retrait`} token={token}>
                <Button kind="secondary">Retirer ce consentement</Button>
              </PostForm>
            )}
          </li>
        ))}
      </ul>
      {can.manageConsent && (
        <PostForm action={`${base}/consentements`} token={token}>
          <SelectField
            name="consentOrganisationId"
            label="La personne accepte de partager son dossier avec"
            options={organisations}
            error={errors.consentOrganisationId}
            required
          />
          <SelectField
            name="scope"
            label="Étendue"
            options={Object.entries(CONSENT_SCOPE_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
            required
          />
          <Button kind="secondary">Enregistrer le consentement</Button>
        </PostForm>
      )}
    </Section>
  );
}
