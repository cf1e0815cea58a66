/**
 * The records module's public face: other modules import from here only.
 * Every use case takes the service context (`ServiceContext`) first.
 */
export { findParcoursAccess, requireParcoursFor } from "./access.ts";
export { type PersonToBook, personToBook } from "./appointment-link.ts";
export { ATTENTION_LIMIT, recordsNeedingAttention } from "./attention-list.ts";
export { RECORDS_DEMO, seedRecordsDemo } from "./demo.ts";
export { ACTION_LABELS as RECORD_ACTION_LABELS } from "./export.ts";
export {
  HANDOVER_NEEDS_RECORDS,
  HANDOVER_NEEDS_WORKER,
  handOverRecords,
  listRecordsOfReferent,
  type ReferentRecord,
} from "./handover.ts";
export { type PersonRecordView, recordForPerson } from "./person-view.ts";
export { createPersonWithParcours, findDuplicates, listRecords } from "./persons.ts";
export {
  addAction,
  addNote,
  addObjective,
  STALE_EDIT_MESSAGE,
  updateActionStatus,
  updateObjectiveStatus,
  updateSituation,
} from "./plan.ts";
export { attachableParcours, recordsRules, visibleParcours } from "./policy.ts";
export { openRecord, type RecordView } from "./record.ts";
// Counts only, for the plan's indicators (the steering job): no actor, no person leaves.
export {
  type CareLeaverFigures,
  type CaseloadFigures,
  careLeaverFigures,
  caseloadFigures,
  type OrientationFigures,
  orientationFigures,
  type RecordFigureGrouping,
  type RecordFigures,
  recordFigures,
} from "./record-figures.ts";
export {
  attachSimulation,
  listSimulationTargets,
  type SimulationToAttach,
  shareSimulationFromSpace,
} from "./record-simulations.ts";
export {
  caseloadDashboard,
  closeParcours,
  maxCaseload,
  setMaxCaseload,
  setReferent,
} from "./referent.ts";
export {
  countIncomingOrientations,
  decideOrientation,
  listIncomingOrientations,
  listPersonConsents,
  type OrientationInput,
  orient,
  recordConsent,
  SERVICE_NOT_FOUND,
  SERVICE_NOT_ON_RELAIS,
  withdrawConsent,
  withdrawConsentByPerson,
} from "./sharing.ts";
export {
  ACTION_STATUS_LABELS,
  OBJECTIVE_STATUS_LABELS,
  ORIENTATION_STATUS_LABELS,
  THEMES,
} from "./themes.ts";
