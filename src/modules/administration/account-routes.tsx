import { Hono } from "hono";
import { z } from "zod";
import { authorize, can } from "../../platform/access/policy.ts";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { authRules } from "../../platform/auth/policy.ts";
import { Conflict, Invalid } from "../../platform/errors.ts";
import { type AppContext, type AppEnv, userContext } from "../../platform/http/context.ts";
import { formErrors, formFields, formValues, parseForm } from "../../platform/http/forms.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import { recordsRules } from "../records/policy.ts";
import { handOverRecords, listRecordsOfReferent } from "../records/service.ts";
import { AccountsPage, HandOverPage, InvitePage } from "./account-views.tsx";
import { adminContext } from "./organisation-routes.tsx";
import { ADMIN_HOME } from "./organisation-views.tsx";
import { administrationRules } from "./policy.ts";
import {
  deactivateAccount,
  endMembership,
  invite,
  listAccounts,
  listColleagues,
  reactivateAccount,
  requireMemberName,
  requireOrganisation,
} from "./service.ts";

export const administrationAccountRoutes = new Hono<AppEnv>();
administrationAccountRoutes.use(`${ADMIN_HOME}/:id/comptes/*`, holdsPersonalData);
administrationAccountRoutes.use(`${ADMIN_HOME}/:id/comptes`, holdsPersonalData);

const asList = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const RoleName = z.enum(ROLES as [Role, ...Role[]], "Ce rôle n'existe pas.");

const InviteForm = z.object({
  email: z
    .email("Indiquez une adresse électronique valide, par exemple nom@exemple.fr.")
    .max(254, "254 caractères au plus."),
  displayName: z
    .string()
    .trim()
    .min(1, "Indiquez le prénom et le nom.")
    .max(200, "200 caractères au plus."),
  roles: z.preprocess(asList, z.array(RoleName).min(1, "Cochez au moins un rôle.")),
});

/** The roles this actor may give in this organisation: the same rule as the invitation's. */
function grantableRoles(c: AppContext, organisationId: string): Role[] {
  return ROLES.filter((role) =>
    can(c.var.actor, administrationRules.grantRoles, { organisationId, roles: [role] }),
  );
}

administrationAccountRoutes.get(`${ADMIN_HOME}/:id/comptes`, async (c) => {
  const actor = requireUser(c);
  const list = await listAccounts(c.var.db, actor, c.req.param("id"), adminContext(c));
  const organisationId = list.organisation.id;
  return c.html(
    <AccountsPage
      c={c}
      {...list}
      canInvite={grantableRoles(c, organisationId).length > 0}
      canManage={can(actor, administrationRules.manageOrganisations, undefined)}
      canEndRole={(role) =>
        can(actor, administrationRules.grantRoles, { organisationId, roles: [role] })
      }
      canHandOver={can(actor, recordsRules.viewCaseload, { organisationId })}
      canClaim={can(actor, administrationRules.claimDirectoryEntry, { organisationId })}
      canResetSecondFactor={(userId) => can(actor, authRules.resetSecondFactor, { userId })}
      notice={c.req.query("fait")}
    />,
  );
});

async function renderInvite(
  c: AppContext,
  organisationId: string,
  options: {
    values?: Record<string, string>;
    checked?: string[];
    errors?: Record<string, string>;
    message?: string;
  } = {},
  status: 200 | 400 | 409 = 200,
) {
  const organisation = await requireOrganisation(c.var.db, organisationId);
  const roles = grantableRoles(c, organisation.id);
  return c.html(
    <InvitePage
      c={c}
      organisation={organisation}
      roles={roles}
      canManage={can(c.var.actor, administrationRules.manageOrganisations, undefined)}
      {...options}
    />,
    status,
  );
}

administrationAccountRoutes.get(`${ADMIN_HOME}/:id/invitations`, async (c) => {
  const actor = requireUser(c);
  const organisation = await requireOrganisation(c.var.db, c.req.param("id"));
  // Opening the form needs one role one may give here.
  authorize(actor, administrationRules.grantRoles, {
    organisationId: organisation.id,
    roles: grantableRoles(c, organisation.id),
  });
  return renderInvite(c, organisation.id, { checked: [] });
});

