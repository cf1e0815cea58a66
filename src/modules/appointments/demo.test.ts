import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { parisToDate } from "./paris-time.ts";
import { findSlots, listMotifs } from "./service.ts";

const NOW = parisToDate("2026-11-23", "09:00");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
});
afterAll(async () => {
  await database.close();
});

describe("demo agendas", () => {
  it("gives every SST and CCAS motifs, and leaves free slots next week at the SST de Nanterre", async () => {
    const motifs = await listMotifs(database.db, { onlineOnly: true });
    const organisations = new Set(motifs.map((m) => m.organisationName));
    expect(organisations.has("SST de Nanterre")).toBe(true);
    expect(organisations.has("CCAS de Nanterre")).toBe(true);
    const accueil = motifs.find(
      (m) => m.organisationName === "SST de Nanterre" && m.name === "Premier accueil social",
    );
    const slots = await findSlots(
      { db: database.db, now: NOW },
      {
        motifId: accueil?.id ?? "",
        from: parisToDate("2026-11-30", "00:00"),
        to: parisToDate("2026-12-05", "00:00"),
      },
    );
    expect(slots.length).toBeGreaterThan(3);
  });

  it("fills the agendas with appointments, past ones marked, and never an overlap", async () => {
    const rows = await database.db.selectFrom("rdv").select(["status", "starts_at"]).execute();
    expect(rows.length).toBeGreaterThan(300);
    expect(rows.some((r) => r.status === "seen" && r.starts_at < NOW)).toBe(true);
    expect(
      rows.every((r) => r.starts_at < NOW || r.status === "unknown" || r.status === "excused"),
    ).toBe(true);
  });
});
