import { Hono } from "hono";
import { type AppContext, type AppEnv, pageContext, userContext } from "../http/context.ts";
import { frenchLongDate } from "../time/french-dates.ts";
import { Alert, Button, CsrfField } from "../ui/components.tsx";
import { Layout } from "../ui/layout.tsx";
import {
  remainingRecoveryCodes,
  requireSecondFactorAccount,
  resetSecondFactor,
} from "./second-factor.ts";

export const secondFactorAdminRoutes = new Hono<AppEnv>();

// An administrator resets a person's second factor (a lost phone). The accounts
// pages link here; this page stands on its own.
const ADMIN_PATH = "/admin/comptes/:id/second-facteur";

function AdminPage({
  c,
  account,
  remaining,
  done,
}: {
  c: AppContext;
  account: Awaited<ReturnType<typeof requireSecondFactorAccount>>;
  remaining: number;
  done: boolean;
}) {
  return (
    <Layout
      page={pageContext(c)}
      title={`Second facteur de ${account.displayName}`}
      breadcrumb={[
        { label: "Espace professionnel", href: "/pro" },
        { label: `Second facteur de ${account.displayName}` },
      ]}
    >
      <h1>Second facteur de {account.displayName}</h1>
      {done && (
        <Alert kind="success">
          <p>
            Le second facteur est réinitialisé. À sa prochaine connexion par mot de passe, la
            personne en activera un nouveau.
          </p>
        </Alert>
      )}
      <p>Compte : {account.email}</p>
      {account.enrolledAt ? (
        <>
          <p>
            Second facteur activé le {frenchLongDate(account.enrolledAt)} ; {remaining} code
            {remaining > 1 ? "s" : ""} de secours non utilisé{remaining > 1 ? "s" : ""}.
          </p>
          <form method="post" action={`/admin/comptes/${account.userId}/second-facteur`}>
            <CsrfField token={c.var.csrfToken} />
            <p>
              Réinitialisez-le si la personne a perdu son téléphone et ses codes de secours, après
              avoir vérifié son identité. Ses codes de secours ne serviront plus.
            </p>
            <Button>Réinitialiser le second facteur</Button>
          </form>
        </>
      ) : (
        <p>Aucun second facteur n'est activé pour ce compte.</p>
      )}
    </Layout>
  );
}

secondFactorAdminRoutes.get(ADMIN_PATH, async (c) => {
  const account = await requireSecondFactorAccount(userContext(c), c.req.param("id"));
  const remaining = await remainingRecoveryCodes(c.var.db, account.userId);
  return c.html(
    <AdminPage c={c} account={account} remaining={remaining} done={c.req.query("fait") === "1"} />,
  );
});

secondFactorAdminRoutes.post(ADMIN_PATH, async (c) => {
  const userId = c.req.param("id");
  await resetSecondFactor(userContext(c), userId);
  return c.redirect(`/admin/comptes/${userId}/second-facteur?fait=1`, 303);
});
