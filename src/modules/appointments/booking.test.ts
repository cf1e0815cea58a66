import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/database.ts";
import type { UserActor } from "../../platform/access/actor.ts";
import { verifyAuditChain } from "../../platform/audit/audit.ts";
import { Forbidden, Invalid } from "../../platform/errors.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { userActor } from "../../test/fixtures.ts";
import { createAbsence } from "./agenda-admin.ts";
import { BookingRefused } from "./refusals.ts";
import {
  type BookedAppointment,
  bookAppointment,
  cancelByToken,
  findSlots,
  moveByToken,
  requireBookingByToken,
} from "./service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
});
afterAll(async () => {
  await database.close();
});

function slot(date: string, time: string, lieu: "place" | "phone" = "place") {
  return {
    motifId: lieu === "place" ? agenda.motifId : agenda.phoneMotifId,
    agentId: agenda.agent.userId,
    lieuId: lieu === "place" ? agenda.lieuId : null,
    start: parisToDate(date, time),
  };
}

async function countBookings(): Promise<number> {
  const row = await database.db
    .selectFrom("rdv")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The same pool through another handle: bookAppointment puts the attempts of
 * one handle in line per agent (as one app process does), not those of two.
 */
function asAnotherProcess(db: Db): Db {
  return db.withPlugin({
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => result,
  });
}

async function refusalOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
}

const deskActor = (userId: string, organisationId: string): UserActor =>
  userActor("agent_accueil", {
    userId,
    organisationId,
    organisationName: "SST",
    email: "accueil@exemple.fr",
    displayName: "Accueil",
  });

describe("free slots", () => {
  it("lists 30-minute slots inside the opening, starting after the notice", async () => {
    const slots = await findSlots(contextAt(database.db), {
      motifId: agenda.motifId,
      lieuId: agenda.lieuId,
      from: TEST_NOW,
      to: parisToDate("2026-11-24", "00:00"),
    });
    // Now is 09:00 with one hour of notice: the first slot is at 10:00.
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      "2026-11-23T09:00:00.000Z",
      "2026-11-23T09:30:00.000Z",
      "2026-11-23T10:00:00.000Z",
      "2026-11-23T10:30:00.000Z",
    ]);
  });

  it("refuses to list slots of a motif that is not bookable online", async () => {
    const error = await refusalOf(
      findSlots(contextAt(database.db), {
        motifId: agenda.phoneMotifId,
        from: TEST_NOW,
        to: parisToDate("2026-11-30", "00:00"),
      }),
    );
    expect(error).toBeInstanceOf(Invalid);
  });
});

