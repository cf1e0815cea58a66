// The JSON API as a partner's program uses it: what a booking answer holds,
// reading a booking after a timeout, the token in a header, and one stable
// machine-readable code per refusal.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToDate } from "../../platform/time/paris.ts";
import { createTestApp } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { API_CODES } from "./refusals.ts";
import { setUpAgenda, TEST_NOW } from "./test-fixtures.ts";

let database: TestDatabase;
let agenda: Awaited<ReturnType<typeof setUpAgenda>>;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  agenda = await setUpAgenda(database.db);
  app = createTestApp(database.db, { kind: database.kind, now: () => TEST_NOW });
});
afterAll(async () => {
  await database.close();
});

function book(
  date: string,
  time: string,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return app.request("/api/v1/bookings", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      motif_id: agenda.motifId,
      agent_id: agenda.agent.userId,
      lieu_id: agenda.lieuId,
      debut: parisToDate(date, time).toISOString(),
      nom: "Camille Martin",
      telephone: "06 12 34 56 78",
      consentement: true,
      ...overrides,
    }),
  });
}

const tokenHeader = (token: string) => ({ "x-booking-token": token });

describe("booking answers", () => {
  it("give the motif, place, agent and status of the booking", async () => {
    const created = await book("2026-11-30", "10:00");
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({
      motif_id: agenda.motifId,
      lieu_id: agenda.lieuId,
      agent_id: agenda.agent.userId,
      statut: "prevu",
      debut: parisToDate("2026-11-30", "10:00").toISOString(),
    });
    expect(typeof body.jeton).toBe("string");
  });

  it("let a client read its booking after a timeout with the token in a header", async () => {
    const created = await (
      await book("2026-11-30", "10:30", {}, { "idempotency-key": "timeout-1" })
    ).json();
    const read = await app.request(`/api/v1/bookings/${created.id}`, {
      headers: tokenHeader(created.jeton),
    });
    expect(read.status).toBe(200);
    const body = await read.json();
    expect(body).toEqual({
      id: created.id,
      statut: "prevu",
      debut: created.debut,
      fin: created.fin,
      motif_id: agenda.motifId,
      lieu_id: agenda.lieuId,
      agent_id: agenda.agent.userId,
      motif: created.motif,
      organisation: created.organisation,
      lieu: created.lieu,
    });
    expect(body).not.toHaveProperty("jeton");
  });

  it("answers 403 without the booking's token, 404 for an unknown or malformed id", async () => {
    const created = await (await book("2026-11-30", "11:00")).json();
    const without = await app.request(`/api/v1/bookings/${created.id}`);
    expect(without.status).toBe(403);
    const forged = await app.request(`/api/v1/bookings/${created.id}`, {
      headers: tokenHeader("1999999999.forged"),
    });
    expect(forged.status).toBe(403);
    for (const id of [crypto.randomUUID(), "pas-un-id"]) {
      for (const method of ["GET", "DELETE"]) {
        const unknown = await app.request(`/api/v1/bookings/${id}`, {
          method,
          headers: tokenHeader(created.jeton),
        });
        expect(unknown.status).toBe(404);
        expect((await unknown.json()).error.code).toBe("not_found");
      }
    }
  });

  it("cancels with the token in a header, and says already_cancelled the second time", async () => {
    const created = await (await book("2026-11-30", "11:30")).json();
    const cancel = () =>
      app.request(`/api/v1/bookings/${created.id}`, {
        method: "DELETE",
        headers: tokenHeader(created.jeton),
      });
    const first = await cancel();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id: created.id, statut: "annule" });
    const second = await cancel();
    expect(second.status).toBe(400);
    expect((await second.json()).error).toMatchObject({
      code: "already_cancelled",
      message: "Ce rendez-vous est déjà annulé.",
    });
    // The query string still works, for the links in messages.
    const read = await app.request(
      `/api/v1/bookings/${created.id}?token=${encodeURIComponent(created.jeton)}`,
    );
    expect((await read.json()).statut).toBe("annule");
  });
});

describe("refusal codes", () => {
  it.each([
    ["a slot too soon", ["2026-11-23", "09:30"], {}, 400, "too_soon"],
    ["a slot on a public holiday", ["2026-12-25", "10:00"], {}, 400, "holiday"],
    ["a time not offered (off the grid)", ["2026-11-24", "09:10"], {}, 400, "not_offered"],
    ["a time outside the openings", ["2026-11-24", "14:00"], {}, 400, "outside_openings"],
    ["a slot in the past", ["2026-11-20", "10:00"], {}, 400, "in_past"],
    [
      "a phone number that is not one",
      ["2026-11-24", "10:00"],
      { telephone: "123" },
      400,
      "invalid_phone",
    ],
    [
      "no way to reach the person",
      ["2026-11-24", "10:00"],
      { telephone: "" },
      400,
      "contact_required",
    ],
    ["no consent", ["2026-11-24", "10:00"], { consentement: false }, 400, "consent_required"],
  ] as const)("answers %s with its code", async (_case, [date, time], overrides, status, code) => {
    const response = await book(date, time, overrides);
    expect(response.status).toBe(status);
    const { error } = await response.json();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[a-zé]/);
  });

  it("answers slot_taken (409) and key_reused with their codes", async () => {
    expect(
      (await book("2026-12-01", "10:00", {}, { "idempotency-key": "code-key-1" })).status,
    ).toBe(201);
    const taken = await book("2026-12-01", "10:00", { nom: "Autre Personne" });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.code).toBe("slot_taken");
    const reused = await book(
      "2026-12-01",
      "10:30",
      { nom: "Autre Personne" },
      { "idempotency-key": "code-key-1" },
    );
    expect(reused.status).toBe(400);
    expect((await reused.json()).error.code).toBe("key_reused");
  });

  it("documents every code, the read path and the token header in the OpenAPI document", async () => {
    const document = await (await app.request("/api/v1/openapi.json")).json();
    const codes = document.components.schemas.CodeRefus.enum as string[];
    for (const code of Object.values(API_CODES)) expect(codes).toContain(code);
    for (const code of ["key_reused", "already_cancelled", "consent_required", "phone_required"]) {
      expect(codes).toContain(code);
    }
    const read = document.paths["/api/v1/bookings/{id}"].get;
    expect(Object.keys(read.responses)).toEqual(expect.arrayContaining(["200", "403", "404"]));
    expect(read.parameters.map((p: { name: string }) => p.name)).toContain("X-Booking-Token");
    const remove = document.paths["/api/v1/bookings/{id}"].delete;
    expect(remove.parameters.map((p: { name: string }) => p.name)).toContain("X-Booking-Token");
    expect(document.components.schemas.Reservation.required).toEqual(
      expect.arrayContaining(["motif_id", "lieu_id", "agent_id", "statut"]),
    );
  });
});
