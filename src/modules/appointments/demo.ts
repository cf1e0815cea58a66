// Demo agendas: each SST's permanences (premier accueil, accès aux droits,
// rendez-vous téléphonique, orientation RSA for agents, an information
// collective RSA) and each CCAS's weekly reception, with appointments
// already taken in the next three weeks and marked in the past week, so
// that the pages look like a service in use. Names, addresses and people
// are invented for the demo. Deterministic: the same data on every run.

import type { Insertable } from "kysely";
import type { Tx } from "../../db/database.ts";
import type { Role } from "../../platform/access/roles.ts";
import {
  addDays,
  type IsoWeekday,
  isoWeekday,
  type LocalDate,
  parisDate,
  parisToDate,
} from "../../platform/time/paris.ts";
import { ofName } from "../../platform/ui/french.ts";
import { findStructuresOfOrganisation } from "../directory/service.ts";
import type { PlageOuverture } from "./agenda.ts";
import { createLieu, createMotif, createPlage, createSession } from "./agenda-admin.ts";
import { publicHolidaysBetween } from "./holidays.ts";
import { computeSlots, type Slot } from "./slots.ts";
import type { AppointmentTables, RdvStatus } from "./tables.ts";

const FIRST_NAMES = [
  "Amina",
  "Lucas",
  "Fatou",
  "Mehdi",
  "Chloé",
  "Yacine",
  "Léa",
  "Moussa",
  "Inès",
  "Thomas",
  "Nadia",
  "Hugo",
  "Aïcha",
  "Kevin",
  "Sarah",
  "Olivier",
];
const LAST_NAMES = [
  "Traoré",
  "Petit",
  "Nguyen",
  "Bernard",
  "Haddad",
  "Robert",
  "Diarra",
  "Lefebvre",
  "Mendy",
  "Garcia",
  "Benali",
  "Roux",
  "Kone",
  "Fontaine",
];

// What to bring, as a responsable would write it (editable in the motif form).
const DOCUMENTS_SST =
  "Une pièce d'identité ou un titre de séjour\nVotre attestation de la CAF, si vous en avez une\nVos derniers justificatifs de ressources";
const DOCUMENTS_RIGHTS =
  "Une pièce d'identité ou un titre de séjour\nVotre numéro d'allocataire CAF, si vous en avez un\nVotre dernier avis d'imposition\nVos bulletins de salaire des trois derniers mois";
