// What the professional pages share: breadcrumb and the organisation a page is about.

import type { Actor } from "../../platform/access/actor.ts";
import { authorize, organisationIds, platformRules } from "../../platform/access/policy.ts";
import { Forbidden } from "../../platform/errors.ts";
import type { AppContext } from "../../platform/http/context.ts";

export const crumbs = (label: string) => [
  { label: "Espace professionnel", href: "/pro" },
  { label: "Rendez-vous", href: "/pro/rendez-vous" },
  { label },
];

/** The organisation the page is about: asked for, or the actor's first. */
export function organisationOf(c: AppContext, actor: Actor): string {
  authorize(actor, platformRules.enterProSpace, undefined);
  const mine = organisationIds(actor);
  const asked = c.req.query("organisation");
  const organisationId = asked && mine.includes(asked) ? asked : mine[0];
  if (!organisationId) throw new Forbidden();
  return organisationId;
}
