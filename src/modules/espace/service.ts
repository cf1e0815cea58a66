/**
 * The personal space's public face (« Mon espace », issue 15): what app.tsx
 * and jobs.ts need, and what other modules may call.
 */
export { findLinkOfRecord } from "./links.ts";
export { espaceRoutes } from "./routes.tsx";
export { residentSession, SPACE_PATH } from "./session.ts";
export { ESPACE_RETENTION_JOB, spaceRetentionHandler } from "./space-retention.ts";
