import { raw } from "hono/html";
import { LICENCE } from "./licence.ts";

export type DatasetDescription = {
  name: string;
  description: string;
  /** The page that shows the data. */
  url: string;
  distributions: { url: string; format: "application/json" | "text/csv" }[];
  publisher: string;
};

/**
 * schema.org Dataset metadata (JSON-LD), so that data.gouv.fr or any
 * harvester can list the plan and each indicator as an open dataset. A data
 * block: the browser never runs it.
 */
export function DatasetJsonLd({ dataset }: { dataset: DatasetDescription }) {
  const json = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "Dataset",
    name: dataset.name,
    description: dataset.description,
    url: dataset.url,
    license: LICENCE.url,
    isAccessibleForFree: true,
    inLanguage: "fr",
    creator: { "@type": "Organization", name: dataset.publisher },
    distribution: dataset.distributions.map((distribution) => ({
      "@type": "DataDownload",
      encodingFormat: distribution.format,
      contentUrl: distribution.url,
    })),
  }).replace(/</g, "\\u003c");
  return raw(`<script type="application/ld+json">${json}</script>`);
}
