import { describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { type NoticeBooking, noticeText, smsText } from "./notifications.ts";

const BOOKING: NoticeBooking = {
  id: "00000000-0000-4000-8000-000000000001",
  startsAt: parisToDate("2026-12-07", "09:00"),
  endsAt: parisToDate("2026-12-07", "09:30"),
  personName: "Camille Martin",
  phone: "+33612345678",
  email: "camille@exemple.fr",
  notify: true,
  motifName: "Premier accueil social",
  organisationName: "SST de Nanterre",
  where: "10 avenue de la République, Nanterre",
  manageUrl: "https://relais.test/rendez-vous/gerer/1?jeton=x",
  documentsToBring: "Une pièce d'identité\n\n- Votre attestation CAF",
  sequence: 0,
};

describe("what the e-mail and the SMS say", () => {
  it("writes the date in lower case mid-sentence, the place once, and what to bring", () => {
    const text = noticeText("confirmation", BOOKING);
    expect(text).toContain("- le lundi 7 décembre 2026 à 09 h 00");
    expect(text).toContain("- Premier accueil social, SST de Nanterre");
    expect(text).toContain("À apporter\u00a0:\n- Une pièce d'identité\n- Votre attestation CAF");
    expect(text).toContain(
      "Pour l'annuler ou le déplacer\u00a0: https://relais.test/rendez-vous/gerer/1?jeton=x",
    );
    expect(text.match(/SST de Nanterre/g)).toHaveLength(1);
  });

  it("writes « 1er » for the first of the month", () => {
    const first = { ...BOOKING, startsAt: parisToDate("2026-12-01", "14:00") };
    expect(smsText("reminder", first)).toContain("le mardi 1er décembre 2026 à 14 h 00");
  });

  it("keeps the SMS in the GSM alphabet: plain spaces, no non-breaking one", () => {
    const sms = smsText("confirmation", BOOKING);
    expect(sms).toBe(
      "SST de Nanterre : RDV confirmé le lundi 7 décembre 2026 à 09 h 00, 10 avenue de la République, Nanterre. Annuler : https://relais.test/rendez-vous/gerer/1?jeton=x",
    );
    expect(sms).not.toMatch(/[\u00a0\u202f]/);
  });
});
