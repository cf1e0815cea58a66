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

describe("Radios", () => {
  const markup = html(
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
    />,
  );

  it("groups the buttons in a fieldset with its legend, the hint and the error tied to it", () => {
    expect(markup).toMatch(/^<fieldset id="champ-how" class="field field--error"/);
    expect(tagWithId(markup, "champ-how")).toContain(
      'aria-describedby="champ-how-aide champ-how-erreur"',
    );
    expect(markup).toContain('<legend class="field__label">Comment la personne');
    expect(markup).toContain('<p id="champ-how-aide" class="field__hint">Une seule réponse.</p>');
    expect(markup).toContain(
      '<span class="visually-hidden">Erreur : </span>Indiquez comment la personne a donné son accord.',
    );
  });

  it("labels each button, keeps a given id, checks the value and requires an answer", () => {
    expect(tagWithId(markup, "champ-how-oral")).toMatch(/type="radio"[^>]*name="how" value="oral"/);
    expect(tagWithId(markup, "champ-how-oral")).not.toContain("checked");
    expect(tagWithId(markup, "champ-how-ecrit")).toContain("checked");
    expect(tagWithId(markup, "champ-how-ecrit")).toContain("required");
    expect(markup).toContain('<label for="champ-how-oral">Oralement</label>');
    expect(markup).toContain('<label for="champ-how-ecrit">Par écrit</label>');
  });

  it("has no describedby, error class or check when there is nothing to say", () => {
    const plain = html(
      <Radios name="reservable" legend="Qui" options={[{ value: "everyone", label: "Tous" }]} />,
    );
    expect(plain).not.toContain("aria-describedby");
    expect(plain).not.toContain("field--error");
    expect(plain).not.toContain("checked");
    expect(plain).not.toContain("required");
  });

  it("sets the buttons side by side when asked", () => {
    const inline = html(
      <Radios name="d" legend="Décision" inline options={[{ value: "a", label: "A" }]} />,
    );
    expect(inline).toContain('class="choices choices--inline"');
  });
});

describe("CheckboxGroup", () => {
  it("ticks what was checked, under a fieldset whose id the error summary links to", () => {
    const markup = html(
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
      />,
    );
    expect(tagWithId(markup, "champ-motifIds")).toContain(
      'aria-describedby="champ-motifIds-erreur"',
    );
    expect(tagWithId(markup, "motif-m1")).toMatch(/type="checkbox"[^>]*name="motifs" value="m1"/);
    expect(tagWithId(markup, "motif-m1")).not.toContain("checked");
    expect(tagWithId(markup, "motif-m2")).toContain("checked");
    expect(markup).toContain('<label for="motif-m2">RSA</label>');
  });
});

describe("CheckboxField", () => {
  it("ties its hint and error to the box, its label after it", () => {
    const markup = html(
      <CheckboxField
        name="consentement"
        id="champ-consentement-1"
        label="J'accepte"
        hint="Pour vous joindre."
        error="Cochez la case pour continuer."
        required
      />,
    );
    const box = tagWithId(markup, "champ-consentement-1");
    expect(box).toContain(
      'aria-describedby="champ-consentement-1-aide champ-consentement-1-erreur"',
    );
    expect(box).toContain('aria-invalid="true"');
    expect(box).toContain("required");
    expect(markup).toMatch(
      /<input[^>]*>\s*<label for="champ-consentement-1">J&#39;accepte<\/label>/,
    );
  });
});

describe("DateField, TimeField and MoneyField", () => {
  it("gives a labelled date box with its limits", () => {
    const markup = html(
      <DateField
        name="givenOn"
        label="Date de l'accord"
        value="2026-11-16"
        max="2026-11-16"
        required
      />,
    );
    const input = tagWithId(markup, "champ-givenOn");
    expect(input).toContain('type="date"');
    expect(input).toContain('value="2026-11-16"');
    expect(input).toContain('max="2026-11-16"');
    expect(input).toContain("field__input--medium");
    expect(markup).toContain('<label for="champ-givenOn" class="field__label">');
    expect(markup).not.toContain("facultatif");
  });

  it("gives a short time box, marked optional when not required", () => {
    const markup = html(
      <TimeField name="startTime" label="Heure de début" error="Heure invalide." />,
    );
    const input = tagWithId(markup, "champ-startTime");
    expect(input).toContain('type="time"');
    expect(input).toContain("field__input--short");
    expect(input).toContain('aria-describedby="champ-startTime-erreur"');
    expect(markup).toContain("(facultatif)");
    expect(markup).toContain('<span class="visually-hidden">Erreur : </span>Heure invalide.');
  });

  it("gives an amount in euros: a decimal keypad, « € » after, a French hint", () => {
    const markup = html(<MoneyField name="loyer" label="Loyer" value="512,40" required />);
    const input = tagWithId(markup, "champ-loyer");
    expect(input).toContain('type="text"');
    expect(input).toContain('inputmode="decimal"');
    expect(input).toContain('aria-describedby="champ-loyer-aide"');
    expect(markup).toContain("En euros, par exemple 12,50.");
    expect(markup).toMatch(/<input[^>]*><span class="field__suffix">€<\/span>/);
  });
});

describe("TextAreaField, SelectField and FileField", () => {
  it("keeps a textarea's value, rows and limit, its hint tied to it", () => {
    const markup = html(
      <TextAreaField
        name="pieces"
        label="Pièces à apporter"
        hint="Une pièce par ligne."
        value={"Pièce d'identité\nAvis d'imposition"}
        rows={3}
        maxlength={2000}
      />,
    );
    const box = tagWithId(markup, "champ-pieces");
    expect(box).toContain('rows="3"');
    expect(box).toContain('maxlength="2000"');
    expect(box).toContain('aria-describedby="champ-pieces-aide"');
    expect(markup).toContain("Pièce d&#39;identité\nAvis d&#39;imposition</textarea>");
  });

  it("shows no « (facultatif) » on a list that always has a value, when asked", () => {
    const markup = html(
      <SelectField
        name="agent"
        label="Agenda de"
        markOptional={false}
        options={[{ value: "a", label: "Awa" }]}
        value="a"
      />,
    );
    expect(markup).not.toContain("facultatif");
    expect(markup).toContain('<option value="a" selected="">Awa</option>');
  });

  it("labels a file input and ties its error to it", () => {
    const markup = html(
      <FileField
        name="fichier"
        label="Fichier"
        accept=".csv"
        error="Le fichier est vide."
        required
      />,
    );
    const input = tagWithId(markup, "champ-fichier");
    expect(input).toContain('type="file"');
    expect(input).toContain('accept=".csv"');
    expect(input).toContain('aria-describedby="champ-fichier-erreur"');
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
