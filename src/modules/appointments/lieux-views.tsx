// The parts shared by the places' pages: their path, the form a place is
// typed into (hand entry and edit) and its commune select.

import { z } from "zod";
import type { AppContext } from "../../platform/http/context.ts";
import { SelectField, TextField } from "../../platform/ui/components.tsx";
import { listCommunes } from "../territory/service.ts";

export const LIEUX_PATH = "/pro/rendez-vous/configuration/lieux";
export type LieuErrors = Record<string, string>;

export const LieuForm = z.object({
  nom: z.string().trim().min(2, "Indiquez le nom du lieu.").max(200, "200 caractères au plus."),
  adresse: z
    .string()
    .trim()
    .min(5, "Indiquez l'adresse du lieu (numéro, rue, code postal).")
    .max(300, "300 caractères au plus."),
  commune: z.string().trim().optional(),
  telephone: z.string().trim().max(30, "30 caractères au plus.").optional(),
  delier: z.string().optional(),
});

export async function CommuneSelect(props: {
  c: AppContext;
  value?: string | null | undefined;
  error?: string | undefined;
}) {
  const communes = await listCommunes(props.c.var.db, props.c.var.deps.config.departementCode);
  return (
    <SelectField
      name="commune"
      label="Commune"
      value={props.value ?? ""}
      error={props.error}
      options={[
        { value: "", label: "Choisir une commune" },
        ...communes.map((commune) => ({ value: commune.inseeCode, label: commune.name })),
      ]}
    />
  );
}

/** A place's own fields: name, address, commune, phone (hand entry and edit). */
export function LieuFields(props: {
  c: AppContext;
  values: Record<string, string>;
  errors: LieuErrors;
  addressHint?: string;
}) {
  const { c, values, errors } = props;
  return (
    <>
      <TextField name="nom" label="Nom du lieu" required value={values.nom} error={errors.nom} />
      <TextField
        name="adresse"
        label="Adresse"
        hint={props.addressHint}
        required
        value={values.adresse}
        error={errors.adresse}
      />
      <CommuneSelect c={c} value={values.commune} error={errors.commune} />
      <TextField
        name="telephone"
        label="Téléphone (facultatif)"
        type="tel"
        width="medium"
        value={values.telephone}
        error={errors.telephone}
      />
    </>
  );
}
