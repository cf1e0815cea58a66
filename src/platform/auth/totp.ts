import { Secret, TOTP } from "otpauth";

/**
 * Time-based one-time codes (RFC 6238) through the `otpauth` library: SHA-1,
 * 6 digits, 30-second steps — what every authenticator application reads
 * from a QR code. Pure: the time is always given.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side: a phone's clock a little off, a code typed as it changes. */
const WINDOW = 1;

/** A new random secret (160 bits, RFC 4226's recommended length), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "", digits = TOTP_DIGITS): TOTP {
  return new TOTP({
    issuer: "Relais",
    label,
    algorithm: "SHA1",
    digits,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The code an application shows at `at`. */
export function totpCode(secretBase32: string, at: Date, digits = TOTP_DIGITS): string {
  return totp(secretBase32, "", digits).generate({ timestamp: at.getTime() });
}

/**
 * The time step a code belongs to when it is valid at `at` (within one step
 * either side), or undefined. The caller refuses a step already used: a code
 * seen once is never accepted again (RFC 6238, section 5.2).
 */
export function matchTotpStep(
  secretBase32: string,
  code: string,
  at: Date,
  digits = TOTP_DIGITS,
): number | undefined {
  const token = code.replace(/\s/g, "");
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return undefined;
  const delta = totp(secretBase32, "", digits).validate({
    token,
    timestamp: at.getTime(),
    window: WINDOW,
  });
  if (delta === null) return undefined;
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** The otpauth:// address an application reads from the QR code. */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return totp(secretBase32, accountLabel).toString();
}

/** The secret in groups of four, easier to copy by hand. */
export function groupSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})/g, "$1 ").trim();
}
