/**
 * The local aid's form ↔ its JSON definition. The form is plain fields (no
 * JavaScript): each condition has its own optional fields, left empty when
 * the aid does not use it. Pure: every message is in French, keyed by field.
 */
import { BENEFITS, type BenefitId } from "./household.ts";
import {
  type Condition,
  HOUSING_LABELS,
  type HousingKey,
  type LocalAidDefinition,
  LocalAidDefinitionSchema,
  type LocalAmount,
  type LocalPeriodicity,
} from "./local-aids.ts";
import { isMonthKey } from "./period.ts";

export type FormValues = Record<string, string | string[] | undefined>;

export const CEILING_SIZES = 4;
export const SCALE_SIZES = 5;

const str = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim()).filter(Boolean);

/** "1 200,50" → 120050 cents; undefined when empty; NaN when unreadable. */
export function parseEuros(text: string): number | undefined {
  const clean = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (clean === "") return undefined;
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

function parseInteger(text: string): number | undefined {
  if (text === "") return undefined;
  return /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
}

export type ParsedForm =
  | { ok: true; definition: LocalAidDefinition; validFrom: string }
  | { ok: false; errors: Record<string, string> };

/** Reads the form's fields one by one, keeping one French message per refused field. */
class FieldReader {
  readonly errors: Record<string, string> = {};
  constructor(private readonly values: FormValues) {}

  text(name: string): string {
    return str(this.values[name]);
  }

  list(name: string): string[] {
    return list(this.values[name]);
  }

  /** A required text of at most `max` characters. */
  need(name: string, message: string, max: number): string {
    const v = this.text(name);
    if (v === "") this.errors[name] = message;
    else if (v.length > max) this.errors[name] = `${max} caractères au plus.`;
    return v;
  }

  euros(name: string, required: boolean): number | undefined {
    const cents = parseEuros(this.text(name));
    if (cents === undefined) {
      if (required) this.errors[name] = "Indiquez un montant en euros.";
      return undefined;
    }
    if (Number.isNaN(cents)) {
      this.errors[name] = "Un montant en euros, par exemple 1200 ou 1 200,50.";
      return undefined;
    }
    return cents;
  }

  integer(name: string, message: string): number | undefined {
    const n = parseInteger(this.text(name));
    if (Number.isNaN(n)) this.errors[name] = message;
    return Number.isNaN(n) ? undefined : n;
  }
}

/** Reads the form into a definition, checked by the same schema as the stored one. */
export function formToDefinition(values: FormValues, departementCode: string): ParsedForm {
  const form = new FieldReader(values);
  const name = form.need("nom", "Indiquez le nom de l'aide.", 120);
  const description = form.need(
    "description",
    "Expliquez l'aide en une ou deux phrases simples.",
    1000,
  );
  const giver = form.need("organisme", "Indiquez qui verse l'aide.", 160);
  const validFrom = form.text("date_effet");
  if (!isMonthKey(validFrom))
    form.errors.date_effet = "Le mois d'effet au format AAAA-MM, par exemple 2026-01.";
  const conditions = [
    ...residenceCondition(form, departementCode),
    ...resourcesCondition(form),
    ...childrenCondition(form),
    ...ageCondition(form),
    ...listConditions(form),
  ];
  const amount = readAmount(form);
  const apply = readApply(form);
  const source = readSource(form);

  const { errors } = form;
  if (Object.keys(errors).length > 0 || amount === undefined)
    return {
      ok: false,
      errors: Object.keys(errors).length > 0 ? errors : { montant_type: "Indiquez le montant." },
    };
  // Pure: the field checks above already gave each message; this is the stored definition's
  // own schema, whose refusal (rare) is the form's as a whole.
  const parsed = LocalAidDefinitionSchema.safeParse({
    name,
    description,
    giver,
    conditions,
    amount,
    apply,
    source,
    demo: form.text("demonstration") === "oui",
  });
  if (!parsed.success)
    return {
      ok: false,
      errors: { formulaire: parsed.error.issues[0]?.message ?? "Aide invalide." },
    };
  return { ok: true, definition: parsed.data, validFrom };
}

function residenceCondition(form: FieldReader, departementCode: string): Condition[] {
  const communes = form
    .text("communes")
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (communes.some((code) => !/^(\d{5}|2[AB]\d{3})$/.test(code)))
    form.errors.communes = "Des codes communes INSEE à 5 caractères, séparés par des virgules.";
  if (form.text("residence") !== "oui" && communes.length === 0) return [];
  return [
    {
      type: "residence",
      departement: departementCode,
      ...(communes.length > 0 ? { communes } : {}),
    },
  ];
}

/** The ceilings by size of household, in order from a person alone, never lower as it grows. */
function resourcesCondition(form: FieldReader): Condition[] {
  const ceilings: number[] = [];
  let gap = false;
  for (let size = 1; size <= CEILING_SIZES; size++) {
    const cents = form.euros(`plafond_${size}`, false);
    if (cents === undefined) gap = true;
    else if (gap)
      form.errors[`plafond_${size}`] =
        "Remplissez les plafonds dans l'ordre, depuis une personne seule.";
    else ceilings.push(cents);
  }
  if (ceilings.some((c, i) => i > 0 && c < (ceilings[i - 1] as number)))
    form.errors.plafond_2 = "Un plafond ne baisse pas quand le foyer grandit.";
  if (ceilings.length === 0) return [];
  return [{ type: "ressources", ceilings, perExtraPerson: form.euros("plafond_plus", false) ?? 0 }];
}

function childrenCondition(form: FieldReader): Condition[] {
  const childrenMin = form.integer("enfants_min", "Un nombre d'enfants, par exemple 1.");
  const childrenAge = form.integer("enfants_age", "Un âge en années, par exemple 18.");
  if (childrenMin === undefined || childrenMin <= 0) return [];
  if (childrenAge === undefined || childrenAge < 1 || childrenAge > 26)
    form.errors.enfants_age ??= "Indiquez l'âge limite des enfants (1 à 26 ans).";
  else if (childrenMin > 10) form.errors.enfants_min = "10 enfants au plus.";
  else return [{ type: "enfants", minimum: childrenMin, ageBelow: childrenAge }];
  return [];
}

function ageCondition(form: FieldReader): Condition[] {
  const ageMin = form.integer("age_min", "Un âge en années.");
  const ageMax = form.integer("age_max", "Un âge en années.");
  if (ageMin === undefined && ageMax === undefined) return [];
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax)
    form.errors.age_min = "L'âge minimum dépasse l'âge maximum.";
  else if ((ageMin ?? 0) > 120 || (ageMax ?? 0) > 120) form.errors.age_min = "120 ans au plus.";
  else
    return [
      {
        type: "age",
        ...(ageMin !== undefined ? { minimum: ageMin } : {}),
        ...(ageMax !== undefined ? { maximum: ageMax } : {}),
      },
    ];
  return [];
}

