// The notes (the timeline of contacts, sensitive ones only for those allowed)
// and the documents of the record page, with their forms.

import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import { Button, CheckboxField, Tag, TextField } from "../../platform/ui/components.tsx";
import { PostForm, Section, type SectionProps } from "./record-page-parts.tsx";

export function NotesSection({ record, can, base, token, errors }: SectionProps) {
  return (
    <Section id="notes" title="Notes">
      {can.writeRecord && (
        <PostForm action={`${base}/notes`} token={token}>
          <TextField
            name="contactDate"
            type="date"
            label="Date du contact"
            error={errors.contactDate}
            required
            width="medium"
          />
          <div class={`field${errors.body ? " field--error" : ""}`}>
            <label for="champ-body" class="field__label">
              Note
            </label>
            {errors.body && (
              <p id="champ-body-erreur" class="field__error">
                {errors.body}
              </p>
            )}
            <textarea
              id="champ-body"
              name="body"
              rows={4}
              class="field__textarea"
              required
              aria-describedby={errors.body ? "champ-body-erreur" : undefined}
            />
          </div>
          {can.writeSensitive && (
            <div class="field">
              <input type="checkbox" id="champ-sensitive" name="sensitive" value="1" />{" "}
              <label for="champ-sensitive">
                Note sensible (santé) : visible des seuls travailleurs sociaux autorisés
              </label>
            </div>
          )}
          <CheckboxField
            name="sharedWithPerson"
            value="1"
            error={errors.sharedWithPerson}
            label="Partageable avec la personne : elle la lira dans « Mon espace » (jamais pour une note de santé)"
          />
          <Button>Ajouter la note</Button>
        </PostForm>
      )}
      <ol class="records-timeline">
        {record.notes.map((note) => (
          <li>
            <p>
              <strong>{frenchLocalDate(note.contactDate)}</strong> — {note.authorName ?? "?"} (
              {note.authorOrganisation ?? "?"})
              {note.isSensitive && <Tag kind="warning">Sensible</Tag>}
              {note.sharedWithPerson && <Tag>Partagée avec la personne</Tag>}
            </p>
            <p class="records-note">{note.body}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

export function DocumentsSection({ record, can, base, token, errors }: SectionProps) {
  return (
    <Section id="documents" title="Documents">
      <p>
        <a href={`${base}/espace`}>
          Espace personnel de la personne : le relier, voir ce qu'elle vous partage et ses demandes
          de correction
        </a>
      </p>
      <ul>
        {record.documents.map((doc) => (
          <li>
            <a href={`${base}/documents/${doc.id}`}>{doc.fileName}</a> (
            {Math.ceil(doc.sizeBytes / 1024)} Ko)
            {doc.isSensitive && <Tag kind="warning">Santé</Tag>}
          </li>
        ))}
      </ul>
      {can.writeRecord && (
        <PostForm action={`${base}/documents`} token={token} enctype="multipart/form-data">
          <div class={`field${errors.document ? " field--error" : ""}`}>
            <label for="champ-document" class="field__label">
              Ajouter un document (PDF, PNG ou JPEG, 10 Mo au plus)
            </label>
            {errors.document && (
              <p id="champ-document-erreur" class="field__error">
                {errors.document}
              </p>
            )}
            <input
              id="champ-document"
              type="file"
              name="document"
              accept=".pdf,.png,.jpg,.jpeg"
              required
            />
          </div>
          {can.writeSensitive && (
            <div class="field">
              <input type="checkbox" id="champ-document-sensitive" name="sensitive" value="1" />{" "}
              <label for="champ-document-sensitive">
                Document de santé (certificat médical…) : visible des seuls travailleurs sociaux
                autorisés
              </label>
            </div>
          )}
          <Button kind="secondary">Envoyer</Button>
        </PostForm>
      )}
    </Section>
  );
}
