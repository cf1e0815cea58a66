import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { loadConfig } from "../src/config.ts";
import type { Clock } from "../src/platform/clock/clock.ts";
import { DEMO_PASSWORD } from "../src/seed/demo-organisations.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import type { TestSmtpServer } from "../src/test/smtp.ts";

/**
 * A clock that starts at `start` and runs with real time: the pages of a
 * story see the same weekday whatever day the suite runs (the demo's
 * openings are on weekdays; a Sunday run found different pages).
 */
export function clockFrom(start: Date): Clock {
  const origin = Date.now();
  return () => new Date(start.getTime() + (Date.now() - origin));
}

/** Debian's Chromium (apt-get install chromium): never a browser download. */
const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export async function launchBrowser(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? CHROMIUM_PATHS.find((path) => existsSync(path));
  if (!executablePath) {
    throw new Error("Chromium est introuvable : apt-get install -y chromium (ou CHROMIUM_PATH=…)");
  }
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A Relais on a free port with its own embedded database and demo data; `env` adds settings. */
export async function startRelais(
  port: number,
  now?: Clock,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-e2e-"));
  const config = loadConfig({
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    RELAIS_DATA_DIR: dataDir,
    RELAIS_DEMO: "on",
    LOG_LEVEL: "warn",
    ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    ...env,
  });
  const server = await startServer(config, now ? { now } : {});
  return { ...server, url: `http://127.0.0.1:${port}` };
}

export type RelaisUnderTest = { readonly server: RunningServer; readonly browser: Browser };

/**
 * One Relais on `port` and one browser for the calling test file: started
 * before its tests, stopped after them. Read `server` and `browser` inside
 * tests or hooks, once they have started.
 */
export function withRelais(
  port: number,
  now?: Clock,
  env: () => Record<string, string> = () => ({}),
): RelaisUnderTest {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startRelais(port, now, env());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error(`Relais n'a pas démarré sur le port ${port}`);
      return server;
    },
    get browser() {
      if (!browser) throw new Error("Le navigateur n'a pas démarré");
      return browser;
    },
  };
}

/** Runs axe-core (WCAG 2.x A and AA rules, which RGAA 4 follows) and fails on any violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(violations, `axe sur ${page.url()}`).toEqual([]);
}

export const PHONE = { width: 360, height: 640 };

/** Fails when the page scrolls sideways (RGAA 10.11: content fits a 320–360 px screen). */
export async function expectFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow, `débordement horizontal sur ${page.url()}`).toBeLessThanOrEqual(0);
}

/** The pages of a booking, in order, as `bookNearestSst` reaches them. */
export type BookingStep = "where" | "places" | "slots" | "details" | "confirmed";

export type BookingOptions = {
  /** What the person types at « où ? »: a commune or a postcode. */
  from: string;
  name: string;
  email?: string;
  phone?: string;
  /** Runs on each page once it has loaded: axe, measures, the test's own checks. */
  onPage?: (step: BookingStep) => Promise<void>;
  /** How a link or button is tapped, a box ticked, a field filled (a story counts them). */
  tap?: (target: Locator) => Promise<void>;
  check?: (target: Locator) => Promise<void>;
  type?: (target: Locator, text: string) => Promise<void>;
};

/**
 * The public booking, as a resident does it (issue 17): « où ? » → the
 * nearest SST's first motif → its first free slot → name and contact →
 * the confirmation. Starts from step 1 (opened when the page is elsewhere);
 * gives the SST's name as step 2 shows it.
 */
