// French phone numbers, for SMS notifications and for calling back.
// French numbering plan (ARCEP): 10 digits starting with 0;
// 01–05 and 09 geographic or non-geographic lines, 06 and 07 mobiles,
// 08 special-rate services. Only mobiles receive SMS.
// Overseas départements (+262, +590, +594, +596, +269) are not handled yet.

import { BookingRefused } from "./refusals.ts";

export interface FrenchPhone {
  /** E.164, the form an SMS provider expects: "+33612345678". */
  e164: string;
  /** As shown to people: "06 12 34 56 78". */
  national: string;
  isMobile: boolean;
}

const SEPARATORS = /[\s.\-/()]/g;

/** Parses "06 12 34 56 78", "06.12.34.56.78", "+33 6 12…", "+33 (0)6…", "0033 6…". */
export function parseFrenchPhone(input: string): FrenchPhone | undefined {
  let digits = input.trim().replace(/\(0\)/, "").replace(SEPARATORS, "");
  if (digits.startsWith("+33")) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith("0033")) digits = `0${digits.slice(4)}`;
  if (!/^0[1-9]\d{8}$/.test(digits)) return undefined;
  return {
    e164: `+33${digits.slice(1)}`,
    national: digits.replace(/(\d{2})(?=\d)/g, "$1 "),
    isMobile: digits.startsWith("06") || digits.startsWith("07"),
  };
}

/** The E.164 form of a mobile number, or a refusal with a French message. */
export function requireMobileForSms(input: string, field = "telephone"): string {
  const phone = parseFrenchPhone(input);
  if (!phone) {
    throw new BookingRefused(
      "invalid-phone",
      "Ce numéro de téléphone n'est pas valide. Indiquez 10 chiffres, par exemple 06 12 34 56 78.",
      field,
    );
  }
  if (!phone.isMobile) {
    throw new BookingRefused(
      "not-a-mobile",
      "Ce numéro n'est pas un numéro de portable (06 ou 07) : il ne peut pas recevoir de SMS.",
      field,
    );
  }
  return phone.e164;
}
