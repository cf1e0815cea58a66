// Orientations received by the worker's structures: each one accepted (the
// record opens to the structure) or refused with a reason.

import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  userContext,
} from "../../platform/http/context.ts";
import { formErrors, formValues, parseForm } from "../../platform/http/forms.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import {
  Button,
  Card,
  CsrfField,
  ErrorSummary,
  fieldId,
  Radios,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { recordsRules } from "./policy.ts";
import { crumbs } from "./record-rendering.tsx";
import { decideOrientation, listIncomingOrientations } from "./sharing.ts";

export const incomingOrientationRoutes = new Hono<AppEnv>();

/** A refused decision on one orientation: its card shows the errors and what was typed. */
type DecisionErrors = {
  orientationId: string;
  errors: Record<string, string>;
  values: Record<string, string>;
};

async function renderIncoming(c: AppContext, refused?: DecisionErrors) {
  const ctx = userContext(c);
  authorize(ctx.actor, recordsRules.enterRecords, undefined);
  const incoming = await listIncomingOrientations(ctx);
  // Several cards share the page: each field's id carries its orientation's id.
  const summary = refused
    ? Object.fromEntries(
        Object.entries(refused.errors).map(([field, message]) => [
          `${field}-${refused.orientationId}`,
          message,
        ]),
      )
    : {};
  return c.html(
    <Layout
      page={pageContext(c)}
      title={refused ? "Erreur — Orientations reçues" : "Orientations reçues"}
      breadcrumb={crumbs("Orientations reçues")}
    >
      <h1>Orientations reçues</h1>
      <ErrorSummary errors={summary} />
      {incoming.length === 0 && <p>Aucune orientation en attente.</p>}
      {incoming.map((o) => {
        const errors = refused?.orientationId === o.id ? refused.errors : {};
        const values = refused?.orientationId === o.id ? refused.values : {};
        const reasonId = fieldId(`reason-${o.id}`);
        return (
          <Card title={`${o.firstName} ${o.lastName}, né·e le ${frenchLocalDate(o.birthDate)}`}>
            <p>
              De {o.fromName} vers {o.toName}
              {o.serviceName && ` (${o.serviceName})`}. {o.message}
            </p>
            <form method="post" action={`/pro/orientations/${o.id}`} class="records-form">
              <CsrfField token={c.var.csrfToken} />
              <Radios
                name="decision"
                id={fieldId(`decision-${o.id}`)}
                legend="Décision"
                inline
                required
                error={errors.decision}
                value={values.decision}
                options={[
                  { value: "acceptee", label: "Accepter", id: `accepter-${o.id}` },
                  { value: "refusee", label: "Refuser", id: `refuser-${o.id}` },
                ]}
              />
              <TextField
                name="reason"
                id={reasonId}
                label="Raison (obligatoire en cas de refus)"
                markOptional={false}
                value={values.reason}
                error={errors.reason}
              />
              <Button>Envoyer la décision</Button>
            </form>
          </Card>
        );
      })}
    </Layout>,
    refused ? 400 : 200,
  );
}

incomingOrientationRoutes.get("/pro/orientations", (c) => renderIncoming(c));

const DecisionForm = z.object({
  decision: z.enum(["acceptee", "refusee"], "Choisissez « Accepter » ou « Refuser »."),
  reason: z.string().trim().max(1000, "1 000 caractères au plus.").optional(),
});

incomingOrientationRoutes.post("/pro/orientations/:id", async (c) => {
  const ctx = userContext(c);
  authorize(ctx.actor, recordsRules.enterRecords, undefined);
  const orientationId = c.req.param("id");
  let decided: Awaited<ReturnType<typeof decideOrientation>>;
  try {
    const input = await parseForm(c, DecisionForm);
    decided = await decideOrientation(ctx, orientationId, input);
  } catch (error) {
    const errors = formErrors(error, "decision");
    if (!errors) throw error;
    return renderIncoming(c, { orientationId, errors, values: await formValues(c) });
  }
  return c.redirect(
    decided.status === "acceptee" ? `/pro/dossiers/${decided.parcoursId}` : "/pro/orientations",
    303,
  );
});
