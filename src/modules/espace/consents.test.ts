// « Mes consentements »: the person sees which structure sees their linked
// record and withdraws; the structure loses the record and the shares at once.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { NotFound } from "../../platform/errors.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { createPersonWithParcours } from "../records/service.ts";
import { contextFor, makeActor } from "../records/test-fixtures.ts";
import { myConsents, withdrawMyConsent } from "./consents.ts";
import { linkRecordToSpace } from "./links.ts";
import { recordSpaceView } from "./shared-documents.ts";
import { signIn } from "./sign-in.ts";

const T0 = new Date("2026-11-23T08:00:00Z");
const context = {
  now: T0,
  requestId: null,
  secret: "s".repeat(40),
  documentsKey: randomBytes(32),
  publicUrl: "https://relais.test",
};

let database: TestDatabase;
let worker: UserActor;
let parcoursId: string;
let resident: ResidentActor;
let stranger: ResidentActor;

beforeAll(async () => {
  database = await createTestDatabase();
  const sst = await makeOrganisation(database.db, { kind: "sst", name: "SST du test" });
  worker = await makeActor(database.db, { role: "travailleur_social", organisationId: sst });
  ({ parcoursId } = await createPersonWithParcours(contextFor(database.db, worker, T0), {
    lastName: "Petit",
    firstName: "Jules",
    birthDate: "1980-05-05",
    inCareAse: false,
    consentScope: "suivi",
    organisationId: sst,
  }));
  const asResident = async (email: string): Promise<ResidentActor> => {
    const session = await signIn(database.db, { kind: "email", value: email }, undefined, {
      now: T0,
    });
    return {
      kind: "resident",
      espaceId: session.espaceId,
      verifiedAt: T0,
      method: "code_email",
      contact: { kind: "email", value: email },
    };
  };
  resident = await asResident("jules@exemple.fr");
  stranger = await asResident("autre@exemple.fr");
  await linkRecordToSpace(
    database.db,
    worker,
    parcoursId,
    { contact: { kind: "email", value: "jules@exemple.fr" }, identityChecked: true },
    context,
  );
});
afterAll(() => database?.close());

describe("the person's consents", () => {
  it("lists the structure that sees the linked record, to that person only", async () => {
    const consents = await myConsents(database.db, resident);
    expect(consents.map((c) => [c.organisationName, c.scope, c.withdrawnAt])).toEqual([
      ["SST du test", "suivi", null],
    ]);
    expect(await myConsents(database.db, stranger)).toEqual([]);
    const id = consents[0]?.id ?? "";
    await expect(withdrawMyConsent(database.db, stranger, id, context)).rejects.toBeInstanceOf(
      NotFound,
    );
  });

  it("withdraws at once: the structure no longer opens the record nor its shared documents", async () => {
    const [consent] = await myConsents(database.db, resident);
    await withdrawMyConsent(database.db, resident, consent?.id ?? "", context);
    await expect(recordSpaceView(database.db, worker, parcoursId, context)).rejects.toBeInstanceOf(
      NotFound,
    );
    const [after] = await myConsents(database.db, resident);
    expect(after?.withdrawnAt).toEqual(T0);
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["actor_user_id", "details"])
      .where("action", "=", "consent.withdraw")
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBeNull();
    expect(audit.details).toMatchObject({ by: "person" });
  });
});
