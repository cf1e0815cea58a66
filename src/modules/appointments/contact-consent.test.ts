// How the person is reached and what they are told: a phone appointment
// needs a number, every booking a way to reach the person; the consent box
// is never ticked in advance; the confirmation promises only the messages
// that will really go out (no SMS without an SMS operator, nothing to a
// landline).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../../platform/access/actor.ts";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { userActor } from "../../test/fixtures.ts";
import { BookingInvalid } from "./refusals.ts";
import { bookAppointment } from "./service.ts";
import { contextAt, PERSON, setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let withoutSms: ReturnType<typeof createTestApp>;
let withSms: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  const options = { kind: database.kind, now: () => TEST_NOW };
  withoutSms = createTestApp(database.db, options);
  withSms = createTestApp(database.db, {
    ...options,
    config: { SMS_HTTP_URL: "http://127.0.0.1:9/sms" },
  });
});
afterAll(async () => {
  await database.close();
});

const desk = (): UserActor =>
  userActor("agent_accueil", {
    userId: agenda.accueil.userId,
    organisationId: agenda.organisationId,
    organisationName: "SST",
    email: agenda.accueil.email,
    displayName: "Accueil",
  });

async function refusalOf(promise: Promise<unknown>): Promise<BookingInvalid> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BookingInvalid);
  return error as BookingInvalid;
}

async function bookingsAt(date: string, time: string) {
  return database.db
    .selectFrom("rdv")
    .select(["id", "notify", "phone", "email"])
    .where("starts_at", "=", parisToDate(date, time))
    .execute();
}

describe("a way to reach the person", () => {
  it("refuses a phone appointment without a phone number, and books nothing", async () => {
    const error = await refusalOf(
      bookAppointment(contextAt(database.db, TEST_NOW, desk()), {
        motifId: agenda.phoneMotifId,
        agentId: agenda.agent.userId,
        lieuId: null,
        start: parisToDate("2026-11-25", "14:00"),
        person: { nom: "Camille Martin", email: "camille@exemple.fr" },
      }),
    );
    expect(error.code).toBe("phone_required");
    expect(error.fieldErrors.telephone).toMatch(/par téléphone/);
    expect(await bookingsAt("2026-11-25", "14:00")).toHaveLength(0);
  });

  it("refuses a booking with neither phone nor e-mail", async () => {
    const error = await refusalOf(
      bookAppointment(contextAt(database.db), {
        motifId: agenda.motifId,
        agentId: agenda.agent.userId,
        lieuId: agenda.lieuId,
        start: parisToDate("2026-11-25", "10:00"),
        person: { nom: "Camille Martin", consentement: true },
      }),
    );
    expect(error.code).toBe("contact_required");
  });
});

