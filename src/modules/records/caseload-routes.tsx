// The responsable de structure's follow-up: how many parcours each social
// worker is referent of against the structure's maximum, and the records
// that need attention.

import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { type AppEnv, pageContext, userContext } from "../../platform/http/context.ts";
import { parseForm } from "../../platform/http/forms.ts";
import { Button, CsrfField, Tag, TextField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { ATTENTION_LABELS } from "./attention.ts";
import { ATTENTION_LIMIT, recordsNeedingAttention } from "./attention-list.ts";
import { defaultCaseloadOrganisationId, recordsRules } from "./policy.ts";
import { crumbs } from "./record-rendering.tsx";
import { caseloadDashboard, setMaxCaseload } from "./referent.ts";

export const caseloadRoutes = new Hono<AppEnv>();

caseloadRoutes.get("/pro/suivi-structure", async (c) => {
  const ctx = userContext(c);
  const organisationId = c.req.query("structure") ?? defaultCaseloadOrganisationId(ctx.actor) ?? "";
  // Two independent reads, each authorized: side by side, the page waits for the longer one only.
  const [dashboard, attention] = await Promise.all([
    caseloadDashboard(ctx, organisationId),
    recordsNeedingAttention(ctx, organisationId),
  ]);
  return c.html(
    <Layout
      page={pageContext(c)}
      title="Suivi de la structure"
      breadcrumb={crumbs("Suivi de la structure")}
    >
      <h1>Charge des travailleurs sociaux</h1>
      <form
        method="post"
        action={`/pro/suivi-structure?structure=${organisationId}`}
        class="records-form"
      >
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="max"
          type="number"
          label="Nombre maximum de parcours par travailleur social"
          value={String(dashboard.max)}
          width="short"
          required
          inputmode="numeric"
        />
        <Button kind="secondary">Enregistrer</Button>
      </form>
      <div class="table-wrapper">
        <table>
          <caption>Parcours ouverts dont chacun est référent (maximum : {dashboard.max})</caption>
          <thead>
            <tr>
              <th scope="col">Travailleur social</th>
              <th scope="col">Parcours</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.workers.map((w) => (
              <tr>
                <td>{w.name}</td>
                <td>{w.count}</td>
                <td>
                  {w.level === "over" ? (
                    <Tag kind="warning">Au-delà du maximum</Tag>
                  ) : w.level === "near" ? (
                    <Tag kind="warning">Proche du maximum</Tag>
                  ) : (
                    <Tag kind="success">Dans la limite</Tag>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Dossiers qui demandent votre attention</h2>
      {attention.length === 0 && <p>Aucun pour l'instant.</p>}
      {attention.length >= ATTENTION_LIMIT && (
        <p>
          Seuls les {ATTENTION_LIMIT} premiers sont affichés : les jeunes qui vont quitter l'ASE,
          puis les dossiers sans contact depuis le plus longtemps.
        </p>
      )}
      <ul>
        {attention.map((a) => (
          <li>
            <a href={`/pro/dossiers/${a.parcoursId}`}>{a.name}</a> (
            {a.referentName ?? "sans référent"}) :{" "}
            {a.reasons.map((r) => ATTENTION_LABELS[r]).join(" ; ")}
          </li>
        ))}
      </ul>
    </Layout>,
  );
});

const CaseloadForm = z.object({
  max: z.coerce.number().int().min(1, "Au moins 1.").max(1000, "Au plus 1 000."),
});

caseloadRoutes.post("/pro/suivi-structure", async (c) => {
  const ctx = userContext(c);
  const organisationId = c.req.query("structure") ?? "";
  authorize(ctx.actor, recordsRules.viewCaseload, { organisationId });
  const { max } = await parseForm(c, CaseloadForm);
  await setMaxCaseload(ctx, organisationId, max);
  return c.redirect(`/pro/suivi-structure?structure=${organisationId}`, 303);
});
