import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, contrastWithWhite, loadConfig, wantsDemoData } from "./config.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "relais-config-"));

describe("loadConfig", () => {
  it("uses the defaults of a newcomer's machine", () => {
    const config = loadConfig({ RELAIS_DATA_DIR: tempDir() });
    expect(config.port).toBe(3000);
    expect(config.departementCode).toBe("92");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("names the variable when a value is wrong", () => {
    expect(() => loadConfig({ PORT: "soixante", RELAIS_DATA_DIR: tempDir() })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", RELAIS_DATA_DIR: tempDir() })).toThrow(
      /DATABASE_URL/,
    );
    expect(() => loadConfig({ RELAIS_DEPARTEMENT: "999", RELAIS_DATA_DIR: tempDir() })).toThrow(
      /RELAIS_DEPARTEMENT/,
    );
  });

  it("requires RELAIS_SECRET in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", RELAIS_DATA_DIR: tempDir() })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ NODE_ENV: "production", RELAIS_DATA_DIR: tempDir() })).toThrow(
      /RELAIS_SECRET/,
    );
    expect(() => loadConfig({ NODE_ENV: "production", RELAIS_SECRET: "court" })).toThrow(
      /RELAIS_SECRET/,
    );
  });

  it("generates a development secret once and keeps it in the data folder", () => {
    const dataDir = tempDir();
    const first = loadConfig({ RELAIS_DATA_DIR: dataDir });
    const second = loadConfig({ RELAIS_DATA_DIR: dataDir });
    expect(first.secret).toHaveLength(43);
    expect(second.secret).toBe(first.secret);
    expect(readFileSync(join(dataDir, "secret"), "utf8").trim()).toBe(first.secret);
  });

  it("refuses an accent colour that does not contrast with white text", () => {
    expect(() =>
      loadConfig({ RELAIS_ACCENT_COLOR: "#ffdd00", RELAIS_DATA_DIR: tempDir() }),
    ).toThrow(/RELAIS_ACCENT_COLOR/);
    expect(
      loadConfig({ RELAIS_ACCENT_COLOR: "#000091", RELAIS_DATA_DIR: tempDir() }).accentColor,
    ).toBe("#000091");
  });

  it("keeps 1,000 directory searches in memory unless told otherwise, 0 for none", () => {
    expect(loadConfig({ RELAIS_DATA_DIR: tempDir() }).directoryCacheEntries).toBe(1000);
    expect(
      loadConfig({ RELAIS_DIRECTORY_CACHE: "0", RELAIS_DATA_DIR: tempDir() }).directoryCacheEntries,
    ).toBe(0);
    expect(() => loadConfig({ RELAIS_DIRECTORY_CACHE: "-5", RELAIS_DATA_DIR: tempDir() })).toThrow(
      /RELAIS_DIRECTORY_CACHE/,
    );
  });

  it("starts the embedded server at Relais's priority and gives 10 connections unless told otherwise", () => {
    const defaults = loadConfig({ RELAIS_DATA_DIR: tempDir() });
    expect(defaults.postgresNice).toBe(0);
    expect(defaults.databasePool).toBe(10);
    const told = loadConfig({
      RELAIS_POSTGRES_NICE: "10",
      RELAIS_DATABASE_POOL: "4",
      RELAIS_DATA_DIR: tempDir(),
    });
    expect([told.postgresNice, told.databasePool]).toEqual([10, 4]);
    expect(() => loadConfig({ RELAIS_POSTGRES_NICE: "-5", RELAIS_DATA_DIR: tempDir() })).toThrow(
      /RELAIS_POSTGRES_NICE : doit être un entier de 0 à 19/,
    );
    expect(() => loadConfig({ RELAIS_DATABASE_POOL: "0", RELAIS_DATA_DIR: tempDir() })).toThrow(
      /RELAIS_DATABASE_POOL/,
    );
  });
});

describe("the residents' phone line", () => {
  it("gives a demo number by default, takes a French number, and refuses anything else in French", () => {
    expect(loadConfig({ RELAIS_DATA_DIR: tempDir() }).contact).toEqual({
      phone: "01 99 00 00 92",
      hours: "du lundi au vendredi, de 9 h à 17 h",
      email: undefined,
    });
    const set = loadConfig({
      RELAIS_CONTACT_PHONE: "01 41 37 11 92",
      RELAIS_CONTACT_EMAIL: "accessibilite@exemple.fr",
      RELAIS_DATA_DIR: tempDir(),
    }).contact;
    expect(set.phone).toBe("01 41 37 11 92");
    expect(set.email).toBe("accessibilite@exemple.fr");
    expect(() =>
      loadConfig({ RELAIS_CONTACT_PHONE: "3919 ou 115", RELAIS_DATA_DIR: tempDir() }),
    ).toThrow(/RELAIS_CONTACT_PHONE : doit être un numéro français/);
  });
});