administrationAccountRoutes.post(`${ADMIN_HOME}/:id/invitations`, async (c) => {
  const actor = requireUser(c);
  const organisationId = c.req.param("id");
  const values = await formValues(c);
  const checked = asList((await formFields(c)).roles).map(String);
  let input: z.infer<typeof InviteForm>;
  try {
    input = await parseForm(c, InviteForm);
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    return renderInvite(c, organisationId, { values, checked, errors }, 400);
  }
  try {
    await invite(c.var.db, actor, organisationId, input, adminContext(c));
  } catch (error) {
    // The service's refusals are said above the form, not beside a field.
    if (error instanceof Conflict) {
      return renderInvite(c, organisationId, { values, checked, message: error.message }, 409);
    }
    if (error instanceof Invalid) {
      return renderInvite(c, organisationId, { values, checked, message: error.message }, 400);
    }
    throw error;
  }
  return c.redirect(`${ADMIN_HOME}/${organisationId}/comptes?fait=invitation`, 303);
});

administrationAccountRoutes.post(`${ADMIN_HOME}/:id/comptes/:userId/fin`, async (c) => {
  const actor = requireUser(c);
  const organisationId = c.req.param("id");
  const { role } = await parseForm(c, z.object({ role: RoleName }));
  await endMembership(
    c.var.db,
    actor,
    { organisationId, userId: c.req.param("userId"), role },
    adminContext(c),
  );
  return c.redirect(`${ADMIN_HOME}/${organisationId}/comptes?fait=fin`, 303);
});

/** Where a change on an account goes back to: the organisation's accounts, or the home page. */
async function backTo(c: AppContext): Promise<string> {
  const back = await parseForm(c, z.object({ organisation: z.uuid().optional() })).catch(() => ({
    organisation: undefined,
  }));
  return back.organisation ? `${ADMIN_HOME}/${back.organisation}/comptes` : ADMIN_HOME;
}

administrationAccountRoutes.post("/pro/administration/comptes/:userId/desactivation", async (c) => {
  const actor = requireUser(c);
  const back = await backTo(c);
  await deactivateAccount(c.var.db, actor, c.req.param("userId"), adminContext(c));
  return c.redirect(`${back}?fait=desactive`, 303);
});

administrationAccountRoutes.post("/pro/administration/comptes/:userId/reactivation", async (c) => {
  const actor = requireUser(c);
  const back = await backTo(c);
  await reactivateAccount(c.var.db, actor, c.req.param("userId"), adminContext(c));
  return c.redirect(`${back}?fait=reactive`, 303);
});

// Hand-over of a leaving worker's records.

async function renderHandOver(
  c: AppContext,
  options: {
    values?: Record<string, string>;
    checked?: string[];
    errors?: Record<string, string>;
  } = {},
  status: 200 | 400 = 200,
) {
  const ctx = userContext(c);
  const organisation = await requireOrganisation(c.var.db, c.req.param("id") ?? "");
  const userId = c.req.param("userId") ?? "";
  const records = await listRecordsOfReferent(ctx, {
    organisationId: organisation.id,
    referentUserId: userId,
  });
  const name = await requireMemberName(c.var.db, ctx.actor, organisation.id, userId);
  const colleagues = await listColleagues(c.var.db, organisation.id, userId);
  return c.html(
    <HandOverPage
      c={c}
      organisation={organisation}
      worker={{ id: userId, name }}
      records={records}
      colleagues={colleagues}
      {...options}
    />,
    status,
  );
}

administrationAccountRoutes.get(`${ADMIN_HOME}/:id/comptes/:userId/dossiers`, (c) =>
  renderHandOver(c),
);

const HandOverForm = z.object({
  parcoursIds: z.preprocess(
    asList,
    z
      .array(z.uuid("Un dossier coché n'existe pas."))
      .min(1, "Cochez au moins un dossier à confier.")
      .max(1000),
  ),
  toUserId: z.uuid("Choisissez le nouveau référent."),
  overrideReason: z.string().trim().max(500, "500 caractères au plus.").default(""),
});

administrationAccountRoutes.post(`${ADMIN_HOME}/:id/comptes/:userId/dossiers`, async (c) => {
  const ctx = userContext(c);
  const organisationId = c.req.param("id");
  try {
    const input = await parseForm(c, HandOverForm);
    await handOverRecords(ctx, {
      organisationId,
      fromUserId: c.req.param("userId"),
      toUserId: input.toUserId,
      parcoursIds: input.parcoursIds,
      overrideReason: input.overrideReason || undefined,
    });
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) throw error;
    const checked = asList((await formFields(c)).parcoursIds).map(String);
    return renderHandOver(c, { values: await formValues(c), checked, errors }, 400);
  }
  return c.redirect(`${ADMIN_HOME}/${organisationId}/comptes?fait=dossiers`, 303);
});
