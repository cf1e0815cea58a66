import type { Db } from "../db/database.ts";
import { seedAppointmentsDemo } from "../modules/appointments/demo.ts";
import { saveDemoDirectory } from "../modules/directory/service.ts";
import { seedRecordsDemo } from "../modules/records/service.ts";
import { seedLocalAidsDemo } from "../modules/rights/service.ts";
import { seedSteeringDemo } from "../modules/steering/service.ts";
import { listCommunes } from "../modules/territory/service.ts";
import { createOrganisation, createUser } from "../platform/auth/accounts.ts";
import { ofName } from "../platform/ui/french.ts";
import { DEMO_ACCOUNTS, DEMO_BODIES, DEMO_PASSWORD, DEMO_SSTS } from "./demo-organisations.ts";

const DEMO_MARKER = "demo_seeded_at";

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom("app_setting")
    .select("key")
    .where("key", "=", DEMO_MARKER)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Loads the demo data: organisations and one account per role. Idempotent:
 * a second run changes nothing. Never called in production (see wantsDemoData).
 */
export async function seedDemo(
  db: Db,
  departementCode: string,
  now: Date,
): Promise<{ created: boolean }> {
  if (await isDemoSeeded(db)) return { created: false };
  const communes = await listCommunes(db, departementCode);
  await db.transaction().execute(async (tx) => {
    const organisationIds = new Map<string, string>();
    for (const body of DEMO_BODIES) {
      organisationIds.set(body.name, await createOrganisation(tx, { ...body, isDemo: true }, now));
    }
    for (const sst of DEMO_SSTS) {
      organisationIds.set(
        sst.name,
        await createOrganisation(
          tx,
          {
            name: sst.name,
            kind: "sst",
            communeCode: sst.communeCode,
            isDemo: true,
          },
          now,
        ),
      );
    }
    for (const commune of communes) {
      const ccasId = await createOrganisation(
        tx,
        {
          // « CCAS d'Antony », « CCAS du Plessis-Robinson »: French elision and contraction.
          name: `CCAS ${ofName(commune.name)}`,
          kind: "ccas",
          communeCode: commune.inseeCode,
          isDemo: true,
        },
        now,
      );
      organisationIds.set(`CCAS ${ofName(commune.name)}`, ccasId);
    }
    await saveDemoDirectory(
      { db: tx, now },
      {
        communes,
        sstCommunes: new Map(DEMO_SSTS.map((sst) => [sst.name, sst.communeCode])),
        organisationIdsByName: organisationIds,
      },
    );
    for (const account of DEMO_ACCOUNTS) {
      const organisationId = organisationIds.get(account.organisation);
      if (!organisationId)
        throw new Error(`Organisation de démonstration inconnue : ${account.organisation}`);
      await createUser(
        tx,
        {
          email: account.email,
          displayName: account.displayName,
          password: DEMO_PASSWORD,
          memberships: [{ organisationId, role: account.role }],
          isDemo: true,
        },
        now,
      );
    }
    await seedAppointmentsDemo(tx, now);
    await seedRecordsDemo(tx, departementCode, now);
    await seedSteeringDemo(tx, departementCode, now);
    await seedLocalAidsDemo(tx, departementCode, now);
    await tx
      .insertInto("app_setting")
      .values({ key: DEMO_MARKER, value: JSON.stringify(now.toISOString()), updated_at: now })
      .execute();
  });
  return { created: true };
}
