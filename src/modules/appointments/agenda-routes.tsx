// The professionals' agenda: a day or a week, with each appointment's status.

import { Hono } from "hono";
import { z } from "zod";
import { can } from "../../platform/access/policy.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import {
  frenchLocalDate,
  frenchShortDay,
  frenchTextTime,
} from "../../platform/time/french-dates.ts";
import {
  addDays,
  isLocalDate,
  type LocalDate,
  parisDate,
  parisToDate,
} from "../../platform/time/paris.ts";
import { Alert, CsrfField, SelectField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { appointmentContext } from "./api.ts";
import { LOCATION_LABELS } from "./booking-views.tsx";
import { parseFrenchPhone } from "./phone.ts";
import { placeStatistics } from "./place-statistics.ts";
import { appointmentRules } from "./policy.ts";
import { chosenOrganisation, crumbs } from "./pro-context.ts";
import { agentAgenda, listAgents, STATUS_LABELS, setAppointmentStatus } from "./service.ts";
import { appointmentStatistics } from "./statistics.ts";
import type { RdvStatus } from "./tables.ts";
import { mondayOf, query } from "./views.tsx";

function lowerDay(date: LocalDate): string {
  return frenchLocalDate(date, { weekday: true });
}

export const agendaRoutes = new Hono<AppEnv>();
agendaRoutes.use("/pro/rendez-vous/*", holdsPersonalData);
agendaRoutes.use("/pro/rendez-vous", holdsPersonalData);

agendaRoutes.get("/pro/rendez-vous", async (c) => {
  const actor = requireUser(c);
  const organisationId = chosenOrganisation(c, actor);
  const ctx = appointmentContext(c);
  const agents = (await listAgents(ctx)).filter((a) => a.organisationId === organisationId);
  // Their own agenda for those who receive; the first colleague's for the desk
  // and the responsable, who may see every agenda; one's own (maybe empty) otherwise.
  const self = actor.userId;
  const seesColleagues = can(actor, appointmentRules.viewAgenda, { organisationId });
  const agentId =
    c.req.query("agent") ||
    (agents.some((a) => a.id === self) || !seesColleagues ? self : (agents[0]?.id ?? self));
  const week = c.req.query("vue") === "semaine";
  const requestedDay = c.req.query("jour");
  const day = requestedDay && isLocalDate(requestedDay) ? requestedDay : parisDate(ctx.now);
  const first = week ? mondayOf(day) : day;
  const last = addDays(first, week ? 7 : 1);
  const entries = await agentAgenda(ctx, agentId, organisationId, {
    from: parisToDate(first, "00:00"),
    to: parisToDate(last, "00:00"),
  });
  const page = "/pro/rendez-vous";
  const link = (params: Record<string, string>) =>
    `${page}${query({ agent: agentId, jour: day, vue: week ? "semaine" : undefined, ...params })}`;
  const returnTo = link({});
  return c.html(
    <Layout page={pageContext(c)} title="Agenda" breadcrumb={crumbs("Agenda")}>
      <h1>Agenda {week ? `de la semaine du ${lowerDay(first)}` : `du ${lowerDay(day)}`}</h1>
      {c.req.query("reserve") === "1" && <Alert kind="success" title="Rendez-vous réservé" />}
      <p>
        <a class="button button--primary" href="/pro/rendez-vous/prendre">
          Prendre un rendez-vous pour quelqu'un
        </a>{" "}
        <a href="/pro/rendez-vous/seances">Séances collectives</a>{" "}
        <a href="/pro/rendez-vous/statistiques">Statistiques</a>{" "}
        <a href="/pro/rendez-vous/configuration">Motifs et plages d'ouverture</a>
      </p>
      <form method="get" action={page} class="rdv-agenda-filter">
        <SelectField
          inline
          name="agent"
          label="Agenda de"
          options={agents.map((a) => ({ value: a.id, label: a.name }))}
          value={agentId}
        />
        <input type="hidden" name="jour" value={day} />
        {week && <input type="hidden" name="vue" value="semaine" />}
        <button type="submit" class="button button--secondary">
          Afficher
        </button>
      </form>
      <nav class="rdv-week-nav" aria-label="Changer de période">
        <ul>
          <li>
            <a href={link({ jour: addDays(first, week ? -7 : -1) })}>
              {week ? "Semaine précédente" : "Jour précédent"}
            </a>
          </li>
          <li>
            <a href={link({ jour: addDays(first, week ? 7 : 1) })}>
              {week ? "Semaine suivante" : "Jour suivant"}
            </a>
          </li>
          <li>
            {week ? (
              <a href={link({ vue: "" })}>Vue du jour</a>
            ) : (
              <a href={link({ vue: "semaine" })}>Vue de la semaine</a>
            )}
          </li>
        </ul>
      </nav>
      {entries.length === 0 ? (
        <p>Aucun rendez-vous sur cette période.</p>
      ) : (
        <section class="table-wrapper" aria-label="Rendez-vous" tabindex={0}>
          <table class="rdv-agenda">
            <caption>{entries.length} rendez-vous</caption>
            <thead>
              <tr>
                <th scope="col">Horaire</th>
                <th scope="col">Personne</th>
                <th scope="col">Motif</th>
                <th scope="col">État</th>
                <th scope="col">Marquer</th>
                <th scope="col">Suite</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <td>
                    {week && <span class="rdv-agenda__day">{frenchShortDay(entry.startsAt)}</span>}
                    {frenchTextTime(entry.startsAt)}
                  </td>
                  <td>
                    {entry.personName}
                    {entry.phone && (
                      <span class="rdv-agenda__contact">
                        {parseFrenchPhone(entry.phone)?.national ?? entry.phone}
                      </span>
                    )}
                  </td>
                  <td>
                    {entry.motifName}
                    <span class="rdv-agenda__contact">
                      {entry.lieuName ??
                        LOCATION_LABELS[entry.locationKind as keyof typeof LOCATION_LABELS]}
                    </span>
                  </td>
                  <td>{STATUS_LABELS[entry.status]}</td>
                  <td>
                    {(entry.status === "unknown" ||
                      entry.status === "seen" ||
                      entry.status === "noshow") && (
                      <StatusButtons
                        c={c}
                        id={entry.id}
                        who={`${entry.personName}, ${frenchTextTime(entry.startsAt)}`}
                        returnTo={returnTo}
                        past={entry.startsAt <= ctx.now}
                      />
                    )}
                  </td>
                  <td>
                    <a
                      href={`/pro/rendez-vous/prendre/creneaux${query({
                        motif: entry.motifId,
                        lieu: entry.lieuId ?? "telephone",
                        suite: entry.id,
                      })}`}
                    >
                      Prendre un rendez-vous de suivi
                      <span class="visually-hidden"> : {entry.personName}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>,
  );
});

function StatusButtons(props: {
  c: AppContext;
  id: string;
  who: string;
  returnTo: string;
  past: boolean;
}) {
  const choices: [RdvStatus, string][] = props.past
    ? [
        ["seen", "Vu"],
        ["noshow", "Absent"],
      ]
    : [["revoked", "Annuler"]];
  return (
    <div class="rdv-status-buttons">
      {choices.map(([status, label]) => (
        <form method="post" action={`/pro/rendez-vous/${props.id}/statut`} class="inline-form">
          <CsrfField token={props.c.var.csrfToken} />
          <input type="hidden" name="statut" value={status} />
          <input type="hidden" name="retour" value={props.returnTo} />
          <button type="submit" class="button button--secondary button--small">
            {label}
            <span class="visually-hidden"> : {props.who}</span>
          </button>
        </form>
      ))}
    </div>
  );
}

const StatusForm = z.object({
  statut: z.enum(["seen", "noshow", "revoked", "unknown"]),
  retour: z
    .string()
    .regex(/^\/pro\/rendez-vous[\w\-./?=&%]*$/)
    .optional(),
});

agendaRoutes.post("/pro/rendez-vous/:id/statut", async (c) => {
  const input = await parseForm(c, StatusForm, "Le formulaire contient des erreurs.");
  await setAppointmentStatus(userContext(c), c.req.param("id"), input.statut);
  return c.redirect(input.retour ?? "/pro/rendez-vous", 303);
});

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

agendaRoutes.get("/pro/rendez-vous/statistiques", async (c) => {
  const actor = requireUser(c);
  const organisationId = chosenOrganisation(c, actor);
  const ctx = appointmentContext(c);
  const [rows, places] = await Promise.all([
    appointmentStatistics(ctx, organisationId),
    placeStatistics(ctx, organisationId),
  ]);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Statistiques des rendez-vous"
      breadcrumb={crumbs("Statistiques")}
    >
      <h1>Statistiques des rendez-vous</h1>
      <p>Sur les 90 derniers jours ; délai jusqu'au premier créneau libre, calculé maintenant.</p>
      <StatisticsTable
        caption="Par motif"
        nameHeader="Motif"
        rows={rows.map((row) => ({
          ...row,
          organisationName: row.motif.organisationName,
          name: row.motif.name,
        }))}
      />
      <StatisticsTable
        caption="Par lieu"
        nameHeader="Lieu"
        rows={places.map((row) => ({ ...row, name: row.lieuName }))}
      />
    </Layout>,
  );
});

type StatisticsRow = {
  organisationName: string;
  name: string;
  daysToFirstSlot: number | null;
  past: number;
  noShowRate: number | null;
  cancelled: number;
  upcoming: number;
};

/** One breakdown of the statistics page (per motif, per place): the same columns. */
function StatisticsTable(props: { caption: string; nameHeader: string; rows: StatisticsRow[] }) {
  return (
    <section
      class="table-wrapper"
      aria-label={`Statistiques ${props.caption.toLowerCase()}`}
      tabindex={0}
    >
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">{props.nameHeader}</th>
            <th scope="col">Premier créneau libre (jours)</th>
            <th scope="col">Rendez-vous passés</th>
            <th scope="col">Taux d'absence</th>
            <th scope="col">Annulés</th>
            <th scope="col">À venir</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <td>{row.organisationName}</td>
              <th scope="row">{row.name}</th>
              <td>
                {row.daysToFirstSlot === null
                  ? "aucun sous 31 jours"
                  : decimal.format(row.daysToFirstSlot)}
              </td>
              <td>{row.past}</td>
              <td>{row.noShowRate === null ? "—" : percent.format(row.noShowRate)}</td>
              <td>{row.cancelled}</td>
              <td>{row.upcoming}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
