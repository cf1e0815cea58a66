import type { Db } from "../../db/database.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { jobContext, type ServiceContext } from "../../platform/http/context.ts";
import type { JobHandler } from "../../platform/jobs/worker.ts";
import { appointmentFigures } from "../appointments/service.ts";
import {
  careLeaverFigures,
  caseloadFigures,
  orientationFigures,
  recordFigures,
} from "../records/service.ts";
import type { IndicatorDefinition } from "./demo-indicators.ts";
import type { IndicatorValueInput } from "./indicator-store.ts";
import { saveIndicatorValues } from "./indicator-store.ts";
import { type Month, monthsUpTo } from "./months.ts";
import type { TerritoryKind } from "./tables.ts";

/**
 * The indicators Relais computes from its own services, each day, for the
 * current Paris month (up to now) and the month before (complete): per
 * structure, per commune and for the département. Values are dated the first
 * day of their month and replace the previous computation (idempotent);
 * each keeps the number of persons it is computed from, so that statistical
 * secrecy applies when it is published (fewer than 11: « secret statistique »).
 */
export const STEERING_INDICATORS_JOB = "steering.compute_indicators";

const FAMILY = "Calculés par Relais";
const SOURCE = "Relais : rendez-vous et dossiers des structures qui l'utilisent";

function definition(
  code: string,
  name: string,
  unit: string,
  betterWhen: IndicatorDefinition["betterWhen"],
  text: { definition: string; method: string },
): IndicatorDefinition {
  return {
    code,
    family: FAMILY,
    name,
    definition: text.definition,
    unit,
    source: SOURCE,
    producer: "Relais",
    method: `${text.method} Recalculé chaque jour pour le mois en cours (jusqu'au jour du calcul) et le mois précédent, par structure, par commune et pour le département. Un chiffre calculé sur moins de 11 personnes n'est pas publié.`,
    geographicLevel: "commune",
    betterWhen,
    computedByRelais: true,
  };
}

export const COMPUTED_INDICATORS: IndicatorDefinition[] = [
  definition("RELAIS_RDV01", "Délai d'attente moyen avant un rendez-vous", "jours", "down", {
    definition:
      "Nombre moyen de jours entre la prise d'un rendez-vous individuel et le rendez-vous, pour les rendez-vous du mois.",
    method:
      "Moyenne, sur les rendez-vous individuels qui commencent dans le mois (annulés exclus), de la durée entre leur création et leur début. Commune : celle du lieu du rendez-vous (les rendez-vous par téléphone ou à domicile comptent pour la structure seulement).",
  }),
  definition("RELAIS_RDV02", "Rendez-vous non honorés", "%", "down", {
    definition:
      "Part des rendez-vous du mois où la personne n'est pas venue, parmi ceux qui ont eu lieu ou auraient dû avoir lieu.",
    method:
      "Absences divisées par (venus + absences), sur les rendez-vous individuels du mois dont l'agent a noté l'issue.",
  }),
  definition("RELAIS_OR01", "Orientations proposées", "orientations", "neutral", {
    definition:
      "Nombre d'orientations vers une autre structure proposées dans le mois, par la structure qui oriente.",
    method:
      "Compte des orientations créées dans le mois. Commune : celle de la structure qui oriente.",
  }),
  definition("RELAIS_OR02", "Orientations acceptées", "%", "up", {
    definition:
      "Part des orientations proposées dans le mois que la structure qui reçoit a acceptées (à la date du calcul).",
    method: "Orientations du mois acceptées, divisées par les orientations du mois.",
  }),
  definition("RELAIS_DO01", "Dossiers ouverts", "dossiers", "neutral", {
    definition: "Nombre de dossiers (parcours d'accompagnement) ouverts dans le mois.",
    method:
      "Compte des parcours ouverts dans le mois, par la structure du référent. Commune : celle de cette structure.",
  }),
  definition("RELAIS_DO02", "Dossiers clos", "dossiers", "neutral", {
    definition: "Nombre de dossiers (parcours d'accompagnement) clos dans le mois.",
    method: "Compte des parcours clos dans le mois, par la structure du référent.",
  }),
  definition("RELAIS_CH01", "Parcours suivis par travailleur social", "parcours", "down", {
    definition:
      "Nombre moyen de parcours ouverts suivis par un référent, à la fin du mois (ou au jour du calcul pour le mois en cours).",
    method:
      "Parcours ouverts ayant un référent, divisés par le nombre de référents distincts qui les suivent, à l'instant de fin de la période.",
  }),
  definition("RELAIS_ASE01", "Jeunes de l'ASE qui ont un projet à leurs 18 ans", "%", "up", {
    definition:
      "Parmi les jeunes accompagnés par l'aide sociale à l'enfance qui ont eu 18 ans dans le mois, part de ceux qui avaient un projet pour après (un objectif « après 18 ans » de leur plan d'accompagnement) avant leur anniversaire : le contraire d'une « sortie sèche ».",
    method:
      "Jeunes suivis dans Relais, marqués « accompagné par l'ASE », dont les 18 ans tombent dans le mois (date de Paris) ; ceux dont le plan avait, avant ce jour, un objectif « après 18 ans » non abandonné, divisés par tous. Par la structure du référent ; un jeune suivi par deux structures compte pour chacune, une fois pour le département.",
  }),
];

