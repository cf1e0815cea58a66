import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { saveRecords } from "../directory/directory-store.ts";
import { makeService, makeStructure } from "../directory/test-fixtures.ts";

let database: TestDatabase;
const clock = new Date("2026-03-02T09:00:00Z");
let app: ReturnType<typeof createTestApp>;
let organisationId: string;
let responsable: TestClient;
let admin: TestClient;
let structureId: string;
let serviceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
  organisationId = await makeOrganisation(database.db, { kind: "association", now: clock });
  const departement = await makeOrganisation(database.db, { kind: "departement", now: clock });
  responsable = await signInNewUser(app, database.db, "responsable_structure", organisationId);
  admin = await signInNewUser(app, database.db, "admin", departement);
  await database.db.transaction().execute((tx) =>
    saveRecords(
      tx,
      {
        structures: [makeStructure({ id: "epicerie", nom: "Épicerie solidaire des Fleurs" })],
        services: [
          makeService({ structure_id: "epicerie", id: "colis", nom: "Colis alimentaires" }),
        ],
      },
      { now: new Date("2026-01-15T09:00:00Z"), organisationIds: new Map() },
    ),
  );
  structureId = (
    await database.db.selectFrom("directory_structure").select("id").executeTakeFirstOrThrow()
  ).id;
  serviceId = (
    await database.db.selectFrom("directory_service").select("id").executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => database.close());

const claimPath = () => `/pro/administration/organisations/${organisationId}/annuaire`;

describe("claiming a directory entry", () => {
  it("lets a responsable find the entry and ask; the admin approves; the responsable may then edit it", async () => {
    expect((await responsable.get(`/pro/annuaire/services/${serviceId}`)).status).toBe(403);
    const search = await responsable.get(`${claimPath()}?q=epicerie`);
    expect(await search.text()).toContain("Épicerie solidaire des Fleurs");
    const asked = await responsable.post(
      claimPath(),
      { structureId, message: "Nous sommes cette épicerie." },
      { tokenFrom: claimPath() },
    );
    expect(asked.status).toBe(303);
    const twice = await responsable.post(claimPath(), { structureId }, { tokenFrom: claimPath() });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("attend déjà la décision");

    const pending = await admin.get("/pro/administration/demandes");
    const html = await pending.text();
    expect(html).toContain("Épicerie solidaire des Fleurs");
    const claimId = /\/pro\/administration\/demandes\/([0-9a-f-]{36})/.exec(html)?.[1] ?? "";
    const decided = await admin.post(
      `/pro/administration/demandes/${claimId}`,
      { decision: "accepter" },
      { tokenFrom: "/pro/administration/demandes" },
    );
    expect(decided.status).toBe(303);
    expect((await responsable.get(`/pro/annuaire/services/${serviceId}`)).status).toBe(200);
    const again = await admin.post(
      `/pro/administration/demandes/${claimId}`,
      { decision: "refuser" },
      { tokenFrom: "/pro/administration/demandes" },
    );
    expect(again.status).toBe(410);
    const actions = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("subject_id", "=", claimId)
      .orderBy("seq")
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      "admin.claim.requested",
      "admin.claim.approved",
    ]);
  });

  it("forbids a social worker to claim, and a responsable to decide (403)", async () => {
    const worker = await signInNewUser(app, database.db, "travailleur_social", organisationId);
    expect((await worker.get(claimPath())).status).toBe(403);
    expect((await responsable.get("/pro/administration/demandes")).status).toBe(403);
  });

  it("refuses a claim without a structure chosen, in French with 400", async () => {
    const response = await responsable.post(
      claimPath(),
      { message: "" },
      { tokenFrom: claimPath() },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choisissez une structure de l");
  });
});
