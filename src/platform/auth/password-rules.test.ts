import { describe, expect, it } from "vitest";
import { commonPasswordList, passwordProblem } from "./password-rules.ts";

const account = { email: "jeanne.dupont@exemple.fr", displayName: "Jeanne Dupont" };

describe("password rules (ANSSI 2021 R21–R23, CNIL délibération 2022-100)", () => {
  it("ships a list of several thousand common passwords, read from the repository", () => {
    expect(commonPasswordList().size).toBeGreaterThan(5_000);
    expect(commonPasswordList().has("azerty123456")).toBe(true);
  });

  it.each([
    ["a phrase of plain words", "le chat dort sur la commode", true],
    ["twelve lower-case letters, no composition rule", "plumeaubleue", true],
    ["eleven characters", "plumeaubleu", false],
    ["a common password even with a capital", "Motdepasse123", false],
    ["a keyboard walk", "azertyuiopqsdf", false],
    ["the e-mail address", "jeanne.dupont@exemple.fr", false],
    ["the name with other characters", "Jeanne-Dupont-2026", false],
    ["one character repeated", "aaaaaaaaaaaaaaaa", false],
    ["201 characters", "x".repeat(100) + "y".repeat(101), false],
  ])("%s: accepted is %s", (_label, password, accepted) => {
    expect(passwordProblem(password, account) === undefined).toBe(accepted);
  });

  it("says why in French", () => {
    expect(passwordProblem("court", account)).toBe(
      "Le mot de passe doit faire au moins 12 caractères (il en fait 5).",
    );
  });
});
