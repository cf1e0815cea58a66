import { Hono } from "hono";
import { type AppEnv, pageContext } from "../http/context.ts";
import { frenchDate } from "../time/french-dates.ts";
import { Card } from "../ui/components.tsx";
import { telHref } from "../ui/french.ts";
import { Layout } from "../ui/layout.tsx";
import { ACCESSIBILITY_STATEMENT } from "./accessibility-statement.ts";

/** The home page and the site's fixed pages. */
export const pageRoutes = new Hono<AppEnv>();

const RESIDENT_ACTIONS = [
  {
    href: "/trouver-de-l-aide",
    title: "Trouver de l'aide près de chez moi",
    text: "Manger, se loger, se soigner, trouver un emploi : les lieux près de chez vous, ouverts maintenant.",
  },
  {
    href: "/mes-droits",
    title: "Connaître mes droits",
    text: "RSA, prime d'activité, santé… En 5 minutes, sans compte : les aides auxquelles vous avez sans doute droit.",
  },
  {
    href: "/rendez-vous",
    title: "Prendre rendez-vous",
    text: "Rencontrer un travailleur social, sur place ou par téléphone.",
  },
  {
    href: "/mon-espace",
    title: "Mon espace",
    text: "Vos rendez-vous, vos documents et vos démarches, au même endroit.",
  },
];

pageRoutes.get("/", (c) => {
  const page = pageContext(c);
  const contact = c.var.deps.config.contact;
  return c.html(
    <Layout page={page} title="Accueil">
      <div class="hero">
        <h1>Vous avez besoin d'aide ? Relais vous oriente.</h1>
        <p class="lead">
          Le service public de la solidarité, {page.territoryName}. Gratuit et sans compte.
        </p>
      </div>
      <h2 class="visually-hidden">Ce que vous pouvez faire</h2>
      <ul class="cards home-actions">
        {RESIDENT_ACTIONS.map((action) => (
          <li>
            <Card title={action.title} href={action.href} headingLevel={3}>
              <p>{action.text}</p>
            </Card>
          </li>
        ))}
      </ul>
      <h2>Vous préférez parler à quelqu'un{"\u202f"}?</h2>
      <p>
        Appelez le Département au{" "}
        <a href={telHref(contact.phone)} class="phone-link">
          {contact.phone}
        </a>
        , {contact.hours}.
      </p>
      <p>
        Les accueils des services sociaux du Département et des mairies (CCAS) vous reçoivent aussi
        sur place. Aucun compte n'est nécessaire pour utiliser Relais.
      </p>
    </Layout>,
  );
});

// « Mon espace » (/mon-espace) is the espace module's.

pageRoutes.get("/accessibilite", (c) => {
  const page = pageContext(c);
  const contact = c.var.deps.config.contact;
  const statement = ACCESSIBILITY_STATEMENT;
  return c.html(
    <Layout
      page={page}
      title="Déclaration d'accessibilité"
      breadcrumb={[{ label: "Accessibilité" }]}
    >
      <h1>Déclaration d'accessibilité</h1>
      <p>
        Le Département ({page.territoryName}) s'engage à rendre Relais accessible, conformément à
        l'article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        Relais est <strong>partiellement conforme</strong> au référentiel général d'amélioration de
        l'accessibilité ({statement.standard}) : aucun audit complet n'a encore été réalisé.
      </p>
      <h2>Établissement de cette déclaration</h2>
      <p>
        Cette déclaration a été établie le{" "}
        <time datetime={statement.establishedOn}>
          {frenchDate(new Date(`${statement.establishedOn}T12:00:00Z`), { weekday: false })}
        </time>
        . Vérifications faites :
      </p>
      <ul>
        {statement.checks.map((check) => (
          <li>{check}</li>
        ))}
      </ul>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez le Département : on
        vous fournira l'information sous une autre forme.
      </p>
      <ul>
        <li>
          Par téléphone : <a href={telHref(contact.phone)}>{contact.phone}</a>, {contact.hours}
        </li>
        {contact.email && (
          <li>
            Par courriel : <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </li>
        )}
      </ul>
      <h2>Voies de recours</h2>
      <p>
        Si vous n'obtenez pas de réponse, vous pouvez saisir le Défenseur des droits (formulaire en
        ligne, délégué de votre région, ou courrier gratuit : Défenseur des droits, Libre réponse
        71120, 75342 Paris CEDEX 07).
      </p>
    </Layout>,
  );
});

pageRoutes.get("/mentions-legales", (c) => {
  const page = pageContext(c);
  return c.html(
    <Layout page={page} title="Mentions légales" breadcrumb={[{ label: "Mentions légales" }]}>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Le Département ({page.territoryName}). Directeur de la publication : le président du conseil
        départemental.
      </p>
      <h2>Logiciel</h2>
      <p>
        Relais est un logiciel libre. Les données de référence (communes) viennent du code officiel
        géographique de l'INSEE, sous Licence Ouverte 2.0.
      </p>
      <h2>Hébergement</h2>
      <p>Indiqué par le département qui exploite ce service.</p>
    </Layout>,
  );
});

pageRoutes.get("/donnees-personnelles", (c) => {
  const page = pageContext(c);
  return c.html(
    <Layout
      page={page}
      title="Données personnelles"
      breadcrumb={[{ label: "Données personnelles" }]}
    >
      <h1>Données personnelles</h1>
      <p>
        Chercher un lieu d'aide ou simuler vos droits ne demande aucun compte, et ces recherches ne
        sont pas rattachées à votre identité.
      </p>
      <p>
        Les professionnels n'accèdent à vos informations que dans le cadre de votre accompagnement,
        avec votre accord, et chaque consultation est enregistrée. Vous pouvez demander la liste des
        accès à vos données et exercer vos droits (accès, rectification, effacement) auprès du
        délégué à la protection des données du département.
      </p>
      <p>
        Le site n'utilise que des cookies nécessaires à son fonctionnement (sécurité des formulaires
        et connexion des professionnels) : aucun cookie de mesure d'audience ni de publicité.
      </p>
    </Layout>,
  );
});

pageRoutes.get("/plan-du-site", (c) =>
  c.html(
    <Layout page={pageContext(c)} title="Plan du site" breadcrumb={[{ label: "Plan du site" }]}>
      <h1>Plan du site</h1>
      <ul>
        <li>
          <a href="/">Accueil</a>
        </li>
        {RESIDENT_ACTIONS.map((action) => (
          <li>
            <a href={action.href}>{action.title}</a>
          </li>
        ))}
        <li>
          <a href="/connexion">Espace professionnel</a>
        </li>
        <li>
          <a href="/accessibilite">Accessibilité</a>
        </li>
        <li>
          <a href="/mentions-legales">Mentions légales</a>
        </li>
        <li>
          <a href="/donnees-personnelles">Données personnelles</a>
        </li>
      </ul>
    </Layout>,
  ),
);