/** The housing situations and the national benefits: boxes ticked among known values only. */
function listConditions(form: FieldReader): Condition[] {
  const conditions: Condition[] = [];
  const statuses = form.list("logement");
  if (statuses.some((s) => !(s in HOUSING_LABELS)))
    form.errors.logement = "Une situation de la liste.";
  else if (statuses.length > 0)
    conditions.push({ type: "logement", statuses: statuses as HousingKey[] });
  const benefits = form.list("prestations");
  if (benefits.some((b) => !(BENEFITS as readonly string[]).includes(b)))
    form.errors.prestations = "Une prestation de la liste.";
  else if (benefits.length > 0)
    conditions.push({ type: "prestation", benefits: benefits as BenefitId[] });
  return conditions;
}

function readAmount(form: FieldReader): LocalAmount | undefined {
  const periodicity = form.text("periodicite") as LocalPeriodicity;
  const periodicityOk = ["mensuelle", "annuelle", "ponctuelle"].includes(periodicity);
  const checkPeriodicity = () => {
    if (!periodicityOk) form.errors.periodicite = "Choisissez : par mois, par an ou en une fois.";
  };
  switch (form.text("montant_type")) {
    case "fixe": {
      const cents = form.euros("montant", true);
      checkPeriodicity();
      return cents !== undefined && periodicityOk
        ? { kind: "fixe", cents, periodicity }
        : undefined;
    }
    case "bareme": {
      const bySize: number[] = [];
      for (let size = 1; size <= SCALE_SIZES; size++) {
        const cents = form.euros(`bareme_${size}`, size === 1);
        if (cents === undefined) break;
        bySize.push(cents);
      }
      checkPeriodicity();
      return bySize.length > 0 && periodicityOk
        ? { kind: "bareme", bySize, periodicity }
        : undefined;
    }
    case "non_chiffre": {
      const text = form.need("montant_texte", "Dites comment le montant est décidé.", 300);
      return text ? { kind: "non_chiffre", text } : undefined;
    }
    default:
      form.errors.montant_type = "Choisissez comment le montant est fixé.";
      return undefined;
  }
}

