import { type SqlBool, sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { ServiceRecord, StructureRecord } from "./record-schema.ts";
import { normalize } from "./search-query.ts";
import { PUBLICS, THEMATIQUES, THEME_CATEGORIES, themeCategory } from "./vocabulary.ts";

/**
 * Writes data·inclusion records, keyed by (source, id): writing the same
 * record twice updates it, unless the stored one is more recent (its
 * `date_maj` after the incoming one's): an older file never replaces newer
 * data. Rows are written in chunks, one statement each.
 */

export type DirectoryRecords = { structures: StructureRecord[]; services: ServiceRecord[] };
export type SaveOptions = {
  isDemo?: boolean;
  now: Date;
  /** Organisations to link structures to, by structure (source, id) key. */
  organisationIds?: Map<string, string>;
};

const CHUNK = 500;

/** `keptNewer`: records not written because the stored one has a later date_maj. */
export type SaveResult = { structures: number; services: number; keptNewer: number };

export function recordKey(source: string, id: string): string {
  return `${source}\u0000${id}`;
}

/** The words search reads: name, structure, description, themes and publics in words. */
export function searchText(service: ServiceRecord, structureNom: string): string {
  const themes = (service.thematiques ?? []).flatMap((thematique) => [
    THEMATIQUES[thematique as keyof typeof THEMATIQUES] ?? "",
    THEME_CATEGORIES[themeCategory(thematique) as keyof typeof THEME_CATEGORIES] ?? "",
  ]);
  const publics = (service.publics ?? []).map((p) => PUBLICS[p as keyof typeof PUBLICS] ?? "");
  return normalize(
    [
      service.nom,
      structureNom,
      service.commune ?? "",
      ...new Set(themes),
      ...publics,
      service.description,
    ].join(" "),
  );
}

export async function saveRecords(
  tx: Tx,
  records: DirectoryRecords,
  options: SaveOptions,
): Promise<SaveResult> {
  const structures = await saveStructures(tx, records.structures, options);
  const structureIds = structures.ids;
  const missing = records.services
    .map((service) => recordKey(service.source, service.structure_id))
    .filter((key) => !structureIds.has(key));
  if (missing.length > 0) {
    for (const row of await existingStructures(tx, missing)) {
      structureIds.set(recordKey(row.source, row.source_id), { id: row.id, nom: row.nom });
    }
  }
  const services = await saveServices(tx, records.services, structureIds, options);
  return {
    structures: records.structures.length,
    services: records.services.length,
    keptNewer: structures.keptNewer + services.keptNewer,
  };
}

type StructureIds = Map<string, { id: string; nom: string }>;

/** Structures, by chunks; their ids by (source, id) key, for their services. */
async function saveStructures(
  tx: Tx,
  structures: StructureRecord[],
  options: SaveOptions,
): Promise<{ ids: StructureIds; keptNewer: number }> {
  let kept = 0;
  const structureIds: StructureIds = new Map();
  for (let i = 0; i < structures.length; i += CHUNK) {
    const rows = structures.slice(i, i + CHUNK).map((record) => ({
      source: record.source,
      source_id: record.id,
      organisation_id: options.organisationIds?.get(recordKey(record.source, record.id)) ?? null,
      nom: record.nom,
      description: record.description,
      siret: record.siret,
      telephone: record.telephone,
      courriel: record.courriel,
      site_web: record.site_web,
      lien_source: record.lien_source,
      accessibilite_lieu: record.accessibilite_lieu,
      horaires_accueil: record.horaires_accueil,
      reseaux_porteurs: record.reseaux_porteurs,
      date_maj: record.date_maj,
      is_demo: options.isDemo ?? false,
      checked_at: options.now,
      updated_at: options.now,
      commune: record.commune,
      code_postal: record.code_postal,
      code_insee: record.code_insee,
      adresse: record.adresse,
      complement_adresse: record.complement_adresse,
      latitude: record.latitude,
      longitude: record.longitude,
    }));
    const saved = await tx
      .insertInto("directory_structure")
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(["source", "source_id"])
          .doUpdateSet((eb) => ({
            nom: eb.ref("excluded.nom"),
            description: eb.ref("excluded.description"),
            siret: eb.ref("excluded.siret"),
            telephone: eb.ref("excluded.telephone"),
            courriel: eb.ref("excluded.courriel"),
            site_web: eb.ref("excluded.site_web"),
            lien_source: eb.ref("excluded.lien_source"),
            accessibilite_lieu: eb.ref("excluded.accessibilite_lieu"),
            horaires_accueil: eb.ref("excluded.horaires_accueil"),
            reseaux_porteurs: eb.ref("excluded.reseaux_porteurs"),
            date_maj: eb.ref("excluded.date_maj"),
            updated_at: eb.ref("excluded.updated_at"),
            commune: eb.ref("excluded.commune"),
            code_postal: eb.ref("excluded.code_postal"),
            code_insee: eb.ref("excluded.code_insee"),
            adresse: eb.ref("excluded.adresse"),
            complement_adresse: eb.ref("excluded.complement_adresse"),
            latitude: eb.ref("excluded.latitude"),
            longitude: eb.ref("excluded.longitude"),
          }))
          .where(sql<SqlBool>`excluded.date_maj >= directory_structure.date_maj`),
      )
      .returning(["id", "source", "source_id", "nom"])
      .execute();
    kept += rows.length - saved.length;
    for (const row of saved) {
      structureIds.set(recordKey(row.source, row.source_id), { id: row.id, nom: row.nom });
    }
  }
  return { ids: structureIds, keptNewer: kept };
}

