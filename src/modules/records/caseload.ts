/**
 * Caseload limits (004 Q5/Q6: "nombre maximum de situations par travailleur
 * social"). Going beyond the structure's maximum is possible, but only as an
 * explicit, reasoned decision that is kept on the parcours and in the audit.
 */
export const DEFAULT_MAX_PARCOURS_PER_WORKER = 60;

export type CaseloadDecision =
  | { kind: "within"; after: number; max: number }
  | { kind: "override"; after: number; max: number; reason: string }
  | { kind: "needs_override"; after: number; max: number };

export function decideCaseload(input: {
  current: number;
  max: number;
  overrideReason?: string | undefined;
}): CaseloadDecision {
  const after = input.current + 1;
  if (after <= input.max) return { kind: "within", after, max: input.max };
  const reason = input.overrideReason?.trim() ?? "";
  if (reason.length >= 5) return { kind: "override", after, max: input.max, reason };
  return { kind: "needs_override", after, max: input.max };
}

export type CaseloadLevel = "ok" | "near" | "over";

/** "near" from 90 % of the maximum: the responsable sees it coming. */
export function caseloadLevel(count: number, max: number): CaseloadLevel {
  if (count > max) return "over";
  if (count >= Math.ceil(max * 0.9)) return "near";
  return "ok";
}