export const COMPUTED_CODES = COMPUTED_INDICATORS.map((indicator) => indicator.code);

type Grouping = "organisation" | "commune" | "all";
const GROUPINGS: readonly Grouping[] = ["organisation", "commune", "all"];

const round1 = (value: number) => Math.round(value * 10) / 10;
const percent = (part: number, whole: number) => round1((part / whole) * 100);

/** The values of every computed indicator for one month, up to `until`. */
async function monthValues(
  db: Db,
  month: Month,
  until: Date,
  departementCode: string,
  comment: string,
): Promise<Map<string, IndicatorValueInput[]>> {
  const window = { from: month.from, to: until < month.to ? until : month.to };
  const values = new Map<string, IndicatorValueInput[]>(COMPUTED_CODES.map((code) => [code, []]));
  const push = (code: string, by: Grouping, key: string, value: number, persons: number) => {
    const territory: { kind: TerritoryKind; code: string } =
      by === "organisation"
        ? { kind: "structure", code: key }
        : by === "commune"
          ? { kind: "commune", code: key }
          : { kind: "departement", code: departementCode };
    values.get(code)?.push({
      territoryKind: territory.kind,
      territoryCode: territory.code,
      period: month.period,
      value,
      persons,
      comment,
    });
  };
  for (const by of GROUPINGS) {
    const [appointments, records, orientations, caseload, careLeavers] = await Promise.all([
      appointmentFigures(db, { ...window, by }),
      recordFigures(db, { ...window, by }),
      orientationFigures(db, { ...window, by }),
      caseloadFigures(db, { at: window.to, by }),
      careLeaverFigures(db, { ...window, by }),
    ]);
    for (const row of appointments) {
      if (row.meanWaitDays !== null)
        push("RELAIS_RDV01", by, row.key, round1(row.meanWaitDays), row.persons);
      const attended = row.seen + row.noShow;
      if (attended > 0)
        push("RELAIS_RDV02", by, row.key, percent(row.noShow, attended), row.attendedPersons);
    }
    for (const row of orientations) {
      push("RELAIS_OR01", by, row.key, row.made, row.persons);
      push("RELAIS_OR02", by, row.key, percent(row.accepted, row.made), row.persons);
    }
    for (const row of records) {
      if (row.opened > 0) push("RELAIS_DO01", by, row.key, row.opened, row.openedPersons);
      if (row.closed > 0) push("RELAIS_DO02", by, row.key, row.closed, row.closedPersons);
    }
    for (const row of careLeavers) {
      if (row.turned18 > 0)
        push("RELAIS_ASE01", by, row.key, percent(row.withProject, row.turned18), row.turned18);
    }
    for (const row of caseload) {
      if (row.workers > 0)
        push("RELAIS_CH01", by, row.key, round1(row.parcours / row.workers), row.parcours);
    }
  }
  return values;
}

/**
 * Recomputes the indicators for the current month and the one before, and
 * replaces their stored values in one transaction (a figure that vanished,
 * such as a structure with no appointment left, is removed).
 */
export async function computeRelaisIndicators(
  { db, now }: Pick<ServiceContext, "db" | "now">,
  departementCode: string,
): Promise<{ values: number; periods: string[] }> {
  const months = monthsUpTo(now, 2);
  const day = now.toISOString().slice(0, 10);
  const computed = await Promise.all(
    months.map((month) =>
      monthValues(
        db,
        month,
        now,
        departementCode,
        month.to <= now
          ? `Calculé par Relais le ${day}, sur le mois complet.`
          : `Calculé par Relais le ${day}, mois en cours.`,
      ),
    ),
  );
  const periods = months.map((month) => month.period);
  let count = 0;
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("steering_indicator_value")
      .where("indicator_code", "in", COMPUTED_CODES)
      .where("period", "in", periods)
      .execute();
    for (const values of computed) {
      for (const [code, list] of values) {
        await saveIndicatorValues(tx, code, list, now);
        count += list.length;
      }
    }
    await recordAudit(tx, {
      actor: { userId: null, organisationId: null },
      action: "steering.indicators.compute",
      subjectType: "steering_indicator",
      details: { periods, values: count },
      at: now,
    });
  });
  return { values: count, periods };
}

/** The daily job (src/jobs.ts): recomputes with the worker's clock. */
export function relaisIndicatorsHandler(departementCode: string): JobHandler {
  return async (_payload, { db, now }) => {
    await computeRelaisIndicators(jobContext(db, now), departementCode);
  };
}
