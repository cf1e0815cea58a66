import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "./cli.ts";
import { loadConfig } from "./config.ts";
import { recordAudit } from "./platform/audit/audit.ts";
import { connect } from "./server.ts";

let output: string[];
let errors: string[];
const savedEnv = { ...process.env };

beforeEach(() => {
  output = [];
  errors = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    errors.push(String(chunk));
    return true;
  });
  const dataDir = mkdtempSync(join(tmpdir(), "relais-cli-"));
  process.env = { ...savedEnv, RELAIS_DATA_DIR: dataDir, NODE_ENV: "development" };
  delete process.env.DATABASE_URL;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
});

describe("relais CLI", () => {
  it("lists its commands, and each command has its --help", async () => {
    expect(await main(["--help"])).toBe(0);
    for (const command of ["start", "migrate", "seed", "create-admin", "audit"]) {
      expect(output.join("")).toContain(command);
    }
    for (const command of ["start", "migrate", "seed", "create-admin", "audit"]) {
      output = [];
      expect(await main([command, "--help"])).toBe(0);
      expect(output.join("")).toMatch(new RegExp(`relais ${command}`));
    }
  });

  it("refuses an unknown command with exit code 2", async () => {
    expect(await main(["demarrer"])).toBe(2);
    expect(errors.join("")).toContain("Commande inconnue : demarrer");
  });

  it("stops with a message naming the variable when the configuration is wrong", async () => {
    process.env.RELAIS_DEPARTEMENT = "99";
    expect(await main(["migrate"])).toBe(1);
    expect(errors.join("")).toContain("RELAIS_DEPARTEMENT");
  });

  it("migrates, creates an admin, and verifies the audit trail; a tampered trail exits 1 with the broken event", async () => {
    expect(await main(["migrate"])).toBe(0);
    expect(output.join("")).toContain("0001-foundation");

    // The password rules of the pages apply (issue 19): a common password is refused.
    process.env.RELAIS_ADMIN_PASSWORD = "motdepasse123456";
    expect(
      await main(["create-admin", "--email", "admin@exemple.fr", "--name", "Alex Admin"]),
    ).toBe(2);
    expect(errors.join("")).toContain("Ce mot de passe est trop courant");

    process.env.RELAIS_ADMIN_PASSWORD = "un-mot-de-passe-solide";
    expect(
      await main(["create-admin", "--email", "admin@exemple.fr", "--name", "Alex Admin"]),
    ).toBe(0);
    expect(
      await main(["create-admin", "--email", "admin@exemple.fr", "--name", "Alex Admin"]),
    ).toBe(1);
    expect(errors.join("")).toContain("Un compte existe déjà");

    expect(await main(["audit", "verify"])).toBe(0);
    expect(output.join("")).toContain("Journal d'audit intact : 1 événements vérifiés");

    const opened = await connect(loadConfig());
    await opened.db.transaction().execute((tx) =>
      recordAudit(tx, {
        actor: { userId: null, organisationId: null },
        action: "test.second",
        subjectType: "test",
        at: new Date(),
      }),
    );
    await sql
      .raw("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
      .execute(opened.db);
    await sql.raw("UPDATE audit_event SET action = 'falsifié' WHERE seq = 2").execute(opened.db);
    await opened.close();

    output = [];
    expect(await main(["audit", "verify"])).toBe(1);
    expect(output.join("")).toContain("premier événement en cause n° 2");
  });

  it("never loads demo data in production", async () => {
    process.env.NODE_ENV = "production";
    process.env.RELAIS_SECRET = "x".repeat(40);
    process.env.RELAIS_DOCUMENTS_KEY = Buffer.alloc(32, 1).toString("base64");
    expect(await main(["seed", "--demo"])).toBe(1);
    expect(errors.join("")).toContain("jamais chargées en production");
  });
});
