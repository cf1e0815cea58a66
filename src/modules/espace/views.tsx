import type { Child } from "hono/jsx";
import { type AppContext, pageContext } from "../../platform/http/context.ts";
import { CsrfField } from "../../platform/ui/components.tsx";
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
];

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});
const dateOnly = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Paris",
});

export function frenchDateTime(date: Date): string {
  return dateTime.format(date);
}

export function frenchDate(date: Date | string): string {
  return dateOnly.format(typeof date === "string" ? new Date(`${date}T12:00:00Z`) : date);
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
      {signedIn && (
        <nav class="espace-nav" aria-label="Mon espace">
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
      {children}
    </Layout>
  );
}
