import type { Tx } from "../../db/database.ts";
import type { AuditAction } from "../../platform/audit/actions.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { parisDate } from "../../platform/time/paris.ts";
import { findService, searchDirectory } from "../directory/service.ts";
import { addMonths, searchName } from "./person-name.ts";
import type { ActionStatus, ConsentScope, OrientationStatus } from "./tables.ts";
import type { Theme } from "./themes.ts";

/**
 * Demo records for the SST de Nanterre: three invented persons whose
 * parcours show what the module does (consent, référent, plan, notes with a
 * sensitive health note, orientations to the Secours Catholique, a young
 * person in care turning 18). Demo data only: never called in production.
 */

export const RECORDS_DEMO = {
  sst: "SST de Nanterre",
  association: "Secours Catholique — délégation des Hauts-de-Seine",
  referentEmail: "ts@demo.relais.test",
  associationEmail: "secours-catholique@demo.relais.test",
} as const;

type DemoObjective = {
  theme: Theme;
  title: string;
  actions: { title: string; assignee: string; dueInDays: number; status?: ActionStatus }[];
};

type DemoPerson = {
  lastName: string;
  firstName: string;
  /** Either a fixed date, or "18 years minus N months from today" for the young person in care. */
  birthDate: string | { turns18InMonths: number };
  inCareAse?: boolean;
  sstScope: ConsentScope;
  /** Consent for the association (and an orientation to it, with its status). */
  association?: { orientation: OrientationStatus; service: string; message: string };
  lastContactDaysAgo: number;
  situation: Record<string, string>;
  objectives: DemoObjective[];
  notes: { daysAgo: number; body: string; sensitive?: boolean; byAssociation?: boolean }[];
};

const PERSONS: DemoPerson[] = [
  {
    lastName: "Camara",
    firstName: "Fatou",
    birthDate: "1986-04-12",
    sstScope: "suivi_sante",
    association: {
      orientation: "acceptee",
      service: "Aide alimentaire",
      message: "Aide alimentaire le temps que le dossier FSL aboutisse.",
    },
    lastContactDaysAgo: 6,
    situation: {
      foyer: "Mère isolée, deux enfants de 6 et 9 ans.",
      logement: "Logement social à Nanterre, trois mois de loyer impayés.",
      ressources: "RSA et allocations familiales.",
      emploi: "Ancienne aide-soignante, souhaite reprendre une formation.",
    },
    objectives: [
      {
        theme: "logement",
        title: "Résorber la dette de loyer et se maintenir dans le logement",
        actions: [
          { title: "Monter le dossier FSL", assignee: "Julien Moreau (SST)", dueInDays: 10 },
          {
            title: "Prendre contact avec le bailleur pour un plan d'apurement",
            assignee: "Mme Camara",
            dueInDays: 20,
            status: "en_cours",
          },
        ],
      },
      {
        theme: "emploi",
        title: "Reprendre une formation d'aide-soignante",
        actions: [
          {
            title: "Rendez-vous avec la conseillère France Travail",
            assignee: "Mme Camara",
            dueInDays: 30,
          },
        ],
      },
    ],
    notes: [
      {
        daysAgo: 20,
        body: "Premier entretien à l'accueil du SST. Impayés de loyer depuis septembre ; Mme Camara accepte le suivi et le partage avec le Secours Catholique pour l'aide alimentaire.",
      },
      {
        daysAgo: 20,
        body: "Mme Camara évoque un suivi pour une dépression depuis l'été ; traitement en cours, suivi par le CMP de Nanterre.",
        sensitive: true,
      },
      {
        daysAgo: 6,
        body: "Première venue à l'aide alimentaire du Secours Catholique. Colis remis ; prochain passage dans quinze jours.",
        byAssociation: true,
      },
    ],
  },
  {
    lastName: "Petit",
    firstName: "Marc",
    birthDate: "1971-09-30",
    sstScope: "suivi",
    association: {
      orientation: "proposee",
      service: "Accueil de jour et écoute",
      message:
        "Monsieur est isolé depuis son licenciement ; un lieu d'accueil en journée l'aiderait.",
    },
    lastContactDaysAgo: 40,
    situation: {
      foyer: "Vit seul.",
      logement: "Locataire du parc privé, loyer payé.",
      ressources: "Allocation de retour à l'emploi jusqu'en mars.",
      emploi: "Licencié économique en juin, chauffeur-livreur.",
    },
    objectives: [
      {
        theme: "acces_aux_droits",
        title: "Anticiper la fin de l'allocation chômage",
        actions: [
          {
            title: "Simuler les droits au RSA et à la prime d'activité",
            assignee: "Julien Moreau (SST)",
            dueInDays: -15,
          },
        ],
      },
    ],
    notes: [
      {
        daysAgo: 40,
        body: "Entretien : M. Petit craint la fin de ses droits au chômage. Il accepte d'être orienté vers un accueil de jour.",
      },
    ],
  },
  {
    lastName: "Morel",
    firstName: "Inès",
    birthDate: { turns18InMonths: 4 },
    inCareAse: true,
    sstScope: "suivi_sante",
    lastContactDaysAgo: 12,
    situation: {
      foyer: "Accueillie en famille d'accueil à Nanterre depuis l'âge de 12 ans.",
      logement: "Famille d'accueil ; aucune solution prévue après 18 ans.",
      ressources: "Aucune ressource propre.",
      emploi: "En première année de CAP cuisine.",
    },
    objectives: [
      {
        theme: "emploi",
        title: "Terminer le CAP cuisine",
        actions: [
          { title: "Point avec le lycée professionnel", assignee: "Inès Morel", dueInDays: 45 },
        ],
      },
    ],
    notes: [
      {
        daysAgo: 12,
        body: "Rencontre avec Inès et son assistante familiale. Inès souhaite rester à Nanterre après ses 18 ans ; aucun projet de logement n'est encore engagé.",
      },
    ],
  },
];

