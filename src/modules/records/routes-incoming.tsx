// Orientations received by the worker's structures: each one accepted (the
// record opens to the structure) or refused with a reason.

import { Hono } from "hono";
import { z } from "zod";
import { authorize } from "../../platform/access/policy.ts";
import { Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, pageContext } from "../../platform/http/context.ts";
import { readForm } from "../../platform/http/forms.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import { Button, Card, CsrfField, ErrorSummary, fieldId } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { recordsRules } from "./policy.ts";
import { crumbs, recordsContext } from "./routes-helpers.tsx";
import { decideOrientation, listIncomingOrientations } from "./sharing.ts";

export const incomingOrientationRoutes = new Hono<AppEnv>();

/** A refused decision on one orientation: its card shows the errors and what was typed. */
type DecisionErrors = {
  orientationId: string;
  errors: Record<string, string>;
  values: Record<string, string>;
};

async function renderIncoming(c: AppContext, refused?: DecisionErrors) {
  const actor = c.var.actor;
  authorize(actor, recordsRules.enterRecords, undefined);
  const incoming = await listIncomingOrientations(c.var.db, actor, recordsContext(c));
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
              <fieldset class={`field${errors.decision ? " field--error" : ""}`}>
                <legend class="field__label" id={fieldId(`decision-${o.id}`)} tabindex={-1}>
                  Décision
                </legend>
                {errors.decision && <p class="field__error">{errors.decision}</p>}
                <input
                  type="radio"
                  id={`accepter-${o.id}`}
                  name="decision"
                  value="acceptee"
                  checked={values.decision === "acceptee"}
                  required
                />{" "}
                <label for={`accepter-${o.id}`}>Accepter</label>{" "}
                <input
                  type="radio"
                  id={`refuser-${o.id}`}
                  name="decision"
                  value="refusee"
                  checked={values.decision === "refusee"}
                />{" "}
                <label for={`refuser-${o.id}`}>Refuser</label>
              </fieldset>
              <div class={`field${errors.reason ? " field--error" : ""}`}>
                <label for={reasonId} class="field__label">
                  Raison (obligatoire en cas de refus)
                </label>
                {errors.reason && (
                  <p id={`${reasonId}-erreur`} class="field__error">
                    <span class="visually-hidden">Erreur : </span>
                    {errors.reason}
                  </p>
                )}
                <input
                  id={reasonId}
                  name="reason"
                  type="text"
                  class="field__input field__input--full"
                  value={values.reason ?? ""}
                  aria-invalid={errors.reason ? "true" : undefined}
                  aria-describedby={errors.reason ? `${reasonId}-erreur` : undefined}
                />
              </div>
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

incomingOrientationRoutes.post("/pro/orientations/:id", async (c) => {
  const actor = c.var.actor;
  authorize(actor, recordsRules.enterRecords, undefined);
  const orientationId = c.req.param("id");
  const result = await readForm(
    c,
    z.object({
      decision: z.enum(["acceptee", "refusee"], "Choisissez « Accepter » ou « Refuser »."),
      reason: z.string().trim().max(1000, "1 000 caractères au plus.").optional(),
    }),
  );
  if (!result.ok)
    return renderIncoming(c, { orientationId, errors: result.errors, values: result.values });
  let decided: Awaited<ReturnType<typeof decideOrientation>>;
  try {
    decided = await decideOrientation(
      c.var.db,
      actor,
      orientationId,
      result.data,
      recordsContext(c),
    );
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const errors =
      Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { decision: error.message };
    return renderIncoming(c, { orientationId, errors, values: result.values });
  }
  return c.redirect(
    decided.status === "acceptee" ? `/pro/dossiers/${decided.parcoursId}` : "/pro/orientations",
    303,
  );
});
