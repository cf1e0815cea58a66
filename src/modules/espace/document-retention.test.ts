// Documents unused for the configured period: announced 30 days before by
// every verified contact (one message per space), deleted after unless the
// person kept or opened them; an expired document announced once and kept.
// Dates are fixed (the clock is an argument).

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResidentActor } from "../../platform/access/actor.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { residentActor } from "../../test/fixtures.ts";
import { applyDocumentRetention, DOCUMENT_WARNING_DAYS } from "./document-retention.ts";
import { signIn } from "./space-sign-in.ts";
import { spaceContext, visitorContext } from "./test-fixtures.ts";
import { keepOwnDocument, listDocuments, readOwnDocument, receiveDocument } from "./vault.ts";

const T0 = new Date("2026-11-23T08:00:00Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const policy = { unusedMonths: 12 };
const KEY = randomBytes(32);

let database: TestDatabase;
let resident: ResidentActor;

async function* pdf() {
  const bytes = Buffer.alloc(2_000, 0x20);
  bytes.write("%PDF-1.4\n");
  yield bytes;
}

async function upload(title: string, expiresOn?: string) {
  return receiveDocument(
    visitorContext(database.db, { now: T0, requestId: null, documentsKey: KEY }),
    resident.espaceId,
    { kind: "resident", actor: resident },
    { title, category: "identite", expiresOn },
    { fileName: `${title}.pdf`, bytes: pdf() },
  );
}

async function titles(): Promise<string[]> {
  return (await listDocuments(database.db, resident.espaceId)).map((d) => d.title).sort();
}

async function messagesAt(when: Date) {
  return database.db
    .selectFrom("outbox_message")
    .select(["recipient", "channel", "text_body"])
    .where("created_at", "=", when)
    .orderBy("recipient")
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const session = await signIn(
    visitorContext(database.db, {
      now: T0,
    }),
    { kind: "email", value: "lea@exemple.fr" },
    undefined,
  );
  await database.db
    .insertInto("espace_identifier")
    .values({
      espace_id: session.espaceId,
      kind: "phone",
      value: "+33612345678",
      verified_at: T0,
    })
    .execute();
  resident = residentActor({
    espaceId: session.espaceId,
    verifiedAt: T0,
    contact: { kind: "email", value: "lea@exemple.fr" },
  });
});
afterAll(() => database?.close());

describe("documents nobody opens", () => {
  let kept = "";
  let opened = "";

  it("announces them a month before the end, once, in one message per contact", async () => {
    kept = await upload("Carte d'identité");
    opened = await upload("Avis d'imposition");
    await upload("Quittance");
    // 11 months minus a few days: not yet.
    expect((await applyDocumentRetention(database.db, policy, at(300))).warned).toBe(0);
    const warnedAt = at(340);
    expect((await applyDocumentRetention(database.db, policy, warnedAt)).warned).toBe(3);
    const messages = await messagesAt(warnedAt);
    expect(messages.map((m) => [m.recipient, m.channel])).toEqual([
      ["+33612345678", "sms"],
      ["lea@exemple.fr", "email"],
    ]);
    expect(messages[0]?.text_body).toContain("3 documents de votre espace n'ont pas été ouverts");
    expect(messages[0]?.text_body).toContain("« Garder ce document »");
    expect((await applyDocumentRetention(database.db, policy, at(345))).warned).toBe(0);
    const listed = await listDocuments(database.db, resident.espaceId);
    expect(listed.every((d) => d.unusedWarnedAt?.getTime() === warnedAt.getTime())).toBe(true);
  });

  it("deletes only those neither kept nor opened, after the month, and audits each step", async () => {
    await keepOwnDocument(
      spaceContext(database.db, resident, { now: at(350), requestId: null }),
      kept,
    );
    await readOwnDocument(
      spaceContext(
        database.db,
        { ...resident, verifiedAt: at(351) },
        {
          now: at(351),
          requestId: null,
          documentsKey: KEY,
        },
      ),
      opened,
    );
    // The month is not over: nothing goes.
    expect((await applyDocumentRetention(database.db, policy, at(365))).deleted).toBe(0);
    const result = await applyDocumentRetention(
      database.db,
      policy,
      at(340 + DOCUMENT_WARNING_DAYS + 1),
    );
    expect(result.deleted).toBe(1);
    expect(await titles()).toEqual(["Avis d'imposition", "Carte d'identité"]);
    const kept2 = (await listDocuments(database.db, resident.espaceId)).find((d) => d.id === kept);
    expect(kept2?.unusedWarnedAt).toBeNull();
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["action", "details"])
      .where("person_id", "=", resident.espaceId)
      .where("action", "in", [
        "espace.document.unusedWarned",
        "espace.document.kept",
        "espace.document.delete",
      ])
      .orderBy("seq")
      .execute();
    expect(audit.map((event) => event.action)).toEqual([
      "espace.document.unusedWarned",
      "espace.document.unusedWarned",
      "espace.document.unusedWarned",
      "espace.document.kept",
      "espace.document.delete",
    ]);
    expect(audit.at(-1)?.details).toMatchObject({ title: "Quittance", reason: "unused" });
  });
});

describe("documents past their validity date", () => {
  it("tells the person once, and keeps the document", async () => {
    await upload("Titre de séjour", "2027-01-31");
    await upload("Ancien passeport", "2020-01-01");
    const before = await applyDocumentRetention(database.db, policy, at(60));
    expect(before.expired).toBe(0);
    const noticeAt = at(72);
    expect((await applyDocumentRetention(database.db, policy, noticeAt)).expired).toBe(1);
    const messages = await messagesAt(noticeAt);
    expect(messages).toHaveLength(2);
    expect(messages[0]?.text_body).toContain("1 document de votre espace a dépassé sa date");
    expect((await applyDocumentRetention(database.db, policy, at(80))).expired).toBe(0);
    // Added already expired: the person knew; no message for it. Both are kept.
    expect(await titles()).toContain("Titre de séjour");
    expect(await titles()).toContain("Ancien passeport");
  });
});
