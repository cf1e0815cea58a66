import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../../test/app.ts";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { makeOrganisation, makeUser } from "../../test/factories.ts";
import { signInNewUser } from "../../test/sign-in.ts";
import { auditActions, countRows, lastLinkTo } from "./test-fixtures.ts";

let database: TestDatabase;
let clock = new Date("2026-03-02T09:00:00Z");
let app: ReturnType<typeof createTestApp>;
let admin: TestClient;
let departementId: string;

const NEW_PASSWORD = "une girafe boit du thé vert";

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database.db, { kind: database.kind, now: () => clock });
  departementId = await makeOrganisation(database.db, { kind: "departement", now: clock });
  admin = await signInNewUser(app, database.db, "admin", departementId);
});
afterAll(() => database.close());

async function createCcas(name: string): Promise<string> {
  const response = await admin.post(
    "/pro/administration/organisations/nouvelle",
    { name, kind: "ccas", communes: "92050, 92025", structure: "" },
    { tokenFrom: "/pro/administration/organisations/nouvelle" },
  );
  expect(response.status).toBe(303);
  return (response.headers.get("location") ?? "").split("/").pop()?.split("?")[0] ?? "";
}

async function inviteAs(
  browser: TestClient,
  organisationId: string,
  fields: { email: string; displayName: string; roles: string },
) {
  return browser.post(`/pro/administration/organisations/${organisationId}/invitations`, fields, {
    tokenFrom: `/pro/administration/organisations/${organisationId}/comptes`,
  });
}

describe("organisations", () => {
  it("lets the admin create, find, edit and see an organisation with the communes it serves", async () => {
    const id = await createCcas("CCAS de Nanterre");
    const row = await database.db
      .selectFrom("organisation")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.commune_codes).toEqual(["92050", "92025"]);
    expect(row.kind).toBe("ccas");
    const list = await admin.get("/pro/administration/organisations?q=nanterre");
    expect(await list.text()).toContain("CCAS de Nanterre");
    const page = await admin.get(`/pro/administration/organisations/${id}`);
    expect(await page.text()).toContain("Nanterre (92050)");
    const edit = await admin.post(
      `/pro/administration/organisations/${id}`,
      { name: "CCAS de Nanterre", kind: "ccas", communes: "92050", structure: "" },
      { tokenFrom: `/pro/administration/organisations/${id}` },
    );
    expect(edit.status).toBe(303);
    expect(await auditActions(database.db, id)).toEqual([
      "admin.organisation.created",
      "admin.organisation.updated",
    ]);
  });

  it("refuses an unknown commune or a taken name in French with 400 and writes nothing", async () => {
    const before = await countRows(database.db, "organisation");
    const response = await admin.post(
      "/pro/administration/organisations/nouvelle",
      { name: "CCAS de Nanterre", kind: "ccas", communes: "99999", structure: "" },
      { tokenFrom: "/pro/administration/organisations/nouvelle" },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Une organisation porte déjà ce nom.");
    expect(html).toContain("Code INSEE inconnu du territoire : 99999.");
    expect(await countRows(database.db, "organisation")).toBe(before);
  });

  it("forbids the organisations pages to a responsable de structure (403)", async () => {
    const organisationId = await makeOrganisation(database.db, { kind: "ccas" });
    const responsable = await signInNewUser(
      app,
      database.db,
      "responsable_structure",
      organisationId,
    );
    expect((await responsable.get("/pro/administration/organisations")).status).toBe(403);
    expect((await responsable.get("/pro/administration/organisations/nouvelle")).status).toBe(403);
  });
});

