import type { Child } from "hono/jsx";
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from "../../platform/access/roles.ts";
import { type AppContext, pageContext } from "../../platform/http/context.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  Card,
  CsrfField,
  ErrorSummary,
  Radios,
  SelectField,
  Tag,
  TextField,
} from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import type { OrganisationRow } from "./service.ts";

export const ADMIN_HOME = "/pro/administration/organisations";

export function AdminPage({
  c,
  title,
  errors = {},
  crumbs = [],
  children,
}: {
  c: AppContext;
  title: string;
  errors?: Record<string, string>;
  crumbs?: { label: string; href?: string }[];
  children: Child;
}) {
  return (
    <Layout
      page={pageContext(c)}
      title={Object.keys(errors).length > 0 ? `Erreur — ${title}` : title}
      breadcrumb={[{ label: "Espace professionnel", href: "/pro" }, ...crumbs, { label: title }]}
    >
      {children}
    </Layout>
  );
}

const ORGANISATIONS_CRUMB = { label: "Organisations", href: ADMIN_HOME };

export function OrganisationListPage({
  c,
  rows,
  total,
  text,
  page,
  pendingClaims,
}: {
  c: AppContext;
  rows: OrganisationRow[];
  total: number;
  text: string;
  page: number;
  pendingClaims: number;
}) {
  return (
    <AdminPage c={c} title="Organisations">
      <h1>Organisations</h1>
      <p>
        <a href={`${ADMIN_HOME}/nouvelle`} class="button button--primary">
          Créer une organisation
        </a>
      </p>
      {pendingClaims > 0 && (
        <Alert kind="info" title="Demandes de fiches de l'annuaire">
          <p>
            <a href="/pro/administration/demandes">
              {pendingClaims} demande{pendingClaims > 1 ? "s" : ""} à examiner
            </a>
          </p>
        </Alert>
      )}
      <form method="get" action={ADMIN_HOME} class="form">
        <TextField name="q" label="Chercher par nom" type="search" value={text} />
        <Button kind="secondary">Chercher</Button>
      </form>
      <p>
        {total} organisation{total > 1 ? "s" : ""}
        {text ? ` pour « ${text} »` : ""}.
      </p>
      <div class="table-wrapper">
        <table>
          <caption>Organisations, page {page}</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">Membres</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>
                  <a href={`${ADMIN_HOME}/${row.id}`}>{row.name}</a>
                </td>
                <td>{ORGANISATION_KIND_LABELS[row.kind]}</td>
                <td>
                  <a href={`${ADMIN_HOME}/${row.id}/comptes`}>{row.members}</a>
                </td>
                <td>{row.isActive ? <Tag kind="success">Active</Tag> : <Tag>Désactivée</Tag>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > page * 50 && (
        <p>
          <a href={`${ADMIN_HOME}?q=${encodeURIComponent(text)}&page=${page + 1}`}>Page suivante</a>
        </p>
      )}
    </AdminPage>
  );
}