/** Services, by chunks, each under its structure (`structureIds`: every one is there). */
async function saveServices(
  tx: Tx,
  services: ServiceRecord[],
  structureIds: StructureIds,
  options: SaveOptions,
): Promise<{ keptNewer: number }> {
  let kept = 0;
  for (let i = 0; i < services.length; i += CHUNK) {
    const rows = services.slice(i, i + CHUNK).map((record) => {
      const structure = structureIds.get(recordKey(record.source, record.structure_id));
      if (!structure) {
        throw new Error(
          `structure ${record.structure_id} introuvable pour le service ${record.id}`,
        );
      }
      return {
        source: record.source,
        source_id: record.id,
        structure_id: structure.id,
        nom: record.nom,
        description: record.description,
        type: record.type,
        thematiques: record.thematiques,
        frais: record.frais,
        frais_precisions: record.frais_precisions,
        publics: record.publics,
        publics_precisions: record.publics_precisions,
        conditions_acces: record.conditions_acces,
        telephone: record.telephone,
        courriel: record.courriel,
        contact_nom_prenom: record.contact_nom_prenom,
        modes_accueil: record.modes_accueil,
        zone_eligibilite: record.zone_eligibilite,
        lien_mobilisation: record.lien_mobilisation,
        modes_mobilisation: record.modes_mobilisation,
        mobilisable_par: record.mobilisable_par,
        mobilisation_precisions: record.mobilisation_precisions,
        volume_horaire_hebdomadaire: record.volume_horaire_hebdomadaire,
        nombre_semaines: record.nombre_semaines,
        horaires_accueil: record.horaires_accueil,
        lien_source: record.lien_source,
        date_maj: record.date_maj,
        is_demo: options.isDemo ?? false,
        checked_at: options.now,
        updated_at: options.now,
        commune: record.commune,
        code_postal: record.code_postal,
        code_insee: record.code_insee,
        adresse: record.adresse,
        complement_adresse: record.complement_adresse,
        latitude: record.latitude,
        longitude: record.longitude,
        search_text: searchText(record, structure.nom),
      };
    });
    await tx
      .insertInto("directory_service")
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(["source", "source_id"])
          .doUpdateSet((eb) => {
            const columns = Object.keys(rows[0] ?? {}).filter(
              (column) => !["source", "source_id", "is_demo", "checked_at"].includes(column),
            ) as (keyof (typeof rows)[number])[];
            return Object.fromEntries(
              columns.map((column) => [column, eb.ref(`excluded.${column}`)]),
            ) as never;
          })
          .where(sql<SqlBool>`excluded.date_maj >= directory_service.date_maj`),
      )
      .returning("id")
      .execute()
      .then((saved) => {
        kept += rows.length - saved.length;
      });
  }
  return { keptNewer: kept };
}

async function existingStructures(db: Db | Tx, keys: string[]) {
  const pairs = [...new Set(keys)].map((key) => key.split("\u0000") as [string, string]);
  const rows: { id: string; source: string; source_id: string; nom: string }[] = [];
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK);
    rows.push(
      ...(await db
        .selectFrom("directory_structure")
        .select(["id", "source", "source_id", "nom"])
        .where((eb) =>
          eb.or(
            chunk.map(([source, id]) =>
              eb.and([eb("source", "=", source), eb("source_id", "=", id)]),
            ),
          ),
        )
        .execute()),
    );
  }
  return rows;
}
