import Bowser from "bowser";

/**
 * The device of a session in plain French (« Chrome sur Android »), read
 * from its User-Agent; « Appareil inconnu » when there is none to read.
 */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return "Appareil inconnu";
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const system = parsed.os.name;
  if (browser && system) return `${browser} sur ${system}`;
  if (browser) return browser;
  if (system) return `Navigateur inconnu sur ${system}`;
  return "Appareil inconnu";
}