export function OrganisationFormPage({
  c,
  organisation,
  values,
  errors = {},
  structures = [],
  communeNames = [],
  saved = false,
}: {
  c: AppContext;
  organisation?: { id: string; name: string; is_active: boolean };
  values: Record<string, string>;
  errors?: Record<string, string>;
  structures?: { name: string; path: string }[];
  communeNames?: string[];
  saved?: boolean;
}) {
  const title = organisation ? organisation.name : "Créer une organisation";
  const action = organisation ? `${ADMIN_HOME}/${organisation.id}` : `${ADMIN_HOME}/nouvelle`;
  return (
    <AdminPage c={c} title={title} errors={errors} crumbs={[ORGANISATIONS_CRUMB]}>
      <h1>{title}</h1>
      {saved && (
        <Alert kind="success">
          <p>Les changements sont enregistrés.</p>
        </Alert>
      )}
      {organisation && !organisation.is_active && (
        <Alert kind="warning" title="Organisation désactivée">
          <p>Ses membres n'y ont plus accès.</p>
          <form method="post" action={`${ADMIN_HOME}/${organisation.id}/reactivation`}>
            <CsrfField token={c.var.csrfToken} />
            <Button kind="secondary">Réactiver {organisation.name}</Button>
          </form>
        </Alert>
      )}
      {organisation && (
        <ul class="cards">
          <li>
            <Card
              title="Comptes et invitations"
              href={`${ADMIN_HOME}/${organisation.id}/comptes`}
              headingLevel={2}
            >
              <p>Les membres, leurs rôles, inviter quelqu'un.</p>
            </Card>
          </li>
        </ul>
      )}
      <ErrorSummary errors={errors} />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField name="name" label="Nom" required value={values.name} error={errors.name} />
        <SelectField
          name="kind"
          label="Type d'organisation"
          required
          value={values.kind}
          error={errors.kind}
          options={ORGANISATION_KINDS.map((kind: OrganisationKind) => ({
            value: kind,
            label: ORGANISATION_KIND_LABELS[kind],
          }))}
        />
        <TextField
          name="communes"
          label="Communes desservies"
          hint="Codes INSEE séparés par des espaces ou des virgules, par exemple 92050 92025."
          value={values.communes}
          error={errors.communes}
        />
        {communeNames.length > 0 && <p>Aujourd'hui : {communeNames.join(", ")}.</p>}
        <TextField
          name="structure"
          label="Fiche de l'annuaire à rattacher"
          hint="L'identifiant de la structure dans l'annuaire (le code à la fin de l'adresse de sa page). Ses responsables pourront la tenir à jour."
          value={values.structure}
          error={errors.structure}
        />
        {structures.length > 0 && (
          <p>
            Fiches rattachées :{" "}
            {structures.map((structure, index) => (
              <>
                {index > 0 && ", "}
                <a href={structure.path}>{structure.name}</a>
              </>
            ))}
            .
          </p>
        )}
        <Button>{organisation ? "Enregistrer" : "Créer l'organisation"}</Button>
      </form>
      {organisation?.is_active && (
        <form method="post" action={`${ADMIN_HOME}/${organisation.id}/desactivation`} class="form">
          <h2>Désactiver l'organisation</h2>
          <p>
            Ses membres perdent l'accès à ce qu'elle leur donnait, et leurs sessions se ferment tout
            de suite. L'historique est gardé.
          </p>
          <CsrfField token={c.var.csrfToken} />
          <Button kind="secondary">Désactiver {organisation.name}</Button>
        </form>
      )}
    </AdminPage>
  );
}

type Claim = {
  id: string;
  status: "pending" | "approved" | "refused";
  message: string;
  createdAt: Date;
  organisationName: string;
  requestedBy: string | null;
  structureId: string;
  structureName: string;
};

const CLAIM_STATUS: Record<Claim["status"], string> = {
  pending: "En attente",
  approved: "Acceptée",
  refused: "Refusée",
};

export function ClaimsPage({ c, claims }: { c: AppContext; claims: Claim[] }) {
  return (
    <AdminPage c={c} title="Demandes de fiches de l'annuaire" crumbs={[ORGANISATIONS_CRUMB]}>
      <h1>Demandes de fiches de l'annuaire</h1>
      <p>
        Un responsable de structure demande à tenir à jour une fiche de l'annuaire. Acceptée, la
        fiche est rattachée à son organisation.
      </p>
      {claims.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <ul class="cards">
          {claims.map((claim) => (
            <li class="card">
              <h2 class="card__title">
                <a href={`/trouver-de-l-aide/structures/${claim.structureId}`}>
                  {claim.structureName}
                </a>
              </h2>
              <p>
                Demandée par {claim.requestedBy ?? "un compte supprimé"} pour «{" "}
                {claim.organisationName} », le {frenchLongDate(claim.createdAt)}.
              </p>
              {claim.message && <p>« {claim.message} »</p>}
              <form method="post" action={`/pro/administration/demandes/${claim.id}`}>
                <CsrfField token={c.var.csrfToken} />
                <button
                  type="submit"
                  name="decision"
                  value="accepter"
                  class="button button--primary"
                >
                  Accepter
                </button>{" "}
                <button
                  type="submit"
                  name="decision"
                  value="refuser"
                  class="button button--secondary"
                >
                  Refuser
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </AdminPage>
  );
}

export function ClaimRequestPage({
  c,
  organisation,
  text,
  results,
  claims,
  errors = {},
  message,
  sent = false,
}: {
  c: AppContext;
  organisation: { id: string; name: string };
  text: string;
  results: { id: string; nom: string; commune: string | null; organisationId: string | null }[];
  claims: Claim[];
  errors?: Record<string, string>;
  message?: string | undefined;
  sent?: boolean;
}) {
  const path = `${ADMIN_HOME}/${organisation.id}/annuaire`;
  return (
    <AdminPage c={c} title="Tenir la fiche de ma structure dans l'annuaire" errors={errors}>
      <h1>Tenir la fiche de ma structure dans l'annuaire</h1>
      <p>
        Cherchez la fiche de « {organisation.name} » dans l'annuaire et demandez à la tenir à jour.
        Un administrateur valide la demande.
      </p>
      {sent && (
        <Alert kind="success">
          <p>Votre demande est envoyée à un administrateur.</p>
        </Alert>
      )}
      {message && <Alert kind="error">{message}</Alert>}
      <ErrorSummary errors={errors} />
      <form method="get" action={path} class="form">
        <TextField
          name="q"
          label="Nom de la structure dans l'annuaire"
          type="search"
          value={text}
        />
        <Button kind="secondary">Chercher</Button>
      </form>
      {text && results.length === 0 && <p>Aucune structure de l'annuaire ne porte ce nom.</p>}
      {results.length > 0 && (
        <form method="post" action={path} class="form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Radios
            name="structureId"
            legend="Structures trouvées"
            error={errors.structureId}
            options={results.map((structure) => ({
              value: structure.id,
              id: `structure-${structure.id}`,
              label: `${structure.nom}${structure.commune ? ` (${structure.commune})` : ""}${
                structure.organisationId === organisation.id ? " — déjà la vôtre" : ""
              }`,
            }))}
          />
          <TextField name="message" label="Un mot pour l'administrateur" error={errors.message} />
          <Button>Demander à tenir cette fiche</Button>
        </form>
      )}
      {claims.length > 0 && (
        <>
          <h2>Vos demandes</h2>
          <ul>
            {claims.map((claim) => (
              <li>
                {claim.structureName} — {CLAIM_STATUS[claim.status]} (
                {frenchLongDate(claim.createdAt)})
              </li>
            ))}
          </ul>
        </>
      )}
    </AdminPage>
  );
}
