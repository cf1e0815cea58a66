import type { Actor } from "../access/actor.ts";

/** What every page needs from the request to draw the shell around its content. */
export type PageContext = {
  territoryName: string;
  actor: Actor;
  csrfToken: string;
  currentPath: string;
};
