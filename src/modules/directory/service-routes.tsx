import { Hono } from "hono";
import { type AppEnv, pageContext, requestContext } from "../../platform/http/context.ts";
import { onlineBookingsForDirectory } from "../appointments/service.ts";
import { listStructureServices, requireService, requireStructure } from "./service.ts";
import { ServicePage, StructurePage } from "./service-views.tsx";

/** A service's page and a structure's page, public. */
export const serviceRoutes = new Hono<AppEnv>();

serviceRoutes.get("/trouver-de-l-aide/services/:id", async (c) => {
  const ctx = requestContext(c);
  const service = await requireService(ctx.db, c.req.param("id"));
  const bookings = await onlineBookingsForDirectory(ctx.db, [
    `service:${service.id}`,
    `structure:${service.structure_id}`,
  ]);
  const url = `${c.var.deps.config.publicUrl.replace(/\/$/, "")}/trouver-de-l-aide/services/${service.id}`;
  return c.html(
    <ServicePage
      page={pageContext(c)}
      actor={ctx.actor}
      service={service}
      bookings={bookings}
      url={url}
      now={ctx.now}
    />,
  );
});

serviceRoutes.get("/trouver-de-l-aide/structures/:id", async (c) => {
  const ctx = requestContext(c);
  const structure = await requireStructure(ctx.db, c.req.param("id"));
  const services = await listStructureServices(ctx.db, structure.id);
  const bookings = await onlineBookingsForDirectory(ctx.db, [`structure:${structure.id}`]);
  return c.html(
    <StructurePage
      page={pageContext(c)}
      structure={structure}
      services={services}
      bookings={bookings}
      now={ctx.now}
    />,
  );
});
