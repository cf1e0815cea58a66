// Consent decides everything (issue 20): a withdrawn consent reaches the
// orientations waiting for the structure, and only the structure holding the
// record records or widens a consent, names the référent or closes it.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import {
  closeParcours,
  countIncomingOrientations,
  createPersonWithParcours,
  decideOrientation,
  listIncomingOrientations,
  openRecord,
  orient,
  recordConsent,
  setReferent,
  withdrawConsent,
} from "./service.ts";
import { ORIENTATION_CANCELLED_REASON } from "./sharing.ts";
import { contextFor, makeActor } from "./test-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const context = { now: new Date("2026-11-23T09:00:00Z") };
const oral = { how: "oral", givenOn: "2026-11-23" } as const;

async function setup() {
  const { db } = database;
  const sst = await makeOrganisation(db, { kind: "sst" });
  const association = await makeOrganisation(db, { kind: "association" });
  const worker = await makeActor(db, { role: "travailleur_social", organisationId: sst });
  const partner = await makeActor(db, { role: "travailleur_social", organisationId: association });
  const partnerHead = await makeActor(db, {
    role: "responsable_structure",
    organisationId: association,
  });
  const created = await createPersonWithParcours(contextFor(db, worker, context.now), {
    lastName: "Vasseur",
    firstName: "Odile",
    birthDate: "1979-02-14",
    inCareAse: false,
    consentScope: "suivi_sante",
    organisationId: sst,
  });
  await recordConsent(contextFor(db, worker, context.now), created.parcoursId, {
    organisationId: association,
    scope: "suivi",
    attested: false,
    ...oral,
  });
  const orientationId = await orient(contextFor(db, worker, context.now), created.parcoursId, {
    organisationId: association,
    message: "Aide alimentaire",
  });
  return { sst, association, worker, partner, partnerHead, orientationId, ...created };
}

