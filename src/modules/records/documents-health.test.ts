// Documents have a sensitivity like notes (issue 20, item 8): a health
// document follows the health scope of the consent. A partner whose consent
// leaves health out neither lists nor downloads it, and its export and access
// history say nothing of it: no count, no date.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { readDocument, storeDocument } from "./documents.ts";
import { exportPersonData } from "./export.ts";
import {
  addNote,
  createPersonWithParcours,
  decideOrientation,
  openRecord,
  orient,
  recordConsent,
} from "./service.ts";
import { contextFor, makeActor } from "./test-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const context = { now: new Date("2026-11-23T09:00:00Z") };
const key = Buffer.alloc(32, 7);
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

async function setup() {
  const { db } = database;
  const sst = await makeOrganisation(db, { kind: "sst" });
  const association = await makeOrganisation(db, { kind: "association" });
  const worker = await makeActor(db, { role: "travailleur_social", organisationId: sst });
  const partner = await makeActor(db, { role: "travailleur_social", organisationId: association });
  const { parcoursId } = await createPersonWithParcours(contextFor(db, worker, context.now), {
    lastName: "Guérin",
    firstName: "Paule",
    birthDate: "1966-05-05",
    inCareAse: false,
    consentScope: "suivi_sante",
    organisationId: sst,
  });
  await recordConsent(contextFor(db, worker, context.now), parcoursId, {
    organisationId: association,
    scope: "suivi",
    how: "ecrit",
    givenOn: "2026-11-23",
    attested: false,
  });
  const orientationId = await orient(contextFor(db, worker, context.now), parcoursId, {
    organisationId: association,
    message: "",
  });
  await decideOrientation(contextFor(db, partner, context.now), orientationId, {
    decision: "acceptee",
  });
  const health = await storeDocument(contextFor(db, worker, context.now), parcoursId, {
    fileName: "certificat-medical.pdf",
    bytes: pdf("health"),
    key,
    isSensitive: true,
  });
  const ordinary = await storeDocument(contextFor(db, worker, context.now), parcoursId, {
    fileName: "avis-imposition.pdf",
    bytes: pdf("tax"),
    key,
  });
  await addNote(contextFor(db, worker, new Date("2026-11-20T15:00:00Z")), parcoursId, {
    contactDate: "2026-11-20",
    body: "Hospitalisation.",
    isSensitive: true,
  });
  return { worker, partner, parcoursId, health, ordinary };
}

describe("health documents", () => {
  it("lists and downloads a health document only under a consent that includes health", async () => {
    const s = await setup();
    const seenByWorker = await openRecord(
      contextFor(database.db, s.worker, context.now),
      s.parcoursId,
    );
    expect(seenByWorker.record?.documents.map((d) => d.fileName).sort()).toEqual([
      "avis-imposition.pdf",
      "certificat-medical.pdf",
    ]);
    const seenByPartner = await openRecord(
      contextFor(database.db, s.partner, context.now),
      s.parcoursId,
    );
    expect(seenByPartner.record?.documents.map((d) => d.fileName)).toEqual(["avis-imposition.pdf"]);
    await expect(
      readDocument(contextFor(database.db, s.partner, context.now), s.parcoursId, s.health, key),
    ).rejects.toThrow(NotFound);
    const ordinary = await readDocument(
      contextFor(database.db, s.partner, context.now),
      s.parcoursId,
      s.ordinary,
      key,
    );
    expect(ordinary.fileName).toBe("avis-imposition.pdf");
    const health = await readDocument(
      contextFor(database.db, s.worker, context.now),
      s.parcoursId,
      s.health,
      key,
    );
    expect(Buffer.from(health.bytes).toString()).toContain("health");
  });

  it("refuses a health document from a structure whose consent leaves health out", async () => {
    const s = await setup();
    await expect(
      storeDocument(contextFor(database.db, s.partner, context.now), s.parcoursId, {
        fileName: "ordonnance.pdf",
        bytes: pdf("x"),
        key,
        isSensitive: true,
      }),
    ).rejects.toThrow(Forbidden);
  });

  it("exports neither the health items nor their number nor their dates to that structure", async () => {
    const s = await setup();
    const forPartner = await exportPersonData(
      contextFor(database.db, s.partner, context.now),
      s.parcoursId,
    );
    const text = JSON.stringify(forPartner);
    expect(text).not.toContain("certificat-medical");
    expect(text).not.toContain("Hospitalisation");
    expect(text).not.toMatch(/Withheld":\s*\d/);
    expect(forPartner.healthWithheld).toBe(true);
    // The history keeps the ordinary document's upload, not the health one's nor the note's.
    expect(forPartner.accesses.filter((a) => a.action === "document.create")).toHaveLength(1);
    expect(forPartner.accesses.filter((a) => a.action === "note.create")).toHaveLength(0);
    expect(
      forPartner.accesses.some((a) => a.at.getTime() === Date.parse("2026-11-20T15:00:00Z")),
    ).toBe(false);
    const forWorker = await exportPersonData(
      contextFor(database.db, s.worker, context.now),
      s.parcoursId,
    );
    expect(forWorker.documents.map((d) => d.fileName)).toContain("certificat-medical.pdf");
    expect(forWorker.accesses.filter((a) => a.action === "document.create")).toHaveLength(2);
    expect(forWorker.accesses.filter((a) => a.action === "note.create")).toHaveLength(1);
    expect(forWorker.healthWithheld).toBe(false);
  });
});