const DAY = 86_400_000;

function birthDateOf(person: DemoPerson, today: string): string {
  if (typeof person.birthDate === "string") return person.birthDate;
  return addMonths(today, person.birthDate.turns18InMonths - 18 * 12);
}

async function requireId(promise: Promise<{ id: string } | undefined>, what: string) {
  const row = await promise;
  if (!row) throw new Error(`Données de démonstration incomplètes : ${what} introuvable.`);
  return row.id;
}

/** The association's demo service of that name, through the directory's public face. */
async function associationService(tx: Tx, departementCode: string, name: string, now: Date) {
  const result = await searchDirectory({ db: tx, now }, departementCode, {
    text: `${name} Secours Catholique`,
    pageSize: 20,
  });
  const candidates = result.hits.filter(
    (hit) => hit.nom === name && /^secours catholique/i.test(hit.structureNom),
  );
  const hit = candidates.find((c) => c.commune === "Nanterre") ?? candidates[0];
  return hit ? findService(tx, hit.id) : undefined;
}

/**
 * Seeds the demo records, in the caller's transaction, after the demo
 * organisations, directory and accounts exist. Each creation writes its
 * audit event, as the app would: the persons' exports list them.
 */
export async function seedRecordsDemo(tx: Tx, departementCode: string, now: Date): Promise<void> {
  const seed = await demoSeed(tx, departementCode, now);
  for (const demo of PERSONS) {
    const opened = await seedPerson(seed, demo);
    for (const objective of demo.objectives) await seedObjective(seed, opened, objective);
    if (demo.association) await seedOrientation(seed, opened, demo.association);
    for (const note of demo.notes) await seedNote(seed, opened, note);
  }
}

/** Who writes the demo records, where, and when. */
type DemoSeed = {
  tx: Tx;
  departementCode: string;
  now: Date;
  sstId: string;
  associationId: string;
  referentId: string;
  associationUserId: string;
  audit: (
    input: { userId: string; organisationId: string; personId: string },
    action: AuditAction,
    subjectType: string,
    subjectId: string,
    details?: Record<string, unknown>,
  ) => Promise<unknown>;
};

/** A person's record as seeded: the next steps hang their rows on it. */
type OpenedRecord = {
  personId: string;
  parcoursId: string;
  openedAt: Date;
  byReferent: { userId: string; organisationId: string; personId: string };
};

async function demoSeed(tx: Tx, departementCode: string, now: Date): Promise<DemoSeed> {
  const organisation = (name: string) =>
    requireId(
      tx.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirst(),
      name,
    );
  const user = (email: string) =>
    requireId(
      tx.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirst(),
      email,
    );
  const sstId = await organisation(RECORDS_DEMO.sst);
  const associationId = await organisation(RECORDS_DEMO.association);
  const referentId = await user(RECORDS_DEMO.referentEmail);
  const associationUserId = await user(RECORDS_DEMO.associationEmail);
  // The trail records when the demo was written (now), in order: it is never backdated.
  const audit: DemoSeed["audit"] = (input, action, subjectType, subjectId, details = {}) =>
    recordAudit(tx, {
      actor: { userId: input.userId, organisationId: input.organisationId },
      action,
      subjectType,
      subjectId,
      personId: input.personId,
      details,
      requestId: null,
      at: now,
    });
  return { tx, departementCode, now, sstId, associationId, referentId, associationUserId, audit };
}

