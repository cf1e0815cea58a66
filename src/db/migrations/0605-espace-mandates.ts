import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

/**
 * Mandates (issue 15): a person lets a helper (a relative, a volunteer, a
 * médiateur numérique) act for them on chosen parts of their space, for a
 * chosen duration (one year at most), revocable at once. The helper is named
 * by a contact (E.164 phone or lower-case e-mail) and signs in with their own
 * code; the mandate holds only while unrevoked and unexpired. Times come from
 * the application's clock (no default).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE espace_mandate (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       espace_id uuid NOT NULL REFERENCES espace (id) ON DELETE CASCADE,
       person_name text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 80),
       helper_name text NOT NULL CHECK (length(helper_name) BETWEEN 1 AND 80),
       helper_kind text NOT NULL CHECK (helper_kind IN ('email', 'phone')),
       helper_value text NOT NULL,
       parts text[] NOT NULL CHECK (cardinality(parts) > 0
         AND parts <@ ARRAY['rendez_vous', 'documents', 'demarches']::text[]),
       granted_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL CHECK (expires_at > granted_at
         AND expires_at <= granted_at + interval '366 days'),
       revoked_at timestamptz
     )`,
    "CREATE INDEX espace_mandate_espace ON espace_mandate (espace_id)",
    "CREATE INDEX espace_mandate_helper ON espace_mandate (helper_kind, helper_value)",
  ]);
}
