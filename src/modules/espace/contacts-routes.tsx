// « Mes coordonnées » (/mon-espace/coordonnees): the ways into the space;
// add a mobile number or an e-mail address with a code, remove one.

import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { authorizeResident } from "../../platform/access/policy.ts";
import { TooManyRequests } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, clientAddress } from "../../platform/http/context.ts";
import { formErrors, formRefusal, formValues, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { frenchLongDate } from "../../platform/time/french-dates.ts";
import {
  Alert,
  Button,
  CsrfField,
  ErrorSummary,
  TextField,
} from "../../platform/ui/components.tsx";
import { confirmContact, removeContact, sendContactCode } from "./contacts.ts";
import { contactField, maskContact } from "./identifiers.ts";
import { espaceRules } from "./policy.ts";
import {
  CHALLENGE_COOKIE,
  clearChallengeCookie,
  residentContext,
  residentOnly,
  setChallengeCookie,
} from "./session.ts";
import { myContacts } from "./space.ts";
import { freshCodeNeeded } from "./space-routes.tsx";
import {
  CODE_FORMAT,
  CodeForm,
  CodePage,
  challengeOrRestart,
  tooMany,
} from "./space-sign-in-routes.tsx";
import { NoContactNotice, SpacePage } from "./views.tsx";

export const CONTACTS_PATH = "/mon-espace/coordonnees";
export const contactRoutes = new Hono<AppEnv>();
contactRoutes.use(CONTACTS_PATH, residentOnly);
contactRoutes.use(`${CONTACTS_PATH}/*`, residentOnly);
contactRoutes.use(CONTACTS_PATH, holdsPersonalData);
contactRoutes.use(`${CONTACTS_PATH}/*`, holdsPersonalData);

const AddForm = z.object({
  contact: contactField("Indiquez un numéro de portable ou une adresse électronique."),
});

async function contactsPage(
  c: AppContext,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  status = 200,
) {
  const ctx = residentContext(c);
  const { rows } = await myContacts(ctx);
  const contacts = rows.flatMap((row) =>
    row.kind === "franceconnect"
      ? []
      : [
          {
            id: row.id,
            verifiedAt: row.verified_at,
            contact: { kind: row.kind, value: row.value },
          },
        ],
  );
  const hasFranceConnect = rows.some((row) => row.kind === "franceconnect");
  const canRemove = rows.length > 1;
  return c.html(
    <SpacePage c={c} title="Mes coordonnées" errorTitle={Object.keys(errors).length > 0}>
      <h1>Mes coordonnées</h1>
      {c.req.query("ajoute") && (
        <Alert kind="success">
          C'est ajouté. Les rendez-vous pris avec ce contact apparaissent dans votre espace.
        </Alert>
      )}
      {c.req.query("retire") && <Alert kind="success">Ce contact est retiré.</Alert>}
      <p class="lead">
        Vos rendez-vous pris avec l'un de ces contacts apparaissent dans votre espace. Vous pouvez
        aussi vous connecter avec chacun d'eux.
      </p>
      <ErrorSummary errors={errors} />
      {contacts.length === 0 && <NoContactNotice />}
      <ul class="espace-list">
        {hasFranceConnect && <li>FranceConnect (votre identité vérifiée)</li>}
        {contacts.map((row) => (
          <li>
            <strong>{maskContact(row.contact)}</strong> —{" "}
            {row.contact.kind === "phone" ? "portable" : "adresse électronique"}, vérifié le{" "}
            {frenchLongDate(row.verifiedAt)}.{" "}
            {canRemove && (
              <form method="post" action={`${CONTACTS_PATH}/${row.id}/retirer`}>
                <CsrfField token={c.var.csrfToken} />
                <button type="submit" class="button button--link">
                  Retirer<span class="visually-hidden"> {maskContact(row.contact)}</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {!canRemove && (
        <p>C'est votre seul moyen d'entrer : pour le retirer, ajoutez-en d'abord un autre.</p>
      )}
      <h2>Ajouter un portable ou une adresse électronique</h2>
      <p>Nous y envoyons un code à 6 chiffres, pour vérifier que c'est bien le vôtre.</p>
      <form method="post" action={CONTACTS_PATH} class="form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextField
          name="contact"
          label="Numéro de portable ou adresse électronique"
          hint="Par exemple 06 12 34 56 78 ou nom@exemple.fr. Celui que vous donnez pour prendre rendez-vous."
          required
          value={values.contact}
          error={errors.contact}
        />
        <Button>Recevoir un code</Button>
      </form>
    </SpacePage>,
    status as 200,
  );
}

contactRoutes.get(CONTACTS_PATH, (c) => contactsPage(c));

contactRoutes.post(CONTACTS_PATH, async (c) => {
  const ctx = residentContext(c);
  try {
    const { contact } = await parseForm(c, AddForm);
    const freshNeeded = freshCodeNeeded(c, CONTACTS_PATH);
    if (freshNeeded) return freshNeeded;
    const { challengeToken } = await sendContactCode(ctx, contact, clientAddress(c));
    setChallengeCookie(c, challengeToken);
  } catch (error) {
    if (error instanceof TooManyRequests) {
      tooMany(c, error);
      return contactsPage(c, { contact: error.message }, await formValues(c), 429);
    }
    const form = await formRefusal(c, error);
    return contactsPage(c, form.errors, form.values, 400);
  }
  return c.redirect(`${CONTACTS_PATH}/code`, 303);
});

async function codePage(c: AppContext, error?: string) {
  const ctx = residentContext(c);
  const { actor } = ctx;
  authorizeResident(actor, espaceRules.useSpace, { espaceId: actor.espaceId });
  const challenge = await challengeOrRestart(c);
  if (challenge?.purpose !== "add_contact" || challenge.espace_id !== actor.espaceId)
    return c.redirect(CONTACTS_PATH, 303);
  return c.html(
    <CodePage
      c={c}
      title="Entrer le code reçu"
      action={`${CONTACTS_PATH}/code`}
      sentTo={maskContact({ kind: challenge.kind, value: challenge.destination })}
      retour={CONTACTS_PATH}
      again={CONTACTS_PATH}
      errors={error ? { code: error } : {}}
    />,
    error ? 400 : 200,
  );
}

contactRoutes.get(`${CONTACTS_PATH}/code`, (c) => codePage(c));

contactRoutes.post(`${CONTACTS_PATH}/code`, async (c) => {
  const ctx = residentContext(c);
  const { code } = await parseForm(c, CodeForm);
  const token = getCookie(c, CHALLENGE_COOKIE);
  if (!token) return c.redirect(CONTACTS_PATH, 303);
  if (!code) return codePage(c, CODE_FORMAT);
  try {
    const check = await confirmContact(ctx, token, code);
    if (!check.ok && check.reason === "wrong")
      return codePage(
        c,
        `Ce code n'est pas le bon. Il vous reste ${check.attemptsLeft} essai${check.attemptsLeft > 1 ? "s" : ""}.`,
      );
    clearChallengeCookie(c);
    if (!check.ok)
      return contactsPage(
        c,
        { contact: "Ce code n'est plus valable. Demandez-en un nouveau." },
        {},
        400,
      );
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    clearChallengeCookie(c);
    return contactsPage(c, { contact: Object.values(errors)[0] ?? "" }, {}, 400);
  }
  return c.redirect(`${CONTACTS_PATH}?ajoute=1`, 303);
});

contactRoutes.post(`${CONTACTS_PATH}/:id/retirer`, async (c) => {
  const ctx = residentContext(c);
  const freshNeeded = freshCodeNeeded(c, CONTACTS_PATH);
  if (freshNeeded) return freshNeeded;
  try {
    await removeContact(ctx, c.req.param("id"));
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return contactsPage(c, errors, {}, 400);
  }
  return c.redirect(`${CONTACTS_PATH}?retire=1`, 303);
});
