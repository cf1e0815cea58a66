import { Hono } from "hono";
import { z } from "zod";
import { can, platformRules } from "../../platform/access/policy.ts";
import {
  type AppContext,
  type AppEnv,
  pageContext,
  requestContext,
  type ServiceContext,
} from "../../platform/http/context.ts";
import { formErrors, parseQuery } from "../../platform/http/forms.ts";
import { communeShapes, readTerritory } from "../territory/service.ts";
import { SEARCH_PATH, SearchPage, type SearchValues } from "./search-views.tsx";
import { type DirectorySearch, searchDirectory } from "./service.ts";

/** The public search page, « Trouver de l'aide ». */
export const searchRoutes = new Hono<AppEnv>();

/** A field of the search form as typed, cut to 200 characters; absent: "". */
const typed = z
  .string()
  .transform((value) => value.slice(0, 200))
  .default("");

/** A number as typed (« 2,5 » too); absent: undefined, not a number: NaN, which the search refuses in French. */
const typedNumber = typed.transform((value) =>
  value === "" ? undefined : Number(value.replace(",", ".")),
);

/**
 * The search form's query. Nothing is refused here: a place the search
 * cannot find or a radius out of bounds is the search's to say, beside its
 * field, with the form filled as typed.
 */
const SearchQuery = z
  .object({
    besoin: typed,
    theme: typed,
    lieu: typed,
    rayon: typed,
    public: typed,
    mobilisation: typed,
    par: typed,
    ouvert: typed,
    page: typed,
    lat: typedNumber,
    lon: typedNumber,
  })
  .transform(({ ouvert, page, lat, lon, ...values }) => ({
    values: values satisfies SearchValues,
    openNow: ouvert === "1",
    page: Math.max(1, Math.min(1000, Number.parseInt(page, 10) || 1)),
    position:
      lat !== undefined && lon !== undefined ? { latitude: lat, longitude: lon } : undefined,
    radiusKm: values.rayon === "" ? undefined : Number(values.rayon.replace(",", ".")),
  }));
type SearchForm = z.infer<typeof SearchQuery>;

searchRoutes.get(SEARCH_PATH, async (c) => {
  const ctx = requestContext(c);
  const departementCode = c.var.deps.config.departementCode;
  const professional = can(ctx.actor, platformRules.enterProSpace, undefined);
  const form = parseQuery(c, SearchQuery);
  let found: Found | undefined;
  let errors: Record<string, string> = {};
  // A visit without a query is the empty form; `?besoin=` is a search.
  if (Object.keys(c.req.query()).length > 0) {
    try {
      found = await searchOrNextOpenings(ctx, departementCode, form, professional);
    } catch (error) {
      const refused = formErrors(error);
      if (!refused) throw error;
      errors = refused;
    }
  }
  return c.html(
    <SearchPage
      page={pageContext(c)}
      actor={ctx.actor}
      values={form.values}
      openNow={form.openNow}
      position={form.position}
      professional={professional}
      errors={errors}
      result={found?.result}
      closedNow={found?.closedNow ?? false}
      now={ctx.now}
      shapes={communeShapes(departementCode)}
      communeNames={
        found?.result.hits.some((hit) => hit.latitude !== null)
          ? namesOfCommunes(departementCode)
          : undefined
      }
      pageLink={(page) => pageLink(c, page)}
    />,
    Object.keys(errors).length > 0 ? 400 : 200,
  );
});

type Found = { result: DirectorySearch; closedNow: boolean };

/**
 * The search as asked; when nothing is open now, the same search without
 * that filter (`closedNow`), to show the next openings.
 */
async function searchOrNextOpenings(
  ctx: Pick<ServiceContext, "db" | "now">,
  departementCode: string,
  form: SearchForm,
  professional: boolean,
): Promise<Found> {
  const { values } = form;
  const search = (openNow: boolean) =>
    searchDirectory(ctx, departementCode, {
      text: values.besoin,
      theme: values.theme || undefined,
      place: values.lieu,
      position: form.position,
      radiusKm: form.radiusKm,
      openNow,
      publics: professional && values.public ? [values.public] : undefined,
      modesMobilisation: professional && values.mobilisation ? [values.mobilisation] : undefined,
      mobilisablePar: professional && values.par ? [values.par] : undefined,
      page: form.page,
      pageSize: 10,
    });
  const result = await search(form.openNow);
  if (form.openNow && result.total === 0) {
    const anyTime = await search(false);
    if (anyTime.total > 0) return { result: anyTime, closedNow: true };
  }
  return { result, closedNow: false };
}

function pageLink(c: AppContext, page: number): string {
  const params = new URLSearchParams(c.req.query());
  params.set("page", String(page));
  return `${SEARCH_PATH}?${params}`;
}

/** Commune names by INSEE code, from the same official list as the map's shapes; read once. */
const communeNamesCache = new Map<string, ReadonlyMap<string, string>>();
function namesOfCommunes(departementCode: string): ReadonlyMap<string, string> {
  let names = communeNamesCache.get(departementCode);
  if (!names) {
    names = new Map(
      readTerritory(departementCode).communes.map((commune) => [commune.inseeCode, commune.name]),
    );
    communeNamesCache.set(departementCode, names);
  }
  return names;
}
