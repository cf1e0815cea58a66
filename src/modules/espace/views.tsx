import type { Child } from "hono/jsx";
import { type AppContext, pageContext } from "../../platform/http/context.ts";
import { frenchLocalDate } from "../../platform/time/french-dates.ts";
import type { LocalDate } from "../../platform/time/paris.ts";
import { Alert, CsrfField } from "../../platform/ui/components.tsx";
import { Layout } from "../../platform/ui/layout.tsx";
import { CATEGORIES, CATEGORY_LABELS } from "./vault.ts";

/** The categories, for a select. */
export const CATEGORY_OPTIONS = CATEGORIES.map((value) => ({
  value,
  label: CATEGORY_LABELS[value],
}));

export const SPACE_SECTIONS = [
  { href: "/mon-espace", label: "Accueil de mon espace" },
  { href: "/mon-espace/rendez-vous", label: "Mes rendez-vous" },
  { href: "/mon-espace/documents", label: "Mes documents" },
  { href: "/mon-espace/partages", label: "Mes partages" },
  { href: "/mon-espace/simulations", label: "Mes simulations" },
  { href: "/mon-espace/accompagnement", label: "Mon accompagnement" },
  { href: "/mon-espace/mandats", label: "Mandats" },
  { href: "/mon-espace/consentements", label: "Qui voit mon dossier" },
  { href: "/mon-espace/historique", label: "Qui a consulté mes données" },
  { href: "/mon-espace/mes-donnees", label: "Mes données" },
  { href: "/mon-espace/coordonnees", label: "Mes coordonnées" },
];

/**
 * « 1er décembre 2026 » for a `date` column. node-postgres reads such a
 * column as a Date at local midnight although its type says "YYYY-MM-DD":
 * either way, the same calendar day.
 */
export function frenchDay(value: LocalDate | Date): string {
  if (typeof value === "string") return frenchLocalDate(value);
  const month = String(value.getMonth() + 1).padStart(2, "0");
  const day = String(value.getDate()).padStart(2, "0");
  return frenchLocalDate(`${value.getFullYear()}-${month}-${day}`);
}

export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}

/** A page of the space: the site's layout, the space's menu, and a way out. */
export function SpacePage({
  c,
  title,
  errorTitle,
  children,
}: {
  c: AppContext;
  title: string;
  /** The title starts with « Erreur » when the page shows one (RGAA 8.6). */
  errorTitle?: boolean;
  children: Child;
}) {
  const signedIn = c.var.actor.kind === "resident";
  const isHome = title === "Mon espace";
  return (
    <Layout
      page={pageContext(c)}
      title={`${errorTitle ? "Erreur — " : ""}${title}`}
      breadcrumb={
        isHome
          ? [{ label: "Mon espace" }]
          : [{ label: "Mon espace", href: "/mon-espace" }, { label: title }]
      }
    >
      {/* The page first, its menu after: at 360 px the eleven links used to push
          the page's first useful line below the fold (issue 17's criteria). */}
      {children}
      {signedIn && (
        <nav class="espace-nav" aria-label="Mon espace">
          <h2 class="espace-nav__title">Les rubriques de mon espace</h2>
          <ul>
            {SPACE_SECTIONS.map((section) => (
              <li>
                <a
                  href={section.href}
                  aria-current={c.req.path === section.href ? "page" : undefined}
                >
                  {section.label}
                </a>
              </li>
            ))}
            <li>
              <form method="post" action="/mon-espace/deconnexion" class="inline-form">
                <CsrfField token={c.var.csrfToken} />
                <button type="submit" class="button button--link">
                  Me déconnecter
                </button>
              </form>
            </li>
          </ul>
        </nav>
      )}
    </Layout>
  );
}

/** Why appointments do not show: the space has no verified phone or e-mail. */
export function NoContactNotice() {
  return (
    <Alert kind="info" title="Vos rendez-vous ne peuvent pas s'afficher">
      <p>
        Nous retrouvons vos rendez-vous grâce au numéro de portable ou à l'adresse électronique
        donnés en les prenant. Votre espace n'en a aucun : nous ne pouvons donc ni les afficher, ni
        vous prévenir par message.{" "}
        <a href="/mon-espace/coordonnees">Ajouter un portable ou une adresse électronique</a>
      </p>
    </Alert>
  );
}
