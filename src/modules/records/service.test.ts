import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conflict, Invalid, NotFound } from "../../platform/errors.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import {
  addAction,
  addNote,
  addObjective,
  caseloadDashboard,
  closeParcours,
  createPersonWithParcours,
  decideOrientation,
  findDuplicates,
  listRecords,
  openRecord,
  orient,
  recordConsent,
  setMaxCaseload,
  setReferent,
  updateActionStatus,
  withdrawConsent,
} from "./service.ts";
import { makeActor } from "./test-helpers.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const context = { now: new Date("2026-11-23T09:00:00Z") };

async function setup() {
  const { db } = database;
  const sst = await makeOrganisation(db, { kind: "sst" });
  const association = await makeOrganisation(db, { kind: "association" });
  const ccas = await makeOrganisation(db, { kind: "ccas" });
  const worker = await makeActor(db, { role: "travailleur_social", organisationId: sst });
  const accueil = await makeActor(db, { role: "agent_accueil", organisationId: sst });
  const responsable = await makeActor(db, { role: "responsable_structure", organisationId: sst });
  const associationWorker = await makeActor(db, {
    role: "travailleur_social",
    organisationId: association,
  });
  const ccasWorker = await makeActor(db, { role: "travailleur_social", organisationId: ccas });
  const created = await createPersonWithParcours(
    db,
    worker,
    {
      lastName: "Lefèvre",
      firstName: "Inès",
      birthDate: "1988-04-12",
      inCareAse: false,
      consentScope: "suivi_sante",
      organisationId: sst,
    },
    context,
  );
  return {
    sst,
    association,
    ccas,
    worker,
    accueil,
    responsable,
    associationWorker,
    ccasWorker,
    ...created,
  };
}

/** The person consents to the association ("suivi"), then the SST orients them to it. */
async function orientToAssociation(s: Awaited<ReturnType<typeof setup>>, message: string) {
  const { db } = database;
  await recordConsent(
    db,
    s.worker,
    s.parcoursId,
    {
      organisationId: s.association,
      scope: "suivi",
      how: "oral",
      givenOn: "2026-11-23",
      attested: false,
    },
    context,
  );
  return orient(db, s.worker, s.parcoursId, { organisationId: s.association, message }, context);
}

/** The association's worker accepts the orientation. */
async function acceptOrientation(s: Awaited<ReturnType<typeof setup>>, orientationId: string) {
  await decideOrientation(
    database.db,
    s.associationWorker,
    orientationId,
    { decision: "acceptee" },
    context,
  );
}

