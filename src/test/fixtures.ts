// What tests share beyond the database and the app (src/test/app.ts,
// src/test/factories.ts): a fixed instant, actors built without a database,
// a service context, and page text with its HTML entities decoded.
import type { Db } from "../db/database.ts";
import {
  type Actor,
  ANONYMOUS,
  type AnonymousActor,
  type ResidentActor,
  type UserActor,
} from "../platform/access/actor.ts";
import type { OrganisationKind, Role } from "../platform/access/roles.ts";
import type { ServiceContext } from "../platform/http/context.ts";

/**
 * A fixed instant for tests that need one and no particular day: Monday
 * 2 March 2026, 10:00 in Paris. Tests never read the real clock to compare
 * with a calendar date (the suite also runs years ahead, with faketime).
 */
export const NOW = new Date("2026-03-02T09:00:00Z");

/** A signed-in professional holding `role` (or each of `roles`) in one organisation (no database row). */
export function userActor(
  role: Role | readonly Role[],
  options: {
    organisationId?: string;
    organisationName?: string;
    organisationKind?: OrganisationKind;
    userId?: string;
    email?: string;
    displayName?: string;
  } = {},
): UserActor {
  const organisationId = options.organisationId ?? "org-a";
  return {
    kind: "user",
    userId: options.userId ?? "user-1",
    email: options.email ?? "agent@exemple.fr",
    displayName: options.displayName ?? "Agent",
    memberships: [role].flat().map((one) => ({
      organisationId,
      organisationName: options.organisationName ?? "Organisation A",
      organisationKind: options.organisationKind ?? "sst",
      role: one,
    })),
  };
}

/** A resident signed in to their space with an e-mail code (no database row). */
export function residentActor(
  options: Partial<Omit<ResidentActor, "kind">> & { espaceId?: string } = {},
): ResidentActor {
  return {
    kind: "resident",
    espaceId: options.espaceId ?? "00000000-0000-4000-8000-0000000000e1",
    verifiedAt: options.verifiedAt ?? NOW,
    method: options.method ?? "code_email",
    contact:
      "contact" in options ? options.contact : { kind: "email", value: "habitant@exemple.fr" },
  };
}

/** A visitor who is not signed in. */
export const anonymousActor: AnonymousActor = ANONYMOUS;

/** The service context a handler would build, for calling a service directly. */
export function serviceContext<A extends Actor>(
  db: Db,
  actor: A,
  now: Date = NOW,
): ServiceContext<A> {
  return { db, actor, now, requestId: null };
}

/** Page text as a reader sees it: the entities the JSX renderer writes, decoded. */
export const readable = (html: string): string =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
