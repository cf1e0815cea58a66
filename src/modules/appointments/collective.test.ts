import { describe, expect, it } from "vitest";
import {
  type CollectiveSession,
  findSessionRefusal,
  isSessionBookable,
  remainingSeats,
  seatsTaken,
} from "./collective.ts";

const now = new Date("2026-05-11T08:00:00Z");

function session(overrides: Partial<CollectiveSession> = {}): CollectiveSession {
  return {
    start: new Date("2026-05-20T12:00:00Z"),
    maxSeats: 3,
    revoked: false,
    participations: [],
    ...overrides,
  };
}

describe("collective sessions", () => {
  it("frees the seats of people who cancelled or were cancelled", () => {
    const s = session({
      participations: [
        { status: "unknown" },
        { status: "excused" },
        { status: "revoked" },
        { status: "seen" },
      ],
    });
    expect(seatsTaken(s)).toBe(2);
    expect(remainingSeats(s)).toBe(1);
    expect(isSessionBookable(s, now)).toBe(true);
  });

  it("is full when every seat is held, and never counts below zero", () => {
    const full = session({
      maxSeats: 1,
      participations: [{ status: "unknown" }, { status: "noshow" }],
    });
    expect(remainingSeats(full)).toBe(0);
    expect(findSessionRefusal(full, now)?.message).toBe(
      "Cette séance collective est complète. Choisissez une autre date.",
    );
  });

  it("has no limit without a maximum", () => {
    const open = session({ maxSeats: null, participations: [{ status: "unknown" }] });
    expect(remainingSeats(open)).toBeNull();
    expect(isSessionBookable(open, now)).toBe(true);
  });

  it("refuses a revoked or already started session", () => {
    expect(findSessionRefusal(session({ revoked: true }), now)?.reason).toBe("session-revoked");
    expect(findSessionRefusal(session({ start: now }), now)?.reason).toBe("session-past");
  });
});