function readApply(form: FieldReader): LocalAidDefinition["apply"] {
  const text = form.need("demande_texte", "Dites où et comment faire la demande.", 300);
  const href = form.text("demande_lien");
  if (href !== "" && !/^(\/[^/]|https:\/\/)/.test(href))
    form.errors.demande_lien = "Une adresse qui commence par / ou https://.";
  const documents = form
    .text("documents")
    .split(/\r?\n/)
    .map((d) => d.trim())
    .filter(Boolean);
  if (documents.length > 12) form.errors.documents = "12 documents au plus, un par ligne.";
  if (documents.some((d) => d.length > 200))
    form.errors.documents = "200 caractères au plus par ligne.";
  return { text, ...(href ? { href } : {}), documents };
}

function readSource(form: FieldReader): LocalAidDefinition["source"] {
  const text = form.need(
    "source_texte",
    "Indiquez la délibération du conseil départemental (ou « exemple de démonstration »).",
    300,
  );
  const date = form.text("source_date");
  if (date !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(date))
    form.errors.source_date = "Une date au format AAAA-MM-JJ.";
  return { text, ...(date ? { date } : {}) };
}

const eurosText = (cents: number) => (cents / 100).toFixed(2).replace(".", ",").replace(",00", "");

/** The form's values for a stored definition (to change it into a new version). */
export function definitionToForm(definition: LocalAidDefinition, validFrom: string): FormValues {
  const values: FormValues = {
    nom: definition.name,
    description: definition.description,
    organisme: definition.giver,
    date_effet: validFrom,
    demande_texte: definition.apply.text,
    demande_lien: definition.apply.href ?? "",
    documents: definition.apply.documents.join("\n"),
    source_texte: definition.source.text,
    source_date: definition.source.date ?? "",
    demonstration: definition.demo ? "oui" : "",
    montant_type: definition.amount.kind,
  };
  for (const c of definition.conditions) {
    if (c.type === "residence") {
      values.residence = "oui";
      values.communes = (c.communes ?? []).join(", ");
    } else if (c.type === "ressources") {
      c.ceilings.forEach((cents, i) => {
        values[`plafond_${i + 1}`] = eurosText(cents);
      });
      values.plafond_plus = eurosText(c.perExtraPerson);
    } else if (c.type === "enfants") {
      values.enfants_min = String(c.minimum);
      values.enfants_age = String(c.ageBelow);
    } else if (c.type === "age") {
      values.age_min = c.minimum === undefined ? "" : String(c.minimum);
      values.age_max = c.maximum === undefined ? "" : String(c.maximum);
    } else if (c.type === "logement") values.logement = [...c.statuses];
    else if (c.type === "prestation") values.prestations = [...c.benefits];
  }
  const a = definition.amount;
  if (a.kind === "fixe") {
    values.montant = eurosText(a.cents);
    values.periodicite = a.periodicity;
  } else if (a.kind === "bareme") {
    a.bySize.forEach((cents, i) => {
      values[`bareme_${i + 1}`] = eurosText(cents);
    });
    values.periodicite = a.periodicity;
  } else values.montant_texte = a.text;
  return values;
}
