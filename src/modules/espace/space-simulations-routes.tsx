// « Mes simulations »: from the rights simulator's results to the space
// (with consent), the list, a run for the current month, a share with a
// linked structure, a deletion.
//
// The simulator's pages are outside /mon-espace, where the resident's cookie
// is not sent: its « Garder » button posts the signed answers to
// /mes-droits/garder-dans-mon-espace, which keeps them sealed in a 15-minute
// cookie under /mon-espace and sends the person to the consent page (after
// signing in if needed).

import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { deriveKey } from "../../platform/crypto/sealed-box.ts";
import { Invalid } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { formRefusal, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { frenchLongDate, frenchMonth } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CheckboxField,
  CsrfField,
  ErrorSummary,
  SelectField,
} from "../../platform/ui/components.tsx";
import { listLinks } from "./links.ts";
import { residentContext, residentOnly, SPACE_PATH } from "./session.ts";
import { freshCodeNeeded } from "./space-routes.tsx";
import {
  CONSENT_NEEDED,
  deleteSimulation,
  type KeptSimulation,
  keepSimulation,
  mySimulations,
  openPendingSimulation,
  previewSimulation,
  rerunSimulation,
  sealPendingSimulation,
  shareSimulation,
} from "./space-simulations.ts";
import type { KeptBenefit } from "./tables.ts";
import { SpacePage } from "./views.tsx";

export const simulationRoutes = new Hono<AppEnv>();

export const KEEP_FROM_SIMULATOR_PATH = "/mes-droits/garder-dans-mon-espace";
const LIST = "/mon-espace/simulations";
const KEEP = "/mon-espace/simulations/garder";
const PENDING_COOKIE = "relais_espace_simulation";

simulationRoutes.use(LIST, residentOnly);
simulationRoutes.use(`${LIST}/*`, residentOnly);
simulationRoutes.use(LIST, holdsPersonalData);
simulationRoutes.use(`${LIST}/*`, holdsPersonalData);

function pendingKey(c: AppContext): Buffer {
  return deriveKey(c.var.deps.config.secret, "espace-simulation");
}

function amount(cents: number, periodicity: string): string {
  const euros = (cents / 100).toLocaleString("fr-FR", {
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  });
  return `${euros} € ${periodicity === "annuelle" ? "par an" : periodicity === "ponctuelle" ? "une fois" : "par mois"}`;
}

