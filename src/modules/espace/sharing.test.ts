// Shares as the professional meets them: only while valid (a date, a
// revocation, a link ended by the person, a consent withdrawn stop every
// path), only in the structure shared with, only for record readers; a
// whole category; a professional's deposit; the quota and the size limit.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResidentActor, UserActor } from "../../platform/access/actor.ts";
import { Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { createPersonWithParcours } from "../records/service.ts";
import { contextFor, makeActor } from "../records/test-fixtures.ts";
import type { EspaceContext } from "./context.ts";
import { endLink, linkRecordToSpace } from "./links.ts";
import { readSharedDocument, recordSpaceView } from "./shared-documents.ts";
import { revokeShare, share } from "./sharing.ts";
import { signIn } from "./sign-in.ts";
import { postFile, signInResident } from "./test-helpers.ts";
import {
  FILE_TOO_LARGE,
  listDocuments,
  MAX_FILE_BYTES,
  QUOTA_REACHED,
  receiveDocument,
  SPACE_QUOTA_BYTES,
} from "./vault.ts";

const T0 = new Date("2026-11-23T08:00:00Z");
const DAY = 86_400_000;
const KEY = randomBytes(32);

let database: TestDatabase;
let sst: string;
let association: string;
let worker: UserActor;
let frontDesk: UserActor;
let otherWorker: UserActor;
let parcoursId: string;
let resident: ResidentActor;

const ctx = (now = T0): EspaceContext => ({
  now,
  requestId: null,
  secret: "s".repeat(40),
  documentsKey: KEY,
  publicUrl: "https://relais.test",
});

async function* bytesOf(buffer: Buffer) {
  for (let start = 0; start < buffer.length; start += 64 * 1024) {
    yield buffer.subarray(start, start + 64 * 1024);
  }
}

function pdf(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write("%PDF-1.4\n");
  return bytes;
}

async function upload(title: string, category: "identite" | "ressources", size = 50_000) {
  return receiveDocument(
    database.db,
    resident.espaceId,
    { kind: "resident", actor: resident },
    { title, category, expiresOn: undefined },
    { fileName: `${title}.pdf`, bytes: bytesOf(pdf(size)) },
    ctx(),
  );
}

async function visibleTitles(actor: UserActor, now: Date): Promise<string[]> {
  const view = await recordSpaceView(database.db, actor, parcoursId, ctx(now));
  return view.documents.map((d) => d.title).sort();
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

beforeAll(async () => {
  database = await createTestDatabase();
  sst = await makeOrganisation(database.db, { kind: "sst", name: "SST de test" });
  association = await makeOrganisation(database.db, { kind: "association" });
  worker = await makeActor(database.db, { role: "travailleur_social", organisationId: sst });
  frontDesk = await makeActor(database.db, { role: "agent_accueil", organisationId: sst });
  otherWorker = await makeActor(database.db, {
    role: "travailleur_social",
    organisationId: association,
  });
  ({ parcoursId } = await createPersonWithParcours(contextFor(database.db, worker, T0), {
    lastName: "Morel",
    firstName: "Inès",
    birthDate: "1992-02-02",
    inCareAse: false,
    consentScope: "suivi",
    organisationId: sst,
  }));
  const session = await signIn(
    database.db,
    { kind: "email", value: "ines@exemple.fr" },
    undefined,
    {
      now: T0,
    },
  );
  resident = {
    kind: "resident",
    espaceId: session.espaceId,
    verifiedAt: T0,
    method: "code_email",
    contact: { kind: "email", value: "ines@exemple.fr" },
  };
});
afterAll(() => database?.close());

describe("sharing with the structure of a linked record", () => {
  let avis = "";
  let carte = "";
  let linkId = "";

  it("links only through a verified contact of an existing space", async () => {
    const unknown = await refusal(
      linkRecordToSpace(
        database.db,
        worker,
        parcoursId,
        { contact: { kind: "email", value: "autre@exemple.fr" }, identityChecked: true },
        ctx(),
      ),
    );
    expect(unknown).toBeInstanceOf(Invalid);
    const byOutsider = await refusal(
      linkRecordToSpace(
        database.db,
        otherWorker,
        parcoursId,
        { contact: { kind: "email", value: "ines@exemple.fr" }, identityChecked: true },
        ctx(),
      ),
    );
    expect(byOutsider).toBeInstanceOf(NotFound);
    linkId = await linkRecordToSpace(
      database.db,
      worker,
      parcoursId,
      { contact: { kind: "email", value: "ines@exemple.fr" }, identityChecked: true },
      ctx(),
    );
  });

  it("shows a shared document for 30 days, then stops the list and the download", async () => {
    avis = await upload("Avis d'imposition", "ressources");
    carte = await upload("Carte d'identité", "identite");
    await share(
      database.db,
      resident,
      { linkId, documentId: avis, purpose: "RSA", days: 30 },
      ctx(),
    );
    expect(await visibleTitles(worker, new Date(T0.getTime() + 29 * DAY))).toEqual([
      "Avis d'imposition",
    ]);
    const opened = await readSharedDocument(database.db, worker, parcoursId, avis, {
      ...ctx(new Date(T0.getTime() + 29 * DAY)),
    });
    expect(opened.document.sizeBytes).toBe(50_000);
    await opened.stream.cancel();

    const after = new Date(T0.getTime() + 30 * DAY + 60_000);
    expect(await visibleTitles(worker, after)).toEqual([]);
    expect(
      await refusal(readSharedDocument(database.db, worker, parcoursId, avis, ctx(after))),
    ).toBeInstanceOf(NotFound);
    const refusals = await database.db
      .selectFrom("audit_event")
      .select(["person_id", "actor_organisation_id"])
      .where("action", "=", "espace.shared.refused")
      .execute();
    expect(refusals).toEqual([{ person_id: resident.espaceId, actor_organisation_id: sst }]);
  });

  it("never shows the documents not shared, nor to the front desk or another structure", async () => {
    const during = new Date(T0.getTime() + DAY);
    expect(await visibleTitles(worker, during)).not.toContain("Carte d'identité");
    expect(
      await refusal(readSharedDocument(database.db, worker, parcoursId, carte, ctx(during))),
    ).toBeInstanceOf(NotFound);
    expect(
      await refusal(recordSpaceView(database.db, frontDesk, parcoursId, ctx(during))),
    ).toBeInstanceOf(Forbidden);
    expect(
      await refusal(recordSpaceView(database.db, otherWorker, parcoursId, ctx(during))),
    ).toBeInstanceOf(NotFound);
  });

  it("shares a whole category, with the documents added after; revoking stops it", async () => {
    const shareId = await share(
      database.db,
      resident,
      { linkId, category: "identite", purpose: "Dossier", days: 7 },
      ctx(),
    );
    await upload("Titre de séjour", "identite");
    const during = new Date(T0.getTime() + DAY);
    // The avis stays: its own 30-day share still holds.
    expect(await visibleTitles(worker, during)).toEqual([
      "Avis d'imposition",
      "Carte d'identité",
      "Titre de séjour",
    ]);
    await revokeShare(database.db, resident, shareId, ctx(during));
    expect(await visibleTitles(worker, during)).toEqual(["Avis d'imposition"]);
  });

  it("needs a fresh code to share", async () => {
    const stale = { ...resident, verifiedAt: new Date(T0.getTime() - 11 * 60_000) };
    expect(
      await refusal(
        share(database.db, stale, { linkId, documentId: avis, purpose: "RSA", days: 7 }, ctx()),
      ),
    ).toBeInstanceOf(Forbidden);
  });

  it("stops every share when the person ends the link", async () => {
    await share(
      database.db,
      resident,
      { linkId, documentId: avis, purpose: "RSA", days: 7 },
      ctx(),
    );
    expect(await visibleTitles(worker, T0)).toEqual(["Avis d'imposition"]);
    await endLink(database.db, resident, linkId, ctx());
    expect(await visibleTitles(worker, T0)).toEqual([]);
    expect(
      await refusal(readSharedDocument(database.db, worker, parcoursId, avis, ctx())),
    ).toBeInstanceOf(NotFound);
  });
});

describe("the vault's limits", () => {
  it(`refuses a file over 10 Mo and keeps nothing of it`, async () => {
    const before = await listDocuments(database.db, resident.espaceId);
    const error = await refusal(upload("Trop gros", "ressources", MAX_FILE_BYTES + 1));
    expect((error as Invalid).fieldErrors).toEqual({ fichier: FILE_TOO_LARGE });
    expect(await listDocuments(database.db, resident.espaceId)).toHaveLength(before.length);
    const orphans = await database.db
      .selectFrom("espace_document")
      .select("id")
      .where("status", "=", "receiving")
      .execute();
    expect(orphans).toEqual([]);
  });

  it("refuses what would pass the space's quota", async () => {
    await database.db
      .insertInto("espace_document")
      .values({
        id: crypto.randomUUID(),
        espace_id: resident.espaceId,
        title: "Gros dossier",
        file_name: "gros.pdf",
        media_type: "application/pdf",
        category: "autre",
        size_bytes: SPACE_QUOTA_BYTES - 100_000,
        status: "ready",
        deposited_by_user_id: null,
        deposited_by_organisation_id: null,
        created_at: T0,
        last_used_at: T0,
      })
      .execute();
    const error = await refusal(upload("De trop", "ressources", 300_000));
    expect((error as Invalid).fieldErrors).toEqual({ fichier: QUOTA_REACHED });
  });
});

describe("a professional's deposit", () => {
  it("puts a document in the linked space, and the person sees who deposited it", async () => {
    const app = createTestApp(database.db, { now: () => T0 });
    const browser = new TestClient(app);
    await browser.login(worker.email, (worker as UserActor & { password: string }).password);
    const person = new TestClient(app);
    await signInResident(person, database.db, "depot@exemple.fr", "depot@exemple.fr");
    const record = await createPersonWithParcours(contextFor(database.db, worker, T0), {
      lastName: "Depot",
      firstName: "Léon",
      birthDate: "1970-01-01",
      inCareAse: false,
      consentScope: "suivi",
      organisationId: sst,
    });
    const linked = await browser.post(
      `/pro/dossiers/${record.parcoursId}/espace`,
      { contact: "depot@exemple.fr", verifie: "oui" },
      { tokenFrom: `/pro/dossiers/${record.parcoursId}/espace` },
    );
    expect(linked.status).toBe(303);
    const deposited = await postFile(
      app,
      browser,
      `/pro/espace-depot?dossier=${record.parcoursId}`,
      {
        tokenFrom: `/pro/dossiers/${record.parcoursId}/espace`,
        fields: { titre: "Attestation CAF", categorie: "ressources", expiration: "" },
        fileName: "attestation.pdf",
        bytes: pdf(20_000),
      },
    );
    expect(deposited.status).toBe(303);
    await person.get("/mon-espace/documents");
    expect(person.lastHtml).toContain("Attestation CAF");
    expect(person.lastHtml).toContain("SST de test");
  });
});
