import { createApp } from "../app.tsx";
import { loadConfig } from "../config.ts";
import type { DatabaseKind, Db } from "../db/database.ts";
import type { OidcClient } from "../platform/auth/oidc.ts";
import { silentLogger } from "../platform/log/logger.ts";

export const TEST_SECRET = "test-secret-for-relais-tests-only-0123456789";

/**
 * The second factor is off in the test configuration: the modules' tests sign
 * in with a password only. src/platform/auth/second-factor*.test.ts turn it
 * on with the production default (SECOND_FACTOR_DEFAULT_CONFIG).
 */
export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: "test",
    RELAIS_SECRET: TEST_SECRET,
    RELAIS_DATA_DIR: "/tmp/relais-test-unused",
    RELAIS_SECOND_FACTOR_ROLES: "aucun",
    ...overrides,
  });
}

/** The production default: the roles that read records need a second factor. */
export const SECOND_FACTOR_DEFAULT_CONFIG = {
  RELAIS_SECOND_FACTOR_ROLES: "agent_accueil,travailleur_social,responsable_structure",
};

export function createTestApp(
  db: Db,
  options: {
    kind?: DatabaseKind;
    now?: () => Date;
    config?: Record<string, string>;
    proConnect?: OidcClient;
    franceConnect?: OidcClient;
  } = {},
) {
  return createApp({
    proConnect: options.proConnect,
    franceConnect: options.franceConnect,
    db,
    databaseKind: options.kind ?? "embedded",
    config: testConfig(options.config),
    logger: silentLogger,
    territoryName: "Hauts-de-Seine",
    now: options.now ?? (() => new Date()),
  });
}

type Fetchable = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/**
 * A browser-like client for integration tests: keeps cookies, reads the CSRF
 * token from the last page, and posts forms as a browser would.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  lastHtml = "";

  constructor(private readonly app: Fetchable) {}

  async get(path: string): Promise<Response> {
    const response = await this.app.request(path, { headers: this.headers() });
    this.remember(response);
    if ((response.headers.get("content-type") ?? "").includes("text/html")) {
      this.lastHtml = await response.clone().text();
    }
    return response;
  }

  /**
   * Posts a form; the CSRF token comes from `tokenFrom` (a GET first) unless
   * given. A field given a list is sent once per value (ticked boxes).
   */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { tokenFrom?: string; csrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    }
    if (options.csrf !== false && !("_csrf" in fields)) {
      await this.get(options.tokenFrom ?? "/");
      body.set("_csrf", this.csrfToken());
    }
    const response = await this.app.request(path, {
      method: "POST",
      headers: { ...this.headers(), "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    this.remember(response);
    if ((response.headers.get("content-type") ?? "").includes("text/html")) {
      this.lastHtml = await response.clone().text();
    }
    return response;
  }

  async login(email: string, password: string): Promise<Response> {
    return this.post("/connexion", { email, password }, { tokenFrom: "/connexion" });
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!match?.[1]) throw new Error("Aucun jeton CSRF dans la dernière page");
    return match[1];
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return cookie ? { cookie } : {};
  }

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((attribute) =>
        /max-age=0|expires=thu, 01 jan 1970/i.test(attribute.trim()),
      );
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }
}
