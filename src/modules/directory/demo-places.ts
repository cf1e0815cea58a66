import { ofName } from "../../platform/ui/french.ts";
import { ASSOCIATION_COMMUNES, DEMO_ASSOCIATIONS } from "./demo-associations.ts";
import { CCAS_OFFERS, type Offer, PUBLIC_BODIES, SST_OFFERS, WEEKDAYS } from "./demo-offers.ts";

/**
 * The places of the demo directory, in a fixed order (their index sets their
 * phone number and position): a CCAS per commune, the SSTs, the associations,
 * then the public bodies.
 */

export type DemoCommune = {
  inseeCode: string;
  name: string;
  postcodes: string[];
  latitude: number | null;
  longitude: number | null;
};

export type Place = {
  id: string;
  nom: string;
  organisation?: string;
  commune: DemoCommune;
  reseaux?: string[];
  horaires: string;
  offers: Offer[];
};

export function demoPlaces(communes: DemoCommune[], sstCommunes: Map<string, string>): Place[] {
  const byCode = new Map(communes.map((commune) => [commune.inseeCode, commune]));
  const at = (code: string) => byCode.get(code);
  const result: Place[] = [];
  for (const commune of communes) {
    // One name per place, with French elision: « CCAS d'Antony », « CCAS du
    // Plessis-Robinson », the same as the organisation and the booking pages.
    const name = ccasName(commune.name);
    result.push({
      id: `ccas-${commune.inseeCode}`,
      nom: name,
      organisation: name,
      commune,
      reseaux: ["ccas-cias"],
      horaires: WEEKDAYS,
      offers: CCAS_OFFERS,
    });
  }
  for (const [name, code] of sstCommunes) {
    const commune = at(code);
    if (commune) {
      result.push({
        id: `sst-${code}`,
        nom: name,
        organisation: name,
        commune,
        reseaux: ["departements"],
        horaires: WEEKDAYS,
        offers: SST_OFFERS,
      });
    }
  }
  DEMO_ASSOCIATIONS.forEach(([organisation, slug, short, options, offers], index) => {
    for (const code of ASSOCIATION_COMMUNES.filter((_, i) => (i + index) % 3 !== 2)) {
      const commune = at(code);
      if (!commune) continue;
      result.push({
        id: `${slug}-${code}`,
        nom: `${short} — ${commune.name}`,
        organisation,
        commune,
        horaires: options.horaires ?? WEEKDAYS,
        reseaux: options.reseaux ?? [],
        offers,
      });
    }
  });
  for (const [name, codes, organisation, offer, reseaux] of PUBLIC_BODIES) {
    for (const code of codes) {
      const commune = at(code);
      if (!commune) continue;
      result.push({
        id: `${normalizeId(name)}-${code}`,
        nom: `${name} — ${commune.name}`,
        ...(organisation ? { organisation } : {}),
        commune,
        reseaux,
        horaires: offer.horaires_accueil ?? WEEKDAYS,
        offers: [offer],
      });
    }
  }
  return result;
}

/** « CCAS d'Antony », « CCAS du Plessis-Robinson », « CCAS de Nanterre ». */
export function ccasName(communeName: string): string {
  return `CCAS ${ofName(communeName)}`;
}

function normalizeId(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
}
