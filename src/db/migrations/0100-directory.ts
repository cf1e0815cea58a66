import type { Kysely } from "kysely";
import { runStatements } from "../migration-helpers.ts";

const ADDRESS = `
  commune text,
  code_postal text CHECK (code_postal ~ '^[0-9]{5}$'),
  code_insee text CHECK (code_insee ~ '^[0-9][0-9AB][0-9]{3}$'),
  adresse text,
  complement_adresse text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180)`;

/** The orientation directory: data·inclusion structures and services. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE directory_structure (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       source text NOT NULL,
       source_id text NOT NULL,
       organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
       nom text NOT NULL CHECK (length(nom) BETWEEN 3 AND 150),
       description text,
       siret text CHECK (siret ~ '^[0-9]{14}$'),
       telephone text,
       courriel text,
       site_web text,
       lien_source text,
       accessibilite_lieu text,
       horaires_accueil text,
       reseaux_porteurs text[] NOT NULL DEFAULT '{}',
       date_maj date NOT NULL,
       is_demo boolean NOT NULL DEFAULT false,
       checked_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       ${ADDRESS},
       UNIQUE (source, source_id)
     )`,
    "CREATE INDEX directory_structure_organisation_idx ON directory_structure (organisation_id)",
    `CREATE TABLE directory_service (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       source text NOT NULL,
       source_id text NOT NULL,
       structure_id uuid NOT NULL REFERENCES directory_structure (id) ON DELETE CASCADE,
       nom text NOT NULL CHECK (length(nom) BETWEEN 3 AND 150),
       description text NOT NULL,
       type text,
       thematiques text[] NOT NULL DEFAULT '{}',
       frais text,
       frais_precisions text,
       publics text[] NOT NULL DEFAULT '{}',
       publics_precisions text,
       conditions_acces text,
       telephone text,
       courriel text,
       contact_nom_prenom text,
       modes_accueil text[] NOT NULL DEFAULT '{}',
       zone_eligibilite text[] NOT NULL DEFAULT '{}',
       lien_mobilisation text,
       modes_mobilisation text[] NOT NULL DEFAULT '{}',
       mobilisable_par text[] NOT NULL DEFAULT '{}',
       mobilisation_precisions text,
       volume_horaire_hebdomadaire double precision CHECK (volume_horaire_hebdomadaire >= 0),
       nombre_semaines integer CHECK (nombre_semaines >= 1),
       horaires_accueil text,
       lien_source text,
       date_maj date NOT NULL,
       is_demo boolean NOT NULL DEFAULT false,
       checked_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       ${ADDRESS},
       search_text text NOT NULL DEFAULT '',
       -- Stored, not virtual: PostgreSQL 15 has no virtual generated columns.
       search_vector tsvector GENERATED ALWAYS AS (to_tsvector('fr_unaccent'::regconfig, search_text)) STORED,
       UNIQUE (source, source_id)
     )`,
    "CREATE INDEX directory_service_structure_idx ON directory_service (structure_id)",
    "CREATE INDEX directory_service_search_idx ON directory_service USING gin (search_vector)",
    "CREATE INDEX directory_service_trgm_idx ON directory_service USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX directory_service_thematiques_idx ON directory_service USING gin (thematiques)",
    "CREATE INDEX directory_service_commune_idx ON directory_service (code_insee)",
    "CREATE INDEX directory_service_position_idx ON directory_service (latitude, longitude)",
  ]);
}
