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
import { contextFor, makeActor } from "./test-fixtures.ts";

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
  const created = await createPersonWithParcours(contextFor(db, worker, context.now), {
    lastName: "Lefèvre",
    firstName: "Inès",
    birthDate: "1988-04-12",
    inCareAse: false,
    consentScope: "suivi_sante",
    organisationId: sst,
  });
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
  await recordConsent(contextFor(db, s.worker, context.now), s.parcoursId, {
    organisationId: s.association,
    scope: "suivi",
    how: "oral",
    givenOn: "2026-11-23",
    attested: false,
  });
  return orient(contextFor(db, s.worker, context.now), s.parcoursId, {
    organisationId: s.association,
    message,
  });
}

/** The association's worker accepts the orientation. */
async function acceptOrientation(s: Awaited<ReturnType<typeof setup>>, orientationId: string) {
  await decideOrientation(
    contextFor(database.db, s.associationWorker, context.now),
    orientationId,
    { decision: "acceptee" },
  );
}

describe("the shared record", () => {
  it("follows the story: SST opens, orients to an association that accepts and writes; the CCAS sees nothing", async () => {
    const { db } = database;
    const s = await setup();
    await expect(
      orient(contextFor(db, s.worker, context.now), s.parcoursId, {
        organisationId: s.association,
        message: "Aide alimentaire",
      }),
    ).rejects.toThrow(Invalid);
    const orientationId = await orientToAssociation(s, "Aide alimentaire");
    await expect(
      openRecord(contextFor(db, s.associationWorker, context.now), s.parcoursId),
    ).rejects.toThrow(NotFound);
    await expect(
      decideOrientation(contextFor(db, s.ccasWorker, context.now), orientationId, {
        decision: "acceptee",
      }),
    ).rejects.toThrow(NotFound);
    await acceptOrientation(s, orientationId);
    await addNote(contextFor(db, s.associationWorker, context.now), s.parcoursId, {
      contactDate: "2026-11-23",
      body: "Colis remis.",
      isSensitive: false,
    });
    await addNote(contextFor(db, s.worker, context.now), s.parcoursId, {
      contactDate: "2026-11-23",
      body: "Suivi psychiatrique.",
      isSensitive: true,
    });
    // The association's consent does not cover health: it cannot write or read sensitive notes.
    await expect(
      addNote(contextFor(db, s.associationWorker, context.now), s.parcoursId, {
        contactDate: "2026-11-23",
        body: "x",
        isSensitive: true,
      }),
    ).rejects.toThrow();
    const seenByAssociation = await openRecord(
      contextFor(db, s.associationWorker, context.now),
      s.parcoursId,
    );
    expect(seenByAssociation.record?.notes.map((n) => n.body)).toEqual(["Colis remis."]);
    const seenByWorker = await openRecord(contextFor(db, s.worker, context.now), s.parcoursId);
    expect(seenByWorker.record?.notes).toHaveLength(2);
    await expect(
      openRecord(contextFor(db, s.ccasWorker, context.now), s.parcoursId),
    ).rejects.toThrow(NotFound);
    expect(await listRecords(contextFor(db, s.ccasWorker, context.now), {})).toEqual([]);
    const accueil = await openRecord(contextFor(db, s.accueil, context.now), s.parcoursId);
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
    const record = await openRecord(contextFor(db, s.worker, context.now), s.parcoursId);
    const consent = record.consents.find((c) => c.organisationId === s.association);
    await withdrawConsent(contextFor(db, s.worker, context.now), s.parcoursId, consent?.id ?? "");
    await expect(
      openRecord(contextFor(db, s.associationWorker, context.now), s.parcoursId),
    ).rejects.toThrow(NotFound);
    const after = await openRecord(contextFor(db, s.worker, context.now), s.parcoursId);
    expect(after.consents.find((c) => c.id === consent?.id)?.withdrawnAt).toEqual(context.now);
  });

  it("refuses an orientation only with a reason", async () => {
    const { db } = database;
    const s = await setup();
    const id = await orientToAssociation(s, "");
    await expect(
      decideOrientation(contextFor(db, s.associationWorker, context.now), id, {
        decision: "refusee",
      }),
    ).rejects.toThrow(Invalid);
    await decideOrientation(contextFor(db, s.associationWorker, context.now), id, {
      decision: "refusee",
      reason: "Hors secteur",
    });
    await expect(
      openRecord(contextFor(db, s.associationWorker, context.now), s.parcoursId),
    ).rejects.toThrow(NotFound);
  });

  it("warns about likely duplicates, describing only the records the worker may open", async () => {
    const { db } = database;
    const s = await setup();
    const mine = await findDuplicates(contextFor(db, s.worker, context.now), {
      lastName: "LEFEVRE",
      firstName: "Ines",
      birthDate: "1988-04-12",
      organisationId: s.sst,
    });
    expect(mine.visible.find((d) => d.personId === s.personId)?.visible.parcoursId).toBe(
      s.parcoursId,
    );
    const swapped = await findDuplicates(contextFor(db, s.worker, context.now), {
      lastName: "Inès",
      firstName: "Lefebvre",
      birthDate: "1988-04-12",
      organisationId: s.sst,
    });
    expect(swapped.visible.length).toBeGreaterThan(0);
    const theirs = await findDuplicates(contextFor(db, s.ccasWorker, context.now), {
      lastName: "Lefevre",
      firstName: "Inès",
      birthDate: "1988-04-12",
      organisationId: s.ccas,
    });
    expect(theirs.visible).toEqual([]);
    expect(theirs.hiddenPersonIds).toContain(s.personId);
  });

  it("detects two workers editing the same action (no lost update)", async () => {
    const { db } = database;
    const s = await setup();
    const objectiveId = await addObjective(contextFor(db, s.worker, context.now), s.parcoursId, {
      theme: "logement",
      title: "Trouver un logement",
    });
    const actionId = await addAction(contextFor(db, s.worker, context.now), s.parcoursId, {
      objectiveId,
      title: "Dossier SIAO",
      assignee: "Inès",
    });
    await updateActionStatus(contextFor(db, s.worker, context.now), s.parcoursId, {
      actionId,
      status: "en_cours",
      version: 1,
    });
    await expect(
      updateActionStatus(contextFor(db, s.responsable, context.now), s.parcoursId, {
        actionId,
        status: "faite",
        version: 1,
      }),
    ).rejects.toThrow(Conflict);
  });

  it("asks for a reason beyond the structure's caseload maximum", async () => {
    const { db } = database;
    const s = await setup();
    await setMaxCaseload(contextFor(db, s.responsable, context.now), s.sst, 1);
    await setReferent(contextFor(db, s.responsable, context.now), s.parcoursId, {
      referentUserId: s.worker.userId,
    });
    const other = await createPersonWithParcours(contextFor(db, s.worker, context.now), {
      lastName: "Martin",
      firstName: "Paul",
      birthDate: "1970-01-01",
      inCareAse: false,
      consentScope: "suivi",
      organisationId: s.sst,
    });
    await expect(
      setReferent(contextFor(db, s.worker, context.now), other.parcoursId, {
        referentUserId: s.worker.userId,
      }),
    ).rejects.toThrow(Invalid);
    await setReferent(contextFor(db, s.worker, context.now), other.parcoursId, {
      referentUserId: s.worker.userId,
      overrideReason: "Continuité du suivi",
    });
  });

  it("counts each worker's open parcours on the dashboard, zero for a worker with none, closed ones left out", async () => {
    const { db } = database;
    const s = await setup();
    const colleague = await makeActor(db, { role: "travailleur_social", organisationId: s.sst });
    await setReferent(contextFor(db, s.worker, context.now), s.parcoursId, {
      referentUserId: s.worker.userId,
    });
    const counts = async () =>
      Object.fromEntries(
        (await caseloadDashboard({ db: db, actor: s.responsable }, s.sst)).workers.map((w) => [
          w.id,
          w.count,
        ]),
      );
    expect(await counts()).toEqual({ [s.worker.userId]: 1, [colleague.userId]: 0 });
    await closeParcours(contextFor(db, s.responsable, context.now), s.parcoursId);
    expect(await counts()).toEqual({ [s.worker.userId]: 0, [colleague.userId]: 0 });
  });
});
