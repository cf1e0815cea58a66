import { Hono } from "hono";
import type { AppEnv } from "../../platform/http/context.ts";
import { organisationRoutes } from "./organisation-routes.tsx";
import { administrationAccountRoutes } from "./staff-account-routes.tsx";

/** The administration of organisations and accounts (issue 19), under /pro/administration. */
export const administrationRoutes = new Hono<AppEnv>();
administrationRoutes.route("/", administrationAccountRoutes);
administrationRoutes.route("/", organisationRoutes);
