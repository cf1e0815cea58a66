import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RightsTables extends LocalAidTables {
  rights_batch_run: {
    id: Generated<string>;
    ran_by: string;
    organisation_id: string | null;
    month: string;
    file_name: string;
    header: string;
    /** receiving: the file is still streaming in (migration 0401). */
    status: Generated<"receiving" | "pending" | "running" | "done">;
    chunks_total: number;
    chunks_done: Generated<number>;
    households: Generated<number>;
    households_found: Generated<number>;
    rows_skipped: Generated<number>;
    /** Set by the application from its clock (one clock: no database default). */
    created_at: ColumnType<Date, Date | string, never>;
    finished_at: Timestamp | null;
    expires_at: Timestamp;
  };
  rights_batch_chunk: {
    run_id: string;
    seq: number;
    first_line: number;
    /** The uploaded lines, until processed (then null). */
    content: string | null;
    found: string | null;
    summary: ColumnType<unknown, string | null, string | null> | null;
    errors: string | null;
  };
}

/** The Département's own aids (migration 0403): an aid and its dated versions. */
export interface LocalAidTables {
  rights_local_aid: {
    id: Generated<string>;
    is_demo: boolean;
    created_at: ColumnType<Date, Date | string, never>;
    created_by: string | null;
  };
  rights_local_aid_version: {
    aid_id: string;
    number: number;
    status: "brouillon" | "publiee";
    /** "YYYY-MM": the first month the version applies. */
    valid_from: string;
    /** "YYYY-MM": the last month, or null while it is the one in force. */
    valid_until: string | null;
    definition: ColumnType<unknown, string, string>;
    created_at: ColumnType<Date, Date | string, never>;
    created_by: string | null;
    published_at: Timestamp | null;
    published_by: string | null;
  };
}
