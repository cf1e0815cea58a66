// Moved to src/platform/time/paris.ts. Kept only for the espace tests that
// helpers edit in parallel (issue 13); remove once they import the platform.
export * from "../../platform/time/paris.ts";