describe("invitations", () => {
  it("invites a responsable who sets a password and signs in; the link then refuses a second use (410)", async () => {
    const ccas = await createCcas("CCAS de Colombes");
    const email = "responsable.colombes@exemple.fr";
    const response = await inviteAs(admin, ccas, {
      email,
      displayName: "Rose Martin",
      roles: "responsable_structure",
    });
    expect(response.status).toBe(303);
    const user = await database.db
      .selectFrom("app_user")
      .select(["id", "password_hash"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    const link = await lastLinkTo(database.db, email);
    const token = new URL(link, "http://x").searchParams.get("jeton") ?? "";
    // Only the hash of the token is stored.
    const stored = await database.db.selectFrom("account_token").select("token_hash").execute();
    expect(stored.some((row) => row.token_hash === token)).toBe(false);

    const invited = new TestClient(app);
    const page = await invited.get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Rejoindre CCAS de Colombes");

    const common = await invited.post(
      "/invitation",
      { jeton: token, password: "motdepasse123", confirmation: "motdepasse123" },
      { tokenFrom: link },
    );
    expect(common.status).toBe(400);
    expect(await common.text()).toContain("Ce mot de passe est trop courant");
    const short = await invited.post(
      "/invitation",
      { jeton: token, password: "court", confirmation: "court" },
      { tokenFrom: link },
    );
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("au moins 12 caractères");
    const ownName = await invited.post(
      "/invitation",
      { jeton: token, password: "responsable.colombes", confirmation: "responsable.colombes" },
      { tokenFrom: link },
    );
    expect(await ownName.text()).toContain("ne doit pas reprendre votre adresse");

    const accepted = await invited.post(
      "/invitation",
      { jeton: token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
      { tokenFrom: link },
    );
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe("/pro");
    expect(await (await invited.get("/pro")).text()).toContain("Responsable de structure");

    const again = await new TestClient(app).get(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("déjà servi");
    expect(await auditActions(database.db, user.id)).toEqual([
      "admin.invitation.created",
      "auth.invitation.accepted",
      "auth.invitation.refused",
    ]);
  });

  it("answers 404 to a forged link and 410 to an expired one, in French", async () => {
    const forged = await new TestClient(app).get(
      "/invitation?jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    );
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain("invitation n&#39;est pas valide");
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    await inviteAs(admin, ccas, {
      email: "tard@exemple.fr",
      displayName: "Tard",
      roles: "agent_accueil",
    });
    const link = await lastLinkTo(database.db, "tard@exemple.fr");
    const saved = clock;
    clock = new Date(saved.getTime() + 73 * 3_600_000);
    try {
      const expired = await new TestClient(app).get(link);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain("a expiré");
    } finally {
      clock = saved;
    }
  });

  it("lets a responsable invite a colleague into their structure with a structure's role", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const responsable = await signInNewUser(app, database.db, "responsable_structure", ccas);
    const form = await responsable.get(`/pro/administration/organisations/${ccas}/invitations`);
    const html = await form.text();
    expect(html).toContain("Travailleur social");
    expect(html).not.toContain("Administrateur");
    expect(html).not.toContain('value="pilote"');
    const response = await inviteAs(responsable, ccas, {
      email: "collegue@exemple.fr",
      displayName: "Paul Collègue",
      roles: "travailleur_social",
    });
    expect(response.status).toBe(303);
    const accounts = await responsable.get(`/pro/administration/organisations/${ccas}/comptes`);
    expect(await accounts.text()).toContain("Paul Collègue");
  });

  it("refuses a responsable giving admin or pilote, or inviting into another structure: 403, audited, nothing written", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const other = await makeOrganisation(database.db, { kind: "ccas" });
    const responsable = await signInNewUser(app, database.db, "responsable_structure", ccas);
    const users = await countRows(database.db, "app_user");
    const mails = await countRows(database.db, "outbox_message");
    for (const role of ["admin", "pilote"]) {
      const response = await inviteAs(responsable, ccas, {
        email: `pirate-${role}@exemple.fr`,
        displayName: "Pirate",
        roles: role,
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Accès refusé");
    }
    const elsewhere = await inviteAs(responsable, other, {
      email: "ailleurs@exemple.fr",
      displayName: "Ailleurs",
      roles: "agent_accueil",
    });
    expect(elsewhere.status).toBe(403);
    expect(await countRows(database.db, "app_user")).toBe(users);
    expect(await countRows(database.db, "outbox_message")).toBe(mails);
    const invitationEvents = async (id: string) =>
      (await auditActions(database.db, id)).filter((action) =>
        action.startsWith("admin.invitation"),
      );
    expect(await invitationEvents(ccas)).toEqual([
      "admin.invitation.refused",
      "admin.invitation.refused",
    ]);
    expect(await invitationEvents(other)).toEqual(["admin.invitation.refused"]);
  });

  it("refuses inviting an existing member with 409 in French and writes nothing", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const member = await makeUser(database.db, { role: "agent_accueil", organisationId: ccas });
    const mails = await countRows(database.db, "outbox_message");
    const tokens = await countRows(database.db, "account_token");
    const response = await inviteAs(admin, ccas, {
      email: member.email.toUpperCase(),
      displayName: "Quelqu'un",
      roles: "travailleur_social",
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("est déjà membre");
    expect(await countRows(database.db, "outbox_message")).toBe(mails);
    expect(await countRows(database.db, "account_token")).toBe(tokens);
  });

  it("invites someone who has an account elsewhere into a membership, without a new account", async () => {
    const first = await makeOrganisation(database.db, { kind: "association" });
    const second = await makeOrganisation(database.db, { kind: "ccas" });
    const worker = await makeUser(database.db, {
      role: "travailleur_social",
      organisationId: first,
    });
    const users = await countRows(database.db, "app_user");
    const response = await inviteAs(admin, second, {
      email: worker.email,
      displayName: "Autre nom",
      roles: "travailleur_social",
    });
    expect(response.status).toBe(303);
    expect(await countRows(database.db, "app_user")).toBe(users);
    const link = await lastLinkTo(database.db, worker.email);
    const browser = new TestClient(app);
    const page = await browser.get(link);
    expect(await page.text()).toContain("Vous avez déjà un compte");
    const token = new URL(link, "http://x").searchParams.get("jeton") ?? "";
    const accepted = await browser.post("/invitation", { jeton: token }, { tokenFrom: link });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe("/connexion?invitation=acceptee");
    const memberships = await database.db
      .selectFrom("membership")
      .select("organisation_id")
      .where("user_id", "=", worker.userId)
      .execute();
    expect(memberships.map((row) => row.organisation_id).sort()).toEqual([first, second].sort());
    // Their password is unchanged: they sign in as before.
    expect((await new TestClient(app).login(worker.email, worker.password)).status).toBe(303);
  });
});

describe("invitations, further abuse", () => {
  it("refuses an invitation form sent without its CSRF token (403) and writes nothing", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const users = await countRows(database.db, "app_user");
    const response = await admin.post(
      `/pro/administration/organisations/${ccas}/invitations`,
      { email: "sans-jeton@exemple.fr", displayName: "Sans Jeton", roles: "agent_accueil" },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(await countRows(database.db, "app_user")).toBe(users);
  });

  it("refuses a missing role or a malformed address in French with 400", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const response = await inviteAs(admin, ccas, {
      email: "pas-une-adresse",
      displayName: "",
      roles: "",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Indiquez une adresse électronique valide");
    expect(html).toContain("Indiquez le prénom et le nom.");
  });

  it("withdraws the pending invitations of a deactivated organisation: their link answers 410", async () => {
    const ccas = await createCcas("CCAS de Vanves");
    await inviteAs(admin, ccas, {
      email: "vanves@exemple.fr",
      displayName: "Val Vanves",
      roles: "agent_accueil",
    });
    const link = await lastLinkTo(database.db, "vanves@exemple.fr");
    await admin.post(
      `/pro/administration/organisations/${ccas}/desactivation`,
      {},
      { tokenFrom: `/pro/administration/organisations/${ccas}` },
    );
    expect((await new TestClient(app).get(link)).status).toBe(410);
  });

  it("replaces an earlier invitation into the same organisation: the old link answers 410", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const fields = {
      email: "deux-fois@exemple.fr",
      displayName: "Deux Fois",
      roles: "agent_accueil",
    };
    await inviteAs(admin, ccas, fields);
    const first = await lastLinkTo(database.db, fields.email);
    clock = new Date(clock.getTime() + 1000);
    await inviteAs(admin, ccas, fields);
    const second = await lastLinkTo(database.db, fields.email);
    expect(second).not.toBe(first);
    expect((await new TestClient(app).get(first)).status).toBe(410);
    expect((await new TestClient(app).get(second)).status).toBe(200);
  });
});

describe("accounts", () => {
  it("links, for the admin only, to the reset of each member's second factor", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const user = await makeUser(database.db, { role: "travailleur_social", organisationId: ccas });
    const page = await admin.get(`/pro/administration/organisations/${ccas}/comptes`);
    const html = await page.text();
    expect(html).toContain(`href="/admin/comptes/${user.userId}/second-facteur"`);
    expect((await admin.get(`/admin/comptes/${user.userId}/second-facteur`)).status).toBe(200);
    // A responsable sees the member, not the reset (authRules.resetSecondFactor).
    const responsable = await signInNewUser(app, database.db, "responsable_structure", ccas);
    const theirs = await responsable.get(`/pro/administration/organisations/${ccas}/comptes`);
    const theirHtml = await theirs.text();
    expect(theirHtml).toContain(user.email);
    expect(theirHtml).not.toContain("second-facteur");
  });

  it("deactivates an account: its live session is refused on the next request, sign-in too", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const user = await makeUser(database.db, { role: "travailleur_social", organisationId: ccas });
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    expect((await browser.get("/pro")).status).toBe(200);
    const response = await admin.post(
      `/pro/administration/comptes/${user.userId}/desactivation`,
      { organisation: ccas },
      { tokenFrom: `/pro/administration/organisations/${ccas}/comptes` },
    );
    expect(response.status).toBe(303);
    const next = await browser.get("/pro");
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toContain("/connexion");
    expect((await new TestClient(app).login(user.email, user.password)).status).toBe(401);
    expect(await auditActions(database.db, user.userId)).toContain("admin.account.deactivated");
    // A responsable may not reactivate it (403); the admin may, and sign-in works again.
    const responsable = await signInNewUser(app, database.db, "responsable_structure", ccas);
    const refused = await responsable.post(
      `/pro/administration/comptes/${user.userId}/reactivation`,
      {},
      { tokenFrom: `/pro/administration/organisations/${ccas}/comptes` },
    );
    expect(refused.status).toBe(403);
    const reactivated = await admin.post(
      `/pro/administration/comptes/${user.userId}/reactivation`,
      { organisation: ccas },
      { tokenFrom: `/pro/administration/organisations/${ccas}/comptes` },
    );
    expect(reactivated.status).toBe(303);
    expect((await new TestClient(app).login(user.email, user.password)).status).toBe(303);
  });

  it("ends a membership and keeps it in the history; the member loses that role at once", async () => {
    const ccas = await makeOrganisation(database.db, { kind: "ccas" });
    const responsable = await signInNewUser(app, database.db, "responsable_structure", ccas);
    const user = await makeUser(database.db, { role: "agent_accueil", organisationId: ccas });
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    const response = await responsable.post(
      `/pro/administration/organisations/${ccas}/comptes/${user.userId}/fin`,
      { role: "agent_accueil" },
      { tokenFrom: `/pro/administration/organisations/${ccas}/comptes` },
    );
    expect(response.status).toBe(303);
    expect((await browser.get("/pro")).status).toBe(403);
    const history = await database.db
      .selectFrom("membership_ended")
      .selectAll()
      .where("user_id", "=", user.userId)
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]?.ended_at).toEqual(clock);
    const page = await responsable.get(`/pro/administration/organisations/${ccas}/comptes`);
    expect(await page.text()).toContain("Rôles terminés");
  });

  it("deactivates an organisation: its members' sessions end and its roles give nothing", async () => {
    const ccas = await createCcas("CCAS de Sceaux");
    const user = await makeUser(database.db, { role: "travailleur_social", organisationId: ccas });
    const browser = new TestClient(app);
    await browser.login(user.email, user.password);
    const response = await admin.post(
      `/pro/administration/organisations/${ccas}/desactivation`,
      {},
      { tokenFrom: `/pro/administration/organisations/${ccas}` },
    );
    expect(response.status).toBe(303);
    expect((await browser.get("/pro")).status).toBe(302);
    await browser.login(user.email, user.password);
    expect((await browser.get("/pro")).status).toBe(403);
    expect(await auditActions(database.db, ccas)).toContain("admin.organisation.deactivated");
    const again = await admin.post(
      `/pro/administration/organisations/${ccas}/reactivation`,
      {},
      { tokenFrom: `/pro/administration/organisations/${ccas}` },
    );
    expect(again.status).toBe(303);
    expect((await browser.get("/pro")).status).toBe(200);
  });
});