/** The person, their consents, their parcours with the SST as member, and its audit event. */
async function seedPerson(seed: DemoSeed, demo: DemoPerson): Promise<OpenedRecord> {
  const { tx, now, sstId, associationId, referentId } = seed;
  const openedAt = new Date(now.getTime() - 30 * DAY);
  const person = await tx
    .insertInto("person")
    .values({
      last_name: demo.lastName,
      first_name: demo.firstName,
      birth_date: birthDateOf(demo, parisDate(now)),
      search_name: searchName(demo.lastName, demo.firstName),
      in_care_ase: demo.inCareAse ?? false,
      created_by_organisation_id: sstId,
      created_at: openedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const byReferent = { userId: referentId, organisationId: sstId, personId: person.id };
  const consents = [{ organisation_id: sstId, scope: demo.sstScope }];
  if (demo.association) consents.push({ organisation_id: associationId, scope: "suivi" });
  await tx
    .insertInto("person_consent")
    .values(
      consents.map((consent) => ({
        ...consent,
        person_id: person.id,
        collected_by_user_id: referentId,
        collected_at: openedAt,
      })),
    )
    .execute();
  const parcours = await tx
    .insertInto("parcours")
    .values({
      person_id: person.id,
      referent_user_id: referentId,
      referent_organisation_id: sstId,
      situation: JSON.stringify(demo.situation),
      opened_at: openedAt,
      last_contact_at: new Date(now.getTime() - demo.lastContactDaysAgo * DAY),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("parcours_member")
    .values({ parcours_id: parcours.id, organisation_id: sstId, joined_at: openedAt })
    .execute();
  await seed.audit(byReferent, "person.create", "parcours", parcours.id, {
    consentScope: demo.sstScope,
    inCareAse: demo.inCareAse ?? false,
  });
  return { personId: person.id, parcoursId: parcours.id, openedAt, byReferent };
}

/** One objective of the plan and its actions, due from today. */
async function seedObjective(seed: DemoSeed, opened: OpenedRecord, objective: DemoObjective) {
  const { tx, now } = seed;
  const { parcoursId, openedAt } = opened;
  const row = await tx
    .insertInto("plan_objective")
    .values({
      parcours_id: parcoursId,
      theme: objective.theme,
      title: objective.title,
      created_at: openedAt,
      updated_at: openedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("plan_action")
    .values(
      objective.actions.map((action) => ({
        objective_id: row.id,
        parcours_id: parcoursId,
        title: action.title,
        assignee: action.assignee,
        due_date: parisDate(new Date(now.getTime() + action.dueInDays * DAY)),
        status: action.status ?? "a_faire",
        created_at: openedAt,
        updated_at: openedAt,
      })),
    )
    .execute();
  await seed.audit(opened.byReferent, "plan.objective.create", "plan_objective", row.id);
}

/** The orientation to the association's service; once accepted, the association joins. */
async function seedOrientation(
  seed: DemoSeed,
  opened: OpenedRecord,
  association: NonNullable<DemoPerson["association"]>,
) {
  const { tx, now, sstId, associationId, referentId, associationUserId } = seed;
  const { parcoursId, openedAt } = opened;
  const service = await associationService(tx, seed.departementCode, association.service, now);
  const decided = association.orientation !== "proposee";
  const orientation = await tx
    .insertInto("orientation")
    .values({
      parcours_id: parcoursId,
      from_organisation_id: sstId,
      from_user_id: referentId,
      to_organisation_id: associationId,
      to_service_ref: service?.id ?? null,
      to_service_name: service ? `${service.nom} — ${service.structure_nom}` : null,
      message: association.message,
      status: association.orientation,
      decided_by_user_id: decided ? associationUserId : null,
      created_at: new Date(openedAt.getTime() + DAY),
      decided_at: decided ? new Date(openedAt.getTime() + 2 * DAY) : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await seed.audit(opened.byReferent, "orientation.create", "orientation", orientation.id, {
    toOrganisationId: associationId,
    serviceRef: service?.id ?? null,
  });
  if (association.orientation !== "acceptee") return;
  await tx
    .insertInto("parcours_member")
    .values({
      parcours_id: parcoursId,
      organisation_id: associationId,
      joined_at: new Date(openedAt.getTime() + 2 * DAY),
    })
    .execute();
  await seed.audit(
    { userId: associationUserId, organisationId: associationId, personId: opened.personId },
    "orientation.accept",
    "orientation",
    orientation.id,
  );
}

/** A note of a contact, by the référent or the association, with its audit event. */
async function seedNote(seed: DemoSeed, opened: OpenedRecord, note: DemoPerson["notes"][number]) {
  const at = new Date(seed.now.getTime() - note.daysAgo * DAY);
  const author = note.byAssociation
    ? { userId: seed.associationUserId, organisationId: seed.associationId }
    : { userId: seed.referentId, organisationId: seed.sstId };
  const row = await seed.tx
    .insertInto("parcours_note")
    .values({
      parcours_id: opened.parcoursId,
      author_user_id: author.userId,
      author_organisation_id: author.organisationId,
      contact_date: parisDate(at),
      body: note.body,
      is_sensitive: note.sensitive ?? false,
      created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await seed.audit(
    { ...author, personId: opened.personId },
    "note.create",
    "parcours_note",
    row.id,
    {
      sensitive: note.sensitive ?? false,
    },
  );
}
