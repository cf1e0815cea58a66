import { describe, expect, it } from "vitest";
import {
  CheckboxField,
  CheckboxGroup,
  DateField,
  Fieldset,
  FileField,
  MoneyField,
  Radios,
  SelectField,
  TextAreaField,
  TimeField,
} from "./components.tsx";

const html = (node: unknown) => String(node);

/** The attributes of the tag that holds `id="…"`. */
function tagWithId(markup: string, id: string): string {
  const match = markup.match(new RegExp(`<[a-z]+[^>]*\\bid="${id}"[^>]*>`));
  if (!match) throw new Error(`pas de balise d'id ${id} dans ${markup}`);
  return match[0];
}

type Expected = (string | RegExp)[];

/**
 * One field as rendered: what the tag of each id holds and lacks, what the
 * whole markup holds and lacks (a string is contained, a pattern matched).
 */
type FieldCase = {
  node: unknown;
  tags?: Record<string, { has?: Expected; lacks?: string[] }>;
  has?: Expected;
  lacks?: string[];
};

function expectIn(text: string, expected: Expected = [], absent: string[] = []) {
  for (const one of expected) {
    if (typeof one === "string") expect(text).toContain(one);
    else expect(text).toMatch(one);
  }
  for (const one of absent) expect(text).not.toContain(one);
}

const consentRadios = (
  <Radios
    name="how"
    legend="Comment la personne a donné son accord"
    hint="Une seule réponse."
    error="Indiquez comment la personne a donné son accord."
    options={[
      { value: "oral", label: "Oralement" },
      { value: "ecrit", label: "Par écrit", id: "champ-how-ecrit" },
    ]}
    value="ecrit"
    required
  />
);

