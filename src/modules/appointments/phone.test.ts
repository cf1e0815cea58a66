import { describe, expect, it } from "vitest";
import { parseFrenchPhone, requireMobileForSms } from "./phone.ts";
import { BookingRefused } from "./refusals.ts";

describe("parseFrenchPhone", () => {
  it.each([
    "0612345678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "+33 6 12 34 56 78",
    "+33612345678",
    "+33 (0)6 12 34 56 78",
    "0033 6 12 34 56 78",
    "  06 12 34 56 78 ",
  ])("reads %s as a mobile number", (input) => {
    expect(parseFrenchPhone(input)).toEqual({
      e164: "+33612345678",
      national: "06 12 34 56 78",
      isMobile: true,
    });
  });

  it("reads 07 numbers as mobiles and 01 numbers as landlines", () => {
    expect(parseFrenchPhone("07 45 67 89 01")?.isMobile).toBe(true);
    expect(parseFrenchPhone("01 40 00 00 00")).toEqual({
      e164: "+33140000000",
      national: "01 40 00 00 00",
      isMobile: false,
    });
  });

  it.each([
    "",
    "06 12 34 56",
    "06 12 34 56 78 9",
    "00 12 34 56 78",
    "+44 7911 123456",
    "06 12 AB 56 78",
  ])("rejects %j", (input) => {
    expect(parseFrenchPhone(input)).toBeUndefined();
  });
});

describe("requireMobileForSms", () => {
  it("returns the E.164 form of a mobile", () => {
    expect(requireMobileForSms("07.45.67.89.01")).toBe("+33745678901");
  });

  it("explains in French why a number cannot receive an SMS", () => {
    expect(() => requireMobileForSms("01 40 00 00 00")).toThrow(
      "Ce numéro n'est pas un numéro de portable (06 ou 07) : il ne peut pas recevoir de SMS.",
    );
    try {
      requireMobileForSms("12345");
    } catch (error) {
      expect(error).toBeInstanceOf(BookingRefused);
      expect((error as BookingRefused).reason).toBe("invalid-phone");
      expect((error as BookingRefused).field).toBe("telephone");
    }
  });
});
