// The notes (the timeline of contacts, sensitive ones only for those allowed)
// and the documents of the record page, with their forms.

import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Button,
  CheckboxField,
  DateField,
  FileField,
  Tag,
  TextAreaField,
} from "../../platform/ui/components.tsx";
import { PostForm, Section, type SectionProps } from "./record-views.tsx";

export function NotesSection({ record, can, base, token, errors }: SectionProps) {
  return (
    <Section id="notes" title="Notes">
      {can.writeRecord && (
        <PostForm action={`${base}/notes`} token={token}>
          <DateField
            name="contactDate"
            label="Date du contact"
            error={errors.contactDate}
            required
          />
          <TextAreaField name="body" label="Note" rows={4} required error={errors.body} />
          {can.writeSensitive && (
            <CheckboxField
              name="sensitive"
              value="1"
              label="Note sensible (santé) : visible des seuls travailleurs sociaux autorisés"
            />
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
          <FileField
            name="document"
            label="Ajouter un document (PDF, PNG ou JPEG, 10 Mo au plus)"
            accept=".pdf,.png,.jpg,.jpeg"
            required
            error={errors.document}
          />
          {can.writeSensitive && (
            <CheckboxField
              name="sensitive"
              id="champ-document-sensitive"
              value="1"
              label="Document de santé (certificat médical…) : visible des seuls travailleurs sociaux autorisés"
            />
          )}
          <Button kind="secondary">Envoyer</Button>
        </PostForm>
      )}
    </Section>
  );
}
