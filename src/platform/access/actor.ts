import type { OrganisationKind, Role } from "./roles.ts";

export type Membership = {
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  role: Role;
};

/** A signed-in professional, with every (organisation, role) they hold. */
export type UserActor = {
  kind: "user";
  userId: string;
  email: string;
  displayName: string;
  memberships: Membership[];
};

export type AnonymousActor = { kind: "anonymous" };

export type Actor = UserActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: "anonymous" });

export function isSignedIn(actor: Actor): actor is UserActor {
  return actor.kind === "user";
}