function ResultsSummary({ results, caption }: { results: KeptBenefit[]; caption: string }) {
  const found = results.filter((r) => r.eligible && r.amountCents > 0);
  return (
    <div class="table-wrapper">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Aide</th>
            <th scope="col">Montant estimé</th>
          </tr>
        </thead>
        <tbody>
          {found.length === 0 ? (
            <tr>
              <td colspan={2}>Aucune aide estimée.</td>
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
}

// From the simulator (no resident cookie here): keep the answers for the space.
/** The simulator's sealed answers; a value that does not parse counts as none. */
const FromSimulatorForm = z.object({ etat: z.string().max(20_000).optional().catch(undefined) });

simulationRoutes.post(KEEP_FROM_SIMULATOR_PATH, async (c) => {
  const data = await parseForm(c, FromSimulatorForm);
  const now = c.var.now;
  const sealed = data.etat
    ? sealPendingSimulation(pendingKey(c), data.etat, c.var.deps.config.secret, now)
    : undefined;
  if (!sealed) {
    return c.html(
      <SpacePage c={c} title="Simulation introuvable" errorTitle>
        <h1>Simulation introuvable</h1>
        <Alert kind="error">
          Cette simulation n'a pas pu être relue. <a href="/mes-droits">Refaites la simulation</a>,
          puis choisissez « Garder cette simulation dans mon espace ».
        </Alert>
      </SpacePage>,
      400,
    );
  }
  setCookie(c, PENDING_COOKIE, sealed, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.config.publicUrl.startsWith("https:"),
    path: SPACE_PATH,
    maxAge: 15 * 60,
  });
  return c.redirect(KEEP, 303);
});

function KeepPage({
  c,
  results,
  errors = {},
}: {
  c: AppContext;
  results: KeptBenefit[] | undefined;
  errors?: Record<string, string>;
}) {
  const hasError = Object.keys(errors).length > 0;
  return (
    <SpacePage c={c} title="Garder cette simulation" errorTitle={hasError}>
      <h1>Garder cette simulation</h1>
      {results === undefined ? (
        <>
          <p>Aucune simulation n'attend d'être gardée (elle attend 15 minutes au plus).</p>
          <p>
            <a href="/mes-droits">Faire une simulation</a>
          </p>
        </>
      ) : (
        <>
          <ResultsSummary results={results} caption="Les aides estimées" />
          <p>
            Votre espace gardera vos réponses et ces résultats. Vous pourrez refaire le calcul pour
            un autre mois, la montrer à la personne qui vous accompagne ou la supprimer. Personne
            d'autre ne la voit sans votre accord.
          </p>
          <ErrorSummary errors={errors} />
          <form method="post" action={KEEP} class="form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <CheckboxField
              name="consentement"
              value="oui"
              label="J'accepte que mes réponses et ces résultats soient gardés dans mon espace."
              error={errors.consentement}
              required
            />
            <Button>Garder dans mon espace</Button>
          </form>
        </>
      )}
    </SpacePage>
  );
}

function pendingAnswers(c: AppContext) {
  return openPendingSimulation(pendingKey(c), getCookie(c, PENDING_COOKIE));
}

simulationRoutes.get(KEEP, async (c) => {
  const ctx = residentContext(c);
  const { actor } = ctx;
  const computed = previewSimulation(actor, pendingAnswers(c), c.var.now);
  return c.html(<KeepPage c={c} results={computed?.results} />);
});

/** The consent box; anything else counts as not ticked (keepSimulation then refuses). */
const KeepForm = z.object({ consentement: z.literal("oui").optional().catch(undefined) });

simulationRoutes.post(KEEP, async (c) => {
  const ctx = residentContext(c);
  const { actor } = ctx;
  const answers = pendingAnswers(c);
  if (!answers) return c.html(<KeepPage c={c} results={undefined} />, 400);
  try {
    const data = await parseForm(c, KeepForm);
    await keepSimulation(ctx, { answers, consent: data.consentement === "oui" });
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const computed = previewSimulation(actor, answers, c.var.now);
    return c.html(
      <KeepPage
        c={c}
        results={computed?.results}
        errors={{ consentement: error.fieldErrors.consentement ?? CONSENT_NEEDED }}
      />,
      400,
    );
  }
  deleteCookie(c, PENDING_COOKIE, { path: SPACE_PATH });
  return c.redirect(`${LIST}?garde=1`, 303);
});

async function listPage(
  c: AppContext,
  errors: Record<string, string> = {},
  status: 200 | 400 = 200,
) {
  const ctx = residentContext(c);
  const { actor } = ctx;
  const [simulations, links] = await Promise.all([
    mySimulations(ctx),
    listLinks(c.var.db, actor.espaceId),
  ]);
  return c.html(
    <SpacePage c={c} title="Mes simulations" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes simulations</h1>
      {c.req.query("garde") && (
        <Alert kind="success">La simulation est gardée dans votre espace.</Alert>
      )}
      {c.req.query("supprime") && <Alert kind="success">La simulation est supprimée.</Alert>}
      {c.req.query("partage") && (
        <Alert kind="success">
          La simulation est transmise. La personne qui vous accompagne la verra dans votre dossier.
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      {simulations.length === 0 ? (
        <p>
          Aucune simulation gardée. Faites une <a href="/mes-droits">simulation de vos droits</a>{" "}
          puis choisissez « Garder cette simulation dans mon espace ».
        </p>
      ) : (
        simulations.map((s) => (
          <SimulationCard c={c} simulation={s} links={links} errors={errors} />
        ))
      )}
    </SpacePage>,
    status,
  );
}

function SimulationCard({
  c,
  simulation: s,
  links,
  errors,
}: {
  c: AppContext;
  simulation: KeptSimulation;
  links: Awaited<ReturnType<typeof listLinks>>;
  errors: Record<string, string>;
}) {
  return (
    <section class="card" aria-labelledby={`simulation-${s.id}`}>
      <h2 id={`simulation-${s.id}`}>
        Simulation de {frenchMonth(s.month)}, gardée le {frenchLongDate(s.createdAt)}
      </h2>
      <ResultsSummary results={s.results} caption={`Aides estimées pour ${frenchMonth(s.month)}`} />
      <p>
        <a href={`${LIST}/${s.id}/ce-mois`}>
          Refaire le calcul pour ce mois-ci
          <span class="visually-hidden"> (simulation de {frenchMonth(s.month)})</span>
        </a>
      </p>
      {links.length > 0 && (
        <form method="post" action={`${LIST}/${s.id}/partager`} class="form">
          <CsrfField token={c.var.csrfToken} />
          <SelectField
            name="lien"
            label={`Montrer la simulation de ${frenchMonth(s.month)} à`}
            options={links.map((l) => ({ value: l.id, label: l.organisationName }))}
            error={errors.lien}
          />
          <Button kind="secondary">Montrer à cette structure</Button>
        </form>
      )}
      <form method="post" action={`${LIST}/${s.id}/supprimer`}>
        <CsrfField token={c.var.csrfToken} />
        <Button kind="secondary">
          Supprimer<span class="visually-hidden"> la simulation de {frenchMonth(s.month)}</span>
        </Button>
      </form>
    </section>
  );
}

simulationRoutes.get(LIST, (c) => listPage(c));

simulationRoutes.get(`${LIST}/:id/ce-mois`, async (c) => {
  const ctx = residentContext(c);
  const { kept, current } = await rerunSimulation(ctx, c.req.param("id"));
  return c.html(
    <SpacePage c={c} title="Ma simulation pour ce mois-ci">
      <h1>Ma simulation pour ce mois-ci</h1>
      {current ? (
        <ResultsSummary
          results={current.results}
          caption={`Avec les mêmes réponses, pour ${frenchMonth(current.month)}`}
        />
      ) : (
        <Alert kind="warning">
          Vos réponses ne suffisent plus pour ce mois-ci (par exemple, l'âge d'un enfant a changé).{" "}
          <a href="/mes-droits">Refaites une simulation</a>.
        </Alert>
      )}
      <ResultsSummary
        results={kept.results}
        caption={`Pour rappel, ce qui était estimé pour ${frenchMonth(kept.month)}`}
      />
      <p>
        Ce nouveau calcul n'est pas gardé. Pour le garder, refaites une simulation et choisissez «
        Garder cette simulation dans mon espace ».
      </p>
      <p>
        <a href={LIST}>Revenir à mes simulations</a>
      </p>
    </SpacePage>,
  );
});

simulationRoutes.post(`${LIST}/:id/partager`, async (c) => {
  const ctx = residentContext(c);
  try {
    const data = await parseForm(c, z.object({ lien: z.uuid("Choisissez une structure.") }));
    const fresh = freshCodeNeeded(c, LIST);
    if (fresh) return fresh;
    await shareSimulation(ctx, { id: c.req.param("id"), linkId: data.lien });
  } catch (error) {
    const form = await formRefusal(c, error);
    return listPage(c, form.errors, 400);
  }
  return c.redirect(`${LIST}?partage=1`, 303);
});

simulationRoutes.post(`${LIST}/:id/supprimer`, async (c) => {
  const ctx = residentContext(c);
  await deleteSimulation(ctx, c.req.param("id"));
  return c.redirect(`${LIST}?supprime=1`, 303);
});
