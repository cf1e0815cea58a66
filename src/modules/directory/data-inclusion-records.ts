import type { Selectable } from "kysely";
import type { DirectoryTables } from "./tables.ts";

type StructureRow = Omit<Selectable<DirectoryTables["directory_structure"]>, "date_maj"> & {
  date_maj: string | Date;
};
type ServiceRow = Omit<Selectable<DirectoryTables["directory_service"]>, "date_maj"> & {
  date_maj: string | Date;
  structure_source_id?: string;
};

/** date columns come back as Date from pg and PGlite: write them as AAAA-MM-JJ. */
function isoDate(value: string | Date): string {
  if (typeof value === "string") return value.slice(0, 10);
  const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

const address = (row: StructureRow | ServiceRow) => ({
  commune: row.commune,
  code_postal: row.code_postal,
  code_insee: row.code_insee,
  adresse: row.adresse,
  complement_adresse: row.complement_adresse,
  longitude: row.longitude,
  latitude: row.latitude,
});

/** A structure row as a data·inclusion 1.0.8 record. */
export function toStructureRecord(row: StructureRow) {
  return {
    source: row.source,
    id: row.source_id,
    nom: row.nom,
    date_maj: isoDate(row.date_maj),
    description: row.description,
    siret: row.siret,
    telephone: row.telephone,
    courriel: row.courriel,
    site_web: row.site_web,
    lien_source: row.lien_source,
    accessibilite_lieu: row.accessibilite_lieu,
    horaires_accueil: row.horaires_accueil,
    reseaux_porteurs: row.reseaux_porteurs,
    ...address(row),
  };
}

/** A service row as a data·inclusion 1.0.8 record. */
export function toServiceRecord(row: ServiceRow) {
  return {
    source: row.source,
    structure_id: row.structure_source_id ?? "",
    id: row.source_id,
    nom: row.nom,
    description: row.description,
    date_maj: isoDate(row.date_maj),
    type: row.type,
    thematiques: row.thematiques,
    frais: row.frais,
    frais_precisions: row.frais_precisions,
    publics: row.publics,
    publics_precisions: row.publics_precisions,
    conditions_acces: row.conditions_acces,
    telephone: row.telephone,
    courriel: row.courriel,
    contact_nom_prenom: row.contact_nom_prenom,
    modes_accueil: row.modes_accueil,
    zone_eligibilite: row.zone_eligibilite,
    lien_mobilisation: row.lien_mobilisation,
    modes_mobilisation: row.modes_mobilisation,
    mobilisable_par: row.mobilisable_par,
    mobilisation_precisions: row.mobilisation_precisions,
    volume_horaire_hebdomadaire: row.volume_horaire_hebdomadaire,
    nombre_semaines: row.nombre_semaines,
    horaires_accueil: row.horaires_accueil,
    lien_source: row.lien_source,
    ...address(row),
  };
}
