import { Hono } from "hono";
import { NotFound } from "../../platform/errors.ts";
import { type AppEnv, pageContext } from "../../platform/http/context.ts";
import { Layout } from "../../platform/ui/layout.tsx";
import { formatFigure } from "./secrecy.ts";
import { territoryDiagnostic } from "./territory-diagnostic.ts";

export const territoryRoutes = new Hono<AppEnv>();

territoryRoutes.get("/territoire/:code", async (c) => {
  const diagnostic = await territoryDiagnostic(
    c.var.db,
    c.req.param("code"),
    c.var.deps.config.departementCode,
  );
  if (!diagnostic) throw new NotFound("Cette commune n'est pas dans le département.");
  const title = `${diagnostic.communeName} : les chiffres de la commune`;
  const cell = (
    side: { period: string; figure: Parameters<typeof formatFigure>[0] } | null,
    unit: string,
  ) => (side ? `${formatFigure(side.figure, unit)} (${side.period})` : "—");
  return c.html(
    <Layout
      page={pageContext(c)}
      title={title}
      breadcrumb={[
        { label: "Les chiffres du plan", href: "/indicateurs" },
        { label: diagnostic.communeName },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        Chaque chiffre de la commune à côté de celui du département, le plus récent connu.
      </p>
      {diagnostic.rows.length === 0 ? (
        <p>Pas encore de chiffre pour cette commune.</p>
      ) : (
        <section
          class="table-wrapper"
          tabindex={0}
          aria-label={`Chiffres de ${diagnostic.communeName}`}
        >
          <table>
            <caption>{diagnostic.communeName} et le département</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">{diagnostic.communeName}</th>
                <th scope="col">Département</th>
              </tr>
            </thead>
            <tbody>
              {diagnostic.rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`/indicateurs/${row.code}`}>
                      {row.code} : {row.name}
                    </a>
                    {row.isDemo && " (démonstration)"}
                  </th>
                  <td>{cell(row.commune, row.unit)}</td>
                  <td>{cell(row.departement, row.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>,
  );
});
