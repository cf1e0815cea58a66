/**
 * The personal space's public face (« Mon espace », issue 15): what app.tsx
 * and jobs.ts need, and what other modules may call.
 */
export { ESPACE_UPLOAD_PATH } from "./document-routes.tsx";
export { findLinkOfRecord } from "./links.ts";
export { PRO_DEPOSIT_PATH } from "./record-space-routes.tsx";
export { espaceRoutes } from "./routes.tsx";
export { residentSession, SPACE_PATH } from "./session.ts";
export { ESPACE_RETENTION_JOB, spaceRetentionHandler } from "./space-retention.ts";
