import { defineRule, hasRole } from "../access/policy.ts";
import type { Role } from "../access/roles.ts";

/** Who an account is, as far as the second factor is concerned. */
export type SecondFactorSubject = {
  roles: readonly Role[];
  /** Demo accounts share a published password: a second factor would protect nothing (decision 0015). */
  isDemo: boolean;
};

/**
 * Whether signing in with a password needs a second factor: the account holds
 * one of the configured roles (RELAIS_SECOND_FACTOR_ROLES; by default those
 * that read records: src/modules/records/policy.ts, IDENTITY_READERS and
 * RECORD_READERS). ProConnect sign-ins never ask: the federation carries its
 * own assurance level, recorded with the session.
 */
export function requiresSecondFactor(
  subject: SecondFactorSubject,
  requiredFor: readonly Role[],
): boolean {
  return !subject.isDemo && subject.roles.some((role) => requiredFor.includes(role));
}

/** The account whose second factor an administrator resets. */
export type AccountTarget = { userId: string };

export const authRules = {
  /** An administrator resets another person's second factor (a lost phone); never their own. */
  resetSecondFactor: defineRule<AccountTarget>(
    "auth.resetSecondFactor",
    (actor, target) => hasRole(actor, ["admin"]) && target.userId !== actor.userId,
  ),
};