const DOCUMENTS_CCAS =
  "Une pièce d'identité ou un titre de séjour\nUn justificatif de domicile, ou l'attestation de domiciliation\nVos derniers justificatifs de ressources";

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A demo agent who cannot sign in (no password): only their agenda matters. */
async function demoAgent(
  tx: Tx,
  organisationId: string,
  name: string,
  email: string,
  role: Role,
  now: Date,
) {
  const existing = await tx
    .selectFrom("app_user")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  if (existing) return existing.id;
  const user = await tx
    .insertInto("app_user")
    .values({ email, display_name: name, password_hash: null, is_demo: true, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("membership")
    .values({ user_id: user.id, organisation_id: organisationId, role, created_at: now })
    .execute();
  return user.id;
}

interface DemoPlage {
  agentId: string;
  lieuId: string | null;
  motifs: { id: string; duration: number }[];
  weekdays: IsoWeekday[];
  start: string;
  end: string;
}

type DemoOrganisation = {
  id: string;
  name: string;
  kind: string;
  communeCode: string | null;
  communeName: string | null;
};

/** What every step of the seed shares: the transaction, the instant, the demo accounts. */
interface DemoSeed {
  tx: Tx;
  now: Date;
  today: LocalDate;
  /** The id of a demo account that signs in (ts@, responsable@), if seeded. */
  accountId: (email: string) => string | undefined;
}

/** One organisation's place: its commune, a slug for its agents' e-mails, its directory entry. */
interface DemoPlace {
  index: number;
  commune: string;
  slug: string;
  /** The place's details copied from the directory (address, reference, coordinates). */
  linked: Partial<
    Pick<Parameters<typeof createLieu>[1], "address" | "directoryRef" | "latitude" | "longitude">
  >;
}

export async function seedAppointmentsDemo(tx: Tx, now: Date): Promise<{ bookings: number }> {
  const organisations = await demoOrganisations(tx);
  const seed: DemoSeed = { tx, now, today: parisDate(now), accountId: await demoAccounts(tx) };
  const plages: DemoPlage[] = [];
  for (const [index, org] of organisations.entries()) {
    const place = await demoPlace(tx, org, index);
    plages.push(
      ...(org.kind === "sst" ? await seedSst(seed, org, place) : await seedCcas(seed, org, place)),
    );
  }
  const bookingRows = await openPlagesAndBook(seed, plages);
  for (let start = 0; start < bookingRows.length; start += 500) {
    await tx
      .insertInto("rdv")
      .values(bookingRows.slice(start, start + 500))
      .execute();
  }
  return { bookings: bookingRows.length };
}

/** The demo's SSTs and CCASs, by name (the order fixes every name and number below). */
function demoOrganisations(tx: Tx): Promise<DemoOrganisation[]> {
  return tx
    .selectFrom("organisation as o")
    .leftJoin("commune as c", "c.insee_code", "o.commune_code")
    .select(["o.id", "o.name", "o.kind", "o.commune_code as communeCode", "c.name as communeName"])
    .where("o.is_demo", "=", true)
    .where("o.kind", "in", ["sst", "ccas"])
    .orderBy("o.name")
    .execute();
}

async function demoAccounts(tx: Tx): Promise<(email: string) => string | undefined> {
  const accounts = await tx
    .selectFrom("app_user")
    .select(["id", "email"])
    .where("email", "in", ["ts@demo.relais.test", "responsable@demo.relais.test"])
    .execute();
  return (email) => accounts.find((a) => a.email === email)?.id;
}

async function demoPlace(tx: Tx, org: DemoOrganisation, index: number): Promise<DemoPlace> {
  // The organisation's place in the demo directory, when it has one: the
  // place keeps its address, coordinates and a link to its directory page.
  const [listed] = await findStructuresOfOrganisation(tx, org.id);
  return {
    index,
    commune: org.communeName ?? "Hauts-de-Seine",
    slug: (org.communeCode ?? String(index)).toLowerCase(),
    linked: listed
      ? {
          ...(listed.address ? { address: listed.address } : {}),
          directoryRef: listed.ref,
          latitude: listed.latitude,
          longitude: listed.longitude,
        }
      : {},
  };
}

/** An SST: its place, five motifs, three agents, their openings and two collective sessions. */
async function seedSst(
  seed: DemoSeed,
  org: DemoOrganisation,
  place: DemoPlace,
): Promise<DemoPlage[]> {
  const { tx, now } = seed;
  const { index } = place;
  const lieuId = await createLieu(
    tx,
    {
      organisationId: org.id,
      // One name for the place everywhere: the one the directory shows and residents know.
      name: org.name,
      address: `${10 + index * 7} avenue de la République, ${place.commune}`,
      communeCode: org.communeCode,
      // 01 99 00 xx xx: numbers the ARCEP keeps for fiction, never a real line.
      phone: `01 99 00 ${String(index).padStart(2, "0")} 92`,
      ...place.linked,
    },
    now,
  );
  const motifs = await createSstMotifs(tx, org.id, now);
  const [a, b, c] = await sstAgents(seed, org, place);
  for (const week of [1, 3]) {
    const date = addDays(seed.today, 7 * week - (isoWeekday(seed.today) - 1)); // a Monday
    await createSession(
      tx,
      {
        organisationId: org.id,
        motifId: motifs.collective,
        lieuId,
        agentId: b,
        startsAt: parisToDate(date, "14:00"),
        endsAt: parisToDate(date, "16:00"),
        capacity: 12,
      },
      now,
    );
  }
  return sstPlages([a, b, c], lieuId, motifs);
}

async function createSstMotifs(tx: Tx, organisationId: string, now: Date) {
  const accueil = await createMotif(
    tx,
    {
      organisationId,
      name: "Premier accueil social",
      locationKind: "sur_place",
      documentsToBring: DOCUMENTS_SST,
      durationMinutes: 45,
      minNoticeMinutes: 120,
      maxHorizonDays: 45,
    },
    now,
  );
  const droits = await createMotif(
    tx,
    {
      organisationId,
      name: "Accès aux droits (RSA, prime d'activité, CSS)",
      locationKind: "sur_place",
      documentsToBring: DOCUMENTS_RIGHTS,
      durationMinutes: 30,
      minNoticeMinutes: 60,
      maxHorizonDays: 45,
    },
    now,
  );
  const telephone = await createMotif(
    tx,
    {
      organisationId,
      name: "Entretien téléphonique avec un travailleur social",
      locationKind: "telephone",
      durationMinutes: 20,
      minNoticeMinutes: 60,
      maxHorizonDays: 30,
    },
    now,
  );
  const rsa = await createMotif(
    tx,
    {
      organisationId,
      name: "Orientation RSA",
      service: "insertion",
      locationKind: "sur_place",
      durationMinutes: 60,
      bookableBy: "agents",
      maxHorizonDays: 90,
    },
    now,
  );
  const collective = await createMotif(
    tx,
    {
      organisationId,
      name: "Information collective RSA",
      service: "insertion",
      locationKind: "sur_place",
      durationMinutes: 120,
      bookableBy: "agents",
      isCollective: true,
      defaultCapacity: 12,
    },
    now,
  );
  return { accueil, droits, telephone, rsa, collective };
}

/** Three travailleurs sociaux; at Nanterre the first is the demo account ts@ (it signs in). */
async function sstAgents(
  seed: DemoSeed,
  org: DemoOrganisation,
  { index, slug }: DemoPlace,
): Promise<[string, string, string]> {
  const agent = (offset: [number, number], prefix: string) =>
    demoAgent(
      seed.tx,
      org.id,
      `${FIRST_NAMES[(index + offset[0]) % 16]} ${LAST_NAMES[(index + offset[1]) % 14]}`,
      `${prefix}-${slug}@demo.relais.test`,
      "travailleur_social",
      seed.now,
    );
  const nanterre = org.name === "SST de Nanterre";
  const first = (nanterre && seed.accountId("ts@demo.relais.test")) || (await agent([0, 0], "ts1"));
  return [first, await agent([5, 3], "ts2"), await agent([9, 7], "cesf")];
}

/** The SST's week: reception on site, phone appointments, RSA orientations. */
function sstPlages(
  [a, b, c]: [string, string, string],
  lieuId: string,
  motifs: { accueil: string; droits: string; telephone: string; rsa: string },
): DemoPlage[] {
  const sur = [
    { id: motifs.accueil, duration: 45 },
    { id: motifs.droits, duration: 30 },
  ];
  const telephone = [{ id: motifs.telephone, duration: 20 }];
  return [
    { agentId: a, lieuId, motifs: sur, weekdays: [1, 2, 4], start: "09:00", end: "12:00" },
    { agentId: a, lieuId: null, motifs: telephone, weekdays: [3], start: "14:00", end: "16:40" },
    { agentId: b, lieuId, motifs: sur, weekdays: [2, 5], start: "13:30", end: "17:00" },
    {
      agentId: b,
      lieuId,
      motifs: [{ id: motifs.rsa, duration: 60 }],
      weekdays: [3],
      start: "09:00",
      end: "12:00",
    },
    {
      agentId: c,
      lieuId,
      motifs: [{ id: motifs.droits, duration: 30 }],
      weekdays: [1, 3, 4],
      start: "13:30",
      end: "16:30",
    },
    { agentId: c, lieuId: null, motifs: telephone, weekdays: [5], start: "09:00", end: "11:00" },
  ];
}

/** A CCAS: its place at the town hall, one motif, one agent receiving two mornings a week. */
async function seedCcas(
  seed: DemoSeed,
  org: DemoOrganisation,
  { index, commune, slug, linked }: DemoPlace,
): Promise<DemoPlage[]> {
  const { tx, now } = seed;
  const lieuId = await createLieu(
    tx,
    {
      organisationId: org.id,
      name: `CCAS ${ofName(commune)}`,
      address: `Hôtel de ville, ${commune}`,
      communeCode: org.communeCode,
      phone: `01 99 00 ${String(10 + index).padStart(2, "0")} 93`,
      ...linked,
    },
    now,
  );
  const motif = await createMotif(
    tx,
    {
      organisationId: org.id,
      name: "Rendez-vous au CCAS (aides facultatives, domiciliation)",
      locationKind: "sur_place",
      documentsToBring: DOCUMENTS_CCAS,
      durationMinutes: 30,
      minNoticeMinutes: 120,
      maxHorizonDays: 30,
    },
    now,
  );
  const agent = await demoAgent(
    tx,
    org.id,
    `${FIRST_NAMES[(index + 2) % 16]} ${LAST_NAMES[(index + 1) % 14]}`,
    `ccas-${slug}@demo.relais.test`,
    "travailleur_social",
    now,
  );
  return [
    {
      agentId: agent,
      lieuId,
      motifs: [{ id: motif, duration: 30 }],
      weekdays: index % 2 ? [1, 4] : [2, 5],
      start: "09:00",
      end: "12:00",
    },
  ];
}

type DemoBookingRow = Insertable<AppointmentTables["rdv"]>;

/**
 * Opens each plage from two weeks ago, and books about half of its slots of
 * the past week and the next three (one random sequence for all: the same
 * bookings on every run).
 */
async function openPlagesAndBook(seed: DemoSeed, plages: DemoPlage[]): Promise<DemoBookingRow[]> {
  const { tx, now, today } = seed;
  const firstDay = addDays(today, -14);
  const rand = random(92);
  const holidays = publicHolidaysBetween(addDays(firstDay, -1), addDays(today, 60));
  const bookingRows: DemoBookingRow[] = [];
  for (const plage of plages) {
    const { organisation_id: organisationId } = await tx
      .selectFrom("membership")
      .select("organisation_id")
      .where("user_id", "=", plage.agentId)
      .executeTakeFirstOrThrow();
    const id = await createPlage(
      tx,
      {
        organisationId,
        agentId: plage.agentId,
        lieuId: plage.lieuId,
        motifIds: plage.motifs.map((m) => m.id),
        firstDay,
        startTime: plage.start,
        endTime: plage.end,
        recurrence: { everyWeeks: 1, weekdays: plage.weekdays },
      },
      now,
    );
    const slots = demoSlots({ ...plage, id, firstDay }, today, holidays);
    bookingRows.push(...bookSlots(slots, plage, organisationId, rand, now));
  }
  return bookingRows;
}

/** The plage's slots of the past week and the next three, for its longest motif. */
function demoSlots(
  plage: DemoPlage & { id: string; firstDay: LocalDate },
  today: LocalDate,
  holidays: ReturnType<typeof publicHolidaysBetween>,
) {
  const opening: PlageOuverture = {
    id: plage.id,
    agentId: plage.agentId,
    lieuId: plage.lieuId,
    motifIds: ["x"],
    firstDay: plage.firstDay,
    startTime: plage.start,
    endTime: plage.end,
    recurrence: { everyWeeks: 1, weekdays: plage.weekdays },
  };
  return computeSlots({
    openings: [opening],
    absences: [],
    bookings: [],
    holidays,
    motif: {
      id: "x",
      durationMinutes: Math.max(...plage.motifs.map((m) => m.duration)),
      minNoticeMinutes: 0,
      maxHorizonDays: 60,
      bookableBy: "agents",
    },
    window: {
      from: parisToDate(addDays(today, -7), "00:00"),
      to: parisToDate(addDays(today, 21), "00:00"),
    },
    now: parisToDate(addDays(today, -7), "00:00"),
  });
}

/** About half of the slots booked: seen, missed or cancelled in the past, mostly to come after. */
function bookSlots(
  slots: readonly Slot[],
  plage: DemoPlage,
  organisationId: string,
  rand: () => number,
  now: Date,
): DemoBookingRow[] {
  const rows: DemoBookingRow[] = [];
  for (const slot of slots) {
    if (rand() > 0.5) continue;
    const motif = plage.motifs[Math.floor(rand() * plage.motifs.length)] ?? plage.motifs[0];
    if (!motif) continue;
    const past = slot.start.getTime() < now.getTime();
    const status = demoStatus(past, rand());
    const first = FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(rand() * LAST_NAMES.length)];
    rows.push({
      organisation_id: organisationId,
      motif_id: motif.id,
      lieu_id: plage.lieuId,
      agent_id: plage.agentId,
      starts_at: slot.start,
      ends_at: new Date(slot.start.getTime() + motif.duration * 60_000),
      status,
      person_name: `${first} ${last}`,
      phone: `+336${String(10_000_000 + Math.floor(rand() * 89_999_999))}`,
      email: null,
      notify: false,
      channel: rand() < 0.6 ? ("public" as const) : ("agent" as const),
      booked_by_user_id: null,
      idempotency_key: null,
      cancel_token_hash: null,
      // Booked a few days ahead, as most appointments are.
      created_at: new Date(Math.min(now.getTime(), slot.start.getTime() - 3 * 86_400_000)),
      updated_at: past ? slot.start : now,
    });
  }
  return rows;
}

function demoStatus(past: boolean, roll: number): RdvStatus {
  if (!past) return roll < 0.05 ? "excused" : "unknown";
  return roll < 0.75 ? "seen" : roll < 0.9 ? "noshow" : "excused";
}
