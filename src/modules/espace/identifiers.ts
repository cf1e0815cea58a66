// What a person types to sign in: a mobile number or an e-mail address,
// brought to the form the appointments are stored under (E.164 phones,
// lower-case e-mails), so that a verified contact finds its bookings.
import { z } from "zod";
import { parseFrenchPhone } from "../appointments/service.ts";
import type { IdentifierKind } from "./tables.ts";

export type Contact = { kind: IdentifierKind; value: string };

export const CONTACT_INVALID =
  "Indiquez un numéro de portable (par exemple 06 12 34 56 78) ou une adresse électronique (par exemple nom@exemple.fr).";
export const NOT_A_MOBILE =
  "Ce numéro n'est pas un portable (06 ou 07) : il ne peut pas recevoir de SMS. Indiquez un portable ou une adresse électronique.";

// A value check inside a pure function (not a form): safeParse says yes or no.
const Email = z.email();

/** The contact, or a French message saying what to type. */
export function parseContact(input: string): Contact | { error: string } {
  const text = input.trim();
  if (text.includes("@")) {
    const email = text.toLowerCase();
    return email.length <= 254 && Email.safeParse(email).success
      ? { kind: "email", value: email }
      : { error: CONTACT_INVALID };
  }
  const phone = parseFrenchPhone(text);
  if (!phone) return { error: CONTACT_INVALID };
  if (!phone.isMobile) return { error: NOT_A_MOBILE };
  return { kind: "phone", value: phone.e164 };
}

/** A zod transform: the contact typed, or parseContact's message on the field. */
export function readContact(text: string, ctx: z.RefinementCtx): Contact {
  const contact = parseContact(text);
  if ("error" in contact) {
    ctx.addIssue({ code: "custom", message: contact.error });
    return z.NEVER;
  }
  return contact;
}

/** A form field holding a contact: `missing` when empty. */
export function contactField(missing: string) {
  return z
    .string(missing)
    .trim()
    .min(1, missing)
    .max(254, "254 caractères au plus.")
    .transform(readContact);
}

/** Enough to recognise one's own contact, not enough to learn someone else's. */
export function maskContact(contact: Contact): string {
  if (contact.kind === "phone") {
    const national = `0${contact.value.slice(3)}`;
    return `${national.slice(0, 2)} •• •• •• ${national.slice(-2)}`;
  }
  const [local = "", domain = ""] = contact.value.split("@");
  return `${local.slice(0, 2)}…@${domain}`;
}
