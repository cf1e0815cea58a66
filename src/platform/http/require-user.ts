import type { UserActor } from "../access/actor.ts";
import { isSignedIn } from "../access/actor.ts";
import { Unauthenticated } from "../errors.ts";
import type { AppContext } from "./context.ts";

/**
 * The one way for a handler to demand a signed-in user: the user, or
 * `Unauthenticated`, which `errors.tsx` answers with the login page for a
 * page (GET) and 401 for the API and form posts. What the user may then do
 * is for the policies to say.
 */
export function requireUser(c: AppContext): UserActor {
  const actor = c.var.actor;
  if (!isSignedIn(actor)) throw new Unauthenticated();
  return actor;
}