describe("booking", () => {
  it("books a free slot, queues the confirmation (email with .ics, SMS) and the reminder", async () => {
    const booked = await bookAppointment(contextAt(database.db), {
      ...slot("2026-11-26", "10:00"),
      person: PERSON,
    });
    expect(booked.replayed).toBe(false);
    expect(booked.manageUrl).toContain(`/rendez-vous/gerer/${booked.id}?jeton=`);
    const messages = await database.db.selectFrom("outbox_message").selectAll().execute();
    const email = messages.find((m) => m.channel === "email");
    expect(email?.recipient).toBe("camille.martin@exemple.fr");
    expect(email?.subject).toBe("Votre rendez-vous est confirmé");
    expect(email?.text_body).toContain("jeudi 26 novembre 2026 à 10 h 00");
    const ics = Buffer.from(email?.attachments[0]?.content ?? "", "base64").toString("utf8");
    expect(ics).toContain("BEGIN:VEVENT\r\n");
    expect(ics).toContain("DTSTART:20261126T090000Z");
    const sms = messages.find((m) => m.channel === "sms");
    expect(sms?.recipient).toBe("+33612345678");
    const reminder = await database.db
      .selectFrom("job")
      .selectAll()
      .where("name", "=", "rdv.reminder")
      .executeTakeFirstOrThrow();
    expect(reminder.run_at.toISOString()).toBe("2026-11-24T09:00:00.000Z");
    // Each message has its delivery job, due now.
    const deliveries = await database.db
      .selectFrom("job")
      .select(["name", "payload", "run_at"])
      .where("name", "in", ["mail.deliver", "sms.deliver"])
      .execute();
    expect(
      deliveries.map((job) => [job.name, (job.payload as { messageId: string }).messageId]).sort(),
    ).toEqual([
      ["mail.deliver", email?.id],
      ["sms.deliver", sms?.id],
    ]);
    expect(deliveries.every((job) => job.run_at.getTime() === TEST_NOW.getTime())).toBe(true);
    const audit = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("subject_id", "=", booked.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["rdv.booked"]);
  });

  it("refuses the same slot a second time with « Ce créneau vient d'être pris »", async () => {
    const before = await countBookings();
    const error = await refusalOf(
      bookAppointment(contextAt(database.db), {
        ...slot("2026-11-26", "10:00"),
        person: { ...PERSON, nom: "Autre Personne" },
      }),
    );
    expect(error).toBeInstanceOf(BookingRefused);
    expect((error as BookingRefused).reason).toBe("slot-taken");
    expect(error.message).toMatch(/^Ce créneau vient d'être pris/);
    expect(await countBookings()).toBe(before);
  });

  it("gives exactly one of twenty concurrent requests for the same slot", async () => {
    // Four handles, as four app processes: requests through one handle wait in
    // line in the process; between handles, the database puts them in line.
    const handles = Array.from({ length: 4 }, () => asAnotherProcess(database.db));
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        bookAppointment(contextAt(handles[index % 4] ?? database.db), {
          ...slot("2026-11-27", "11:00"),
          person: { ...PERSON, nom: `Personne ${index}` },
        }),
      ),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const lost = attempts.filter((a) => a.status === "rejected");
    expect(won).toHaveLength(1);
    for (const attempt of lost) {
      expect((attempt as PromiseRejectedResult).reason.message).toMatch(/vient d'être pris/);
    }
  });

  it("refuses the losers of a race in one process by their read, without trying to insert", async () => {
    const inserts: unknown[] = [];
    const counted = database.db.withPlugin({
      transformQuery: ({ node }) => {
        if (JSON.stringify(node).includes("INSERT INTO rdv ")) inserts.push(node);
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        bookAppointment(contextAt(counted), {
          ...slot("2026-12-11", "09:00"),
          person: { ...PERSON, nom: `Personne ${index}` },
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    expect(inserts).toHaveLength(1);
  });

  it("returns the first booking when a request is retried with the same idempotency key", async () => {
    const request = {
      ...slot("2026-11-30", "09:00"),
      person: PERSON,
      idempotencyKey: "retry-1",
    };
    const first = await bookAppointment(contextAt(database.db), request);
    const again = await bookAppointment(contextAt(database.db), request);
    expect(again.id).toBe(first.id);
    expect(again.replayed).toBe(true);
    expect(again.token).toBe(first.token);
    // The same key for another request gives nothing away.
    const reused = await refusalOf(
      bookAppointment(contextAt(database.db), {
        ...slot("2026-11-30", "09:30"),
        person: { ...PERSON, nom: "Quelqu'un d'autre" },
        idempotencyKey: "retry-1",
      }),
    );
    expect(reused).toBeInstanceOf(Invalid);
    expect(reused.message).toMatch(/déjà servi/);
  });

  it("gives identical requests sent together with the same key the one booking, never « pris »", async () => {
    const request = {
      ...slot("2026-11-30", "11:00"),
      person: PERSON,
      idempotencyKey: "twins-1",
    };
    const before = await countBookings();
    // Each twin looks the key up before any has booked; all but one then
    // meet the winner's row (the slot check, or the exclusion constraint).
    const answers = await Promise.allSettled(
      Array.from({ length: 6 }, (_, index) =>
        bookAppointment(
          contextAt(index % 2 === 0 ? database.db : asAnotherProcess(database.db)),
          request,
        ),
      ),
    );
    const refused = answers.filter((a) => a.status === "rejected");
    expect(refused.map((a) => (a as PromiseRejectedResult).reason.message)).toEqual([]);
    const booked = answers.map((a) => (a as PromiseFulfilledResult<BookedAppointment>).value);
    expect(new Set(booked.map((b) => b.id)).size).toBe(1);
    expect(booked.filter((b) => !b.replayed)).toHaveLength(1);
    expect(await countBookings()).toBe(before + 1);
  });

  it("answers with our booking when a twin with the same key booked between our look-up and our check", async () => {
    const request = {
      ...slot("2026-11-30", "11:30"),
      person: PERSON,
      idempotencyKey: "twins-2",
    };
    // The twin (another app process) commits right after our first look-up
    // of the key found nothing: the order seen with PostgreSQL and 3 processes.
    // That look-up is the booking's one read (booking-store.ts: `earlier`).
    const keyLookups = new Set<unknown>();
    let twin: Promise<BookedAppointment> | undefined;
    const foundNothing = (rows: unknown[]) =>
      rows.length === 0 || (rows[0] as { earlier?: unknown }).earlier === null;
    const watched = database.db.withPlugin({
      transformQuery: ({ node, queryId }) => {
        const reads = node.kind === "SelectQueryNode" || node.kind === "RawNode";
        if (reads && JSON.stringify(node).includes("idempotency_key")) {
          keyLookups.add(queryId);
        }
        return node;
      },
      transformResult: async ({ result, queryId }) => {
        if (twin === undefined && keyLookups.has(queryId) && foundNothing(result.rows)) {
          twin = bookAppointment(contextAt(database.db), request);
          await twin;
        }
        return result;
      },
    });
    const ours = await bookAppointment({ ...contextAt(database.db), db: watched }, request);
    const winner = await twin;
    expect(winner?.replayed).toBe(false);
    expect(ours.id).toBe(winner?.id);
    expect(ours.replayed).toBe(true);
  });

  it.each([
    ["a slot in the past", ["2026-11-20", "10:00"], /déjà passé/],
    ["a slot outside the openings", ["2026-11-26", "13:00"], /en dehors des heures/],
    ["a slot on a public holiday", ["2026-12-25", "10:00"], /jour férié/],
    ["a slot too soon", ["2026-11-23", "09:30"], /trop proche/],
    ["a motif bookable by agents only", ["2026-11-26", "14:00", "phone"], /en ligne/],
  ] as const)("refuses %s with a French message and books nothing", async (_case, at, message) => {
    const before = await countBookings();
    const choice = slot(at[0], at[1], at[2] ?? "place");
    const error = await refusalOf(
      bookAppointment(contextAt(database.db), { ...choice, person: PERSON }),
    );
    expect(error.message).toMatch(message);
    expect(await countBookings()).toBe(before);
  });

  it("refuses a slot when the agent is absent, and books the hour after", async () => {
    await createAbsence(
      database.db,
      {
        agentId: agenda.agent.userId,
        firstDay: "2026-12-07",
        startTime: "10:00",
        endTime: "11:00",
      },
      TEST_NOW,
    );
    const before = await countBookings();
    const refusal = await refusalOf(
      bookAppointment(contextAt(database.db), {
        ...slot("2026-12-07", "10:30"),
        person: PERSON,
      }),
    );
    expect(refusal.message).toMatch(/absente/);
    expect(await countBookings()).toBe(before);
    const booked = await bookAppointment(contextAt(database.db), {
      ...slot("2026-12-07", "11:00"),
      person: PERSON,
    });
    expect(booked.replayed).toBe(false);
  });

  it("checks a booking with one read and writes it in three statements", async () => {
    const sent: string[] = [];
    const counted = database.db.withPlugin({
      transformQuery: ({ node }) => {
        sent.push(node.kind);
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    await bookAppointment(
      { ...contextAt(database.db), db: counted },
      {
        ...slot("2026-12-08", "09:00"),
        person: PERSON,
        idempotencyKey: "counted-1",
      },
    );
    // The read; then, between BEGIN and COMMIT: the row in line, the chain's end, the rest.
    expect(sent).toHaveLength(4);
    sent.length = 0;
    const replay = await bookAppointment(
      { ...contextAt(database.db), db: counted },
      {
        ...slot("2026-12-08", "09:00"),
        person: PERSON,
        idempotencyKey: "counted-1",
      },
    );
    expect(replay.replayed).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it("keeps the audit chain whole when bookings race, one event per appointment", async () => {
    const times = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"];
    const answers = await Promise.allSettled(
      ["2026-12-09", "2026-12-10"].flatMap((date) =>
        times.flatMap((time) =>
          // Two requests per slot, from two "processes": one books, the other reads « pris ».
          [database.db, asAnotherProcess(database.db)].map((db) =>
            bookAppointment(contextAt(db), {
              ...slot(date, time),
              person: PERSON,
            }),
          ),
        ),
      ),
    );
    const booked = answers.flatMap((a) => (a.status === "fulfilled" ? [a.value.id] : []));
    expect(booked).toHaveLength(12);
    const refusals = answers.flatMap((a) => (a.status === "rejected" ? [a.reason] : []));
    expect(refusals.every((r) => r instanceof BookingRefused && r.reason === "slot-taken")).toBe(
      true,
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    const events = await database.db
      .selectFrom("audit_event")
      .select("subject_id")
      .where("action", "=", "rdv.booked")
      .where("subject_id", "in", booked)
      .execute();
    expect(events.map((e) => e.subject_id).sort()).toEqual([...booked].sort());
  });

  it("refuses a phone number that is not one, and no contact at all", async () => {
    const bad = await refusalOf(
      bookAppointment(contextAt(database.db), {
        ...slot("2026-12-01", "10:00"),
        person: { nom: "Camille Martin", telephone: "12 34", email: "" },
      }),
    );
    expect(bad).toBeInstanceOf(Invalid);
    expect((bad as Invalid).fieldErrors.telephone).toMatch(/n'est pas valide/);
    const none = await refusalOf(
      bookAppointment(contextAt(database.db), {
        ...slot("2026-12-01", "10:00"),
        person: { nom: "Camille Martin" },
      }),
    );
    expect((none as Invalid).fieldErrors.telephone).toMatch(/téléphone ou une adresse/);
  });

  it("lets an agent d'accueil book by phone for someone, a motif closed to the public", async () => {
    const actor = deskActor(agenda.accueil.userId, agenda.organisationId);
    const booked = await bookAppointment(contextAt(database.db, TEST_NOW, actor), {
      ...slot("2026-11-24", "14:00", "phone"),
      person: { nom: "Jean Dupont", telephone: "01 47 00 00 00" },
    });
    expect(booked.where).toMatch(/par téléphone/);
    const other = deskActor(agenda.accueil.userId, "00000000-0000-4000-8000-000000000000");
    const error = await refusalOf(
      bookAppointment(contextAt(database.db, TEST_NOW, other), {
        ...slot("2026-11-24", "15:00", "phone"),
        person: { nom: "Jean Dupont", telephone: "01 47 00 00 00" },
      }),
    );
    expect(error).toBeInstanceOf(Forbidden);
  });

  it("never lets the database hold two overlapping appointments for one agent", async () => {
    const insert = (start: string, end: string) =>
      sql`INSERT INTO rdv (organisation_id, motif_id, agent_id, starts_at, ends_at, person_name, phone, channel,
                           created_at, updated_at)
          VALUES (${agenda.organisationId}, ${agenda.motifId}, ${agenda.agent.userId},
                  ${start}, ${end}, 'Test', '0612345678', 'agent', ${TEST_NOW}, ${TEST_NOW})`.execute(
        database.db,
      );
    await insert("2027-01-04T08:00:00Z", "2027-01-04T08:30:00Z");
    await expect(insert("2027-01-04T08:15:00Z", "2027-01-04T08:45:00Z")).rejects.toMatchObject({
      code: "23P01",
    });
    // Back to back is fine: the ranges are half-open.
    await insert("2027-01-04T08:30:00Z", "2027-01-04T09:00:00Z");
  });
});

describe("the link to cancel or move", () => {
  it("cancels with the link, frees the slot and sends the cancellation", async () => {
    const ctx = contextAt(database.db);
    const booked = await bookAppointment(ctx, {
      ...slot("2026-12-02", "10:00"),
      person: PERSON,
    });
    const cancelled = await cancelByToken(ctx, booked.id, booked.token);
    expect(cancelled.status).toBe("excused");
    const mail = await database.db
      .selectFrom("outbox_message")
      .selectAll()
      .where("subject", "=", "Votre rendez-vous est annulé")
      .execute();
    expect(mail).toHaveLength(1);
    expect(Buffer.from(mail[0]?.attachments[0]?.content ?? "", "base64").toString()).toContain(
      "METHOD:CANCEL",
    );
    // No SMS for a cancellation by the person themself.
    const again = await bookAppointment(ctx, {
      ...slot("2026-12-02", "10:00"),
      person: { ...PERSON, nom: "Quelqu'un d'autre" },
    });
    expect(again.id).not.toBe(booked.id);
  });

  it("refuses a forged token and an expired one", async () => {
    const ctx = contextAt(database.db);
    const booked = await bookAppointment(ctx, {
      ...slot("2026-12-03", "10:00"),
      person: PERSON,
    });
    const forged = `${booked.token.split(".")[0]}.${"A".repeat(43)}`;
    await expect(cancelByToken(ctx, booked.id, forged)).rejects.toThrow(/n'est pas valide/);
    const later = contextAt(database.db, parisToDate("2026-12-03", "12:00"));
    await expect(cancelByToken(later, booked.id, booked.token)).rejects.toThrow(/a expiré/);
    const row = await database.db
      .selectFrom("rdv")
      .select("status")
      .where("id", "=", booked.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("unknown");
  });

  it("moves to another slot, retires the old link and gives a new one", async () => {
    const ctx = contextAt(database.db);
    const booked = await bookAppointment(ctx, {
      ...slot("2026-12-04", "10:00"),
      person: PERSON,
    });
    const moved = await moveByToken(ctx, booked.id, booked.token, slot("2026-12-04", "11:00"));
    await expect(requireBookingByToken(ctx, booked.id, booked.token)).rejects.toThrow(
      /n'est pas valide/,
    );
    const view = await requireBookingByToken(ctx, booked.id, moved.token);
    expect(view.startsAt.toISOString()).toBe(parisToDate("2026-12-04", "11:00").toISOString());
  });
});
