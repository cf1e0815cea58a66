import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MIN_PASSWORD_LENGTH } from "./passwords.ts";

/**
 * Password rules after ANSSI (« Recommandations relatives à
 * l'authentification multifacteur et aux mots de passe », 2021, R21–R23) and
 * CNIL (délibération n° 2022-100 du 21 juillet 2022) : length rather than
 * composition — 12 characters at least with no rule on character classes
 * (CNIL's first case: 12 characters with 4 classes, or a longer passphrase;
 * ANSSI prefers length) —, no password that is known to be common, and
 * nothing drawn from the account itself (address, name).
 */
export const MAX_PASSWORD_LENGTH = 200;

export const PASSWORD_HINT = `Au moins ${MIN_PASSWORD_LENGTH} caractères. Une phrase de plusieurs mots est plus sûre et plus facile à retenir qu'un mot compliqué ; les mots de passe trop courants sont refusés.`;

let commonPasswords: Set<string> | undefined;

/** The shipped list (src/platform/auth/common-passwords.txt), read once, lower-case. */
export function commonPasswordList(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(join(import.meta.dirname, "common-passwords.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
  return commonPasswords;
}

function squeeze(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Why the password is refused, in French, or undefined when it may be used.
 * `account` is the person it is for: their address and name may not be it.
 */
export function passwordProblem(
  password: string,
  account: { email: string; displayName: string },
): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Le mot de passe doit faire au moins ${MIN_PASSWORD_LENGTH} caractères (il en fait ${length}).`;
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return `Le mot de passe doit faire au plus ${MAX_PASSWORD_LENGTH} caractères.`;
  }
  if (commonPasswordList().has(password.trim().toLowerCase())) {
    return "Ce mot de passe est trop courant : il figure dans la liste des mots de passe que les attaquants essaient en premier. Choisissez-en un autre, par exemple une phrase de plusieurs mots.";
  }
  const squeezed = squeeze(password);
  const local = squeeze(account.email.split("@")[0] ?? "");
  const personal = [squeeze(account.email), local, squeeze(account.displayName)].filter(
    (value) => value.length >= 4,
  );
  if (
    personal.some((value) => squeezed === value || (value.length >= 6 && squeezed.includes(value)))
  ) {
    return "Le mot de passe ne doit pas reprendre votre adresse électronique ni votre nom.";
  }
  if (new Set(squeezed).size <= 2 && squeezed.length > 0) {
    return "Ce mot de passe répète les mêmes caractères : choisissez-en un autre.";
  }
  return undefined;
}
