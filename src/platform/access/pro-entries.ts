import type { UserActor } from "./actor.ts";

/**
 * One entry of the professional space's home page: a page and the policy
 * that guards it, so that a person sees a link only to what they may open.
 * `link` asks the same rule the page's handler authorizes with, and gives the
 * address to open (naming the organisation where the rule holds), or
 * undefined when the person may not open it.
 */
export type ProEntry = {
  title: string;
  description: string;
  link: (actor: UserActor) => string | undefined;
};
