import { Forbidden, Unauthenticated } from "../errors.ts";
import { type Actor, isSignedIn, type ResidentActor, type UserActor } from "./actor.ts";
import type { Role } from "./roles.ts";

/**
 * A rule decides whether a signed-in actor may do one thing to one target.
 * Modules declare their rules in their own policy.ts with these predicates;
 * routes and services call `authorize`, never a role check of their own.
 */
export type Rule<Target> = {
  name: string;
  allows(actor: UserActor, target: Target): boolean;
};

export function defineRule<Target = void>(
  name: string,
  allows: (actor: UserActor, target: Target) => boolean,
): Rule<Target> {
  return { name, allows };
}

/** The actor holds one of `roles`, in `organisationId` when given, anywhere otherwise. */
export function hasRole(
  actor: UserActor,
  roles: readonly Role[],
  organisationId?: string,
): boolean {
  return actor.memberships.some(
    (membership) =>
      roles.includes(membership.role) &&
      (organisationId === undefined || membership.organisationId === organisationId),
  );
}

export function isMemberOf(actor: UserActor, organisationId: string): boolean {
  return actor.memberships.some((membership) => membership.organisationId === organisationId);
}

export function organisationIds(actor: UserActor, roles?: readonly Role[]): string[] {
  return [
    ...new Set(
      actor.memberships
        .filter((membership) => !roles || roles.includes(membership.role))
        .map((membership) => membership.organisationId),
    ),
  ];
}

// Each actor object lives for one request: remembering its checks lets a test
// middleware fail any request on personal data that never called authorize.
const checksByActor = new WeakMap<Actor, string[]>();

export function authorizationChecks(actor: Actor): readonly string[] {
  return checksByActor.get(actor) ?? [];
}

/** Asserts that the actor may act; narrows it to a signed-in user. */
export function authorize<Target>(
  actor: Actor,
  rule: Rule<Target>,
  target: Target,
): asserts actor is UserActor {
  checksByActor.set(actor, [...authorizationChecks(actor), rule.name]);
  if (!isSignedIn(actor)) throw new Unauthenticated();
  if (!rule.allows(actor, target)) throw new Forbidden();
}

export function can<Target>(actor: Actor, rule: Rule<Target>, target: Target): boolean {
  return isSignedIn(actor) && rule.allows(actor, target);
}

/**
 * A rule for a resident acting in their own space (« Mon espace »). Kept apart
 * from professionals' rules: a resident never passes `authorize`, a
 * professional never passes `authorizeResident`.
 */
export type ResidentRule<Target> = {
  name: string;
  allowsResident(actor: ResidentActor, target: Target): boolean;
};

export function defineResidentRule<Target = void>(
  name: string,
  allowsResident: (actor: ResidentActor, target: Target) => boolean,
): ResidentRule<Target> {
  return { name, allowsResident };
}

/** Asserts that the actor is a signed-in resident the rule allows; narrows it. */
export function authorizeResident<Target>(
  actor: Actor,
  rule: ResidentRule<Target>,
  target: Target,
): asserts actor is ResidentActor {
  checksByActor.set(actor, [...authorizationChecks(actor), rule.name]);
  if (actor.kind !== "resident") throw new Unauthenticated();
  if (!rule.allowsResident(actor, target)) throw new Forbidden();
}

export function residentCan<Target>(
  actor: Actor,
  rule: ResidentRule<Target>,
  target: Target,
): boolean {
  return actor.kind === "resident" && rule.allowsResident(actor, target);
}

/** The platform's own rules; each module adds its rules in its policy.ts. */
export const platformRules = {
  enterProSpace: defineRule("platform.enterProSpace", (actor) => actor.memberships.length > 0),
  viewOutbox: defineRule("platform.viewOutbox", (actor) => hasRole(actor, ["admin"])),
  manageAccounts: defineRule("platform.manageAccounts", (actor) => hasRole(actor, ["admin"])),
};
