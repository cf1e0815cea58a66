import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../platform/auth/routes.tsx";
import { CSRF_COOKIE } from "../../platform/http/csrf.ts";
import { TestClient } from "../../test/app.ts";
import { makeUser } from "../../test/factories.ts";
import { IMPORT_PATH, MAX_INDICATOR_FILE_BYTES } from "./indicator-import-routes.tsx";
import { NOW, useSteeringDemo } from "./test-fixtures.ts";

const HEADER = "indicateur;territoire;code_territoire;date;valeur;objectif;personnes;commentaire";
const steering = useSteeringDemo();
const signedIn = steering.signedIn;

async function upload(client: TestClient, content: string | Uint8Array) {
  await client.get(IMPORT_PATH);
  const form = new FormData();
  form.set("_csrf", client.csrfToken());
  form.set("fichier", new File([content as BlobPart], "valeurs.csv", { type: "text/csv" }));
  const cookie = [SESSION_COOKIE, CSRF_COOKIE]
    .map((name) => `${name}=${client.cookie(name) ?? ""}`)
    .join("; ");
  const request = new Request(`http://localhost${IMPORT_PATH}`, { method: "POST", body: form });
  const body = new Uint8Array(await request.arrayBuffer());
  return steering.app.request(IMPORT_PATH, {
    method: "POST",
    headers: {
      cookie,
      "content-type": request.headers.get("content-type") ?? "",
      "content-length": String(body.byteLength),
    },
    body,
  });
}

const c11Values = () =>
  steering.database.db
    .selectFrom("steering_indicator_value")
    .select(["territory_code", "value"])
    .where("indicator_code", "=", "C11")
    .execute();

describe("importing indicator values", () => {
  it("imports a pilote's file and shows the values on the indicator page", async () => {
    const client = await signedIn("pilote");
    const response = await upload(
      client,
      `${HEADER}\nC11;departement;92;2020;7,9;7;;\nC11;commune;92050;2020;11,2;;800;\n`,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("2 chiffres enregistrés");
    expect(await c11Values()).toHaveLength(2);
    const page = await (await steering.app.request("/indicateurs/C11")).text();
    expect(page).toContain("7,9 %");
  });

  it("imports nothing when one line is wrong, and lists the line", async () => {
    const client = await signedIn("pilote");
    const before = await c11Values();
    const response = await upload(
      client,
      `${HEADER}\nC11;commune;92002;2021;5;;;\nC11;commune;99999;2021;5;;;\n`,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Rien n&#39;a été importé");
    expect(html).toContain("Ligne 3 :");
    expect(await c11Values()).toEqual(before);
  });

  it("reads a Latin-1 file", async () => {
    const client = await signedIn("pilote");
    const latin1 = Uint8Array.from(
      Buffer.from(`${HEADER}\nC11;departement;92;2019;8;;;donnée Pôle emploi\n`, "latin1"),
    );
    const response = await upload(client, latin1);
    expect(response.status).toBe(200);
    const row = await steering.database.db
      .selectFrom("steering_indicator_value")
      .select("comment")
      .where("indicator_code", "=", "C11")
      .where("period", "=", "2019-01-01")
      .executeTakeFirstOrThrow();
    expect(row.comment).toBe("donnée Pôle emploi");
  });

  it("refuses a file over 1 Mo before reading it, in French, and imports nothing", async () => {
    const client = await signedIn("pilote");
    const before = await c11Values();
    const line = "C11;commune;92050;2020;11,2;;800;\n";
    const big = `${HEADER}\n${line.repeat(Math.ceil((1.1 * MAX_INDICATOR_FILE_BYTES) / line.length))}`;
    const response = await upload(client, big);
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain("Le fichier dépasse 1 Mo");
    expect(html).toContain("Rien n&#39;a été importé.");
    expect(await c11Values()).toEqual(before);
  });

  it("refuses a file just over 1 Mo that fits in the form's margin, and imports nothing", async () => {
    const client = await signedIn("pilote");
    const before = await c11Values();
    const line = "C11;commune;92050;2021;11,2;;800;\n";
    const content = `${HEADER}\n${line.repeat(Math.ceil(MAX_INDICATOR_FILE_BYTES / line.length))}`;
    expect(content.length).toBeGreaterThan(MAX_INDICATOR_FILE_BYTES);
    const response = await upload(client, content);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Le fichier dépasse 1 Mo");
    expect(await c11Values()).toEqual(before);
  });

  it("refuses a travailleur social the page and the import (403)", async () => {
    const client = await signedIn("travailleur_social");
    expect((await client.get(IMPORT_PATH)).status).toBe(403);
  });
});

describe("publishing a non-take-up run's counts per commune", () => {
  async function finishedRunOf(email: string) {
    const user = await steering.database.db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const run = await steering.database.db
      .insertInto("rights_batch_run")
      .values({
        ran_by: user.id,
        month: "2026-10",
        file_name: "population.csv",
        header: "id;depcom",
        status: "done",
        chunks_total: 1,
        households: 500,
        households_found: 120,
        created_at: NOW,
        expires_at: new Date("2026-12-13T09:00:00Z"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await steering.database.db
      .insertInto("rights_batch_chunk")
      .values({
        run_id: run.id,
        seq: 0,
        first_line: 2,
        summary: JSON.stringify({
          byCommune: { "92040": { rsa: { households: 64, totalCents: 1 } } },
        }),
      })
      .execute();
    return run.id;
  }

  it("lists the pilote's finished run and publishes its counts; another pilote is refused", async () => {
    const user = await makeUser(steering.database.db, { role: "pilote", now: NOW });
    const client = new TestClient(steering.app);
    await client.login(user.email, user.password);
    const runId = await finishedRunOf(user.email);
    await client.get(IMPORT_PATH);
    expect(client.lastHtml).toContain("Repérage du mois 2026-10 (120 foyers repérés sur 500)");

    const other = await signedIn("pilote");
    const refused = await other.post(
      `/pilotage/indicateurs/non-recours/${runId}`,
      {},
      { tokenFrom: IMPORT_PATH },
    );
    expect(refused.status).toBe(403);

    const response = await client.post(
      `/pilotage/indicateurs/non-recours/${runId}`,
      {},
      { tokenFrom: IMPORT_PATH },
    );
    expect(response.status).toBe(200);
    expect(client.lastHtml).toContain("Repérage de 2026-10 : 1 communes");
    const page = await (
      await steering.app.request("/indicateurs/RELAIS_NR01?date=2026-10-01")
    ).text();
    expect(page).toContain(
      '<a href="/territoire/92040">Issy-les-Moulineaux</a></th><td>2026-10-01</td><td>64 droits</td>',
    );
  });
});
