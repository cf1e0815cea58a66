import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { loadConfig } from "../src/config.ts";
import { type RunningServer, startServer } from "../src/server.ts";

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

/** A Relais on a free port with its own embedded database and demo data. */
export async function startRelais(
  port: number,
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
  const server = await startServer(config);
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
  /** More environment, read when the server starts (e.g. an SMTP server started just before). */
  env: () => Record<string, string> = () => ({}),
): RelaisUnderTest {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startRelais(port, env());
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
