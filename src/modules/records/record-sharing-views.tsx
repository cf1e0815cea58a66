// What the record page shows of sharing: the orientations sent from the
// parcours (and the search to send one), and the person's consents with
// their forms.

import { frenchDateTime, frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Button,
  CheckboxField,
  DateField,
  Radios,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import type { RecordView } from "./record.ts";
import {
  type Capabilities,
  type FormProps,
  type Option,
  PostForm,
  type RecordBody,
  Section,
} from "./record-views.tsx";
import { CONSENT_HOW_LABELS, CONSENT_SCOPE_LABELS, ORIENTATION_STATUS_LABELS } from "./themes.ts";

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
            {frenchDateTime(o.createdAt)} : {o.fromName} → {o.toName}
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
            {frenchDateTime(consent.collectedAt)}
            {consent.collectedBy && ` par ${consent.collectedBy}`}
            {consent.givenHow &&
              ` — donné ${CONSENT_HOW_LABELS[consent.givenHow]}${consent.givenOn ? ` le ${frenchLocalDate(consent.givenOn)}` : ""}`}
            {consent.attestedInPerson && " (la personne l'a donné elle-même à ce professionnel)"}
            {consent.withdrawnAt ? ` — retiré le ${frenchDateTime(consent.withdrawnAt)}` : ""}
            {consent.withdrawable && (
              <PostForm action={`${base}/consentements/${consent.id}/retrait`} token={token}>
                <Button kind="secondary">Retirer ce consentement</Button>
              </PostForm>
            )}
          </li>
        ))}
      </ul>
      {can.recordConsent && (
        <PostForm action={`${base}/consentements`} token={token}>
          {!can.recordConsentForPerson && (
            <p>
              Votre structure ne tient pas ce dossier : vous pouvez enregistrer un accord seulement
              si la personne vous l'a donné elle-même. Pour réduire ou retirer l'accord de votre
              structure, utilisez les boutons ci-dessus ou choisissez une étendue plus petite.
            </p>
          )}
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
          <Radios
            name="how"
            legend="Comment la personne a donné son accord"
            inline
            required
            error={errors.how}
            options={[
              { value: "ecrit", label: "Par écrit" },
              { value: "oral", label: "Oralement" },
            ]}
          />
          <DateField name="givenOn" label="Date de l'accord" error={errors.givenOn} required />
          {!can.recordConsentForPerson && (
            <CheckboxField
              name="attested"
              id="champ-attested"
              value="1"
              error={errors.attested}
              label="J'atteste que la personne m'a donné elle-même cet accord"
            />
          )}
          <Button kind="secondary">Enregistrer le consentement</Button>
        </PostForm>
      )}
    </Section>
  );
}
