// « Mon accompagnement » (/mon-espace/accompagnement): the follow-up as the
// person may see it. Read only: nothing to post here.

import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { frenchLongDate, frenchSpokenDateTime } from "../../platform/time/french-dates.ts";
import { Tag } from "../../platform/ui/components.tsx";
import { telHref } from "../../platform/ui/french.ts";
import { STATUS_LABELS } from "../appointments/service.ts";
import {
  ACTION_STATUS_LABELS,
  OBJECTIVE_STATUS_LABELS,
  ORIENTATION_STATUS_LABELS,
  THEMES,
} from "../records/service.ts";
import { type Accompagnement, myAccompagnement } from "./accompagnement.ts";
import { residentContext, residentOnly } from "./session.ts";
import { frenchDay, SpacePage } from "./views.tsx";

export const ACCOMPAGNEMENT_PATH = "/mon-espace/accompagnement";

export const accompagnementRoutes = new Hono<AppEnv>();
accompagnementRoutes.use(ACCOMPAGNEMENT_PATH, residentOnly);
accompagnementRoutes.use(ACCOMPAGNEMENT_PATH, holdsPersonalData);

function label<T extends Record<string, string>>(labels: T, key: string): string {
  return (labels as Record<string, string>)[key] ?? key;
}

function FollowUp({ item, headingSuffix }: { item: Accompagnement; headingSuffix: string }) {
  const { record } = item;
  return (
    <section aria-labelledby={`suivi-${record.parcoursId}`}>
      <h2 id={`suivi-${record.parcoursId}`}>Mon suivi{headingSuffix}</h2>
      {record.status !== "ouvert" && (
        <p>
          <Tag>Suivi terminé</Tag>
        </p>
      )}
      <h3>Mon référent</h3>
      <p>Votre référent, c'est la personne qui suit votre dossier : c'est elle que vous appelez.</p>
      {record.referent ? (
        <p>
          <strong>{record.referent.name}</strong>
          {record.referent.structure && `, ${record.referent.structure}`}
        </p>
      ) : (
        <p>Aucun référent n'est désigné pour l'instant.</p>
      )}
      {record.contacts.length > 0 && (
        <>
          <p>Pour le joindre :</p>
          <ul class="espace-list">
            {record.contacts.map((place) => (
              <li>
                <strong>{place.name}</strong>
                <br />
                {place.address}
                {place.phone && (
                  <>
                    <br />
                    Téléphone : <a href={telHref(place.phone)}>{place.phone}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Les structures qui m'accompagnent</h3>
      <ul>
        {record.structures.map((structure) => (
          <li>
            {structure.name} (depuis le {frenchLongDate(structure.joinedAt)})
          </li>
        ))}
      </ul>
      <h3>Mes objectifs et les actions prévues</h3>
      {record.objectives.length === 0 ? (
        <p>Aucun objectif n'est encore écrit.</p>
      ) : (
        <ul class="espace-list">
          {record.objectives.map((objective) => (
            <li>
              <p>
                <strong>{objective.title}</strong> — {label(THEMES, objective.theme)}{" "}
                <Tag>{label(OBJECTIVE_STATUS_LABELS, objective.status)}</Tag>
              </p>
              {objective.actions.length > 0 && (
                <ul>
                  {objective.actions.map((action) => (
                    <li>
                      {action.title} ({action.assignee}
                      {action.dueDate && `, pour le ${frenchDay(action.dueDate)}`}) :{" "}
                      {label(ACTION_STATUS_LABELS, action.status)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Mes orientations</h3>
      <p>Les services vers lesquels on vous a proposé d'aller, et où en est chaque demande.</p>
      {record.orientations.length === 0 ? (
        <p>Aucune orientation.</p>
      ) : (
        <ul class="espace-list">
          {record.orientations.map((orientation) => (
            <li>
              Vers <strong>{orientation.toServiceName ?? orientation.toName}</strong>
              {orientation.toServiceName && ` (${orientation.toName})`}, proposée par{" "}
              {orientation.fromName} le {frenchLongDate(orientation.createdAt)} :{" "}
              <Tag>{label(ORIENTATION_STATUS_LABELS, orientation.status)}</Tag>
            </li>
          ))}
        </ul>
      )}
      <h3>Mes rendez-vous avec ces structures</h3>
      {record.appointments.length === 0 ? (
        <p>Aucun rendez-vous.</p>
      ) : (
        <ul class="espace-list">
          {record.appointments.map((a) => (
            <li>
              <strong>{frenchSpokenDateTime(a.startsAt)}</strong> — {a.motifName},{" "}
              {a.organisationName} <Tag>{STATUS_LABELS[a.status]}</Tag>
            </li>
          ))}
        </ul>
      )}
      <h3>Les notes partagées avec moi</h3>
      <p>
        Les professionnels choisissent les notes qu'ils partagent avec vous. Les informations de
        santé n'apparaissent pas ici : demandez-les à votre référent.
      </p>
      {record.notes.length === 0 ? (
        <p>Aucune note partagée.</p>
      ) : (
        <ol class="espace-list">
          {record.notes.map((note) => (
            <li>
              <p>
                <strong>{frenchDay(note.contactDate)}</strong>
                {note.authorName && ` — ${note.authorName}`}
                {note.authorOrganisation && ` (${note.authorOrganisation})`}
              </p>
              <p class="records-note">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

accompagnementRoutes.get(ACCOMPAGNEMENT_PATH, async (c) => {
  const ctx = residentContext(c);
  const followUps = await myAccompagnement(ctx);
  return c.html(
    <SpacePage c={c} title="Mon accompagnement">
      <h1>Mon accompagnement</h1>
      {followUps.length === 0 ? (
        <p>
          Aucun suivi n'est relié à votre espace. Si un travailleur social vous suit, il peut relier
          votre dossier à votre espace : donnez-lui le numéro ou l'adresse avec lesquels vous vous
          connectez.
        </p>
      ) : (
        followUps.map((item) => (
          <FollowUp
            item={item}
            headingSuffix={followUps.length > 1 ? ` avec ${item.link.organisationName}` : ""}
          />
        ))
      )}
    </SpacePage>,
  );
});
