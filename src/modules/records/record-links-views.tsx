// What other modules bring to the record page: the person's appointments
// (appointments module) and the rights simulations attached to the parcours
// (computed by the rights module, kept here).

import { frenchDateTime, frenchLongDate, frenchMonth } from "../../platform/time/french-dates.ts";
import type { RecordView } from "./record.ts";

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

const APPOINTMENT_STATUS: Record<RecordView["appointments"][number]["status"], string> = {
  unknown: "à venir",
  seen: "vu",
  excused: "annulé par la personne",
  revoked: "annulé par le service",
  noshow: "absent",
};

function AppointmentItem({ a }: { a: RecordView["appointments"][number] }) {
  return (
    <li>
      {frenchDateTime(a.startsAt, { weekday: true })} : {a.motifName}, {a.organisationName} (
      {a.where}, avec {a.agentName}) — {APPOINTMENT_STATUS[a.status]}
    </li>
  );
}

export function AppointmentsList({ view, now }: { view: RecordView; now: Date }) {
  const upcoming = view.appointments.filter((a) => a.startsAt >= now).reverse();
  const past = view.appointments.filter((a) => a.startsAt < now);
  return (
    <>
      {view.person.status === "ouvert" && (
        <p>
          <a href={`/pro/rendez-vous/prendre?dossier=${view.access.parcoursId}`}>
            Prendre rendez-vous pour cette personne
          </a>
        </p>
      )}
      <h3>À venir</h3>
      {upcoming.length === 0 ? (
        <p>Aucun rendez-vous à venir.</p>
      ) : (
        <ul>
          {upcoming.map((a) => (
            <AppointmentItem a={a} />
          ))}
        </ul>
      )}
      <h3>Passés</h3>
      {past.length === 0 ? (
        <p>Aucun rendez-vous passé.</p>
      ) : (
        <ul>
          {past.map((a) => (
            <AppointmentItem a={a} />
          ))}
        </ul>
      )}
    </>
  );
}

type Simulation = NonNullable<RecordView["record"]>["simulations"][number];

function amount(cents: number, periodicity: string): string {
  const per =
    periodicity === "annuelle"
      ? " par an"
      : periodicity === "ponctuelle"
        ? " en une fois"
        : " par mois";
  return `${euros.format(cents / 100)}${per}`;
}

export function SimulationsList({ simulations }: { simulations: readonly Simulation[] }) {
  if (simulations.length === 0) {
    return (
      <p>
        Aucune simulation rattachée. Le <a href="/pro/simulateur">simulateur de droits</a> propose
        de rattacher ses résultats au dossier.
      </p>
    );
  }
  return (
    <>
      {simulations.map((s) => {
        const found = s.results.filter((r) => r.eligible && r.amountCents > 0);
        return (
          <div class="table-wrapper">
            <table>
              <caption>
                Droits estimés pour {frenchMonth(s.month)},
                {s.sharedByPersonAt
                  ? `simulation partagée par la personne le ${frenchLongDate(s.sharedByPersonAt)}`
                  : `simulation rattachée le ${frenchLongDate(s.attachedAt)}`}
                {!s.sharedByPersonAt && s.attachedBy && ` par ${s.attachedBy}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Prestation</th>
                  <th scope="col">Montant estimé</th>
                </tr>
              </thead>
              <tbody>
                {found.length === 0 ? (
                  <tr>
                    <td colspan={2}>Aucune prestation estimée.</td>
                  </tr>
                ) : (
                  found.map((r) => (
                    <tr>
                      <th scope="row">{r.label}</th>
                      <td>{amount(r.amountCents, r.periodicity)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}
