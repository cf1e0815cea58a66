import { describe, expect, it } from "vitest";
import { anonymousActor, userActor } from "../../test/fixtures.ts";
import { Unauthenticated } from "../errors.ts";
import type { AppContext } from "./context.ts";
import { requireUser } from "./require-user.ts";

const contextOf = (actor: AppContext["var"]["actor"]) => ({ var: { actor } }) as AppContext;

describe("requireUser", () => {
  it("gives back the signed-in user", () => {
    const user = userActor("travailleur_social");
    expect(requireUser(contextOf(user))).toBe(user);
  });

  it("refuses an anonymous visitor with Unauthenticated (login page or 401), not a cast", () => {
    expect(() => requireUser(contextOf(anonymousActor))).toThrow(Unauthenticated);
  });
});
