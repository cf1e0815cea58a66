import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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

  it("audit checkpoint anchors the head; audit verify then finds a cut tail and exits 1 in French", async () => {
    expect(await main(["migrate"])).toBe(0);
    const opened = await connect(loadConfig());
    await opened.db.transaction().execute(async (tx) => {
      for (const index of [1, 2, 3]) {
        await recordAudit(tx, {
          actor: { userId: null, organisationId: null },
          action: "test.event",
          subjectType: "test",
          subjectId: String(index),
          at: new Date("2026-04-01T10:00:00Z"),
        });
      }
    });
    // One process at a time on the data folder: the CLI below opens it again.
    await opened.close();
    output = [];
    expect(await main(["audit", "checkpoint"])).toBe(0);
    expect(output.join("")).toContain("Point de contrôle écrit");
    expect(output.join("")).toContain("3 événements, jusqu'au n° 3");
    output = [];
    expect(await main(["audit", "verify"])).toBe(0);
    expect(output.join("")).toContain("Journal d'audit intact : 3 événements vérifiés");
    expect(output.join("")).toContain("Dernier point de contrôle");

    // The line the officer received by e-mail checks the trail even when the file is gone.
    const line = readFileSync(
      join(process.env.RELAIS_DATA_DIR ?? "", "audit-checkpoints.jsonl"),
      "utf8",
    ).trim();
    rmSync(join(process.env.RELAIS_DATA_DIR ?? "", "audit-checkpoints.jsonl"));
    output = [];
    expect(await main(["audit", "verify", "--point", line])).toBe(0);
    expect(await main(["audit", "verify", "--point", line.replace('"count":3', '"count":4')])).toBe(
      1,
    );
    expect(output.join("")).toContain("le point de contrôle donné n'a pas une signature valide");

    const reopened = await connect(loadConfig());
    await sql
      .raw("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
      .execute(reopened.db);
    await sql.raw("DELETE FROM audit_event WHERE seq = 3").execute(reopened.db);
    await reopened.close();

    output = [];
    expect(await main(["audit", "verify", "--point", line])).toBe(1);
    expect(output.join("")).toContain("Journal d'audit ALTÉRÉ : premier événement en cause n° 3");
    expect(output.join("")).toContain("les derniers événements ont disparu");
    // The checkpoint file is gone (removed above): a new series may start, but
    // the officer's line still shows the cut.
    output = [];
    expect(await main(["audit", "verify"])).toBe(0);
    expect(output.join("")).toContain("Aucun point de contrôle");
    expect(await main(["audit", "purger"])).toBe(2);
  });

  it("never loads demo data in production", async () => {
    process.env.NODE_ENV = "production";
    process.env.RELAIS_SECRET = "x".repeat(40);
    process.env.RELAIS_DOCUMENTS_KEY = Buffer.alloc(32, 1).toString("base64");
    expect(await main(["seed", "--demo"])).toBe(1);
    expect(errors.join("")).toContain("jamais chargées en production");
  });
});