async function activeConsent(personId: string, organisationId: string) {
  return database.db
    .selectFrom("person_consent")
    .select(["id", "scope", "given_how", "attested_in_person", "collected_by_organisation_id"])
    .where("person_id", "=", personId)
    .where("organisation_id", "=", organisationId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
}

describe("withdrawing a consent reaches the orientations", () => {
  it("cancels the pending orientation: the structure no longer lists, counts or accepts it, and the record says why", async () => {
    const s = await setup();
    expect(await countIncomingOrientations({ db: database.db, actor: s.partner })).toBe(1);
    const consent = await activeConsent(s.personId, s.association);
    await withdrawConsent(
      contextFor(database.db, s.worker, context.now),
      s.parcoursId,
      consent?.id ?? "",
    );

    expect(await listIncomingOrientations(contextFor(database.db, s.partner, context.now))).toEqual(
      [],
    );
    expect(await countIncomingOrientations({ db: database.db, actor: s.partner })).toBe(0);
    await expect(
      decideOrientation(contextFor(database.db, s.partner, context.now), s.orientationId, {
        decision: "acceptee",
      }),
    ).rejects.toThrow(NotFound);
    const members = await database.db
      .selectFrom("parcours_member")
      .select("organisation_id")
      .where("parcours_id", "=", s.parcoursId)
      .execute();
    expect(members.map((m) => m.organisation_id)).toEqual([s.sst]);

    const view = await openRecord(contextFor(database.db, s.worker, context.now), s.parcoursId);
    expect(view.record?.orientations).toMatchObject([
      { id: s.orientationId, status: "annulee", decisionReason: ORIENTATION_CANCELLED_REASON },
    ]);
    const events = await database.db
      .selectFrom("audit_event")
      .select(["action", "subject_id"])
      .where("person_id", "=", s.personId)
      .where("action", "=", "orientation.cancel")
      .execute();
    expect(events).toEqual([{ action: "orientation.cancel", subject_id: s.orientationId }]);
  });

  it("refuses the decision on an orientation whose consent was withdrawn behind the service's back", async () => {
    const s = await setup();
    // Withdrawn without going through withdrawConsent: the decision still checks the consent.
    await database.db
      .updateTable("person_consent")
      .set({ withdrawn_at: context.now })
      .where("person_id", "=", s.personId)
      .where("organisation_id", "=", s.association)
      .execute();
    await expect(
      decideOrientation(contextFor(database.db, s.partner, context.now), s.orientationId, {
        decision: "acceptee",
      }),
    ).rejects.toThrow(NotFound);
    expect(await listIncomingOrientations(contextFor(database.db, s.partner, context.now))).toEqual(
      [],
    );
  });
});

describe("only the structure holding the record widens sharing", () => {
  async function joined() {
    const s = await setup();
    await decideOrientation(contextFor(database.db, s.partner, context.now), s.orientationId, {
      decision: "acceptee",
    });
    return s;
  }

  it("refuses a partner that widens its own consent to health, and reads no health note", async () => {
    const s = await joined();
    await expect(
      recordConsent(contextFor(database.db, s.partner, context.now), s.parcoursId, {
        organisationId: s.association,
        scope: "suivi_sante",
        attested: false,
        ...oral,
      }),
    ).rejects.toThrow(Forbidden);
    expect((await activeConsent(s.personId, s.association))?.scope).toBe("suivi");
    const view = await openRecord(contextFor(database.db, s.partner, context.now), s.parcoursId);
    expect(view.can.readSensitive).toBe(false);
  });

  it("records the consent the person gave the partner's worker in person, with who, how and when", async () => {
    const s = await joined();
    await recordConsent(contextFor(database.db, s.partner, context.now), s.parcoursId, {
      organisationId: s.association,
      scope: "suivi_sante",
      attested: true,
      ...oral,
    });
    expect(await activeConsent(s.personId, s.association)).toMatchObject({
      scope: "suivi_sante",
      given_how: "oral",
      attested_in_person: true,
      collected_by_organisation_id: s.association,
    });
  });

  it("lets a partner narrow or withdraw its own consent, never the SST's", async () => {
    const s = await joined();
    const sstConsent = await activeConsent(s.personId, s.sst);
    await expect(
      withdrawConsent(
        contextFor(database.db, s.partner, context.now),
        s.parcoursId,
        sstConsent?.id ?? "",
      ),
    ).rejects.toThrow(Forbidden);
    await expect(
      recordConsent(contextFor(database.db, s.partner, context.now), s.parcoursId, {
        organisationId: s.sst,
        scope: "suivi",
        attested: false,
        ...oral,
      }),
    ).rejects.toThrow(Forbidden);
    expect((await activeConsent(s.personId, s.sst))?.scope).toBe("suivi_sante");
    const own = await activeConsent(s.personId, s.association);
    await withdrawConsent(
      contextFor(database.db, s.partner, context.now),
      s.parcoursId,
      own?.id ?? "",
    );
    expect(await activeConsent(s.personId, s.association)).toBeUndefined();
  });

  it("refuses a partner that makes itself référent or closes the record", async () => {
    const s = await joined();
    await expect(
      setReferent(contextFor(database.db, s.partner, context.now), s.parcoursId, {
        referentUserId: s.partner.userId,
      }),
    ).rejects.toThrow(Forbidden);
    await expect(
      setReferent(contextFor(database.db, s.partnerHead, context.now), s.parcoursId, {
        referentUserId: s.partner.userId,
      }),
    ).rejects.toThrow(Forbidden);
    await expect(
      closeParcours(contextFor(database.db, s.partnerHead, context.now), s.parcoursId),
    ).rejects.toThrow(Forbidden);
    const parcours = await database.db
      .selectFrom("parcours")
      .select(["status", "referent_user_id"])
      .where("id", "=", s.parcoursId)
      .executeTakeFirstOrThrow();
    expect(parcours).toEqual({ status: "ouvert", referent_user_id: null });
    // The SST's own worker still may.
    await setReferent(contextFor(database.db, s.worker, context.now), s.parcoursId, {
      referentUserId: s.worker.userId,
    });
  });
});
