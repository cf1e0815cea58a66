import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BatchHeaderError,
  type BatchItem,
  FINDINGS_HEADER,
  findingLines,
  findNonTakeUp,
  runNonTakeUp,
} from "./batch.ts";
import { readLines, splitFields } from "./batch-csv.ts";
import { syntheticChunks } from "./synthetic-households.ts";

async function collect(source: Iterable<string | Uint8Array>, month: string): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for await (const item of findNonTakeUp(source, { month })) items.push(item);
  return items;
}

const HEADER =
  "id;depcom;logement;loyer;aide_logement;demandeur_naissance;demandeur_activite;enfants_naissances;prestations_percues";
// Line 2 is the household of OpenFisca-France test rsa_01_seuil_rsa_inactif_d1 (RSA 696.05 € in April 2024,
// ARS 2024 441.58 €). Line 3 has a malformed birth date. Line 4 already receives the RSA and the ARS.
const FILE = [
  HEADER,
  "Élodie-1;66136;locataire;400;344,42;1997-01-01;inactif;2013-01-01;",
  "F2;66136;locataire;400;;1997-31-01;inactif;;",
  "F3;92050;locataire;400;344.42;1997-01-01;inactif;2013-01-01;rsa|ars",
  "",
].join("\n");

describe("non-take-up batch", () => {
  it("finds the RSA, the ARS and the CSS a household does not receive, with the estimated amounts", async () => {
    const items = await collect([FILE], "2024-04");
    const first = items.find((i) => i.kind === "household" && i.id === "Élodie-1");
    expect(first?.kind).toBe("household");
    if (first?.kind !== "household") return;
    const byBenefit = Object.fromEntries(first.findings.map((f) => [f.benefit, f.amountCents]));
    expect(byBenefit.rsa).toBe(69605);
    expect(byBenefit.ars).toBe(44158);
    expect(byBenefit.css).toBe(0);
    expect(findingLines(first)[0]).toMatch(/^2;Élodie-1;66136;/);
    expect(FINDINGS_HEADER.split(";")).toHaveLength(7);
  });

  it("reports a malformed row with its line number, skips it and goes on", async () => {
    const items = await collect([FILE], "2024-04");
    const error = items.find((i) => i.kind === "error");
    expect(error).toEqual({
      kind: "error",
      line: 3,
      message:
        "Ligne 3 ignorée : date de naissance invalide « 1997-31-01 » dans « demandeur_naissance »",
    });
    const third = items.find((i) => i.kind === "household" && i.id === "F3");
    // Already receives the RSA and the ARS: the CSS, the chèque énergie and the ASF of a lone
    // parent who receives no maintenance for her child (born 2013, under 20) are left.
    expect(third?.kind === "household" && third.findings.map((f) => f.benefit)).toEqual([
      "css",
      "cheque_energie",
      "asf",
    ]);
  });

  it("summarises by commune and benefit", async () => {
    const summary = await runNonTakeUp([FILE], { month: "2024-04" });
    expect(summary.households).toBe(2);
    expect(summary.errorCount).toBe(1);
    expect(summary.byCommune.get("66136")?.get("rsa")).toEqual({
      households: 1,
      totalCents: 69605,
    });
    expect(summary.toCsv()).toContain("66136;rsa;1;696.05;mensuelle");
  });

  it("stops on an unknown column, naming it", async () => {
    await expect(collect(["id;depcom;demandeur_naissance;salaire\n"], "2024-04")).rejects.toThrow(
      BatchHeaderError,
    );
    await expect(collect(["id;depcom;demandeur_naissance;salaire\n"], "2024-04")).rejects.toThrow(
      "« salaire »",
    );
  });

  it("gives the same result whatever the chunking of the bytes (multi-byte characters split included)", async () => {
    const bytes = new TextEncoder().encode(FILE);
    const whole = await collect([bytes], "2024-04");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let start = 0;
          for (const p of points) {
            chunks.push(bytes.slice(start, p));
            start = p;
          }
          chunks.push(bytes.slice(start));
          expect(await collect(chunks, "2024-04")).toEqual(whole);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("reads a synthetic population without errors", async () => {
    const summary = await runNonTakeUp(syntheticChunks(2000, { month: "2025-06", seed: 7 }), {
      month: "2025-06",
    });
    expect(summary.errorCount).toBe(0);
    expect(summary.households).toBe(2000);
    expect(summary.householdsWithFindings).toBeGreaterThan(0);
  });
});

describe("CSV reader", () => {
  it("numbers lines, drops CRLF and the BOM, reads quoted fields", async () => {
    const lines: string[] = [];
    for await (const l of readLines(["\uFEFFa;b\r\n", '"x;y";"say ""hi"""\r\nlast']))
      lines.push(`${l.line}:${l.text}`);
    expect(lines).toEqual(["1:a;b", '2:"x;y";"say ""hi"""', "3:last"]);
    expect(splitFields('"x;y";"say ""hi""";', ";")).toEqual(["x;y", 'say "hi"', ""]);
  });
});

describe("BATCH.md example", () => {
  it("finds the RSA (106.45 €) documented for household A-001 in June 2025", async () => {
    // Same household as the rsa-ppa.test.ts case "single parent with two children and a part-time job".
    const file = [
      "id;depcom;logement;loyer;aide_logement;enfants_naissances;demandeur_naissance;demandeur_activite;demandeur_salaire_m3;demandeur_salaire_m2;demandeur_salaire_m1;demandeur_salaire_m;prestations_percues",
      "A-001;92050;locataire;650;300;2016-09-01|2019-02-15;1990-04-12;salarie;500;500;500;500;af",
      "A-002;92025;proprietaire;;;;1950-03-02;retraite;;;;;",
    ].join("\n");
    const items = await collect([file], "2025-06");
    const a1 = items.find((i) => i.kind === "household" && i.id === "A-001");
    expect(a1?.kind === "household" && findingLines(a1)[0]).toBe(
      "2;A-001;92050;rsa;Revenu de solidarité active (RSA);106.45;mensuelle",
    );
  });
});

describe("non-take-up batch: the bourses, from enfants_scolarite", () => {
  // The lone parent of line 2 (no income in 2022: RFR estimated at 0), her child in collège in
  // April 2024: échelon 3, 1.1075 × 445.93 (BMAF of 1 January 2024) = 493.87 → 165 × 3 = 495 €.
  const header = `${HEADER};enfants_scolarite`;
  const file = (schooling: string) =>
    [header, `S-1;66136;locataire;400;344,42;1997-01-01;inactif;2013-01-01;;${schooling}`, ""].join(
      "\n",
    );

  it("finds the bourse de collège of a child said to be in collège", async () => {
    const [item] = await collect([file("college")], "2024-04");
    expect(item?.kind).toBe("household");
    if (item?.kind !== "household") return;
    const bourse = item.findings.find((f) => f.benefit === "bourse_college");
    expect(bourse?.amountCents).toBe(49500);
    expect(bourse?.periodicity).toBe("annuelle");
    expect(item.findings.some((f) => f.benefit === "bourse_lycee")).toBe(false);
  });

  it("finds no bourse without the column, and refuses an unknown school or too many values", async () => {
    const [none] = await collect([FILE], "2024-04");
    expect(
      none?.kind === "household" && none.findings.some((f) => f.benefit.startsWith("bourse")),
    ).toBe(false);
    const [unknown] = await collect([file("cm2")], "2024-04");
    expect(unknown).toMatchObject({ kind: "error", line: 2 });
    expect(unknown?.kind === "error" && unknown.message).toMatch(/scolarité inconnue « cm2 »/);
    const [many] = await collect([file("college|lycee")], "2024-04");
    expect(many?.kind === "error" && many.message).toMatch(/2 valeurs pour 1 enfant/);
  });
});