describe("the legal basis of the messages", () => {
  it("requires the person's own consent online: no consent, no booking", async () => {
    const error = await refusalOf(
      bookAppointment(contextAt(database.db), {
        motifId: agenda.motifId,
        agentId: agenda.agent.userId,
        lieuId: agenda.lieuId,
        start: parisToDate("2026-11-25", "10:30"),
        person: { ...PERSON, consentement: false },
      }),
    );
    expect(error.code).toBe("consent_required");
    expect(await bookingsAt("2026-11-25", "10:30")).toHaveLength(0);
  });

  it("shows the public consent box unticked and required", async () => {
    const client = new TestClient(withoutSms);
    await client.get(
      `/rendez-vous/coordonnees?motif=${agenda.motifId}&lieu=${agenda.lieuId}&agent=${agenda.agent.userId}&debut=${parisToDate("2026-11-25", "11:00").toISOString()}`,
    );
    const box = /<input[^>]*name="consentement"[^>]*>/.exec(client.lastHtml)?.[0] ?? "";
    expect(box).not.toBe("");
    expect(box).not.toContain("checked");
    expect(box).toContain("required");
  });

  it("re-renders the public form with a French error when the box is left unticked", async () => {
    const client = new TestClient(withoutSms);
    const page = `/rendez-vous/coordonnees?motif=${agenda.motifId}`;
    const response = await client.post(
      "/rendez-vous/reserver",
      {
        motif: agenda.motifId,
        lieu: agenda.lieuId,
        agent: agenda.agent.userId,
        debut: parisToDate("2026-11-25", "11:00").toISOString(),
        nom: "Camille Martin",
        telephone: "06 12 34 56 78",
      },
      { tokenFrom: page },
    );
    expect(response.status).toBe(400);
    expect(client.lastHtml).toContain("Cochez la case pour accepter");
    expect(await bookingsAt("2026-11-25", "11:00")).toHaveLength(0);
  });

  it("tells the agent the legal basis instead of asking for a consent, and lets the person object", async () => {
    const client = new TestClient(withoutSms);
    await client.login(agenda.accueil.email, agenda.accueil.password);
    await client.get(
      `/pro/rendez-vous/prendre/coordonnees?motif=${agenda.motifId}&lieu=${agenda.lieuId}&agent=${agenda.agent.userId}&debut=${parisToDate("2026-11-26", "10:00").toISOString()}`,
    );
    expect(client.lastHtml).not.toContain('name="consentement"');
    expect(client.lastHtml).toContain("article 6-1-e du RGPD");
    const objection = /<input[^>]*name="opposition"[^>]*>/.exec(client.lastHtml)?.[0] ?? "";
    expect(objection).not.toContain("checked");

    const booked = (opposition?: string) =>
      bookAppointment(contextAt(database.db, TEST_NOW, desk()), {
        motifId: agenda.motifId,
        agentId: agenda.agent.userId,
        lieuId: agenda.lieuId,
        start: parisToDate("2026-11-26", opposition ? "10:30" : "10:00"),
        person: {
          nom: "Awa Traoré",
          telephone: "06 98 76 54 32",
          ...(opposition && { opposition }),
        },
      });
    await booked();
    await booked("oui");
    expect((await bookingsAt("2026-11-26", "10:00"))[0]?.notify).toBe(true);
    expect((await bookingsAt("2026-11-26", "10:30"))[0]?.notify).toBe(false);
  });
});

describe("what the pages promise", () => {
  async function confirmation(
    app: ReturnType<typeof createTestApp>,
    time: string,
    person: Record<string, string | boolean>,
  ) {
    const booked = await bookAppointment(contextAt(database.db), {
      motifId: agenda.motifId,
      agentId: agenda.agent.userId,
      lieuId: agenda.lieuId,
      start: parisToDate("2026-11-27", time),
      person: { nom: "Camille Martin", consentement: true, ...person },
    });
    const client = new TestClient(app);
    await client.get(
      `/rendez-vous/gerer/${booked.id}?jeton=${encodeURIComponent(booked.token)}&confirme=1`,
    );
    return client.lastHtml;
  }

  it("says no message will be sent when only a landline was given", async () => {
    const html = await confirmation(withSms, "10:00", { telephone: "01 40 97 12 34" });
    expect(html).toContain("Vous ne recevrez aucun message");
    expect(html).not.toContain("il est aussi dans la confirmation");
  });

  it("promises no SMS without an SMS operator, even to a mobile", async () => {
    const mobileOnly = await confirmation(withoutSms, "10:30", { telephone: "06 12 34 56 78" });
    expect(mobileOnly).toContain("Vous ne recevrez aucun message");
    const both = await confirmation(withoutSms, "11:00", {
      telephone: "06 12 34 56 78",
      email: "camille@exemple.fr",
    });
    expect(both).toContain("Vous allez recevoir la confirmation par courriel, puis");
    expect(both).not.toContain("SMS");
  });

  it("promises the SMS when an operator is configured and a mobile was given", async () => {
    const html = await confirmation(withSms, "11:30", {
      telephone: "06 12 34 56 78",
      email: "camille@exemple.fr",
    });
    expect(html).toContain("Vous allez recevoir la confirmation par courriel et par SMS");
  });

  it("mentions SMS on the booking form only when an operator is configured", async () => {
    const form = `/rendez-vous/coordonnees?motif=${agenda.motifId}&lieu=${agenda.lieuId}&agent=${agenda.agent.userId}&debut=${parisToDate("2026-11-30", "10:00").toISOString()}`;
    const client = new TestClient(withoutSms);
    await client.get(form);
    expect(client.lastHtml).not.toContain("SMS");
    const smsClient = new TestClient(withSms);
    await smsClient.get(form);
    expect(smsClient.lastHtml).toContain("par SMS");
  });
});
