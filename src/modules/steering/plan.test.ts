import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { ANONYMOUS } from "../../platform/access/actor.ts";
import type { Role } from "../../platform/access/roles.ts";
import { Forbidden, NotFound, Unauthenticated } from "../../platform/errors.ts";
import { seedDemo } from "../../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeUser } from "../../test/factories.ts";
import { serviceContext, userActor } from "../../test/fixtures.ts";
import { DEMO_PLAN } from "./demo-plan.ts";
import { canReadPlanItem } from "./policy.ts";
import { findPlan, requireActionSheet, updateAction } from "./service.ts";
import { NOW } from "./test-fixtures.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, "92", NOW);
});
afterAll(async () => {
  await database.close();
});

async function actorWith(role: Role): Promise<UserActor> {
  const user = await makeUser(database.db, { role, now: NOW });
  return userActor(role, {
    userId: user.userId,
    organisationId: user.organisationId,
    organisationName: "Test",
    organisationKind: "departement",
    email: user.email,
    displayName: "Test",
  });
}

describe("the plan as data (seed 002)", () => {
  it("loads the 3 axes of the 2015-2017 strategy with actions 1 to 54 and 65", async () => {
    const plan = await findPlan({ db: database.db, actor: ANONYMOUS });
    expect(plan?.title).toContain("lutte contre la pauvreté");
    expect(plan?.axes.map((axis) => axis.number)).toEqual([1, 2, 3]);
    const numbers = plan?.axes.flatMap((axis) =>
      axis.themes.flatMap((theme) => theme.actions.map((action) => action.number)),
    );
    // Actions 1 to 54 of the national roadmap, plus action 65 of the initial plan.
    const expected = [...Array.from({ length: 54 }, (_, i) => i + 1), 65];
    expect([...(numbers ?? [])].sort((a, b) => a - b)).toEqual(expected);
  });

  it("gives action 9, the multi-benefit rights simulator, a link to /mes-droits", async () => {
    const sheet = await requireActionSheet({ db: database.db, actor: ANONYMOUS }, 9);
    expect(sheet.title).toContain("simulateur des droits multi-prestations");
    expect(sheet.theme.number).toBe(2);
    expect(sheet.links.map((link) => link.path)).toContain("/mes-droits");
  });

  it("keeps the partners and calendar of action 13, whose pilot is the DRIHL", async () => {
    const sheet = await requireActionSheet({ db: database.db, actor: ANONYMOUS }, 13);
    expect(sheet.pilots).toBe("DRIHL");
    expect(sheet.partners).toContain("OFII");
    expect(sheet.calendar).toBe("2013-2017");
  });

  it("declares every demo action once (the transcription has no duplicate number)", () => {
    const numbers = DEMO_PLAN.axes.flatMap((a) =>
      a.themes.flatMap((t) => t.actions.map((x) => x.number)),
    );
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe("drafts and writes", () => {
  it("hides a draft action from the public but shows it to a pilote", async () => {
    const pilote = await actorWith("pilote");
    await updateAction(serviceContext(database.db, pilote, NOW), 44, {
      status: "en_pause",
      published: false,
      copilObservations: "À revoir.",
    });
    await expect(
      requireActionSheet({ db: database.db, actor: ANONYMOUS }, 44),
    ).rejects.toBeInstanceOf(NotFound);
    const publicNumbers = (await findPlan({ db: database.db, actor: ANONYMOUS }))?.axes.flatMap(
      (a) => a.themes.flatMap((t) => t.actions.map((x) => x.number)),
    );
    expect(publicNumbers).not.toContain(44);
    const seenByPilote = await requireActionSheet({ db: database.db, actor: pilote }, 44);
    expect(seenByPilote.copilObservations).toBe("À revoir.");
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("action", "=", "steering.action.update")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("lets an admin publish a change", async () => {
    const admin = await actorWith("admin");
    await updateAction(serviceContext(database.db, admin, NOW), 44, {
      status: "en_cours",
      published: true,
      copilObservations: "",
    });
    expect((await requireActionSheet({ db: database.db, actor: ANONYMOUS }, 44)).status).toBe(
      "en_cours",
    );
  });

  it.each(["agent_accueil", "travailleur_social", "responsable_structure"] as const)(
    "refuses a change by a %s",
    async (role) => {
      const actor = await actorWith(role);
      await expect(
        updateAction(serviceContext(database.db, actor, NOW), 9, {
          status: "abandonnee",
          published: false,
          copilObservations: "",
        }),
      ).rejects.toBeInstanceOf(Forbidden);
      expect((await requireActionSheet({ db: database.db, actor: ANONYMOUS }, 9)).status).toBe(
        "realisee",
      );
    },
  );

  it("refuses a change without an account", async () => {
    await expect(
      updateAction(serviceContext(database.db, ANONYMOUS, NOW), 9, {
        status: "abandonnee",
        published: false,
        copilObservations: "",
      }),
    ).rejects.toBeInstanceOf(Unauthenticated);
  });

  it("reads a published item for anyone, a draft only for pilotes and admins", async () => {
    expect(canReadPlanItem(ANONYMOUS, { published: true })).toBe(true);
    expect(canReadPlanItem(ANONYMOUS, { published: false })).toBe(false);
    expect(canReadPlanItem(await actorWith("travailleur_social"), { published: false })).toBe(
      false,
    );
    expect(canReadPlanItem(await actorWith("pilote"), { published: false })).toBe(true);
  });
});
