// The list of records a worker may open: search by name or birth date, the
// records where the worker is referent, and the link to open a new one.

import { Hono } from "hono";
import { authorize } from "../../platform/access/policy.ts";
import { type AppEnv, pageContext, userContext } from "../../platform/http/context.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import { Alert, Button, DateField, TextField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { listRecords } from "./persons.ts";
import { recordsRules, recordWriterMemberships } from "./policy.ts";
import { crumbs } from "./record-rendering.tsx";
import { countIncomingOrientations } from "./sharing.ts";
import { PARCOURS_STATUS_LABELS } from "./themes.ts";

export const recordListRoutes = new Hono<AppEnv>();

recordListRoutes.get("/pro/dossiers", async (c) => {
  const ctx = userContext(c);
  authorize(ctx.actor, recordsRules.enterRecords, undefined);
  const query = c.req.query("nom")?.trim() ?? "";
  const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(c.req.query("naissance") ?? "")
    ? c.req.query("naissance")
    : undefined;
  const mine = c.req.query("mes") === "1";
  const rows = await listRecords(ctx, { query, birthDate, mine });
  const incoming = await countIncomingOrientations(ctx);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Dossiers"
      breadcrumb={crumbs("Dossiers")
        .slice(0, 2)
        .concat([{ label: "Dossiers" }])}
    >
      <h1>Dossiers des personnes accompagnées</h1>
      {incoming > 0 && (
        <Alert kind="info" title={`${incoming} orientation(s) à traiter`}>
          <a href="/pro/orientations">Voir les orientations reçues</a>
        </Alert>
      )}
      <search>
        <form method="get" action="/pro/dossiers" class="records-form">
          <TextField name="nom" label="Nom ou prénom" value={query} type="search" />
          <DateField name="naissance" label="Date de naissance" value={birthDate} />
          <Button kind="secondary">Rechercher</Button>
        </form>
      </search>
      <p>
        <a href="/pro/dossiers?mes=1">Les dossiers dont je suis référent</a>
        {recordWriterMemberships(ctx.actor).length > 0 && (
          <>
            {" · "}
            <a href="/pro/dossiers/nouveau">Ouvrir le dossier d'une nouvelle personne</a>
          </>
        )}
      </p>
      {rows.length === 0 ? (
        <p>Aucun dossier trouvé.</p>
      ) : (
        <div class="table-wrapper">
          <table>
            <caption>Dossiers que vous pouvez consulter</caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Naissance</th>
                <th scope="col">Référent</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    <a href={`/pro/dossiers/${row.parcoursId}`}>
                      {row.lastName} {row.firstName}
                    </a>
                  </td>
                  <td>{frenchLocalDate(row.birthDate)}</td>
                  <td>{row.referentName ?? "—"}</td>
                  <td>
                    {PARCOURS_STATUS_LABELS[row.status as keyof typeof PARCOURS_STATUS_LABELS]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
});
