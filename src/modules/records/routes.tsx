// The records module's routes, put together. Each area lives in its own
// file; the order of registration below is the order Hono tries handlers
// in: the personal-data checks first, and "/pro/dossiers/nouveau" before
// "/pro/dossiers/:id", which would otherwise take it.

import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { holdsPersonalData } from "../../platform/http/personal-data.ts";
import { caseloadRoutes } from "./routes-caseload.tsx";
import { renderRecord } from "./routes-helpers.tsx";
import { incomingOrientationRoutes } from "./routes-incoming.tsx";
import { recordListRoutes } from "./routes-list.tsx";
import { newPersonRoutes } from "./routes-new-person.tsx";
import { orientRoutes } from "./routes-orient.tsx";
import { recordActionRoutes } from "./routes-record.tsx";

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
