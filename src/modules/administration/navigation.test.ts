import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../platform/access/roles.ts";
import { createTestApp } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
const clock = new Date("2026-03-02T09:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
});
afterAll(() => database.close());

// The /pro home links to an administration page only for whom its rule allows.
const EXPECTED: Record<Role, { organisations: boolean; accounts: boolean }> = {
  agent_accueil: { organisations: false, accounts: false },
  travailleur_social: { organisations: false, accounts: false },
  responsable_structure: { organisations: false, accounts: true },
  pilote: { organisations: false, accounts: false },
  admin: { organisations: true, accounts: false },
  dpo: { organisations: false, accounts: false },
};

describe("the professional space's home page", () => {
  for (const role of ROLES) {
    const expected = EXPECTED[role];
    it(`shows ${role} the administration links its rules allow, and « Mon compte »`, async () => {
      const organisationId = await makeOrganisation(database.db, { kind: "ccas", now: clock });
      const browser = await signInNewUser(app, database.db, role, organisationId);
      const html = await (await browser.get("/pro")).text();
      expect(html.includes('href="/pro/administration/organisations"')).toBe(
        expected.organisations,
      );
      expect(
        html.includes(`href="/pro/administration/organisations/${organisationId}/comptes"`),
      ).toBe(expected.accounts);
      expect(html).toContain('href="/pro/compte/sessions"');
      if (expected.accounts) {
        const accounts = await browser.get(
          `/pro/administration/organisations/${organisationId}/comptes`,
        );
        expect(accounts.status).toBe(200);
      }
    });
  }
});
