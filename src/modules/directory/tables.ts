import type { ColumnType, Generated } from "kysely";

type DateOnly = ColumnType<string, string, string>;
/** Set by the application from its clock (one clock: no database default). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Columns shared by structures and services: data·inclusion's address block. */
type AddressColumns = {
  commune: string | null;
  code_postal: string | null;
  code_insee: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  latitude: number | null;
  longitude: number | null;
};

export interface DirectoryTables {
  directory_structure: AddressColumns & {
    id: Generated<string>;
    source: string;
    source_id: string;
    organisation_id: string | null;
    nom: string;
    description: string | null;
    siret: string | null;
    telephone: string | null;
    courriel: string | null;
    site_web: string | null;
    lien_source: string | null;
    accessibilite_lieu: string | null;
    horaires_accueil: string | null;
    reseaux_porteurs: string[] | null;
    date_maj: DateOnly;
    is_demo: Generated<boolean>;
    checked_at: Timestamp;
    updated_at: Timestamp;
  };
  directory_service: AddressColumns & {
    id: Generated<string>;
    source: string;
    source_id: string;
    structure_id: string;
    nom: string;
    description: string;
    type: string | null;
    thematiques: string[] | null;
    frais: string | null;
    frais_precisions: string | null;
    publics: string[] | null;
    publics_precisions: string | null;
    conditions_acces: string | null;
    telephone: string | null;
    courriel: string | null;
    contact_nom_prenom: string | null;
    modes_accueil: string[] | null;
    zone_eligibilite: string[] | null;
    lien_mobilisation: string | null;
    modes_mobilisation: string[] | null;
    mobilisable_par: string[] | null;
    mobilisation_precisions: string | null;
    volume_horaire_hebdomadaire: number | null;
    nombre_semaines: number | null;
    horaires_accueil: string | null;
    lien_source: string | null;
    date_maj: DateOnly;
    is_demo: Generated<boolean>;
    checked_at: Timestamp;
    updated_at: Timestamp;
    /** Unaccented, lower-case words that search reads (name, themes, structure). */
    search_text: string;
    search_vector: ColumnType<string, never, never>;
    /** Place and place-with-theme keys (migration 0101), generated from the row. */
    search_keys: ColumnType<string[], never, never>;
  };
  /** Communes of an EPCI or EPT, by SIREN (migration 0104), for eligibility zones. */
  directory_zone_member: {
    zone_code: string;
    zone_name: string;
    commune_code: string;
  };
  /** One number, changed by every committed write to the directory (migration 0102). */
  directory_generation: {
    id: ColumnType<boolean, never, never>;
    value: ColumnType<string, never, never>;
  };
}
