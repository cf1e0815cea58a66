/**
 * One clock. Every instant the application stores or compares comes from the
 * clock it was given: tests pin it, and the database's own `now()` is never
 * used (a suite pinned to a date went red when the calendar passed it).
 */
export type Clock = () => Date;

/** The real time, read only where the process starts (server, CLI) and passed down from there. */
export const systemClock: Clock = () => new Date();
