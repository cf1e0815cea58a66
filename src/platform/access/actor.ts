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

/**
 * A resident signed in to their personal space (« Mon espace »), with a
 * session of their own (never a professional's): they act on their space only.
 */
export type ResidentActor = {
  kind: "resident";
  espaceId: string;
  /** When they last proved they hold their contact: the sign-in or a fresh code. */
  verifiedAt: Date;
  /** How they signed in: "code_email", "code_sms" (later "franceconnect"). */
  method: string;
  /** The contact they signed in with, as stored (E.164 or lower-case e-mail). */
  contact: { kind: "email" | "phone"; value: string } | undefined;
};

export type Actor = UserActor | ResidentActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: "anonymous" });

export function isSignedIn(actor: Actor): actor is UserActor {
  return actor.kind === "user";
}
