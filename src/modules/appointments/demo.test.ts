import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { Forbidden } from "../../platform/errors.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { seedDemo } from "../../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { userActor } from "../../test/fixtures.ts";
import { findSlots, listMotifs } from "./service.ts";
import { appointmentStatistics } from "./statistics.ts";

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
  it("links the SSTs' and CCAS' places to their directory structures", async () => {
    const lieux = await database.db
      .selectFrom("rdv_lieu as l")
      .innerJoin("organisation as o", "o.id", "l.organisation_id")
      .select(["o.name", "l.directory_ref", "l.latitude"])
      .where("o.name", "in", ["SST de Nanterre", "CCAS de Nanterre"])
      .execute();
    expect(lieux.length).toBeGreaterThanOrEqual(2);
    for (const lieu of lieux) expect(lieu.directory_ref).toMatch(/^structure:[0-9a-f-]{36}$/);
  });

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

  it("gives the responsable waiting time, volumes and no-show rate per motif, and refuses the desk", async () => {
    const organisation = await database.db
      .selectFrom("organisation")
      .select("id")
      .where("name", "=", "SST de Nanterre")
      .executeTakeFirstOrThrow();
    const actor = (role: "responsable_structure" | "agent_accueil"): UserActor =>
      userActor(role, {
        userId: "x",
        organisationId: organisation.id,
        organisationName: "SST de Nanterre",
        email: "x@exemple.fr",
        displayName: "X",
      });
    const ctx = { db: database.db, now: NOW, requestId: null };
    const rows = await appointmentStatistics(
      { ...ctx, actor: actor("responsable_structure") },
      organisation.id,
    );
    expect(rows.map((r) => r.motif.organisationName)).toEqual(rows.map(() => "SST de Nanterre"));
    const accueil = rows.find((r) => r.motif.name === "Premier accueil social");
    expect(accueil?.daysToFirstSlot).not.toBeNull();
    expect(accueil?.past).toBeGreaterThan(0);
    expect(accueil?.noShowRate).not.toBeNull();
    await expect(
      appointmentStatistics({ ...ctx, actor: actor("agent_accueil") }, organisation.id),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});