export async function bookNearestSst(
  page: Page,
  base: string,
  options: BookingOptions,
): Promise<{ place: string }> {
  const onPage = options.onPage ?? (async () => {});
  const tap = options.tap ?? ((target: Locator) => target.click());
  const check = options.check ?? ((target: Locator) => target.check());
  const type = options.type ?? ((target: Locator, text: string) => target.fill(text));
  if (new URL(page.url()).pathname !== "/rendez-vous") await page.goto(`${base}/rendez-vous`);
  await onPage("where");
  await type(page.getByLabel("Votre commune ou votre code postal"), options.from);
  await tap(page.getByRole("button", { name: "Voir les lieux les plus proches" }));
  await page.waitForURL(/\/rendez-vous\?ou=/);
  await onPage("places");
  const titles = await page.locator(".rdv-place .card__title").allTextContents();
  const place = titles.map((title) => title.trim()).find((title) => title.startsWith("SST "));
  if (!place) throw new Error(`Aucun SST parmi les lieux proposés : ${titles.join(", ")}`);
  const card = page.locator(".rdv-place", {
    has: page.getByRole("heading", { name: place, exact: true }),
  });
  await tap(card.locator(".rdv-motif-link").first());
  await page.waitForURL(/\/rendez-vous\/creneaux/);
  await onPage("slots");
  await tap(page.locator(".rdv-day a").first());
  await page.waitForURL(/\/rendez-vous\/coordonnees/);
  await onPage("details");
  await type(page.getByLabel("Nom et prénom"), options.name);
  if (options.phone) await type(page.getByLabel("Numéro de téléphone"), options.phone);
  if (options.email) await type(page.getByLabel("Adresse électronique"), options.email);
  await check(page.getByLabel(/J'accepte que le service utilise/));
  await tap(page.getByRole("button", { name: "Confirmer le rendez-vous" }));
  await page.waitForURL(/\/rendez-vous\/gerer\//);
  await onPage("confirmed");
  return { place };
}

/**
 * A professional signs in with the password form (a demo account by
 * default) and lands on `landing` (the pro space unless the login page was
 * opened with a `retour`). `onLoginPage` runs once the login page has
 * loaded (axe, measures).
 */
export async function signIn(
  page: Page,
  base: string,
  email: string,
  options: {
    password?: string;
    from?: string;
    landing?: string | RegExp;
    onLoginPage?: (page: Page) => Promise<void>;
  } = {},
): Promise<void> {
  await page.goto(`${base}${options.from ?? "/connexion"}`);
  await options.onLoginPage?.(page);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(options.landing ?? `${base}/pro`);
}

/** A new page of `context`, signed in as `email` (15 s for each step). */
export async function signedInPage(
  context: BrowserContext,
  base: string,
  email: string,
): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, base, email);
  return page;
}

/** The text of a message as written (quoted-printable undone). */
function mailText(data: string): string {
  return data
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
}

/** The six-digit code of the last message to `to` among those after the `after` first. */
export async function codeFromMailbox(
  smtp: TestSmtpServer,
  to: string,
  after: number,
): Promise<string> {
  let code = "";
  await expect
    .poll(
      () => {
        const mail = smtp.received
          .slice(after)
          .reverse()
          .find((m) => m.to.includes(to) && /Votre code Relais : \d{6}/.test(m.data));
        code = /Votre code Relais : (\d{6})/.exec(mail?.data ?? "")?.[1] ?? "";
        return code;
      },
      { timeout: 20_000 },
    )
    .toMatch(/^\d{6}$/);
  return code;
}

/**
 * A resident signs in to « Mon espace » with a code sent to `email`, and
 * lands on the space's home. `onLoginPage` runs once the first page has loaded.
 */
export async function residentSignIn(
  page: Page,
  base: string,
  smtp: TestSmtpServer,
  email: string,
  onLoginPage?: (page: Page) => Promise<void>,
): Promise<void> {
  await page.goto(`${base}/mon-espace/connexion`);
  await onLoginPage?.(page);
  const before = smtp.received.length;
  await page.getByLabel("Votre numéro de portable ou votre adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir un code" }).click();
  await page.waitForURL(/\/mon-espace\/connexion\/code/);
  await page.getByLabel("Code reçu").fill(await codeFromMailbox(smtp, email, before));
  await page.getByRole("button", { name: "Valider le code" }).click();
  await page.waitForURL((url) => url.pathname === "/mon-espace");
}

/** The single-use invitation link of the last message that arrived for `to`. */
export async function invitationMailedTo(
  smtp: TestSmtpServer,
  base: string,
  to: string,
): Promise<string> {
  await expect
    .poll(() => smtp.received.some((mail) => mail.to.includes(to)), { timeout: 20_000 })
    .toBe(true);
  const mail = smtp.received.findLast((message) => message.to.includes(to));
  const path = /https?:\/\/[^/\s]+(\/invitation\?jeton=[\w-]+)/.exec(
    mailText(mail?.data ?? ""),
  )?.[1];
  if (!path) throw new Error(`Aucun lien d'invitation dans le courriel à ${to}`);
  return base + path;
}

/**
 * On the « fresh code » page that « Mon espace » shows before a sensitive
 * action: asks for a code, types it, and waits to be sent back.
 */
export async function confirmWithCode(
  page: Page,
  smtp: TestSmtpServer,
  email: string,
): Promise<void> {
  const before = smtp.received.length;
  await page.getByRole("button", { name: "Recevoir un code" }).click();
  await page.waitForURL(/\/mon-espace\/verifier\/code/);
  await page.getByLabel("Code reçu").fill(await codeFromMailbox(smtp, email, before));
  await page.getByRole("button", { name: "Valider le code" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/mon-espace/verifier"));
}
