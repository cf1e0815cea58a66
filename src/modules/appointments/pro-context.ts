// What the professional pages share: breadcrumb and the organisation a page is about.

import type { UserActor } from "../../platform/access/actor.ts";
import { authorize, organisationIds, type Rule } from "../../platform/access/policy.ts";
import { Forbidden } from "../../platform/errors.ts";
import type { AppContext } from "../../platform/http/context.ts";
import { requireUser } from "../../platform/http/require-user.ts";
import type { AgendaTarget } from "./policy.ts";

export const crumbs = (label: string) => [
  { label: "Espace professionnel", href: "/pro" },
  { label: "Rendez-vous", href: "/pro/rendez-vous" },
  { label },
];

/**
 * The organisation the page is about: the one asked for (`?organisation=`)
 * among the user's, else their first; Forbidden when they belong to none.
 * It chooses, it does not authorize: the page's rule does (organisationFor).
 */
export function chosenOrganisation(c: AppContext, actor: UserActor): string {
  const mine = organisationIds(actor);
  const asked = c.req.query("organisation");
  const organisationId = asked && mine.includes(asked) ? asked : mine[0];
  if (!organisationId) throw new Forbidden();
  return organisationId;
}

/** The signed-in user and the page's organisation, in which `rule` must let them act. */
export function organisationFor(
  c: AppContext,
  rule: Rule<AgendaTarget>,
): { actor: UserActor; organisationId: string } {
  const actor = requireUser(c);
  const organisationId = chosenOrganisation(c, actor);
  authorize(actor, rule, { organisationId });
  return { actor, organisationId };
}
