import type { AdministrationTables } from "../modules/administration/tables.ts";
import type { AppointmentTables } from "../modules/appointments/tables.ts";
import type { DirectoryTables } from "../modules/directory/tables.ts";
import type { EspaceTables } from "../modules/espace/tables.ts";
import type { RecordsTables } from "../modules/records/tables.ts";
import type { RightsTables } from "../modules/rights/tables.ts";
import type { SteeringTables } from "../modules/steering/tables.ts";
import type { FoundationTables } from "./foundation-tables.ts";

/**
 * Every table of the application. Each module declares its own tables in its
 * `tables.ts` and adds them here; modules still read each other's data only
 * through the other module's service functions.
 */
export interface Database
  extends FoundationTables,
    DirectoryTables,
    AppointmentTables,
    RecordsTables,
    RightsTables,
    SteeringTables,
    AdministrationTables,
    EspaceTables {}
