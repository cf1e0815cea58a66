// The cancel/move link of a booking carries a token signed with the server
// secret: "<expiry in seconds>.<HMAC>". It expires when the appointment
// ends, and the database keeps the SHA-256 of the current token only, so
// moving the appointment (a new end, a new token) retires the old link.

import { hmac, safeEqual, sha256 } from "../../platform/auth/tokens.ts";

export function signBookingToken(secret: string, bookingId: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  return `${expiry}.${hmac(secret, `rdv:${bookingId}:${expiry}`)}`;
}

export function hashBookingToken(token: string): string {
  return sha256(token);
}

export type TokenCheck = "ok" | "forged" | "expired";

/** Whether the token was signed by us for this booking, and is still valid at `now`. */
export function checkBookingToken(
  secret: string,
  bookingId: string,
  token: string,
  now: Date,
): TokenCheck {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!match?.[1] || !match[2]) return "forged";
  const expected = hmac(secret, `rdv:${bookingId}:${match[1]}`);
  if (!safeEqual(match[2], expected)) return "forged";
  return Number(match[1]) * 1000 < now.getTime() ? "expired" : "ok";
}
