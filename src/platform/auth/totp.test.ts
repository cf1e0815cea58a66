import { describe, expect, it } from "vitest";
import { groupSecret, matchTotpStep, newTotpSecret, totpCode, totpUri } from "./totp.ts";

// RFC 6238, Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890",
// 8-digit codes, 30-second steps.
const RFC_SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_SHA1_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1_111_111_109, "07081804"],
  [1_111_111_111, "14050471"],
  [1_234_567_890, "89005924"],
  [2_000_000_000, "69279037"],
  [20_000_000_000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC_SHA1_VECTORS)("gives the RFC's SHA-1 code at T = %i s", (seconds, code) => {
    expect(totpCode(RFC_SEED_BASE32, new Date(seconds * 1000), 8)).toBe(code);
  });

  it.each(RFC_SHA1_VECTORS)(
    "accepts the RFC's SHA-1 code at T = %i s, in its step",
    (seconds, code) => {
      expect(matchTotpStep(RFC_SEED_BASE32, code, new Date(seconds * 1000), 8)).toBe(
        Math.floor(seconds / 30),
      );
    },
  );

  const secret = newTotpSecret();
  const at = new Date("2026-03-10T09:00:10Z");

  it("accepts the code of the step before and after (a clock a little off), and says which step", () => {
    const step = Math.floor(at.getTime() / 30_000);
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(
      step - 1,
    );
    expect(matchTotpStep(secret, totpCode(secret, at), at)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(
      step + 1,
    );
  });

  it("refuses a code two steps old, a wrong code and what is not 6 digits", () => {
    expect(
      matchTotpStep(secret, totpCode(secret, new Date(at.getTime() - 60_000)), at),
    ).toBeUndefined();
    const code = totpCode(secret, at);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(matchTotpStep(secret, wrong, at)).toBeUndefined();
    expect(matchTotpStep(secret, "12345", at)).toBeUndefined();
    expect(matchTotpStep(secret, "abcdef", at)).toBeUndefined();
  });

  it("accepts a code typed with a space in the middle", () => {
    const code = totpCode(secret, at);
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBeDefined();
  });

  it("draws 160-bit secrets and writes an otpauth address an application reads", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "agent@exemple.fr"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Relais");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(groupSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
