import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { isSignedIn } from "../access/actor.ts";
import { CsrfField } from "./components.tsx";
import type { PageContext } from "./page-context.ts";

type LayoutProps = {
  page: PageContext;
  /** The page's own title; the site name is added after it (RGAA 8.6). */
  title: string;
  children: Child;
  breadcrumb?: { label: string; href?: string }[];
};

const PUBLIC_LINKS = [
  { href: "/trouver-de-l-aide", label: "Trouver de l'aide" },
  { href: "/mes-droits", label: "Mes droits" },
  { href: "/rendez-vous", label: "Prendre rendez-vous" },
  { href: "/mon-espace", label: "Mon espace" },
];

export function Layout({ page, title, children, breadcrumb }: LayoutProps) {
  const siteName = `Relais ${page.territoryName}`;
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="fr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} — ${siteName}`}</title>
          <link rel="stylesheet" href="/static/relais.css" />
          <link rel="stylesheet" href="/theme.css" />
          <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
          <script src="/static/relais.js" defer />
        </head>
        <body>
          <a class="skip-link" href="#contenu">
            Aller au contenu
          </a>
          <header class="site-header">
            <div class="container site-header__inner">
              <a class="site-header__brand" href="/">
                <span class="site-header__name">Relais</span>{" "}
                <span class="site-header__territory">{page.territoryName}</span>
                <span class="site-header__tagline">Solidarité, près de chez vous</span>
              </a>
              {/* One row on a phone: the menu folds behind « Menu » (a <details>, no script needed). */}
              <details class="site-menu" data-site-menu>
                <summary class="site-menu__toggle">Menu</summary>
                <div class="site-menu__panel">
                  <nav class="site-nav" aria-label="Menu principal">
                    <ul class="site-nav__list">
                      {PUBLIC_LINKS.map((link) => (
                        <li>
                          <a
                            href={link.href}
                            aria-current={
                              page.currentPath.startsWith(link.href) ? "page" : undefined
                            }
                          >
                            {link.label}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </nav>
                  <AccountLinks page={page} />
                </div>
              </details>
            </div>
          </header>
          <main id="contenu" class="container site-main" tabindex={-1}>
            {breadcrumb && breadcrumb.length > 0 && <Breadcrumb items={breadcrumb} />}
            {children}
          </main>
          <footer class="site-footer">
            <div class="container">
              <p class="site-footer__about">
                Relais est le service public numérique de la solidarité territoriale —{" "}
                {page.territoryName}. Logiciel libre.
              </p>
              <ul class="site-footer__links">
                <li>
                  <a href="/accessibilite">Accessibilité : partiellement conforme</a>
                </li>
                <li>
                  <a href="/mentions-legales">Mentions légales</a>
                </li>
                <li>
                  <a href="/donnees-personnelles">Données personnelles</a>
                </li>
                <li>
                  <a href="/plan">Le plan contre la pauvreté</a>
                </li>
                <li>
                  <a href="/plan-du-site">Plan du site</a>
                </li>
              </ul>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

function AccountLinks({ page }: { page: PageContext }) {
  if (!isSignedIn(page.actor)) {
    return (
      <p class="site-header__account">
        <a href="/connexion">Espace professionnel</a>
      </p>
    );
  }
  return (
    <div class="site-header__account">
      <a href="/pro">{page.actor.displayName}</a>
      <form method="post" action="/deconnexion" class="inline-form">
        <CsrfField token={page.csrfToken} />
        <button type="submit" class="button button--link">
          Se déconnecter
        </button>
      </form>
    </div>
  );
}

function Breadcrumb({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Fil d'Ariane" class="breadcrumb">
      <ol>
        <li>
          <a href="/">Accueil</a>
        </li>
        {items.map((item, index) => (
          <li>
            {item.href && index < items.length - 1 ? (
              <a href={item.href}>{item.label}</a>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
