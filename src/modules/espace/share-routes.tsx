// « Mes partages »: the shares in force and ended, sharing a whole category,
// stopping a share.
import { Hono } from "hono";
import { Invalid } from "../../platform/errors.ts";
import type { AppContext, AppEnv } from "../../platform/http/context.ts";
import { formRefusal, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { Alert, Button, CsrfField, ErrorSummary } from "../../platform/ui/components.tsx";
import { residentContext, residentOnly } from "./session.ts";
import { PURPOSES, ShareFields, ShareForm, ShareList } from "./share-views.tsx";
import { mySharing } from "./space.ts";
import { freshCodeNeeded } from "./space-routes.tsx";
import { revokeShare, share } from "./space-sharing.ts";
import { SpacePage } from "./views.tsx";

export const shareRoutes = new Hono<AppEnv>();
shareRoutes.use("/mon-espace/partages", residentOnly);
shareRoutes.use("/mon-espace/partages/*", residentOnly);
shareRoutes.use("/mon-espace/partages", holdsPersonalData);
shareRoutes.use("/mon-espace/partages/*", holdsPersonalData);

async function sharesPage(
  c: AppContext,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const { links, shares } = await mySharing(ctx);
  const active = shares.filter((s) => s.isActive);
  const ended = shares.filter((s) => !s.isActive);
  return c.html(
    <SpacePage c={c} title="Mes partages" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes partages</h1>
      {c.req.query("retire") && (
        <Alert kind="success">
          Le partage est arrêté. Plus personne ne peut ouvrir ce document par ce partage.
        </Alert>
      )}
      {c.req.query("partage") && <Alert kind="success">La catégorie est partagée.</Alert>}
      <p class="lead">
        Un partage permet à la structure qui vous suit d'ouvrir vos documents, pour une raison et
        une durée que vous choisissez. Vous pouvez l'arrêter à tout moment.
      </p>
      <h2>En cours</h2>
      <ShareList c={c} shares={active} />
      <h2>Partager toute une catégorie</h2>
      {links.length === 0 ? (
        <p>
          Aucune structure n'est encore reliée à votre espace : demandez au travailleur social qui
          vous suit de relier votre dossier à votre espace.
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <form method="post" action="/mon-espace/partages" class="form">
            <CsrfField token={c.var.csrfToken} />
            <ShareFields links={links} errors={errors} values={values} withCategory />
            <Button>Partager cette catégorie</Button>
          </form>
        </>
      )}
      <h2>Terminés</h2>
      <ShareList c={c} shares={ended} />
    </SpacePage>,
    status as 200,
  );
}

shareRoutes.get("/mon-espace/partages", (c) => sharesPage(c));

shareRoutes.post("/mon-espace/partages", async (c) => {
  const ctx = residentContext(c);
  try {
    const data = await parseForm(c, ShareForm);
    if (!data.categorie) throw new Invalid({ categorie: "Choisissez une catégorie." });
    const fresh = freshCodeNeeded(c, "/mon-espace/partages");
    if (fresh) return fresh;
    await share(ctx, {
      linkId: data.lien,
      category: data.categorie,
      purpose: PURPOSES[data.but],
      days: Number(data.duree),
    });
  } catch (error) {
    const form = await formRefusal(c, error);
    return sharesPage(c, form.errors, form.values, 400);
  }
  return c.redirect("/mon-espace/partages?partage=1", 303);
});

shareRoutes.post("/mon-espace/partages/:id/retirer", async (c) => {
  const ctx = residentContext(c);
  await revokeShare(ctx, c.req.param("id"));
  return c.redirect("/mon-espace/partages?retire=1", 303);
});
