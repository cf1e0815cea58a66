// The records module's routes, put together. Each area lives in its own
// file; the order of registration below is the order Hono tries handlers
// in: the personal-data checks first, and "/pro/dossiers/nouveau" before
// "/pro/dossiers/:id", which would otherwise take it.

import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { caseloadRoutes } from "./caseload-routes.tsx";
import { incomingOrientationRoutes } from "./incoming-routes.tsx";
import { recordListRoutes } from "./list-routes.tsx";
import { newPersonRoutes } from "./new-person-routes.tsx";
import { orientRoutes } from "./orient-routes.tsx";
import { renderRecord } from "./record-rendering.tsx";
import { recordActionRoutes } from "./record-routes.tsx";

export const recordsRoutes = new Hono<AppEnv>();
recordsRoutes.use("/pro/dossiers", holdsPersonalData);
recordsRoutes.use("/pro/dossiers/*", holdsPersonalData);
recordsRoutes.use("/pro/orientations", holdsPersonalData);
recordsRoutes.use("/pro/orientations/*", holdsPersonalData);
recordsRoutes.use("/pro/suivi-structure", holdsPersonalData);

recordsRoutes.route("/", recordListRoutes);
recordsRoutes.route("/", newPersonRoutes);
recordsRoutes.route("/", recordActionRoutes);
recordsRoutes.route("/", orientRoutes);

recordsRoutes.get("/pro/dossiers/:id", (c) => renderRecord(c, c.req.param("id")));

recordsRoutes.route("/", incomingOrientationRoutes);
recordsRoutes.route("/", caseloadRoutes);
