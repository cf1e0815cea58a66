import { describe, expect, it } from "vitest";
import { checkOpeningHours } from "./opening-hours.ts";
import { checkHoursForm, formToHours, frenchToHours, hoursToForm } from "./opening-hours-form.ts";

describe("opening hours as form fields", () => {
  it.each([
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
    "Mo 09:00-12:00; We 14:00-18:00; PH off; 2026 Dec 24-2027 Jan 01 off",
    "Tu-Th 08:30-16:30; 2026 Aug 15 off",
  ])("reads « %s » into the form and writes it back the same", (value) => {
    const form = hoursToForm(value);
    expect(form).toBeDefined();
    expect(formToHours(form as NonNullable<typeof form>)).toBe(value);
    expect(checkOpeningHours(value)).toBeUndefined();
  });

  it("groups days that have the same hours, and lets a later rule replace a day", () => {
    const form = hoursToForm("Mo-Fr 09:00-12:00; We 14:00-17:00");
    expect(form?.days.We).toEqual([{ from: "14:00", to: "17:00" }]);
    expect(formToHours(form as NonNullable<typeof form>)).toBe(
      "Mo-Tu 09:00-12:00; We 14:00-17:00; Th-Fr 09:00-12:00",
    );
  });

  it("leaves what a form cannot show to the experts' field", () => {
    expect(hoursToForm("Mo-Fr 09:00-12:00; week 1-53/2 Sa 10:00-12:00")).toBeUndefined();
    expect(hoursToForm("24/7")).toBeUndefined();
    expect(hoursToForm("Mo-Fr 08:00-10:00,11:00-12:00,14:00-16:00")).toBeUndefined();
  });

  it("reads the submitted fields, with a French message per wrong field", () => {
    const { form, errors } = checkHoursForm({
      horaires_Mo_1_debut: "09:00",
      horaires_Mo_1_fin: "12:00",
      horaires_Tu_1_debut: "14:00",
      horaires_Tu_1_fin: "13:00",
      horaires_We_1_debut: "9h",
      horaires_feries: "ferme",
      fermeture_1_debut: "2026-12-24",
      fermeture_1_fin: "2027-01-01",
      fermeture_2_debut: "2026-08-15",
    });
    expect(errors).toEqual({
      horaires_Tu_1_fin: "Le mardi, la fermeture doit suivre l'ouverture.",
      horaires_We_1_debut: "Indiquez l'heure d'ouverture du mercredi (par exemple 09:00).",
    });
    expect(formToHours(form)).toBe(
      "Mo 09:00-12:00; PH off; 2026 Dec 24-2027 Jan 01 off; 2026 Aug 15 off",
    );
  });
});

describe("opening hours in plain French", () => {
  it.each([
    ["du lundi au vendredi de 9h à 12h", "Mo-Fr 09:00-12:00"],
    ["Du lundi au vendredi de 9h à 12h et de 14h à 17h", "Mo-Fr 09:00-12:00,14:00-17:00"],
    ["le samedi de 10h à 12h30", "Sa 10:00-12:30"],
    ["lundi, mercredi de 9h30 à 12h", "Mo 09:30-12:00; We 09:30-12:00"],
    [
      "du lundi au jeudi de 9h à 17h ; le vendredi de 9h à 12h, fermé les jours fériés",
      "Mo-Th 09:00-17:00; Fr 09:00-12:00; PH off",
    ],
    ["mardi et jeudi de 14 h à 18 h", "Tu 14:00-18:00; Th 14:00-18:00"],
  ])("« %s » is « %s »", (french, osm) => {
    expect(frenchToHours(french)).toBe(osm);
    expect(checkOpeningHours(osm)).toBeUndefined();
  });

  it.each(["Mo-Fr 09:00-12:00", "le matin", "du lundi au vendredi", "lundi de 12h à 9h"])(
    "does not pretend to read « %s »",
    (text) => {
      expect(frenchToHours(text)).toBeUndefined();
    },
  );
});
