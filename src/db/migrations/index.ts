// Every migration, by name, imported explicitly so that the production bundle
// (npm run build) carries them: nothing is read from the folder at run time.
// A new migration file is added here too; src/db/migrate.test.ts checks that
// this list and the folder agree.
import type { Migration } from "kysely/migration";
import * as m0001 from "./0001-foundation.ts";
import * as m0002 from "./0002-foundation-one-clock.ts";
import * as m0003 from "./0003-foundation-accounts.ts";
import * as m0004 from "./0004-administration-claims.ts";
import * as m0010 from "./0010-foundation-proconnect-second-factor.ts";
import * as m0020 from "./0020-foundation-dpo-role.ts";
import * as m0021 from "./0021-foundation-audit-search.ts";
import * as m0100 from "./0100-directory.ts";
import * as m0101 from "./0101-directory-search-keys.ts";
import * as m0102 from "./0102-directory-search-cache.ts";
import * as m0103 from "./0103-directory-one-clock.ts";
import * as m0104 from "./0104-directory-as-given.ts";
import * as m0200 from "./0200-appointments.ts";
import * as m0202 from "./0202-appointments-person.ts";
import * as m0203 from "./0203-appointments-lieu-directory.ts";
import * as m0204 from "./0204-appointments-one-clock.ts";
import * as m0205 from "./0205-appointments-documents-to-bring.ts";
import * as m0300 from "./0300-records.ts";
import * as m0301 from "./0301-records-orientation-service.ts";
import * as m0302 from "./0302-records-simulations.ts";
import * as m0303 from "./0303-records-attention-index.ts";
import * as m0304 from "./0304-records-one-clock.ts";
import * as m0305 from "./0305-records-consent-decides.ts";
import * as m0306 from "./0306-records-document-sensitivity.ts";
import * as m0307 from "./0307-records-duplicate-flag.ts";
import * as m0311 from "./0311-records-simulation-shared-by-person.ts";
import * as m0312 from "./0312-records-note-shared-with-person.ts";
import * as m0400 from "./0400-rights-non-take-up.ts";
import * as m0401 from "./0401-rights-run-receiving.ts";
import * as m0402 from "./0402-rights-one-clock.ts";
import * as m0403 from "./0403-rights-local-aids.ts";
import * as m0500 from "./0500-steering.ts";
import * as m0501 from "./0501-steering-budget.ts";
import * as m0502 from "./0502-steering-action-history.ts";
import * as m0503 from "./0503-steering-commitments.ts";
import * as m0504 from "./0504-steering-governance.ts";
import * as m0505 from "./0505-steering-action-sheet.ts";
import * as m0506 from "./0506-steering-structure-values.ts";
import * as m0600 from "./0600-espace.ts";
import * as m0601 from "./0601-espace-franceconnect.ts";
import * as m0602 from "./0602-espace-simulations.ts";
import * as m0605 from "./0605-espace-mandates.ts";
import * as m0606 from "./0606-espace-finish.ts";

export const MIGRATIONS: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-foundation-one-clock": m0002,
  "0003-foundation-accounts": m0003,
  "0004-administration-claims": m0004,
  "0010-foundation-proconnect-second-factor": m0010,
  "0020-foundation-dpo-role": m0020,
  "0021-foundation-audit-search": m0021,
  "0100-directory": m0100,
  "0101-directory-search-keys": m0101,
  "0102-directory-search-cache": m0102,
  "0103-directory-one-clock": m0103,
  "0104-directory-as-given": m0104,
  "0200-appointments": m0200,
  "0202-appointments-person": m0202,
  "0203-appointments-lieu-directory": m0203,
  "0204-appointments-one-clock": m0204,
  "0205-appointments-documents-to-bring": m0205,
  "0300-records": m0300,
  "0301-records-orientation-service": m0301,
  "0302-records-simulations": m0302,
  "0303-records-attention-index": m0303,
  "0304-records-one-clock": m0304,
  "0305-records-consent-decides": m0305,
  "0306-records-document-sensitivity": m0306,
  "0307-records-duplicate-flag": m0307,
  "0311-records-simulation-shared-by-person": m0311,
  "0312-records-note-shared-with-person": m0312,
  "0400-rights-non-take-up": m0400,
  "0401-rights-run-receiving": m0401,
  "0402-rights-one-clock": m0402,
  "0403-rights-local-aids": m0403,
  "0500-steering": m0500,
  "0501-steering-budget": m0501,
  "0502-steering-action-history": m0502,
  "0503-steering-commitments": m0503,
  "0504-steering-governance": m0504,
  "0505-steering-action-sheet": m0505,
  "0506-steering-structure-values": m0506,
  "0600-espace": m0600,
  "0601-espace-franceconnect": m0601,
  "0602-espace-simulations": m0602,
  "0605-espace-mandates": m0605,
  "0606-espace-finish": m0606,
};