const CASES: Record<string, FieldCase> = {
  "Radios: a fieldset with its legend, the hint and the error tied to it": {
    node: consentRadios,
    tags: { "champ-how": { has: ['aria-describedby="champ-how-aide champ-how-erreur"'] } },
    has: [
      /^<fieldset id="champ-how" class="field field--error"/,
      '<legend class="field__label">Comment la personne',
      '<p id="champ-how-aide" class="field__hint">Une seule réponse.</p>',
      '<span class="visually-hidden">Erreur : </span>Indiquez comment la personne a donné son accord.',
    ],
  },
  "Radios: each button labelled, a given id kept, the value checked, an answer required": {
    node: consentRadios,
    tags: {
      "champ-how-oral": { has: [/type="radio"[^>]*name="how" value="oral"/], lacks: ["checked"] },
      "champ-how-ecrit": { has: ["checked", "required"] },
    },
    has: [
      '<label for="champ-how-oral">Oralement</label>',
      '<label for="champ-how-ecrit">Par écrit</label>',
    ],
  },
  "Radios: no describedby, error class or check when there is nothing to say": {
    node: (
      <Radios name="reservable" legend="Qui" options={[{ value: "everyone", label: "Tous" }]} />
    ),
    lacks: ["aria-describedby", "field--error", "checked", "required"],
  },
  "Radios: side by side when asked": {
    node: <Radios name="d" legend="Décision" inline options={[{ value: "a", label: "A" }]} />,
    has: ['class="choices choices--inline"'],
  },
  "CheckboxGroup: ticks what was checked, under a fieldset the error summary links to": {
    node: (
      <CheckboxGroup
        name="motifs"
        id="champ-motifIds"
        legend="Motifs proposés"
        error="Choisissez au moins un motif."
        options={[
          { value: "m1", label: "Premier accueil", id: "motif-m1" },
          { value: "m2", label: "RSA", id: "motif-m2" },
        ]}
        checked={["m2"]}
      />
    ),
    tags: {
      "champ-motifIds": { has: ['aria-describedby="champ-motifIds-erreur"'] },
      "motif-m1": { has: [/type="checkbox"[^>]*name="motifs" value="m1"/], lacks: ["checked"] },
      "motif-m2": { has: ["checked"] },
    },
    has: ['<label for="motif-m2">RSA</label>'],
  },
  "CheckboxField: its hint and error tied to the box, its label after it": {
    node: (
      <CheckboxField
        name="consentement"
        id="champ-consentement-1"
        label="J'accepte"
        hint="Pour vous joindre."
        error="Cochez la case pour continuer."
        required
      />
    ),
    tags: {
      "champ-consentement-1": {
        has: [
          'aria-describedby="champ-consentement-1-aide champ-consentement-1-erreur"',
          'aria-invalid="true"',
          "required",
        ],
      },
    },
    has: [/<input[^>]*>\s*<label for="champ-consentement-1">J&#39;accepte<\/label>/],
  },
  "DateField: a labelled date box with its limits": {
    node: (
      <DateField
        name="givenOn"
        label="Date de l'accord"
        value="2026-11-16"
        max="2026-11-16"
        required
      />
    ),
    tags: {
      "champ-givenOn": {
        has: ['type="date"', 'value="2026-11-16"', 'max="2026-11-16"', "field__input--medium"],
      },
    },
    has: ['<label for="champ-givenOn" class="field__label">'],
    lacks: ["facultatif"],
  },
  "TimeField: a short time box, marked optional when not required": {
    node: <TimeField name="startTime" label="Heure de début" error="Heure invalide." />,
    tags: {
      "champ-startTime": {
        has: ['type="time"', "field__input--short", 'aria-describedby="champ-startTime-erreur"'],
      },
    },
    has: ["(facultatif)", '<span class="visually-hidden">Erreur : </span>Heure invalide.'],
  },
  "MoneyField: an amount in euros, a decimal keypad, « € » after, a French hint": {
    node: <MoneyField name="loyer" label="Loyer" value="512,40" required />,
    tags: {
      "champ-loyer": {
        has: ['type="text"', 'inputmode="decimal"', 'aria-describedby="champ-loyer-aide"'],
      },
    },
    has: ["En euros, par exemple 12,50.", /<input[^>]*><span class="field__suffix">€<\/span>/],
  },
  "TextAreaField: its value, rows and limit kept, its hint tied to it": {
    node: (
      <TextAreaField
        name="pieces"
        label="Pièces à apporter"
        hint="Une pièce par ligne."
        value={"Pièce d'identité\nAvis d'imposition"}
        rows={3}
        maxlength={2000}
      />
    ),
    tags: {
      "champ-pieces": {
        has: ['rows="3"', 'maxlength="2000"', 'aria-describedby="champ-pieces-aide"'],
      },
    },
    has: ["Pièce d&#39;identité\nAvis d&#39;imposition</textarea>"],
  },
  "SelectField: no « (facultatif) » on a list that always has a value, when asked": {
    node: (
      <SelectField
        name="agent"
        label="Agenda de"
        markOptional={false}
        options={[{ value: "a", label: "Awa" }]}
        value="a"
      />
    ),
    has: ['<option value="a" selected="">Awa</option>'],
    lacks: ["facultatif"],
  },
  "FileField: a labelled file input, its error tied to it": {
    node: (
      <FileField
        name="fichier"
        label="Fichier"
        accept=".csv"
        error="Le fichier est vide."
        required
      />
    ),
    tags: {
      "champ-fichier": {
        has: ['type="file"', 'accept=".csv"', 'aria-describedby="champ-fichier-erreur"'],
      },
    },
  },
};

describe("the design system's fields", () => {
  it.each(Object.entries(CASES))("%s", (_case, { node, tags = {}, has, lacks }) => {
    const markup = html(node);
    for (const [id, tag] of Object.entries(tags)) {
      expectIn(tagWithId(markup, id), tag.has, tag.lacks);
    }
    expectIn(markup, has, lacks);
  });
});

describe("Fieldset and FileField options", () => {
  it("explains a whole group under its legend", () => {
    const markup = html(
      <Fieldset legend="Votre revenu fiscal" hint="Il est écrit sur l'avis d'impôt.">
        <p>champs</p>
      </Fieldset>,
    );
    expect(markup).toContain(
      '<legend class="field__label">Votre revenu fiscal</legend><p class="field__hint">Il est écrit sur l&#39;avis d&#39;impôt.</p><p>champs</p>',
    );
    expect(html(<Fieldset legend="Sans aide">x</Fieldset>)).not.toContain("field__hint");
  });

  it("leaves « (facultatif) » off a file the server asks for itself", () => {
    const asked = html(<FileField name="f" label="Fichier" accept=".csv" markOptional={false} />);
    expect(asked).not.toContain("(facultatif)");
    expect(asked).not.toContain("required");
    expect(html(<FileField name="f" label="Fichier" accept=".csv" />)).toContain("(facultatif)");
  });
});
