import type { ColumnType, Generated } from "kysely";

export type ClaimStatus = "pending" | "approved" | "refused";

export interface AdministrationTables {
  /** A responsable's request to maintain an existing directory entry (migration 0004). */
  organisation_claim: {
    id: Generated<string>;
    organisation_id: string;
    structure_id: string;
    requested_by: string | null;
    message: ColumnType<string, string | undefined, string>;
    status: ColumnType<ClaimStatus, ClaimStatus | undefined, ClaimStatus>;
    created_at: ColumnType<Date, Date, never>;
    decided_at: Date | null;
    decided_by: string | null;
  };
}
