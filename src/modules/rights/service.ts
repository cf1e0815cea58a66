/**
 * The rights module's public face: what routes, the CLI and other modules may
 * import. Pure (no database, no clock): a simulation for a household and a
 * month, the OpenFisca situation adapter, and the streaming non-take-up
 * batch. With a database: a non-take-up run and its counts per commune.
 */
export {
  BATCH_COLUMNS,
  BatchHeaderError,
  type BatchItem,
  type BatchOptions,
  FINDINGS_HEADER,
  type Finding,
  findingLines,
  findNonTakeUp,
  NonTakeUpScanner,
  NonTakeUpSummary,
  runNonTakeUp,
} from "./batch.ts";
export { seedLocalAidsDemo } from "./demo-local-aids.ts";
export {
  BENEFIT_LABELS,
  type BenefitResult,
  InvalidMonth,
  NOT_COVERED,
  type NotCovered,
  PERIODICITY,
  type SimulateOptions,
  type SimulationResult,
  simulate,
  simulateOutcomes,
} from "./engine.ts";
export type { TraceStep, UsedParameter } from "./explain.ts";
export {
  BENEFITS,
  type BenefitId,
  type Household,
  HouseholdSchema,
  type Member,
  type MonthlyResources,
} from "./household.ts";
export { findRun, listRuns, type NonTakeUpRun, nonTakeUpByCommune } from "./non-take-up-runs.ts";
export {
  computeOpenFiscaSituation,
  KNOWN_VARIABLES,
  type OpenFiscaExplanation,
  type OpenFiscaResponse,
  type OpenFiscaSituation,
  OpenFiscaSituationError,
  OpenFiscaSituationSchema,
} from "./openfisca.ts";
export {
  ALL_PARAMETERS,
  FIRST_MONTH,
  LAST_PUBLISHED_VALUES,
  MissingParameter,
} from "./parameters/resolve.ts";
export {
  type Answers,
  answersToHousehold,
  firstIncompleteStep,
  openAnswers,
} from "./questionnaire.ts";
export { currentMonth } from "./results.ts";
export { syntheticChunks } from "./synthetic-households.ts";