describe("ProConnect and second factor settings", () => {
  it("turns ProConnect on only with its issuer, client id and secret together", () => {
    expect(loadConfig({ RELAIS_DATA_DIR: tempDir() }).proConnect).toBeUndefined();
    expect(() =>
      loadConfig({
        RELAIS_DATA_DIR: tempDir(),
        RELAIS_PROCONNECT_ISSUER: "https://proconnect.gouv.fr/api/v2",
      }),
    ).toThrow(/RELAIS_PROCONNECT_CLIENT_ID/);
    const config = loadConfig({
      RELAIS_DATA_DIR: tempDir(),
      RELAIS_PROCONNECT_ISSUER: "https://proconnect.gouv.fr/api/v2",
      RELAIS_PROCONNECT_CLIENT_ID: "id",
      RELAIS_PROCONNECT_CLIENT_SECRET: "secret",
    });
    expect(config.proConnect).toEqual({
      issuer: "https://proconnect.gouv.fr/api/v2",
      clientId: "id",
      clientSecret: "secret",
      scopes: "openid email given_name usual_name siret uid",
      acrValues: undefined,
    });
  });

  it("turns FranceConnect on only with its issuer, client id and secret together", () => {
    expect(loadConfig({ RELAIS_DATA_DIR: tempDir() }).franceConnect).toBeUndefined();
    expect(() =>
      loadConfig({
        RELAIS_DATA_DIR: tempDir(),
        RELAIS_FRANCECONNECT_CLIENT_ID: "id",
      }),
    ).toThrow(/RELAIS_FRANCECONNECT_ISSUER/);
    const config = loadConfig({
      RELAIS_DATA_DIR: tempDir(),
      RELAIS_FRANCECONNECT_ISSUER: "https://fcp-low.integ01.dev-franceconnect.fr/api/v2",
      RELAIS_FRANCECONNECT_CLIENT_ID: "id",
      RELAIS_FRANCECONNECT_CLIENT_SECRET: "secret",
    });
    expect(config.franceConnect).toEqual({
      issuer: "https://fcp-low.integ01.dev-franceconnect.fr/api/v2",
      clientId: "id",
      clientSecret: "secret",
      scopes: "openid given_name family_name birthdate email",
      acrValues: undefined,
    });
  });

  it("reads the roles that need a second factor, « aucun » for none, and names an unknown role", () => {
    expect(loadConfig({ RELAIS_DATA_DIR: tempDir() }).secondFactorRoles).toEqual([
      "agent_accueil",
      "travailleur_social",
      "responsable_structure",
    ]);
    const only = loadConfig({
      RELAIS_DATA_DIR: tempDir(),
      RELAIS_SECOND_FACTOR_ROLES: "admin, pilote",
    });
    expect(only.secondFactorRoles).toEqual(["admin", "pilote"]);
    expect(
      loadConfig({ RELAIS_DATA_DIR: tempDir(), RELAIS_SECOND_FACTOR_ROLES: "aucun" })
        .secondFactorRoles,
    ).toEqual([]);
    expect(() =>
      loadConfig({ RELAIS_DATA_DIR: tempDir(), RELAIS_SECOND_FACTOR_ROLES: "chef" }),
    ).toThrow(/RELAIS_SECOND_FACTOR_ROLES.*rôle inconnu : chef/);
  });
});

describe("contrastWithWhite", () => {
  it("gives the WCAG ratios of black and white", () => {
    // WCAG 2.1, definition of contrast ratio: black on white is 21:1, white on white 1:1.
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
  });
});

describe("wantsDemoData", () => {
  it("loads demo data on the embedded database only, and never in production", () => {
    const dataDir = tempDir();
    expect(wantsDemoData(loadConfig({ RELAIS_DATA_DIR: dataDir }))).toBe(true);
    expect(
      wantsDemoData(loadConfig({ RELAIS_DATA_DIR: dataDir, DATABASE_URL: "postgres://h/db" })),
    ).toBe(false);
    expect(
      wantsDemoData(
        loadConfig({
          NODE_ENV: "production",
          RELAIS_SECRET: "x".repeat(32),
          RELAIS_DOCUMENTS_KEY: Buffer.alloc(32, 1).toString("base64"),
          RELAIS_DEMO: "on",
        }),
      ),
    ).toBe(false);
  });
});
