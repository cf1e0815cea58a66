import { type Kysely, sql } from "kysely";

/** Runs SQL statements one by one, each its own query (an error names the one that failed). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function runStatements(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
