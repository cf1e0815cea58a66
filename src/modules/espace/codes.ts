// One-time codes: 6 digits, from the system's CSPRNG. Only an HMAC under the
// server secret is stored: a million possible codes would fall to a plain
// hash in a second, not to a keyed one without the secret.
import { randomInt } from "node:crypto";
import { hmac, safeEqual } from "../../platform/auth/tokens.ts";

export const CODE_VALID_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

export function hashCode(secret: string, challengeId: string, code: string): string {
  return hmac(secret, `espace-code:${challengeId}:${code}`);
}

export function codeMatches(secret: string, challengeId: string, code: string, stored: string) {
  return safeEqual(hashCode(secret, challengeId, code), stored);
}

/** What a person types: spaces and dashes ignored ("123 456"). */
export function normaliseCode(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : undefined;
}