describe("the shared record", () => {
  it("follows the story: SST opens, orients to an association that accepts and writes; the CCAS sees nothing", async () => {
    const { db } = database;
    const s = await setup();
    await expect(
      orient(
        db,
        s.worker,
        s.parcoursId,
        { organisationId: s.association, message: "Aide alimentaire" },
        context,
      ),
    ).rejects.toThrow(Invalid);
    const orientationId = await orientToAssociation(s, "Aide alimentaire");
    await expect(openRecord(db, s.associationWorker, s.parcoursId, context)).rejects.toThrow(
      NotFound,
    );
    await expect(
      decideOrientation(db, s.ccasWorker, orientationId, { decision: "acceptee" }, context),
    ).rejects.toThrow(NotFound);
    await acceptOrientation(s, orientationId);
    await addNote(
      db,
      s.associationWorker,
      s.parcoursId,
      { contactDate: "2026-11-23", body: "Colis remis.", isSensitive: false },
      context,
    );
    await addNote(
      db,
      s.worker,
      s.parcoursId,
      { contactDate: "2026-11-23", body: "Suivi psychiatrique.", isSensitive: true },
      context,
    );
    // The association's consent does not cover health: it cannot write or read sensitive notes.
    await expect(
      addNote(
        db,
        s.associationWorker,
        s.parcoursId,
        { contactDate: "2026-11-23", body: "x", isSensitive: true },
        context,
      ),
    ).rejects.toThrow();
    const seenByAssociation = await openRecord(db, s.associationWorker, s.parcoursId, context);
    expect(seenByAssociation.record?.notes.map((n) => n.body)).toEqual(["Colis remis."]);
    const seenByWorker = await openRecord(db, s.worker, s.parcoursId, context);
    expect(seenByWorker.record?.notes).toHaveLength(2);
    await expect(openRecord(db, s.ccasWorker, s.parcoursId, context)).rejects.toThrow(NotFound);
    expect(await listRecords(db, s.ccasWorker, {}, context)).toEqual([]);
    const accueil = await openRecord(db, s.accueil, s.parcoursId, context);
    expect(accueil.record).toBeUndefined();
    expect(accueil.person.lastName).toBe("Lefèvre");
    const events = await db
      .selectFrom("audit_event")
      .select(["action", "actor_organisation_id"])
      .where("person_id", "=", s.personId)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      "person.create",
      "consent.record",
      "orientation.create",
      "orientation.accept",
      "note.create",
      "note.create",
      "parcours.read",
      "parcours.read",
      "person.read_identity",
    ]);
  });

  it("removes a structure's access at once when its consent is withdrawn, and keeps the history", async () => {
    const { db } = database;
    const s = await setup();
    const orientationId = await orientToAssociation(s, "");
    await acceptOrientation(s, orientationId);
    const record = await openRecord(db, s.worker, s.parcoursId, context);
    const consent = record.consents.find((c) => c.organisationId === s.association);
    await withdrawConsent(db, s.worker, s.parcoursId, consent?.id ?? "", context);
    await expect(openRecord(db, s.associationWorker, s.parcoursId, context)).rejects.toThrow(
      NotFound,
    );
    const after = await openRecord(db, s.worker, s.parcoursId, context);
    expect(after.consents.find((c) => c.id === consent?.id)?.withdrawnAt).toEqual(context.now);
  });

  it("refuses an orientation only with a reason", async () => {
    const { db } = database;
    const s = await setup();
    const id = await orientToAssociation(s, "");
    await expect(
      decideOrientation(db, s.associationWorker, id, { decision: "refusee" }, context),
    ).rejects.toThrow(Invalid);
    await decideOrientation(
      db,
      s.associationWorker,
      id,
      { decision: "refusee", reason: "Hors secteur" },
      context,
    );
    await expect(openRecord(db, s.associationWorker, s.parcoursId, context)).rejects.toThrow(
      NotFound,
    );
  });

  it("warns about likely duplicates, describing only the records the worker may open", async () => {
    const { db } = database;
    const s = await setup();
    const mine = await findDuplicates(
      db,
      s.worker,
      { lastName: "LEFEVRE", firstName: "Ines", birthDate: "1988-04-12", organisationId: s.sst },
      context,
    );
    expect(mine.visible.find((d) => d.personId === s.personId)?.visible.parcoursId).toBe(
      s.parcoursId,
    );
    const swapped = await findDuplicates(
      db,
      s.worker,
      { lastName: "Inès", firstName: "Lefebvre", birthDate: "1988-04-12", organisationId: s.sst },
      context,
    );
    expect(swapped.visible.length).toBeGreaterThan(0);
    const theirs = await findDuplicates(
      db,
      s.ccasWorker,
      { lastName: "Lefevre", firstName: "Inès", birthDate: "1988-04-12", organisationId: s.ccas },
      context,
    );
    expect(theirs.visible).toEqual([]);
    expect(theirs.hiddenPersonIds).toContain(s.personId);
  });

  it("detects two workers editing the same action (no lost update)", async () => {
    const { db } = database;
    const s = await setup();
    const objectiveId = await addObjective(
      db,
      s.worker,
      s.parcoursId,
      { theme: "logement", title: "Trouver un logement" },
      context,
    );
    const actionId = await addAction(
      db,
      s.worker,
      s.parcoursId,
      { objectiveId, title: "Dossier SIAO", assignee: "Inès" },
      context,
    );
    await updateActionStatus(
      db,
      s.worker,
      s.parcoursId,
      { actionId, status: "en_cours", version: 1 },
      context,
    );
    await expect(
      updateActionStatus(
        db,
        s.responsable,
        s.parcoursId,
        { actionId, status: "faite", version: 1 },
        context,
      ),
    ).rejects.toThrow(Conflict);
  });

  it("asks for a reason beyond the structure's caseload maximum", async () => {
    const { db } = database;
    const s = await setup();
    await setMaxCaseload(db, s.responsable, s.sst, 1, context.now);
    await setReferent(
      db,
      s.responsable,
      s.parcoursId,
      { referentUserId: s.worker.userId },
      context,
    );
    const other = await createPersonWithParcours(
      db,
      s.worker,
      {
        lastName: "Martin",
        firstName: "Paul",
        birthDate: "1970-01-01",
        inCareAse: false,
        consentScope: "suivi",
        organisationId: s.sst,
      },
      context,
    );
    await expect(
      setReferent(db, s.worker, other.parcoursId, { referentUserId: s.worker.userId }, context),
    ).rejects.toThrow(Invalid);
    await setReferent(
      db,
      s.worker,
      other.parcoursId,
      { referentUserId: s.worker.userId, overrideReason: "Continuité du suivi" },
      context,
    );
  });

  it("counts each worker's open parcours on the dashboard, zero for a worker with none, closed ones left out", async () => {
    const { db } = database;
    const s = await setup();
    const colleague = await makeActor(db, { role: "travailleur_social", organisationId: s.sst });
    await setReferent(db, s.worker, s.parcoursId, { referentUserId: s.worker.userId }, context);
    const counts = async () =>
      Object.fromEntries(
        (await caseloadDashboard(db, s.responsable, s.sst)).workers.map((w) => [w.id, w.count]),
      );
    expect(await counts()).toEqual({ [s.worker.userId]: 1, [colleague.userId]: 0 });
    await closeParcours(db, s.responsable, s.parcoursId, context);
    expect(await counts()).toEqual({ [s.worker.userId]: 0, [colleague.userId]: 0 });
  });
});
